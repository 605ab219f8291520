"""Writing outputs safely: a build's files are replaced all together or not at all.

A scheduled build that fails halfway must leave yesterday's report exactly
as it was, and a manifest that tells the truth about it. Replacing the
files one by one is not enough: a full disk or a failed rename on the
second file would leave a new PDF beside an old deck and an old manifest.
So :func:`replace_together` works in three phases, all in the output folder
(a rename is only atomic within one file system):

1. every file is written to a temporary and synced; if any of them fails,
   the temporaries are removed and no old file has been touched;
2. each existing target is kept as a backup (a hard link, so the target is
   never missing for a reader), then the temporaries are renamed over their
   targets in order, the manifest last;
3. if a rename fails, the files already replaced get their backups back, so
   the set on disk is entirely old or entirely new; the backups go at the end.

Temporaries and backups are named ``.zzreport-<digest>-<random>.tmp`` and
``.old``, where the digest is that of the target's name: a fixed length (a
long output name still fits the file system's limit) and a pattern no user
file has, so a later build can remove what a killed one left of *its own*
outputs without touching anything else.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zzreport.errors import Location, Problem, SpecError, display_path

_TAG = ".zzreport-"
_RANDOM_HEX = 12


class PartialWriteError(SpecError):
    """Writing failed and restoring the old files failed too: the folder holds a mix (the message says which)."""


def prepare_folder(folder: Path) -> Path:
    """Create ``folder`` if its parent exists; refuse files and unwritable places.

    Several builds may prepare one folder at once (the workers of ``-j``):
    one that another made between the look and the ``mkdir`` is the folder
    wanted, not an error.
    """
    name = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise SpecError.single(Location(name), "the output folder is a file")
    if not folder.is_dir():
        parent = folder.parent
        if not parent.is_dir():
            raise SpecError.single(
                Location(name), f"cannot create the output folder: its parent `{display_path(parent)}` does not exist"
            )
        try:
            folder.mkdir(exist_ok=True)
        except FileExistsError:
            raise SpecError.single(Location(name), "the output folder is a file") from None
        except OSError as exc:
            raise SpecError.single(Location(name), f"cannot create the output folder: {exc.strerror}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SpecError.single(Location(name), "the output folder is not writable")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any failure the old file stays as it was."""
    replace_together([(path, data)])


def _digest(name: str) -> str:
    return hashlib.sha256(os.fsencode(name)).hexdigest()[:16]


def own_temporary(name: str, entry: str) -> bool:
    """Whether the file ``entry`` is a temporary or backup this module made for an output called ``name``.

    Also matches the ``.<name>.XXXXXXXX.tmp`` temporaries of zzreport
    versions before this naming, which a killed build may have left.
    """
    new = rf"{re.escape(_TAG + _digest(name))}-[0-9a-f]{{{_RANDOM_HEX}}}\.(?:tmp|old)"
    old = rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp"
    return re.fullmatch(new, entry) is not None or re.fullmatch(old, entry) is not None


def _starts(name: str) -> tuple[str, str]:
    """How every name :func:`own_temporary` matches for an output called ``name`` begins."""
    return f"{_TAG}{_digest(name)}-", f".{name}."


def remove_stale_temporaries(targets: Iterable[Path]) -> list[Path]:
    """Remove what an interrupted build left of these outputs (never other files); returns what went.

    A file is passed over by the start of its name before its name is
    matched: a batch writes hundreds of reports into one folder, each
    sweeping it first, and matching each of their files against every
    output's patterns made the sweeps grow with the square of the batch.
    """
    by_folder: dict[Path, list[str]] = {}
    for target in targets:
        by_folder.setdefault(target.parent, []).append(target.name)
    removed = []
    for folder, names in by_folder.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # the folder is checked, with a located message, when the files are written
        starts = tuple(start for name in names for start in _starts(name))
        for entry in entries:
            if not entry.name.startswith(starts) or not any(own_temporary(name, entry.name) for name in names):
                continue
            with contextlib.suppress(OSError):
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


@dataclass
class _Staged:
    """One target on its way: its temporary, and the backup of the file it replaces."""

    target: Path
    temp: Path | None = None
    backup: Path | None = None  # the old file's bytes, under another name
    backup_linked: bool = False  # the backup is a second name of the old file, which is still in place
    replaced: bool = False
    keep_backup: bool = False  # restoring failed: the backup is all that is left of the old file


def _fresh_name(target: Path, suffix: str) -> Path:
    return target.with_name(f"{_TAG}{_digest(target.name)}-{secrets.token_hex(_RANDOM_HEX // 2)}{suffix}")


def _write_temporary(target: Path, data: bytes) -> Path:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = _fresh_name(target, ".tmp")
        try:
            fd = os.open(temp, flags, 0o644)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # whatever the umask: outputs are meant to be read by others (a web server, CI)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _link_backup(staged: _Staged) -> None:
    """Give the old file a second name, so a failed set can be rolled back; the target stays in place."""
    if not os.path.lexists(staged.target):
        return
    while True:
        backup = _fresh_name(staged.target, ".old")
        try:
            os.link(staged.target, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):
            return  # no hard links here (FAT, some network shares): the old file is moved aside when replaced
        staged.backup, staged.backup_linked = backup, True
        return


def _commit(staged: _Staged) -> None:
    assert staged.temp is not None
    if staged.backup is None and os.path.lexists(staged.target):
        backup = _fresh_name(staged.target, ".old")
        os.replace(staged.target, backup)
        staged.backup = backup
    os.replace(staged.temp, staged.target)
    staged.temp, staged.replaced = None, True


def _roll_back(staged: list[_Staged]) -> list[str]:
    """Put the old files back where they were replaced or moved aside; returns what could not be restored."""
    failures = []
    for item in reversed(staged):
        moved_aside = item.backup is not None and not item.backup_linked
        if not (item.replaced or moved_aside):
            continue
        try:
            if item.backup is not None:
                os.replace(item.backup, item.target)
                item.backup = None
            else:
                item.target.unlink()  # there was no old file: the new one goes
            item.replaced = False
        except OSError as exc:
            item.keep_backup = item.backup is not None
            kept = f", the old file is kept as {item.backup.name}" if item.backup else ""
            failures.append(f"{display_path(item.target)} could not be restored ({exc.strerror or exc}{kept})")
    return failures


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames themselves durable (POSIX); a folder that cannot be synced is no error."""
    if os.name != "posix":
        return
    for folder in folders:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def replace_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Replace every ``(path, data)`` in order (put the manifest last): all of them, or none.

    Raises :class:`SpecError` naming the file that failed, with every old
    file as it was and no temporary left behind; or, when even restoring
    failed, :class:`PartialWriteError` saying what is where.
    """
    targets = [path for path, _ in files]
    for path in targets:
        if path.is_dir() and not path.is_symlink():
            raise SpecError.single(Location(display_path(path)), "the output path is a folder")
    remove_stale_temporaries(targets)
    staged = [_Staged(path) for path in targets]
    current = targets[0] if targets else Path()
    try:
        for item, (path, data) in zip(staged, files, strict=True):
            current = path
            item.temp = _write_temporary(path, data)
        for item in staged:
            _link_backup(item)
        for item in staged:
            current = item.target
            _commit(item)
    except BaseException as exc:  # a full disk, a failed rename, Ctrl-C: the old set comes back
        failures = _roll_back(staged)
        if not isinstance(exc, OSError):
            raise
        message = f"cannot write: {exc.strerror or exc}"
        if failures:
            message += "; then " + "; ".join(failures)
            raise PartialWriteError([Problem(Location(display_path(current)), message)]) from None
        raise SpecError.single(Location(display_path(current)), message) from None
    finally:
        for item in staged:
            if item.temp is not None:
                with contextlib.suppress(OSError):
                    item.temp.unlink(missing_ok=True)
            if item.backup is not None and not item.keep_backup:
                with contextlib.suppress(OSError):
                    item.backup.unlink()
    _sync_folders({path.parent for path in targets})
