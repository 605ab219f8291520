"""Telling regular files from the special files that may stand where a file is expected.

Every file a spec names (and the spec itself) is checked before it is opened:
reading a FIFO blocks for ever, a device never ends, and a symlink loop
raises where nobody expects it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` is not a regular file one can read to its end, or ``None``.

    Checked before anything is opened: reading a FIFO blocks for ever and a
    device never ends, so neither may stand where a file is expected.
    """
    try:
        mode = os.stat(path).st_mode
    except RuntimeError:
        return "is a symlink loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symlink loop"
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    return "is not a regular file"
