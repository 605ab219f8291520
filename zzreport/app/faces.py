"""Stored readings of font faces: a speed trick of the short-lived command-line process.

reportlab's ``TTFont`` reads the cmap, hmtx and loca tables of a face in
pure Python. What it derives is plain data (character → glyph and width
maps, glyph offsets, names, metrics), so it is stored with :mod:`marshal`
(plain values only; loading an entry runs no code), keyed by the sha256 of
the font's bytes (see :func:`zzreport.cache_files.file_key`, which adds
zzreport's code and the reportlab and Python versions) and the face index.
On any doubt (no entry, a damaged one, another reportlab) the face is parsed
as usual and the entry written afresh; the font bytes themselves are always
read from the file.

Restoring a reading means building reportlab's ``TTFontFace`` and ``TTFont``
without their ``__init__`` and setting their private state, which no public
API offers: so it lives here, at the edge, and the library only parses
(:mod:`zzreport.figures.reportlab_faces`). :func:`use_stored_readings` turns
it on. Measured gain: the four bundled faces the Zhengzhou example's PDF
registers take 490 ms to parse and 67 ms to load from their readings
(serial in-process build of the example, warm stores, 2 cores): about a
third of the PDF's share of a cold command-line build. Parsed and stored
fonts are checked equal by ``tests/app/test_reportlab_faces.py``.
"""

from __future__ import annotations

import gc
import marshal
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from zzreport.cache_files import cache_root, file_key, read_entry, write_entry
from zzreport.figures.reportlab_faces import parse_face, read_faces_with

#: Bump when the stored layout changes.
FORMAT = 2
#: Whether reportlab can shape text (it needs uharfbuzz). Only shaping reads a face's glyph → characters
#: map, the largest part of an entry; without it the map is neither stored nor loaded.
SHAPING = getattr(ttfonts, "uharfbuzz", None) is not None  # None when reportlab could not import it
#: Face attributes not stored: the file's bytes (read afresh) and reportlab's scaling closure (rebuilt).
_NOT_STORED = ("_ttf_data", "_pdfScale") if SHAPING else ("_ttf_data", "_pdfScale", "glyphToChar")


def use_stored_readings() -> None:
    """Read the faces this process registers from stored readings (see the module's docstring for the gain)."""
    read_faces_with(load_ttfont)


def _entry(path: Path, index: int) -> Path:
    key = file_key(path, index, FORMAT, reportlab.Version, SHAPING)
    return cache_root() / "reportlab-faces" / (key + ".marshal")


def load_ttfont(name: str, path: Path, index: int = 0) -> TTFont:
    """:func:`~zzreport.figures.reportlab_faces.parse_face`'s font, from the stored reading when there is one."""
    try:
        data = read_entry(_entry(path, index))
        if data is None:
            raise LookupError("no stored reading")
        state = _unmarshal(data)
        font = _font(name, _face(path, state))
        if sorted(vars(font)) != state["font_attributes"]:
            raise ValueError("this reportlab's TTFont is set up differently")
        return font
    except Exception:  # no entry, a damaged one, or one this reportlab cannot use: parse the font
        font = parse_face(name, path, index)
        _store(path, index, font)
        return font


def _unmarshal(data: bytes) -> Any:
    """``marshal.loads`` without the cyclic collector: an entry holds some 70,000 small containers,
    whose creation would set off collections that find nothing to free (it halves the load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, index: int, font: TTFont) -> None:
    """Store ``font``'s face, and the attributes a parsed TTFont has (which :func:`_font` must match)."""
    face = font.face
    names = [key for key, value in vars(face).items() if isinstance(value, TTFNameBytes)]
    values = {
        key: (bytes(value) if key in names else value) for key, value in vars(face).items() if key not in _NOT_STORED
    }
    try:
        data = marshal.dumps({"names": names, "values": values, "font_attributes": sorted(vars(font))})
        target = _entry(path, index)
    except (ValueError, OSError):
        return  # a value marshal cannot hold: this face is simply parsed each time
    write_entry(target, data)


def _face(path: Path, state: dict[str, Any]) -> TTFontFace:
    face = TTFontFace.__new__(TTFontFace)
    values = dict(state["values"])
    for key in state["names"]:
        values[key] = TTFNameBytes(values[key])
    vars(face).update(values)
    # Read, not mapped: a face stays registered for the life of the process (a watch loop), and a
    # font file rewritten in place under a mapping would make reportlab embed garbage, or crash.
    # The attributes below are reportlab's private face state (types-reportlab leaves them out),
    # set in __dict__ like the stored values above.
    state_of_face = vars(face)
    state_of_face["_ttf_data"] = path.read_bytes()
    if not SHAPING:
        state_of_face["glyphToChar"] = {}  # read by shaping alone, which this reportlab cannot do
    units = face.unitsPerEm
    # As TTFontFile.extractInfo defines it.
    state_of_face["_pdfScale"] = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)
    return face


def _font(name: str, face: TTFontFace) -> TTFont:
    """A TTFont around ``face``, set up as ``TTFont.__init__`` does (with its default options)."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    vars(font)["_asciiReadable"] = rl_config.ttfAsciiReadable  # private to reportlab: not in its stubs
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob or ())
    return font
