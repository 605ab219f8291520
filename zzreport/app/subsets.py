"""Stored font subsets: a speed trick of the short-lived command-line process.

A deck carries the subsets of its two faces (:mod:`zzreport.fonts.embedding`),
and fontTools takes about a quarter of a second to cut each from a CJK face
(it reads the cmap and layout tables in pure Python): the largest part of a
cold deck build. A subset's bytes depend only on the font's bytes, the face
and the characters (and the code that cuts it), so the command line stores
each under a content hash of exactly those plus the fontTools version
(:func:`zzreport.cache_files.file_key` adds zzreport's code): an entry is
what a cold build cuts, byte for byte. An entry is the subset's sha256 followed by the subset, so a
damaged one (a disk error, a truncated copy of the cache folder) is cut
afresh, never embedded. :func:`use_stored_subsets` turns it on. Measured
gain: see :data:`MEASURED`. The library always cuts.

A batch of slices (one briefing per city) embeds characters no earlier
report had, so most of its subsets are new. Those are cut from the face's
*common subset* instead: the face cut once to the characters a Chinese
report most likely holds (:func:`common_set`: GB2312's level 1 and symbols,
ASCII, and the blocks of the signs the outputs write, such as − and ▲),
stored like any subset. A face of a few
thousand glyphs reads in less than half the time of the whole CJK face,
and since that subset keeps every glyph and layout rule its characters
reach, cutting it to some of them gives the bytes cutting the face does
(``tests/app/test_subsets.py`` compares them). A text with a character
outside it is cut from the face. Measured gain: see :data:`MEASURED_COMMON`.
"""

from __future__ import annotations

import hashlib
import io
from functools import cache
from pathlib import Path

from zzreport.cache_files import cache_root, file_key, read_entry, write_entry
from zzreport.fonts.embedding import common_characters, cut_subset, subset_with

#: Bump when the stored layout changes.
FORMAT = 1
#: Wall time of the cold command-line build of the Zhengzhou example (PDF + PPTX, other caches warm; median of
#: 5 fresh processes each, alternating, 2 cores): with both faces' subsets stored, and with none stored.
MEASURED = "1.21 s with, 1.56 s without (0.35 s, 22 %, less)"
#: Cutting Noto Sans SC regular to a briefing's 150 characters in a warm process (median of 5, 2 cores).
MEASURED_COMMON = "0.11 s from the common subset, 0.26 s from the face"
#: Blocks whose signs reports write (−, ℃, →, ▲, full-width forms), beside GB2312's own: Latin-1 Supplement,
#: General Punctuation, Letterlike Symbols, Arrows, Mathematical Operators, Geometric Shapes, Half/Full-width.
COMMON_BLOCKS = ((0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x22FF), (0x25A0, 0x25FF), (0xFF00, 0xFFEF))
#: The common subsets this process has read, by their entry's path (which names the face's bytes).
_COMMON: dict[Path, bytes] = {}


def use_stored_subsets() -> None:
    """Take font subsets from stored entries (see the module's docstring for the gain)."""
    subset_with(stored_subset)


def _entry(path: Path, index: int, characters: str, suffix: str = ".subset") -> Path:
    from fontTools import version

    digest = hashlib.sha256(characters.encode("utf-8", "surrogatepass")).hexdigest()
    return cache_root() / "font-subsets" / (file_key(path, index, FORMAT, version, digest) + suffix)


def _sound(stored: bytes | None) -> bytes | None:
    """An entry's subset, or None when there is none or it is damaged (its sha256 does not match)."""
    if stored is not None and hashlib.sha256(stored[32:]).digest() == stored[:32]:
        return stored[32:]
    return None


def _stored(entry: Path, cut: bytes) -> bytes:
    write_entry(entry, hashlib.sha256(cut).digest() + cut)
    return cut


def stored_subset(path: Path, index: int, characters: str) -> bytes:
    """``cut_subset(path, index, characters)``, from its stored entry when there is a sound one."""
    entry = _entry(path, index, characters)
    found = _sound(read_entry(entry))
    if found is not None:
        return found
    return _stored(entry, _cut(path, index, characters))


@cache
def common_set() -> frozenset[str]:
    """The characters of a face's common subset: what an edit most likely types, and :data:`COMMON_BLOCKS`."""
    return common_characters() | {chr(code) for start, end in COMMON_BLOCKS for code in range(start, end + 1)}


def _cut(path: Path, index: int, characters: str) -> bytes:
    """``cut_subset(path, index, characters)``: from the face's common subset when it holds every character."""
    if not common_set().issuperset(characters):
        return cut_subset(path, index, characters)
    return cut_subset(io.BytesIO(common_subset(path, index)), 0, characters)


def common_subset(path: Path, index: int) -> bytes:
    """The face cut to :func:`common_set`, stored and kept in this process."""
    characters = "".join(sorted(common_set()))
    entry = _entry(path, index, characters, ".common")
    found = _COMMON.get(entry) or _sound(read_entry(entry))
    if found is None:
        found = _stored(entry, cut_subset(path, index, characters))
    _COMMON[entry] = found
    return found
