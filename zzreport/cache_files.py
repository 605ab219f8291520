"""The on-disk caches' shared ground: where they live, how entries are keyed and written.

Caches hold what is costly to recompute and cheap to check: font metrics,
reportlab's reading of fonts, figure layouts. Every entry is named by a
content hash of all it was made from: the bytes of the files it describes
(:func:`file_sha256`, never their size, time or inode, which a copy tool can
set back), plus :func:`code_fingerprint` (the zzreport version, a digest of
zzreport's own code, the reportlab, python-pptx and Python versions). So a
warm cache can only serve what a cold build would compute, and the cache
folder holds only entries a cold build would write: nothing piles up from
run to run. Entries are written atomically, and a cache that cannot be
written (a read-only home) is skipped, never an error. ``ZZREPORT_CACHE=off``
turns every disk cache off (:func:`disk_caching`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections import OrderedDict
from functools import cache
from importlib import metadata
from pathlib import Path

from zzreport.session import caching_enabled
from zzreport.stages import cache_lookup
from zzreport.version import __version__


def cache_root() -> Path:
    """``$ZZREPORT_CACHE_DIR``, else ``$XDG_CACHE_HOME/zzreport``, else ``~/.cache/zzreport``."""
    explicit = os.environ.get("ZZREPORT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "zzreport"


def disk_caching() -> bool:
    """Whether disk caches are read and written (``ZZREPORT_CACHE=off`` turns them off)."""
    return caching_enabled()


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


@cache
def code_fingerprint() -> str:
    """What every disk entry depends on besides its own inputs; computed once per process.

    The zzreport version, a sha256 over every ``.py`` file of the installed
    package (about 1 MiB: ~3 ms), and the reportlab, python-pptx, rjieba (whose
    dictionary decides label breaks) and Python versions: a changed line of
    zzreport, an upgrade of one of those libraries or another Python never
    reads an entry written by the other.
    """
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):  # a zipped install: the versions alone
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    for part in (
        _version("reportlab"),
        _version("python-pptx"),
        _version("rjieba"),
        f"{sys.version_info[0]}.{sys.version_info[1]}",
    ):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def content_key(*parts: object) -> str:
    """A name for an entry made from ``parts`` (content digests and settings) by this code."""
    text = "|".join(str(part) for part in (code_fingerprint(), *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def file_key(path: Path, *extra: object) -> str:
    """A name for an entry about ``path`` (plus ``extra``): it changes exactly when the file's bytes do."""
    return content_key(file_sha256(path), *extra)


def write_entry(target: Path, data: bytes) -> None:
    """Write ``target`` atomically (temporary file + rename); any failure leaves no trace."""
    if not disk_caching():
        return
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


def read_entry(target: Path) -> bytes | None:
    """The entry's bytes, or None (missing, unreadable, or caches off)."""
    if not disk_caching():
        return None
    try:
        data = target.read_bytes()
    except OSError:
        data = None
    cache_lookup(_kind(target), data is not None)
    return data


def _kind(target: Path) -> str:
    """The cache an entry belongs to: its first folder under :func:`cache_root`."""
    try:
        return target.relative_to(cache_root()).parts[0]
    except (ValueError, IndexError):
        return target.parent.name


#: Digests hashed by this process, by the file's (path, size, mtime, inode, ctime). Not a cache of
#: text and not on disk: it only saves hashing one file twice in one process (the bundled fonts,
#: 37 MiB, take ~40 ms), and the change time, which no tool sets back, makes a file replaced in
#: place hash afresh. Bounded by :data:`_MAX_DIGESTS` files.
_DIGESTS: OrderedDict[tuple[object, ...], str] = OrderedDict()
_MAX_DIGESTS = 256


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes (hashed at most once per process while the file stays as it is)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    digest = _DIGESTS.get(key) if caching_enabled() else None
    if digest is None:
        digest = content_sha256(path)
        _DIGESTS[key] = digest
        if len(_DIGESTS) > _MAX_DIGESTS:
            _DIGESTS.popitem(last=False)
    return digest


def content_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read now (no memo: for a caller that cannot trust the file's times)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
