"""The deck as LibreOffice lays its flowing text out: inside every shape, no glyph on another, kinsoku kept.

Each deck (both examples, the stress spec, and the zhengzhou deck edited as
a user would) is converted once for the module; pdfplumber's character boxes
(points, from the page's top left) are mapped to the python-pptx shape boxes
that hold their text. The PNGs of the edited deck are written to
/tmp/deck-edited for a person to look at.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.util import Emu

import zzreport
from zzreport.fonts.linebreak import LINE_START_FORBIDDEN
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
SPECS = {
    "zhengzhou": ROOT / "specs" / "zhengzhou-2025.yaml",
    "showcase": ROOT / "specs" / "showcase.yaml",
    "stress": ROOT / "tests" / "fixtures" / "stress" / "stress.yaml",
}
REQUIRED = os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1"
#: Points a glyph box may poke out of its shape: pdfplumber's boxes are the font's full ascent to descent.
SLACK = 1.5
#: Full-width closing marks, drawn in the left part of their box.
HANGING = frozenset("。，、；：！？）”’」』】》")
#: Twenty characters added to one paragraph, six deleted from another (see :func:`edit_as_a_user`).
ADDED = "并在此基础上进一步补充完善相关配套措施等"

pytestmark = pytest.mark.skipif(
    find_soffice() is None and not REQUIRED, reason="LibreOffice (soffice) is not installed"
)


def pt(emu: int) -> float:
    return Emu(emu).pt


@dataclass(frozen=True)
class Region:
    """A box (points) that holds text: a text shape, a table cell or a chart; ``text`` is what it holds."""

    name: str
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    chart: bool = False

    def holds(self, c: dict, slack: float = SLACK) -> bool:
        # Hanging punctuation (``hangingPunct``) sets a full-width closing mark at a line's end past
        # the text area; its ink is in the left third of its em box, which must stay inside the shape.
        hang = (c["x1"] - c["x0"]) * 0.65 if c["text"] in HANGING else 0.0
        return (
            c["x0"] >= self.x0 - slack
            and c["x1"] <= self.x1 + slack + hang
            and c["top"] >= self.top - slack
            and c["bottom"] <= self.bottom + slack
        )


def regions(slide) -> list[Region]:
    out = []
    for shape in slide.shapes:
        x0, top = pt(shape.left), pt(shape.top)
        x1, bottom = x0 + pt(shape.width), top + pt(shape.height)
        if shape.has_text_frame and shape.text_frame.text.strip():
            out.append(Region(shape.name, x0, top, x1, bottom, shape.text_frame.text))
        elif getattr(shape, "has_table", False) and shape.has_table:
            y = top
            for row in shape.table.rows:
                x = x0
                for column, cell in zip(shape.table.columns, row.cells, strict=False):
                    out.append(Region(f"{shape.name} cell", x, y, x + pt(column.width), y + pt(row.height), cell.text))
                    x += pt(column.width)
                y += pt(row.height)
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            out.append(Region(shape.name, x0, top, x1, bottom, "", chart=True))
    return out


@dataclass
class Rendered:
    name: str
    prs: object
    pages: list[list[dict]]  # per slide, pdfplumber's characters


def render(name: str, blob: bytes, folder: Path) -> Rendered:
    deck = folder / f"{name}.pptx"
    deck.write_bytes(blob)
    pdf = convert_to_pdf(deck, folder)
    with pdfplumber.open(pdf) as doc:
        pages = [[c for c in page.chars if c["text"].strip()] for page in doc.pages]
    return Rendered(name, Presentation(io.BytesIO(blob)), pages)


def build(spec: Path) -> bytes:
    out = io.BytesIO()
    PptxWriter().write(zzreport.resolve(zzreport.load(spec)), out, WriteContext())
    return out.getvalue()


def edit_as_a_user(blob: bytes) -> bytes:
    """Delete six characters from one body paragraph and add twenty to another, as python-pptx lets one."""
    prs = Presentation(io.BytesIO(blob))
    paragraphs = [p for slide in prs.slides for s in slide.shapes if s.has_text_frame and s.name == "Text"
                  for p in s.text_frame.paragraphs if len(p.text) > 40]  # fmt: skip
    shortened, lengthened = paragraphs[0], paragraphs[len(paragraphs) // 2]
    first = shortened.runs[0]
    first.text = first.text[:4] + first.text[10:]
    last = lengthened.runs[-1]
    last.text = last.text[:-1] + ADDED + last.text[-1:]
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    folder = tmp_path_factory.mktemp("rendered-text")
    blobs = {name: build(spec) for name, spec in SPECS.items()}
    blobs["edited"] = edit_as_a_user(blobs["zhengzhou"])
    return {name: render(name, blob, folder) for name, blob in blobs.items()}


NAMES = [*sorted(SPECS), "edited"]


def located(deck: Rendered) -> Iterator[tuple[int, dict, list[Region]]]:
    """Every rendered character with the regions that could hold it (those whose text has it, else any)."""
    for number, (slide, chars) in enumerate(zip(deck.prs.slides, deck.pages, strict=True), start=1):
        boxes = regions(slide)
        for c in chars:
            # a chart's text is its own (axis, labels), so a chart may hold any character
            holders = [r for r in boxes if c["text"] in r.text or r.chart] or boxes
            yield number, c, holders


@pytest.mark.parametrize("name", NAMES)
def test_no_text_overflows_its_shape(decks, name: str) -> None:
    deck = decks[name]
    assert len(deck.pages) == len(deck.prs.slides)
    spilled = [f"slide {n}: {c['text']!r} at ({c['x0']:.0f}, {c['top']:.0f}) outside {[r.name for r in rs][:3]}"
               for n, c, rs in located(deck) if not any(r.holds(c) for r in rs)]  # fmt: skip
    assert spilled == []


def _core(c: dict) -> tuple[float, float, float, float]:
    """The middle of a glyph box: neighbours on a line and lines of a paragraph touch at the edges."""
    dx, dy = (c["x1"] - c["x0"]) * 0.2, (c["bottom"] - c["top"]) * 0.25
    return c["x0"] + dx, c["top"] + dy, c["x1"] - dx, c["bottom"] - dy


@pytest.mark.parametrize("name", NAMES)
def test_no_two_glyphs_overlap(decks, name: str) -> None:
    found = []
    for number, chars in enumerate(decks[name].pages, start=1):
        cores = sorted((_core(c), c["text"]) for c in chars)
        for i, ((x0, t0, x1, b0), a) in enumerate(cores):
            for (u0, s0, _u1, e0), b in cores[i + 1 :]:
                if u0 >= x1:
                    break
                if s0 < b0 and e0 > t0:
                    found.append(f"slide {number}: {a!r} on {b!r} at ({x0:.0f}, {t0:.0f})")
    assert found == []


def rendered_lines(deck: Rendered) -> Iterator[tuple[int, str, str]]:
    """(slide, shape name, line text) for every line LibreOffice set in a text shape, but a paragraph's first."""
    for number, (slide, chars) in enumerate(zip(deck.prs.slides, deck.pages, strict=True), start=1):
        for shape in regions(slide):
            if shape.name.endswith(" cell") or not shape.text:
                continue
            inside = [c for c in chars if shape.holds(c, 0.5)]
            lines: dict[int, list[dict]] = {}
            for c in inside:
                lines.setdefault(round(c["bottom"]), []).append(c)
            starts = [p.strip()[:6] for p in shape.text.split("\n") if p.strip()]
            for _bottom, line in sorted(lines.items()):
                text = "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
                if not any(start.startswith(text[:6]) or text.startswith(start) for start in starts):
                    yield number, shape.name, text


@pytest.mark.parametrize("name", NAMES)
def test_no_rendered_line_starts_with_closing_punctuation(decks, name: str) -> None:
    lines = list(rendered_lines(decks[name]))
    bad = [f"slide {n} {s!r}: {line}" for n, s, line in lines if line[0] in LINE_START_FORBIDDEN]
    assert bad == []
    assert len(lines) > 50


@pytest.mark.parametrize("name", NAMES)
def test_titles_and_cards_never_show_a_lone_character_line(decks, name: str) -> None:
    """A balanced title or card label wraps into lines of similar length, never one Han character alone."""
    lone = [
        f"slide {n} {s!r}: {line}"
        for n, s, line in rendered_lines(decks[name])
        if s.startswith(("KPI ", "Title", "Divider")) and len(line) == 1 and "\u3400" <= line <= "\u9fff"
    ]
    assert lone == []


def test_the_edit_rewrapped_the_text(decks) -> None:
    """The added characters are on the slide, inside the shape: the paragraph flowed rather than froze."""
    edited = decks["edited"]
    text = "".join(c["text"] for page in edited.pages for c in page)
    assert ADDED.rstrip("，") in text


@pytest.mark.parametrize("name", sorted(SPECS))
def test_libreoffice_does_not_shrink_text_that_fits(decks, name: str) -> None:
    """``normAutofit`` is only a safety net: every body glyph is drawn at a size its shape's runs were written at."""
    deck = decks[name]
    wrong, checked = [], 0
    for number, (slide, chars) in enumerate(zip(deck.prs.slides, deck.pages, strict=True), start=1):
        for shape in slide.shapes:
            if shape.name != "Text" or not shape.has_text_frame:
                continue
            sizes = {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs if run.font.size}
            box = Region(shape.name, pt(shape.left), pt(shape.top), pt(shape.left + shape.width),
                         pt(shape.top + shape.height), shape.text_frame.text)  # fmt: skip
            for c in chars:
                if box.holds(c, 0.0) and c["text"] in box.text:
                    checked += 1
                    if not any(abs(c["size"] - size) < 0.3 for size in sizes):
                        wrong.append(f"slide {number}: {c['text']!r} at {c['size']:.1f} pt, written {sorted(sizes)}")
    assert wrong[:5] == []
    assert checked > 100
