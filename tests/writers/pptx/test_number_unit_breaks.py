"""A number keeps its unit on its line when the renderer itself rewraps a paragraph (a user narrowed its box).

The deck's paragraphs flow: PowerPoint, WPS and LibreOffice break the lines
themselves, and East Asian breaking allows a break between 52.9 and 万.
The deck writes U+2060 WORD JOINER where zzreport's own breaker keeps a
number with its unit, so LibreOffice moves the whole quantity to the next
line. The test narrows one copy of the paragraph's box per quantity so that
the break would fall just after the number, renders once through
LibreOffice, and reads each copy's lines back with pdfplumber.
"""

from __future__ import annotations

import os
from copy import deepcopy
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.util import Emu

import zzreport
from zzreport.builder import build
from zzreport.fonts.fontset import FontSet
from zzreport.fonts.linebreak import cjk_latin_gaps
from zzreport.testing import slide_texts, visible_text, write_spec
from zzreport.writers.pptx.libreoffice import convert_to_pdf, find_soffice

REQUIRED = os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1"
pytestmark = pytest.mark.skipif(
    find_soffice() is None and not REQUIRED, reason="LibreOffice (soffice) is not installed"
)

PARAGRAPH = "去年全区新能源整车产量达到52.9万辆，配套企业新增100余家，出口额增速为+112.9%，均创历史新高。"
#: Each quantity, and the character after which a renderer's East Asian breaking may cut it.
QUANTITIES = {"52.9万辆": "9", "100余家": "0", "+112.9%": "+"}
SPEC = {
    "zzreport": 1,
    "title": "数字与单位",
    "sections": [{"id": "one", "title": "产业", "blocks": [{"paragraph": PARAGRAPH}]}],
}


def _paragraph_shape(slides):
    for slide in slides:
        for shape in slide.shapes:
            if shape.has_text_frame and visible_text(shape.text_frame.text) == PARAGRAPH:
                return slide, shape
    raise AssertionError("no shape holds the paragraph")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The spec and the deck built from it."""
    out = tmp_path_factory.mktemp("number-unit")
    spec = write_spec(out / "spec", SPEC)
    return spec, next(o.path for o in build(spec, out / "built") if o.format == "pptx")


@pytest.fixture(scope="module")
def narrowed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Per quantity, the lines LibreOffice drew for a copy of the paragraph (on a blank slide of its own) whose
    box ends just past the character after which the quantity could be cut."""
    spec, deck = built
    out = tmp_path_factory.mktemp("narrowed")
    fonts = FontSet.from_plan(zzreport.resolve(zzreport.load(spec)).font_plan)
    prs = Presentation(str(deck))
    _, shape = _paragraph_shape(prs.slides)
    frame = shape.text_frame
    size = max(r.font.size.pt for p in frame.paragraphs for r in p.runs)
    insets = int(frame.margin_left) + int(frame.margin_right)
    blank = min(prs.slide_layouts, key=lambda layout: len(layout.placeholders))
    pages: dict[str, int] = {}
    for quantity, cut_after in QUANTITIES.items():
        start = PARAGRAPH.index(quantity)
        prefix = PARAGRAPH[: start + quantity.rindex(cut_after) + 1]
        # Room for the prefix, LibreOffice's quarter-em CJK-Latin spaces in it and the one after it, not for
        # the next character.
        spaces = len(cjk_latin_gaps(prefix)) + 1
        text_width = fonts.width(prefix, "slide", size) + (0.25 * spaces + 0.25) * size
        slide = prs.slides.add_slide(blank)
        slide.shapes._spTree.append(deepcopy(shape._element))
        placed = slide.shapes[-1]
        placed.left, placed.top = shape.left, shape.top
        placed.width, placed.height = Emu(int(text_width * 12700) + insets), Emu(int(size * 1.5 * 6 * 12700))
        placed.text_frame.auto_size = None  # no shrinking: the lines are the renderer's own breaks
        pages[quantity] = len(prs.slides) - 1
    edited = out / "narrowed.pptx"
    prs.save(str(edited))
    pdf = convert_to_pdf(edited, out)
    lines: dict[str, list[str]] = {}
    with pdfplumber.open(pdf) as doc:
        for quantity, index in pages.items():
            text = doc.pages[index].extract_text() or ""
            lines[quantity] = [line.replace(" ", "") for line in text.splitlines()]
    return lines


@pytest.mark.parametrize("quantity", QUANTITIES)
def test_a_number_and_its_unit_stay_on_one_line_when_libreoffice_rewraps(
    quantity: str, narrowed: dict[str, list[str]]
) -> None:
    lines = narrowed[quantity]
    assert "".join(lines) == PARAGRAPH, lines  # every character drawn, nothing extra (no box for the joiner)
    assert len(lines) >= 2, lines  # the narrowed box did rewrap the paragraph
    assert any(quantity in line for line in lines), lines


def test_the_joiner_is_invisible_to_a_reader_of_the_text(built: tuple[Path, Path]) -> None:
    """python-pptx reads the paragraph with its joiners; the testing readers give what a reader sees."""
    _, deck = built
    _, shape = _paragraph_shape(Presentation(str(deck)).slides)
    assert "52.9\u2060万\u2060辆" in shape.text_frame.text
    assert any(PARAGRAPH in text for slide in slide_texts(deck) for text in slide)
