"""What a reader sees of the PDF's typesetting, measured from the file with pdfplumber and the fonts' outlines.

Each check works on the characters pdfplumber reads back (position, size,
font), grouped into visual lines, so it holds whatever produced the text:
body paragraphs, captions, headings, cards, tables. A function returns
the offending places as readable strings; a test asserts the list empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import pdfplumber
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.clreq import BLANK_LEFT, BLANK_RIGHT
from zzreport.fonts.linebreak import cjk_latin_gaps

#: Glyphs whose origins lie more than this many ems apart belong to two texts (table columns, a footer's
#: slots), not to one letter-spaced word.
SEPARATE = 2.0


@dataclass(frozen=True)
class Glyph:
    char: str
    x0: float
    x1: float
    top: float
    size: float
    font: str
    page: int


def read_lines(pdf: Path) -> list[list[Glyph]]:
    """The PDF's characters as visual lines: same page, baseline within a fifth of an em, sorted by x."""
    out: list[list[Glyph]] = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            glyphs = [
                Glyph(c["text"], c["x0"], c["x1"], c["top"], c["size"], c["fontname"], number)
                for c in page.chars
                if c["upright"]
            ]
            glyphs.sort(key=lambda g: (round(g.top + g.size * 0.88, 0), g.x0))  # by baseline, then x
            line: list[Glyph] = []
            for glyph in glyphs:
                if line and (abs(glyph.top - line[-1].top) > 0.2 * glyph.size or glyph.size != line[-1].size):
                    out.append(sorted(line, key=lambda g: g.x0))
                    line = []
                line.append(glyph)
            if line:
                out.append(sorted(line, key=lambda g: g.x0))
    return out


def is_han(char: str) -> bool:
    return unicodedata.east_asian_width(char) == "W" and unicodedata.category(char) == "Lo"


def is_wide_mark(char: str) -> bool:
    return char in BLANK_LEFT or char in BLANK_RIGHT


def _neighbours(lines: Sequence[Sequence[Glyph]], within: float = SEPARATE) -> Iterator[tuple[Glyph, Glyph]]:
    """Adjacent glyphs of one text: on one line, their origins not further apart than ``within`` ems."""
    for line in lines:
        for a, b in pairwise(line):
            if a.char.strip() and b.char.strip() and b.x0 - a.x0 <= within * a.size:
                yield a, b


#: Two full-width marks further apart than this (origin to origin, in ems) are not one text's pair: an
#: uncompressed pair sits 1 em apart, two cards' values side by side much further.
MARK_PAIR = 1.5


def text_of(line: Sequence[Glyph]) -> str:
    return "".join(g.char for g in line)


def wide_cjk_advances(lines: Sequence[Sequence[Glyph]], limit: float = 1.05) -> list[str]:
    """Han characters followed by a Han character further than ``limit`` ems on (letter-spacing)."""
    found = []
    for a, b in _neighbours(lines):
        if is_han(a.char) and is_han(b.char) and b.x0 - a.x0 > limit * a.size + 0.01:
            found.append(f"p{a.page} {a.char}{b.char}: {(b.x0 - a.x0) / a.size:.3f} em")
    return found


def loose_mark_pairs(lines: Sequence[Sequence[Glyph]], limit: float = 0.6) -> list[str]:
    """Adjacent full-width marks (”，  。“  ）、) whose first one takes more than ``limit`` ems."""
    found = []
    for a, b in _neighbours(lines, MARK_PAIR):
        trimmable = (a.char in BLANK_RIGHT and (b.char in BLANK_RIGHT or b.char in BLANK_LEFT)) or (
            a.char in BLANK_LEFT and b.char in BLANK_LEFT
        )
        # A pair is one text's when the second mark starts within half an em of the first's advance; further
        # apart they are two texts side by side (the values of two cards of a row share a baseline).
        together = b.x0 - a.x1 < 0.5 * a.size
        if trimmable and together and a.x1 - a.x0 > 0.9 * a.size and b.x0 - a.x0 > limit * a.size + 0.01:
            found.append(f"p{a.page} {a.char}{b.char}: {(b.x0 - a.x0) / a.size:.3f} em")
    return found


def mark_pairs(lines: Sequence[Sequence[Glyph]]) -> int:
    """How many adjacent full-width mark pairs the PDF sets (so a test knows it checked some)."""
    return sum(
        1
        for a, b in _neighbours(lines, MARK_PAIR)
        if (a.char in BLANK_RIGHT and (b.char in BLANK_RIGHT or b.char in BLANK_LEFT))
        or (a.char in BLANK_LEFT and b.char in BLANK_LEFT)
    )


_WORD = re.compile(r"[A-Za-z]")


def spaced_latin(lines: Sequence[Sequence[Glyph]]) -> list[str]:
    """Latin letters of one word set apart: a gap between two letters beyond a twentieth of an em."""
    found = []
    for line in lines:
        for a, b in pairwise(line):
            if _WORD.match(a.char) and _WORD.match(b.char) and 0.05 * a.size < b.x0 - a.x1 < 0.3 * a.size:
                found.append(f"p{a.page} {a.char}{b.char}: gap {b.x0 - a.x1:.2f} pt in {text_of(line)!r}")
    return found


@cache
def _face(font: str) -> tuple[dict[int, str], object, float] | None:
    """The bundled face a PDF font name (``ABCDEF+NotoSerifSC-Bold``) is a subset of."""
    name = font.split("+")[-1].lower()
    family = "sans" if "sans" in name else "serif" if "serif" in name else None
    if family is None:
        return None
    weight = 700 if "bold" in name else 400
    face = TTFont(str(bundled_font_path(family, weight)))  # type: ignore[arg-type]
    return face.getBestCmap(), face.getGlyphSet(), float(face["head"].unitsPerEm)


@cache
def _ink(font: str, char: str) -> tuple[float, float] | None:
    """Horizontal ink extent of ``char`` in ems of its advance origin, or None (no ink, unknown font)."""
    face = _face(font)
    if face is None:
        return None
    cmap, glyphs, upm = face
    name = cmap.get(ord(char))
    if name is None:
        return None
    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)  # type: ignore[index]
    if pen.bounds is None:
        return None
    return pen.bounds[0] / upm, pen.bounds[2] / upm


def ink_overlaps(lines: Sequence[Sequence[Glyph]], tolerance: float = 0.01) -> list[str]:
    """Adjacent glyphs on a line whose inks overlap (compressed marks must still leave their neighbours clear)."""
    found = []
    for line in lines:
        for a, b in pairwise(line):
            ink_a, ink_b = _ink(a.font, a.char), _ink(b.font, b.char)
            if ink_a is None or ink_b is None:
                continue
            right_a = a.x0 + ink_a[1] * a.size
            left_b = b.x0 + ink_b[0] * b.size
            # Set closer than their advances and touching: a font's own overhangs (serif "tj") are not ours.
            if b.x0 < a.x1 - tolerance * a.size and left_b < right_a - tolerance * a.size:
                found.append(
                    f"p{a.page} {a.char}{b.char}: inks overlap by {right_a - left_b:.2f} pt in {text_of(line)!r}"
                )
    return found


def missing_latin_gaps(lines: Sequence[Sequence[Glyph]], least: float = 0.12) -> tuple[list[str], int]:
    """Junctions that get the CJK–Latin space by the rule but are set closer than ``least`` em; and how many
    such junctions there are."""
    found, count = [], 0
    for line in lines:
        text = text_of(line)
        for j in cjk_latin_gaps(text):
            a, b = line[j], line[j + 1]
            if b.x0 - a.x0 > SEPARATE * a.size:
                continue  # two texts side by side
            count += 1
            if b.x0 - a.x1 < least * max(a.size, b.size):
                found.append(f"p{a.page} {a.char}{b.char}: {(b.x0 - a.x1):.2f} pt in {text!r}")
    return found, count
