"""The Word document carries its fonts: every family it names, subset as the deck's are, as Word embeds them.

The document's runs and styles name the PDF's faces (Song body, Hei
headings and KPI cards, the figures' family in charts). On a government PC
or in WPS without them, Word substitutes 宋体 or a Latin face, drops the
bold and centres full-width punctuation; so the document embeds each named
family's regular and bold faces that the build's fonts know
(:mod:`zzreport.writers.docx.oxml.fonts` writes the parts and the table).
A typeface no role or fallback of the theme has (a template's Calibri) is
the reader's own and left alone.

``mode`` chooses the characters, as the deck's ``embed_fonts`` does: ``used``
the characters the finished document holds, read from its XML (body,
headers, footers, lists, charts) plus printable ASCII (page numbers, the
digits a chart shows after Edit Data); ``common`` adds
:func:`~zzreport.fonts.embedding.common_characters` so an edit in common
Chinese still shows in the embedded face, and leaves ``saveSubsetFonts``
off; ``none`` embeds nothing. Each face gets every character, whatever its
role: a reader who restyles a heading as body text keeps its glyphs.

A face's licence is honoured as in the deck (:mod:`zzreport.fonts.embedding`):
one that forbids subsetting is embedded whole, one that forbids embedding
is left out. Each face is stored obfuscated (:mod:`zzreport.fonts.obfuscation`)
with a key hashed from the face's file and the characters, so the bytes are
the same on every build.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document

from zzreport import session
from zzreport.fonts.embedding import TrueTypeFace, common_characters, truetype_face
from zzreport.fonts.fontset import Face, FontSet, RoleFonts, bundled
from zzreport.fonts.obfuscation import font_key, obfuscate
from zzreport.writers.docx.oxml.fonts import (
    EmbeddedFace,
    EmbeddedFamily,
    add_font_part,
    document_characters,
    document_typefaces,
    set_embedded_fonts,
)

#: Characters every embedded subset holds: printable ASCII (numbers, signs, Latin words typed in an edit).
ALWAYS = frozenset(chr(code) for code in range(0x20, 0x7F))
#: The modes :func:`embed_fonts` knows.
MODES = ("used", "common", "none")


@dataclass(frozen=True)
class _Stored:
    """One face ready for the package: the face's classes, its key and its obfuscated bytes."""

    face: TrueTypeFace
    key: str
    data: bytes


def _entry_size(key: tuple[object, str | None], value: _Stored | None) -> int:
    """A memo entry's bytes: the characters of its key and the font it holds."""
    return len(key[1] or "") * 4 + (len(value.data) if value else 0)


def _stored(face: Face, characters: frozenset[str]) -> _Stored | None:
    """The face cut to ``characters`` and obfuscated, kept in the session (cutting a CJK face takes 0.2 s)."""
    text = "".join(sorted(characters))
    memo_key = (face.file_id, text)

    def make() -> _Stored | None:
        made = truetype_face(face.path, face.index, characters)
        if made is None:
            return None  # its licence forbids embedding
        _, index, digest = face.file_id
        key = font_key(digest.encode("ascii"), str(index).encode("ascii"), text.encode("utf-8", "surrogatepass"))
        data = obfuscate(made.data, key)
        return _Stored(made, key, data)

    result: _Stored | None = session.memo("embedded-word-fonts", _entry_size).get(memo_key, make)
    return result


def _families(fonts: FontSet) -> Iterator[RoleFonts]:
    """Every family the build's fonts may name: the roles, the fallbacks, the bundled faces closing each chain."""
    yield from fonts.roles.values()
    yield from fonts.fallback
    yield bundled("sans")
    yield bundled("serif")


def embed_fonts(document: Document, fonts: FontSet, mode: str) -> None:
    """Embed the regular and bold faces of every family ``document`` names, as ``mode`` says.

    Call it last, when the body, headers, footers and charts are written:
    the typefaces and characters are read from the document. What they take
    in the saved package is read from it
    (:func:`~zzreport.writers.docx.oxml.package.font_bytes`).
    """
    if mode not in MODES:
        raise ValueError(f"unknown font embedding mode {mode!r}; expected one of {', '.join(MODES)}")
    if mode == "none":
        return
    named = document_typefaces(document)
    chosen: dict[str, RoleFonts] = {}
    for role in _families(fonts):
        family = role.regular.family
        if family in named and family not in chosen:
            chosen[family] = role
    if not chosen:
        return
    characters = frozenset(document_characters(document)) | ALWAYS
    if mode == "common":
        characters |= common_characters()
    families: list[EmbeddedFamily] = []
    subset = True
    for name in sorted(chosen):
        role = chosen[name]
        faces: dict[str, EmbeddedFace] = {}
        windows = None
        for style, face in (("Regular", role.regular), ("Bold", role.bold)):
            if style == "Bold" and face is role.regular:
                continue  # no bold face: Word emboldens the regular one, as it would without embedding
            stored = _stored(face, characters)
            if stored is None:
                continue
            faces[style] = EmbeddedFace(add_font_part(document, stored.data), stored.key, stored.face.subset)
            windows = windows or stored.face.windows
            subset = subset and stored.face.subset
        if windows is None:
            continue
        families.append(
            EmbeddedFamily(
                name=name,
                panose=windows.panose,
                pitch_family=windows.pitch_family,
                charset=windows.charset,
                unicode_ranges=windows.unicode_ranges,
                code_pages=windows.code_pages,
                faces=faces,
            )
        )
    set_embedded_fonts(document, families, subset=subset and mode == "used")


__all__ = ["ALWAYS", "MODES", "embed_fonts"]
