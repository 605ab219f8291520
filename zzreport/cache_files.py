"""The on-disk caches' shared ground: where they live, how entries are keyed and written.

Caches hold what is costly to recompute and cheap to check: font metrics,
reportlab's reading of fonts, figure layouts, file digests (kept here, used
by the manifest and the bundled fonts' metrics). An entry about a file is
keyed by :func:`file_key`, so a changed file is read afresh, and is stored
only once the file has settled. Entries are written atomically, and a cache
that cannot be written (a read-only home) is skipped, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path


def cache_root() -> Path:
    """``$ZZREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zzreport``, else ``~/.cache/zzreport``."""
    explicit = os.environ.get("ZZREPORT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "zzreport"


def file_key(path: Path, *extra: object) -> str:
    """A name for an entry about ``path`` (plus ``extra``) that changes when the file does.

    Besides size and modification time it takes the inode and the change
    time, which no copy tool can set back (``cp -p`` and ``touch -r`` restore
    only the modification time).
    """
    return _key(path, path.stat(), extra)


def _key(path: Path, stat: os.stat_result, extra: tuple[object, ...]) -> str:
    parts = (path.resolve(), *extra, stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]


#: Seconds a file must have been left alone before an entry about it is stored: on file systems
#: with coarse timestamps, a file changed twice within one tick would otherwise keep its first key.
SETTLE_SECONDS = 2.0


def write_entry_about(source: Path, target: Path, data: bytes) -> None:
    """Write ``target``, an entry about the file ``source``, unless ``source`` changed a moment ago."""
    try:
        stat = source.stat()
    except OSError:
        return
    if time.time() - max(stat.st_mtime, stat.st_ctime) > SETTLE_SECONDS:
        write_entry(target, data)


def write_entry(target: Path, data: bytes) -> None:
    """Write ``target`` atomically (temporary file + rename); any failure leaves no trace."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=target.name[:16], suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError:
        return


_DIGESTS: dict[str, str] = {}
#: Files at least this large keep their digest on disk too (the bundled fonts: 37 MiB, ~40 ms to hash).
_DISK_DIGEST_BYTES = 1 << 20


def file_sha256(path: Path) -> str:
    """sha256 of a file, cached by :func:`file_key`: in the process, and on disk for large files."""
    stat = path.stat()
    key = _key(path, stat, ())
    digest = _DIGESTS.get(key)
    if digest is None:
        digest = _DIGESTS[key] = _stored_digest(path, key) if stat.st_size >= _DISK_DIGEST_BYTES else _digest(path)
    return digest


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _stored_digest(path: Path, key: str) -> str:
    """The digest from the on-disk cache, computed and stored when missing."""
    entry = cache_root() / "file-digests" / key
    try:
        stored = entry.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        stored = ""
    if len(stored) == 64 and all(c in "0123456789abcdef" for c in stored):
        return stored
    digest = _digest(path)
    write_entry_about(path, entry, digest.encode("ascii"))
    return digest
