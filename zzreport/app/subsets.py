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
A batch cuts them from a smaller stored subset still, one of the
characters its reports are expected to hold (:func:`expect`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from zzreport.cache_files import cache_root, file_key, read_entry, write_entry
from zzreport.fonts.embedding import common_characters, cut_subset, subset_options, subset_with

#: Bump when the stored layout changes.
FORMAT = 1
#: Wall time of the cold command-line build of the Zhengzhou example (PDF + PPTX, other caches warm; median of
#: 5 fresh processes each, alternating, 2 cores): with both faces' subsets stored, and with none stored.
MEASURED = "1.21 s with, 1.56 s without (0.35 s, 22 %, less)"
#: Cutting Noto Sans SC regular to a briefing's 150 characters in a warm process (median of 5, 2 cores).
MEASURED_COMMON = "0.11 s from the common subset, 0.26 s from the face"
#: Cutting Noto Sans SC regular to a briefing's 160 characters (its city's 3 hanzi changed each time) from its common
#: subset in a warm process (2 cores): :func:`cut_from_subset` against fontTools' full cut of the same source.
MEASURED_NAMES = "0.077 s of CPU with it, 0.117 s with the full cut (median of 15 character sets, load 3.7)"
#: Cutting Noto Sans SC regular to a slice's 164 characters of the batch benchmark's 200 slices (a batch subset of
#: the 530 characters the batch expects, 161 kB against the common subset's 1.2 MB), warm process, 2 cores.
MEASURED_BATCH = "0.045 s of CPU from the batch subset, 0.079 s from the common subset (median of 15 slices, load 5.7)"
#: Blocks whose signs reports write (−, ℃, →, ▲, full-width forms), beside GB2312's own: Latin-1 Supplement,
#: General Punctuation, Letterlike Symbols, Arrows, Mathematical Operators, Geometric Shapes, Half/Full-width.
COMMON_BLOCKS = ((0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x214F), (0x2190, 0x22FF), (0x25A0, 0x25FF), (0xFF00, 0xFFEF))
#: The common subsets this process has read, by their entry's path (which names the face's bytes).
_COMMON: dict[Path, bytes] = {}
#: How many times a face's batch subset may grow by a report's unforeseen characters in one process.
BATCH_GROWTH = 3
#: The characters this process's batch is expected to hold (:func:`expect`).
_EXPECTED: set[str] = set()
#: The batch subsets this process holds (their characters and bytes), and how often each grew, by the face's
#: common subset's entry path (which names the face's bytes).
_BATCH: dict[Path, tuple[frozenset[str], bytes]] = {}
_GROWN: dict[Path, int] = {}


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
    """``cut_subset(path, index, characters)``: from the face's batch or common subset when it holds every
    character."""
    if not common_set().issuperset(characters):
        return cut_subset(path, index, characters)
    if _EXPECTED:
        return cut_from_subset(batch_subset(path, index, characters), characters)
    return cut_from_subset(common_subset(path, index), characters)


def expect(characters: Iterable[str]) -> None:
    """Cut this process's later subsets from a subset of the characters a batch's reports are expected to hold.

    A batch knows before its builds start most characters its reports will
    hold (its specs' texts, its slices' keys and data): the face's common
    subset is cut once more to those (:func:`batch_subset`), and each
    report's subset from that, a face of a few hundred glyphs instead of a
    few thousand. Measured gain: see :data:`MEASURED_BATCH`.
    """
    _EXPECTED.update(char for char in characters if char in common_set())


def expected() -> frozenset[str]:
    """The characters this process's batch is expected to hold (:func:`expect`), for a remote worker to expect too."""
    return frozenset(_EXPECTED)


def batch_subset(path: Path, index: int, characters: str) -> bytes:
    """The face cut to the expected characters (:func:`expect`) and ``characters``, stored and kept in this process.

    A report holding characters the last one lacked is cut from a new one
    grown by them, up to :data:`BATCH_GROWTH` times a face and process:
    then from the common subset, so a batch whose texts were not foreseen
    pays about what it paid before.
    """
    key = _entry(path, index, "".join(sorted(common_set())), ".common")
    held = _BATCH.get(key)
    if held is not None and held[0].issuperset(characters):
        return held[1]
    if held is not None and _GROWN.get(key, 0) >= BATCH_GROWTH:
        return common_subset(path, index)
    if held is not None:
        _GROWN[key] = _GROWN.get(key, 0) + 1
    wanted = frozenset(_EXPECTED.union(characters, held[0] if held else ()))
    text = "".join(sorted(wanted))
    entry = _entry(path, index, text, ".batch")
    found = _sound(read_entry(entry))
    if found is None:
        found = _stored(entry, cut_from_subset(common_subset(path, index), text))
    _BATCH[key] = (wanted, found)
    return found


def cut_from_subset(source: bytes, characters: str) -> bytes:
    """``cut_subset(io.BytesIO(source), 0, characters)``, without fontTools' walk for the name records still used.

    Last of all, fontTools prunes the name table to the records the subset
    still uses, and to learn which it walks every object of the cut's layout
    tables: 40–50 % of cutting a CJK face to a report's characters, however
    small the source. A subset's name table (such as the common subset's)
    holds only records its cut kept, and the cut of a subset of it keeps
    them all when each is one fontTools keeps anyway (``options.name_IDs``)
    or one that a table named by fontTools' own walk (its
    ``NameRecordVisitor``: STAT, fvar, CPAL and the layout features'
    parameters) still refers to. So the name table is taken out before the
    cut, those few small tables are asked, and the table is put back
    unchanged: what the walk would have left. Otherwise (a source with
    records the cut would prune, such as a face's designer and licence
    texts) the source is cut in full. Every table is decompiled before the
    save, as the walk decompiles them (a table saved as read would keep its
    source's values, such as ``OS/2.usLastCharIndex``). Measured gain: see
    :data:`MEASURED_NAMES`.
    """
    from fontTools import subset
    from fontTools.ttLib.tables._n_a_m_e import NameRecordVisitor

    options = subset_options(0)
    font = subset.load_font(io.BytesIO(source), options, dontLoadGlyphNames=True)
    if "name" not in font:
        return cut_subset(io.BytesIO(source), 0, characters)
    names = font["name"]
    options.drop_tables = [*options.drop_tables, "name"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(char) for char in characters}))
    subsetter.subset(font)
    visitor = NameRecordVisitor()
    for tag in ("fvar", "CPAL", "STAT"):
        if tag in font:
            visitor.visit(font[tag])
    for tag in ("GSUB", "GPOS"):
        features = font[tag].table.FeatureList if tag in font else None
        for record in features.FeatureRecord if features else ():
            visitor.visit(record.Feature)
    kept = set(options.name_IDs) | visitor.seen
    languages = options.name_languages
    if not all(
        record.nameID in kept and record.isUnicode() and ("*" in languages or record.langID in languages)
        for record in names.names
    ):
        return cut_subset(io.BytesIO(source), 0, characters)
    font.ensureDecompiled(recurse=False)
    font["name"] = names
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def common_subset(path: Path, index: int) -> bytes:
    """The face cut to :func:`common_set`, stored and kept in this process."""
    characters = "".join(sorted(common_set()))
    entry = _entry(path, index, characters, ".common")
    found = _COMMON.get(entry) or _sound(read_entry(entry))
    if found is None:
        found = _stored(entry, cut_subset(path, index, characters))
    _COMMON[entry] = found
    return found
