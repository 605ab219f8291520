"""A face made ready to travel inside a document: its licence bits read, subset by fontTools, wrapped as EOT.

A font's ``OS/2.fsType`` says what its licence lets a document do with it
(OpenType spec, OS/2 table): bits 0–3 the usage (0 installable, 2
restricted: never embedded, 4 preview & print: the receiver may only view
and print, 8 editable), bit 8 no subsetting (embed the whole font or
nothing), bit 9 bitmap embedding only (outlines may not travel). When
several usage bits are set the least restrictive wins.

Subsetting keeps only the glyphs of the characters a document uses (what
PowerPoint does by default), with their layout features (vertical forms,
punctuation widths) and ``.notdef`` drawn as a box; fontTools keeps the
font's own timestamps (``recalc_timestamp`` is off), so the same face and
characters give the same bytes on every run.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from zzreport.errors import Location, Problem, display_path
from zzreport.fonts.eot import PANOSE_FIELDS, to_eot
from zzreport.ir import Document
from zzreport.writers.registry import FORMATS

if TYPE_CHECKING:
    from fontTools.subset import Options

#: ``fsType`` usage bits (0–3) and flags.
FS_RESTRICTED = 0x0002
FS_PREVIEW_PRINT = 0x0004
FS_EDITABLE = 0x0008
FS_NO_SUBSETTING = 0x0100
FS_BITMAP_ONLY = 0x0200


@dataclass(frozen=True)
class Permission:
    """What a face's ``fsType`` allows a document that carries it."""

    fs_type: int

    @property
    def usage(self) -> str:
        """``installable``, ``editable``, ``preview-print`` or ``restricted`` (the least restrictive bit set)."""
        bits = self.fs_type & 0x000F
        if bits == 0:
            return "installable"
        if bits & FS_EDITABLE:
            return "editable"
        if bits & FS_PREVIEW_PRINT:
            return "preview-print"
        if bits & FS_RESTRICTED:
            return "restricted"
        return "installable"  # bit 0 alone is reserved: read as no restriction, as Windows does

    @property
    def embeddable(self) -> bool:
        """Whether the outlines may be embedded at all (not restricted, not bitmap-only)."""
        return self.usage != "restricted" and not self.fs_type & FS_BITMAP_ONLY

    @property
    def subsettable(self) -> bool:
        """Whether a subset may be embedded (else only the whole font)."""
        return not self.fs_type & FS_NO_SUBSETTING

    def refusal(self, name: str) -> str:
        """Why ``name`` may not be embedded, in words ("" when it may)."""
        if self.usage == "restricted":
            return (
                f"{name} forbids embedding (OS/2 fsType 0x{self.fs_type:04X}: restricted licence), but the PDF "
                "and the deck carry the fonts they use; use a font whose licence allows embedding "
                "(installable, editable or preview & print), such as the bundled Noto Sans SC"
            )
        if self.fs_type & FS_BITMAP_ONLY:
            return (
                f"{name} allows only its bitmaps to be embedded (OS/2 fsType 0x{self.fs_type:04X}), "
                "and its outlines are what the PDF and the deck draw with; use a font that allows embedding"
            )
        return ""


def _open(path: Path, index: int) -> object:
    from fontTools.ttLib import TTFont

    return TTFont(str(path), lazy=True, fontNumber=index)


def _permission(font: object) -> Permission:
    return Permission(int(font["OS/2"].fsType) if "OS/2" in font else 0)  # type: ignore[index,operator]


def permission(path: Path, index: int = 0) -> Permission:
    """The ``fsType`` of a face (a font without an ``OS/2`` table is installable)."""
    return _permission(_open(path, index))


@dataclass(frozen=True)
class TrueTypeFace:
    """A face as a document carries it before any wrapping: TrueType bytes, whole or subset, and its classes.

    The deck wraps the bytes as EOT (:func:`embedded_face`); a word
    processing document obfuscates them (:mod:`zzreport.fonts.obfuscation`).
    """

    data: bytes
    subset: bool
    permission: Permission
    windows: WindowsClass


@dataclass(frozen=True)
class EmbeddedFace:
    """A face as a document carries it: the EOT bytes, whether they hold a subset, and how Windows classes it."""

    eot: bytes
    subset: bool
    permission: Permission
    windows: WindowsClass


@dataclass(frozen=True)
class WindowsClass:
    """What a document says of a face so Windows can match or substitute it (a LOGFONT's fields).

    ``panose`` is the ``OS/2`` PANOSE as 20 hex digits; ``pitch_family``
    packs the pitch (1 fixed, 2 variable) with the family (0x10 roman, 0x20
    swiss, 0x30 modern, 0x40 script, 0x50 decorative) read from PANOSE;
    ``charset`` is the first of GB2312, Big5, Shift-JIS, Hangul whose code
    page the font's ``ulCodePageRange1`` claims, else ANSI (0).
    """

    panose: str
    pitch_family: int
    charset: int
    #: ``OS/2`` ``ulUnicodeRange1``–``4`` and ``ulCodePageRange1``–``2``: the font signature a document lists
    #: so a reader knows which scripts the face covers.
    unicode_ranges: tuple[int, int, int, int] = (0, 0, 0, 0)
    code_pages: tuple[int, int] = (0, 0)


#: ``ulCodePageRange1`` bits and the Windows character sets they stand for, in the order preferred.
_CHARSETS = ((18, 134), (20, 136), (17, 128), (19, 129))


def windows_class(font: object) -> WindowsClass:
    """The :class:`WindowsClass` of an open fontTools font."""
    if "OS/2" not in font:  # type: ignore[operator]
        return WindowsClass("", 0, 0)
    os2 = font["OS/2"]  # type: ignore[index]
    digits = [int(getattr(os2.panose, name)) for name in PANOSE_FIELDS]
    kind, serif, proportion = digits[0], digits[1], digits[3]
    if kind == 2:  # Latin text
        family = 0x30 if proportion == 9 else 0x20 if serif in (11, 12, 13) else 0x10
    else:
        family = {3: 0x40, 4: 0x50}.get(kind, 0)
    fixed = proportion == 9 or bool(getattr(font["post"], "isFixedPitch", 0))  # type: ignore[index]
    code_pages = int(getattr(os2, "ulCodePageRange1", 0))
    charset = next((value for bit, value in _CHARSETS if code_pages >> bit & 1), 0)
    panose = "".join(f"{digit:02X}" for digit in digits) if any(digits) else ""
    ranges = tuple(int(getattr(os2, f"ulUnicodeRange{i}", 0)) for i in range(1, 5))
    pages = (code_pages, int(getattr(os2, "ulCodePageRange2", 0)))
    return WindowsClass(
        panose, family | (1 if fixed else 2), charset, (ranges[0], ranges[1], ranges[2], ranges[3]), pages
    )


def _whole_font(path: Path, index: int) -> bytes:
    """The face's TrueType bytes as they are (a collection's face saved on its own)."""
    if path.suffix.lower() not in (".ttc", ".otc"):
        return path.read_bytes()
    from fontTools.ttLib import TTFont

    out = io.BytesIO()
    TTFont(str(path), fontNumber=index, recalcTimestamp=False).save(out)
    return out.getvalue()


#: A function with :func:`cut_subset`'s signature and bytes: how this process subsets (see :func:`subset_with`).
Subsetter = Callable[[Path, int, str], bytes]
_SUBSETTER: list[Subsetter] = []


def subset_with(subsetter: Subsetter) -> None:
    """Subset faces with ``subsetter`` from now on in this process.

    For the command line's processes only
    (:func:`zzreport.app.subsets.use_stored_subsets`): ``subsetter`` must give
    what :func:`cut_subset` gives, or the decks change.
    """
    _SUBSETTER[:] = [subsetter]


def subset_font(path: Path, index: int, characters: Iterable[str]) -> bytes:
    """The face's TrueType data cut to ``characters`` (and ``.notdef``), reproducibly."""
    text = "".join(sorted(set(characters)))
    return (_SUBSETTER[0] if _SUBSETTER else cut_subset)(path, index, text)


def subset_options(index: int) -> Options:
    """fontTools' subsetting options of :func:`cut_subset` (anything cutting a face the same way must use these)."""
    from fontTools import subset

    options = subset.Options()
    options.font_number = index
    options.notdef_outline = True  # a character the subset lacks shows a box, not nothing
    options.recalc_timestamp = False  # the bytes depend on the font and the characters only
    # The OS/2 ranges stay the font's own, as Windows' embedding subsetter leaves them: pruned to the subset
    # they would drop the GB2312 code page when few hanzi are used, and Windows would not map Chinese runs
    # (charset GB2312) to the embedded face.
    options.prune_unicode_ranges = False
    options.prune_codepage_ranges = False
    return options


def cut_subset(path: Path | BinaryIO, index: int, characters: str) -> bytes:
    """fontTools' subset of the face to ``characters``: the same bytes for the same font and characters.

    ``path`` may also be a font's bytes as an open binary file (``index`` 0
    for a single font), such as an earlier subset of the face.
    """
    from fontTools import subset

    options = subset_options(index)
    font = subset.load_font(str(path) if isinstance(path, Path) else path, options, dontLoadGlyphNames=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(char) for char in characters}))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def truetype_face(path: Path, index: int, characters: Iterable[str] | None) -> TrueTypeFace | None:
    """The face's TrueType bytes: subset to ``characters`` (None: whole), or whole when its licence forbids subsets.

    None when its licence forbids embedding it (restricted or bitmap-only): a
    theme font like that is refused when the spec is checked
    (:meth:`~zzreport.fonts.fontset.Face.check`), so only a template's or a
    caller's own face gets here.
    """
    font = _open(path, index)
    allowed, windows = _permission(font), windows_class(font)
    if not allowed.embeddable:
        return None
    if characters is None or not allowed.subsettable:
        return TrueTypeFace(_whole_font(path, index), False, allowed, windows)
    return TrueTypeFace(subset_font(path, index, characters), True, allowed, windows)


def embedded_face(path: Path, index: int, characters: Iterable[str] | None) -> EmbeddedFace | None:
    """The face as EOT (see :func:`truetype_face` for what is embedded and when nothing is)."""
    face = truetype_face(path, index, characters)
    if face is None:
        return None
    return EmbeddedFace(to_eot(face.data, subset=face.subset), face.subset, face.permission, face.windows)


def _gb2312_row(row: int) -> str:
    """The characters of one GB2312 row (1–94) as Python's ``gb2312`` and ``gb18030`` codecs decode them.

    Both: the codecs differ on a few symbols (A1A4 is U+30FB in the first
    and the · U+00B7 Chinese text uses in the second; A1AA U+2015 or —
    U+2014), and an edit may type either.
    """
    out = []
    for cell in range(1, 95):
        code = bytes((0xA0 + row, 0xA0 + cell))
        for codec in ("gb2312", "gb18030"):
            try:
                out.append(code.decode(codec))
            except UnicodeDecodeError:
                continue  # an unassigned cell
    return "".join(out)


@cache
def common_characters() -> frozenset[str]:
    """Characters an edit of a Chinese deck most likely types: GB2312's level 1, its symbols, ASCII.

    GB2312 level 1 (rows 16–55: the 3,755 most frequent hanzi), its rows 1
    and 3 (punctuation and symbols, full-width ASCII), printable ASCII and
    the CJK Symbols and Punctuation block, enumerated from Python's
    ``gb2312`` codec rather than written out.
    """
    rows = (1, 3, *range(16, 56))
    chars = set("".join(_gb2312_row(row) for row in rows))
    chars.update(chr(code) for code in range(0x20, 0x7F))
    chars.update(chr(code) for code in range(0x3000, 0x3040))
    return frozenset(chars)


def embedding_notes(document: Document) -> list[Problem]:
    """Warnings for the faces an editable output carries whose licence lets it travel with limits (preview & print).

    Such a face is embedded, but the document that carries it must be
    opened read-only wherever it is not installed (PowerPoint and Word do
    so): the author should know before sending an "editable" file. Which
    outputs carry which roles' faces, and by which choice of the theme, the
    writer registry says (:attr:`~zzreport.writers.registry.Format.font_roles`);
    one warning per face names every output it makes read-only. An editable
    or installable face needs no word; a restricted one never gets here
    (refused when resolved).
    """
    plan = document.font_plan
    spec = Location(display_path(document.spec_path))
    faces: dict[tuple[str, int], tuple[Location, Path, list[str]]] = {}
    for fmt, entry in FORMATS.items():
        if fmt not in document.outputs or not entry.font_roles:
            continue
        if attrgetter(entry.embedding)(document.theme) == "none":
            continue
        for role in entry.font_roles:
            roles = plan.fallback if role == "fallback" else (plan.role(role),)
            for font in roles:
                where = document.places.get(("font_plan", role), spec)
                for face in (font.regular, font.bold):
                    if face.path is None:
                        continue  # a bundled face: OFL, installable
                    seen = faces.setdefault((str(face.path), face.index), (where, face.path, []))
                    if entry.read_only not in seen[2]:
                        seen[2].append(entry.read_only)
    notes: list[Problem] = []
    for (_, index), (where, file, apps) in faces.items():
        allowed = permission(file, index)
        if allowed.usage == "preview-print":
            notes.append(
                Problem(
                    where,
                    f"{file.name} may be embedded for preview and print only (OS/2 fsType "
                    f"0x{allowed.fs_type:04X}): where it is not installed, {' and '.join(apps)}",
                    "warning",
                )
            )
    return notes
