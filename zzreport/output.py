"""Writing outputs safely: atomic replacement, checked folders.

A scheduled build that fails halfway must leave yesterday's report exactly
as it was: every output is rendered in memory first, then written to a
temporary file in the same folder and renamed over the old one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zzreport.errors import Location, SpecError, display_path


def prepare_folder(folder: Path) -> Path:
    """Create ``folder`` if its parent exists; refuse files and unwritable places."""
    name = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise SpecError.single(Location(name), "the output folder is a file")
    if not folder.exists():
        parent = folder.parent
        if not parent.is_dir():
            raise SpecError.single(
                Location(name), f"cannot create the output folder: its parent `{display_path(parent)}` does not exist"
            )
        try:
            folder.mkdir()
        except OSError as exc:
            raise SpecError.single(Location(name), f"cannot create the output folder: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SpecError.single(Location(name), "the output folder is not writable")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file stays as it was."""
    if path.exists() and path.is_dir():
        raise SpecError.single(Location(display_path(path)), "the output path is a folder")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SpecError.single(Location(display_path(path)), f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise SpecError.single(Location(display_path(path)), f"cannot write: {exc.strerror}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
