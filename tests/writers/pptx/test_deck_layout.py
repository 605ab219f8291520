"""Balanced slides: one value size per KPI grid, no lone card or bullet, change lines whole.

Read back from the decks the examples and the stress spec build, as a
reader sees them: cards grouped into grids by their place on the slide.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

import zzreport
from zzreport.fonts.fontset import FontSet
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.cards import CARD_INSET_X
from zzreport.writers.pptx.layout import GAP
from zzreport.writers.pptx.text import Measurer, read_paragraphs
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
SPECS = {
    "zhengzhou": ROOT / "specs" / "zhengzhou-2025.yaml",
    "showcase": ROOT / "specs" / "showcase.yaml",
    "stress": ROOT / "tests" / "fixtures" / "stress" / "stress.yaml",
}
MEASURER = Measurer(FontSet.default())


@pytest.fixture(scope="module", params=sorted(SPECS))
def deck(request: pytest.FixtureRequest):
    out = io.BytesIO()
    PptxWriter().write(zzreport.resolve(zzreport.load(SPECS[request.param])), out, WriteContext())
    return Presentation(io.BytesIO(out.getvalue()))


def grids(slide) -> list[list]:
    """The slide's KPI cards in grids: cards closer than two gaps side by side belong to one grid."""
    cards = sorted((s for s in slide.shapes if s.name.startswith("KPI ")), key=lambda s: s.left)
    out: list[list] = []
    right = None
    for card in cards:
        if right is None or card.left > right + 2 * GAP:
            out.append([])
            right = card.left + card.width
        out[-1].append(card)
        right = max(right, card.left + card.width)
    return out


def value_size(card) -> tuple[float, str]:
    """The card's value: its largest run's size (points) and text."""
    runs = [(int(r.find(qn("a:rPr")).get("sz")) / 100, r.findtext(qn("a:t"))) for r in card._element.iter(qn("a:r"))]
    return max(runs)


def test_kpi_values_in_one_grid_share_one_size(deck) -> None:
    wrong = []
    for number, slide in enumerate(deck.slides, start=1):
        for grid in grids(slide):
            numbers = {value_size(card)[0] for card in grid if any(ch.isdigit() for ch in value_size(card)[1])}
            if len(numbers) > 1:
                wrong.append(f"slide {number}: {sorted(numbers)} in a grid of {len(grid)}")
    assert wrong == []


def test_no_grid_ends_on_a_lone_card(deck) -> None:
    """Seven cards are 4+3 or 3+2+2, never 6+1 or 3+3+1: rows of a grid differ by one card at most."""
    wrong = []
    for number, slide in enumerate(deck.slides, start=1):
        for grid in grids(slide):
            rows: dict[int, int] = {}
            for card in grid:
                rows[card.top] = rows.get(card.top, 0) + 1
            if len(rows) > 1 and max(rows.values()) - min(rows.values()) > 1:
                wrong.append(f"slide {number}: rows of {list(rows.values())}")
    assert wrong == []


def test_a_change_line_fits_its_card_on_one_line(deck) -> None:
    """ "▲ 同比 +112.9%" never breaks between the arrow and the figure: it is measured to fit one line."""
    checked, wrong = 0, []
    for number, slide in enumerate(deck.slides, start=1):
        for card in (s for s in slide.shapes if s.name.startswith("KPI ")):
            inner = card.width - 2 * CARD_INSET_X
            for p in read_paragraphs(card.text_frame):
                if p.text[:1] in ("▲", "▼"):
                    checked += 1
                    if MEASURER.line_count(p, inner) != 1:
                        wrong.append(f"slide {number} {card.name!r}: {p.text} at {p.size} pt")
    assert wrong == []
    assert checked


def test_no_continuation_slide_holds_a_single_bullet(deck) -> None:
    lone, checked = [], 0
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if not title.endswith("（续）"):
            continue
        checked += 1
        texts = [s for s in slide.shapes if s.has_text_frame and s.name == "Text"]
        if len(slide.shapes) and texts and len([s for s in slide.shapes if s.name.startswith(("KPI", "Callout"))]) == 0:
            paragraphs = [p for s in texts for p in s.text_frame.paragraphs if p.text.strip()]
            if len(paragraphs) == 1:
                lone.append(f"slide {number}: {paragraphs[0].text[:30]}")
    assert lone == []
    assert checked


def test_a_table_continued_on_slides_never_ends_on_a_lone_row() -> None:
    """Rows cut into slides under a repeated header: the last slide holds at least two (11 rows of 5 a slide)."""
    from zzreport.writers.pptx.tables import TableLayout, split_rows

    layout = TableLayout((100,), 10, (10,) * 11, 0)
    pages = split_rows(layout, 60)  # header + five rows a slide
    assert [len(p) for p in pages] == [5, 4, 2]
    assert [i for p in pages for i in p] == list(range(11))
    with_total = TableLayout((100,), 10, (10,) * 11, 10)
    assert [len(p) for p in split_rows(with_total, 60)][-1] >= 2


def test_the_last_slides_of_a_long_list_are_balanced() -> None:
    """Fifteen long bullets over slides: the last continuation holds about as many as the one before (not 6+5+2)."""
    out = io.BytesIO()
    PptxWriter().write(zzreport.resolve(zzreport.load(SPECS["stress"])), out, WriteContext())
    prs = Presentation(io.BytesIO(out.getvalue()))
    counts = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if title.startswith("长段落与长列表"):
            bullets = [p for s in slide.shapes if s.name == "Text" for p in s.text_frame.paragraphs
                       if p._p.find(qn("a:pPr")) is not None and p._p.find(qn("a:pPr")).find(qn("a:buChar")) is not None
                       and p._p.find(qn("a:pPr")).find(qn("a:buChar")).get("char") == "■"]  # fmt: skip
            counts.append(len(bullets))
    assert len(counts) >= 3 and sum(counts) == 15
    assert counts[-1] >= counts[-2] - 1, counts
