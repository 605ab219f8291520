"""Per-face data (names, weight, which characters a face has and their advances) without parsing the font.

Reading the name, cmap and hmtx tables of a 10 MiB CJK face with fontTools
costs about 40 ms per face on every run; the stored data loads in a millisecond.
They come from two places:

* the bundled faces ship a sidecar ``<font file>.metrics`` holding the
  font's sha256 and its data (written by ``fonts/build_fonts.py``); it is
  used only when the font's digest matches, so even a first run on a new
  machine reads no font table;
* any other face is read once and kept in the on-disk cache, keyed by the
  sha256 of the font's bytes and zzreport's code
  (:func:`zzreport.cache_files.file_key`), so a changed font is read afresh,
  even one of the same size and modification time.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from pathlib import Path
from typing import NamedTuple

from zzreport.cache_files import cache_root, file_key, file_sha256, read_entry, write_entry

FORMAT = b"ZZFM2"
#: A sidecar starts with this, then the font's raw sha256, then a :data:`FORMAT` payload.
SHIPPED_FORMAT = b"ZZFS2"


class FaceData(NamedTuple):
    """What zzreport needs of a face besides its outlines."""

    units_per_em: int
    #: {code point: advance in font units}
    advances: dict[int, int]
    family: str
    postscript_name: str
    weight: int


def metrics_cache_dir() -> Path:
    """``font-metrics`` in the cache root (see :func:`zzreport.cache_files.cache_root`)."""
    return cache_root() / "font-metrics"


def _entry(path: Path, index: int) -> Path:
    return metrics_cache_dir() / (file_key(path, index, FORMAT.decode()) + ".bin")


def _little_endian(values: array) -> array:
    """``values`` in little-endian order (how entries and sidecars store them), whatever the machine's."""
    if sys.byteorder == "big":
        values.byteswap()
    return values


def encode(data: FaceData) -> bytes:
    codes = _little_endian(array("I", data.advances.keys()))
    widths = _little_endian(array("I", data.advances.values()))
    names = json.dumps([data.family, data.postscript_name], ensure_ascii=False).encode("utf-8")
    head = struct.pack("<IIII", data.units_per_em, len(codes), data.weight, len(names))
    return FORMAT + head + codes.tobytes() + widths.tobytes() + names


def decode(data: bytes) -> FaceData | None:
    """The face data in ``data``, or None when it is not a whole entry."""
    start = len(FORMAT) + 16
    if not data.startswith(FORMAT) or len(data) < start:
        return None
    upem, count, weight, names_size = struct.unpack_from("<IIII", data, len(FORMAT))
    codes, advances = array("I"), array("I")
    try:
        codes.frombytes(data[start : start + 4 * count])
        advances.frombytes(data[start + 4 * count : start + 8 * count])
        codes, advances = _little_endian(codes), _little_endian(advances)
        family, postscript = json.loads(data[start + 8 * count : start + 8 * count + names_size].decode("utf-8"))
    except (ValueError, TypeError):
        return None
    if len(codes) != count or len(advances) != count:
        return None
    return FaceData(upem, dict(zip(codes, advances, strict=True)), str(family), str(postscript), weight)


def load(path: Path, index: int) -> FaceData | None:
    """The face's data from its sidecar or the cache, or None (then read the font and :func:`store`)."""
    return load_shipped(path, index) or _load_cached(path, index)


def _load_cached(path: Path, index: int) -> FaceData | None:
    try:
        data = read_entry(_entry(path, index))
    except OSError:
        return None
    return None if data is None else decode(data)


def store(path: Path, index: int, data: FaceData) -> None:
    """Write the cache entry atomically; any failure leaves no trace."""
    try:
        target = _entry(path, index)
    except OSError:
        return
    write_entry(target, encode(data))


def shipped_path(path: Path) -> Path:
    """Where the sidecar of a (single-face) font file lives."""
    return path.with_name(path.name + ".metrics")


def load_shipped(path: Path, index: int) -> FaceData | None:
    """Metrics from the font's sidecar, when there is one and it was made from these very bytes."""
    if index:
        return None
    try:
        data = shipped_path(path).read_bytes()
    except OSError:
        return None
    head = len(SHIPPED_FORMAT)
    if not data.startswith(SHIPPED_FORMAT) or data[head : head + 32] != bytes.fromhex(file_sha256(path)):
        return None
    return decode(data[head + 32 :])


def write_shipped(path: Path, data: FaceData) -> Path:
    """Write the sidecar of ``path`` (for ``fonts/build_fonts.py``); returns its path."""
    target = shipped_path(path)
    target.write_bytes(SHIPPED_FORMAT + bytes.fromhex(file_sha256(path)) + encode(data))
    return target
