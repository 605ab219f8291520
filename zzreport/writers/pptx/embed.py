"""The deck carries its fonts: the slide faces, subset to what the deck shows, as PowerPoint embeds them.

Every run of the deck names the theme's slide family (bundled Noto Sans SC
unless the spec says otherwise). On a government PC or in WPS without it
the fallback face drops every bold and centres full-width punctuation, so
the deck embeds the family's regular and bold faces
(:mod:`zzreport.writers.pptx.oxml.fonts` writes the parts and the list).

``theme.slides.embed_fonts`` chooses the characters: ``used`` (default,
PowerPoint's "embed only the characters used") the characters the finished
deck holds, read from its XML (slides, notes, charts, layouts) plus
printable ASCII (digits and signs a chart shows after Edit Data);
``common`` adds :func:`~zzreport.fonts.embedding.common_characters`, so an
edit in common Chinese still shows in the embedded face, and leaves
``saveSubsetFonts`` off (PowerPoint's "embed all characters", the choice
for decks others edit); ``none`` embeds nothing.

A face's licence is honoured (:mod:`zzreport.fonts.embedding`): one that
forbids subsetting is embedded whole, one that forbids embedding (refused
for theme fonts when the spec is checked) is left out.

LibreOffice 7.4 (the renderer here) does not read a PowerPoint deck's
embedded fonts (its import of ``p:embeddedFontLst`` came later), so the
tests check the parts themselves: each ``.fntdata`` parsed back to
TrueType covers every character the deck uses.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from pptx.presentation import Presentation

from zzreport import session
from zzreport.fonts.embedding import EmbeddedFace, common_characters, embedded_face
from zzreport.fonts.fontset import Face, FontSet
from zzreport.writers.pptx.oxml.fonts import (
    FONT_PARTNAME,
    EmbeddedFamily,
    add_font_part,
    deck_characters,
    remove_embedded_fonts,
    set_embedded_fonts,
)
from zzreport.writers.pptx.parts import part_names

#: Characters every embedded subset holds: printable ASCII (numbers, signs, Latin words typed in an edit).
ALWAYS = frozenset(chr(code) for code in range(0x20, 0x7F))


@dataclass(frozen=True)
class EmbeddedFonts:
    """What embedding added to the deck: the faces' EOT bytes and what they cost in the zip (deflated)."""

    faces: int = 0
    eot_bytes: int = 0
    zipped_bytes: int = 0


def _deflated_size(data: bytes) -> int:
    """The bytes ``data`` takes in the deck's zip (raw deflate at zipfile's default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return len(compressor.compress(data)) + len(compressor.flush())


def _embedded(face: Face, characters: frozenset[str] | None) -> tuple[EmbeddedFace, int] | None:
    """The face as EOT and its deflated size, kept in the session: subsetting a CJK face takes 0.2 s."""
    key = (face.file_id, "".join(sorted(characters)) if characters is not None else None)

    def make() -> tuple[EmbeddedFace, int] | None:
        made = embedded_face(face.path, face.index, characters)
        return None if made is None else (made, _deflated_size(made.eot))

    result: tuple[EmbeddedFace, int] | None = session.memo("embedded-fonts", _entry_size).get(key, make)
    return result


def _entry_size(key: tuple[object, str | None], value: tuple[EmbeddedFace, int] | None) -> int:
    """A memo entry's bytes: the characters of its key and the EOT it holds."""
    return len(key[1] or "") * 4 + (len(value[0].eot) if value else 0)


def embed_fonts(presentation: Presentation, fonts: FontSet, mode: str) -> EmbeddedFonts:
    """Embed the slide family's regular and bold faces in ``presentation`` as ``mode`` says.

    Call it last, when every slide, chart and note is written: the
    characters are read from the deck.
    """
    remove_embedded_fonts(presentation, {fonts.family("slide")})  # a template's subset of its own sample text
    if mode == "none":
        return EmbeddedFonts()
    characters = frozenset(deck_characters(presentation)) | ALWAYS
    if mode == "common":
        characters |= common_characters()
    role = fonts.roles["slide"]
    names = part_names(presentation.part.package)
    faces: dict[str, str] = {}
    windows = None
    subset = True
    eot = zipped = 0
    for style, face in (("regular", role.regular), ("bold", role.bold)):
        if style == "bold" and face is role.regular:
            continue  # no bold face: PowerPoint emboldens the regular one, as it would without embedding
        found = _embedded(face, characters)
        if found is None:
            continue
        embedded, deflated = found
        faces[style] = add_font_part(presentation, names.next(FONT_PARTNAME), embedded.eot)
        windows = windows or embedded.windows
        subset = subset and embedded.subset
        eot += len(embedded.eot)
        zipped += deflated
    if windows is None:
        return EmbeddedFonts()
    family = EmbeddedFamily(
        typeface=fonts.family("slide"),
        panose=windows.panose,
        pitch_family=windows.pitch_family,
        charset=str(windows.charset - 256 if windows.charset > 127 else windows.charset),
        faces=faces,
    )
    set_embedded_fonts(presentation, [family], subset=subset and mode == "used")
    return EmbeddedFonts(len(faces), eot, zipped)
