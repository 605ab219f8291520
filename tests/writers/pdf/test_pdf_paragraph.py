"""``CJKParagraph`` puts the shared line breaks into real, extractable PDF text.

What is checked is what a reader of the PDF sees or copies: lines free of
kinsoku violations and split numbers, text extracted in order with nothing
lost, justified lines flush with the right edge, and no single line stranded
at a page foot or head. Everything is read back from the file with
pdfplumber rather than trusted from the layout objects.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.linebreak import Run, violations
from zzreport.writers.pdf.paragraph import CJKParagraph, PassCanvas, RunStyle

from .typography import is_han

SEED = Path("/work/shared/seeds/000_06f168087f7608ae.txt")
REGULAR, BOLD = "ZZTestSerif", "ZZTestSerif-Bold"
SIZE = 10.5
MARGIN = 36.0
FRAME_HEIGHT = 400.0
HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")


@pytest.fixture(scope="module", autouse=True)
def fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, weight in ((REGULAR, 400), (BOLD, 700)):
        if name not in registered:
            path = bundled_font_path("serif", weight)  # type: ignore[arg-type]
            pdfmetrics.registerFont(TTFont(name, str(path)))


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def body(text: str, **kwargs: object) -> CJKParagraph:
    return CJKParagraph([Run(text, RunStyle(REGULAR, SIZE))], **kwargs)  # type: ignore[arg-type]


def build(path: Path, width: float, story: list[Flowable]) -> Path:
    """One frame per page, ``width`` wide, no padding; no stray Helvetica."""
    doc = BaseDocTemplate(
        str(path),
        pagesize=(width + 2 * MARGIN, FRAME_HEIGHT + 2 * MARGIN),
        initialFontName=REGULAR,
        initialFontSize=SIZE,
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        width,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", [frame])])
    doc.build(story, canvasmaker=PassCanvas)  # the report template's canvas, as the writer draws on it
    return path


def extracted_lines(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in page.extract_text_lines(return_chars=True)]


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("width", [120.0, 300.0])
def test_seed_article_round_trips_through_the_pdf(tmp_path: Path, width: float) -> None:
    paragraphs = seed_paragraphs()
    story: list[Flowable] = [body(text, first_line_indent=2 * SIZE, space_after=6) for text in paragraphs]
    pdf = build(tmp_path / "seed.pdf", width, story)
    lines = extracted_lines(pdf)

    assert violations([line["text"] for line in lines]) == []
    assert squash("".join(line["text"] for line in lines)) == squash("".join(paragraphs))

    # Same lines, in order, as the layout (also across page splits), and
    # every justified line ends at the right edge of the frame, but for a
    # line that has only junctions between Chinese characters to stretch
    # and has stretched them all to the cap (1.05 em a character): it
    # stays short rather than letter-spaced.
    layout = [line for text in paragraphs for line in body(text, first_line_indent=21).lines(width)]
    assert [squash(line["text"]) for line in lines] == [squash(line.text) for line in layout]
    right = MARGIN + width
    short = 0
    for got, laid in zip(lines, layout, strict=True):
        x1 = max(char["x1"] for char in got["chars"])
        if not laid.ends_paragraph:
            assert x1 - laid.overhang <= right + 0.5
            if x1 < right + laid.overhang - 0.5:
                short += 1
                chars = got["chars"]
                advances = [
                    b["x0"] - a["x0"] for a, b in itertools.pairwise(chars) if is_han(a["text"]) and is_han(b["text"])
                ]
                assert all(advance == pytest.approx(1.05 * SIZE, abs=0.02) for advance in advances), laid.text
                assert not any(char["text"] in "，。、；：？！“”（）《》 " for char in chars[:-1]), laid.text
            else:
                assert x1 == pytest.approx(right + laid.overhang, abs=0.5), laid.text
        else:
            assert x1 <= right + laid.overhang + 0.5
    assert short <= len(layout) // 20, "total fit keeps lines that cannot be justified rare"

    pypdf_text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert squash(pypdf_text) == squash("".join(paragraphs))

    with pdfplumber.open(pdf) as doc:
        fonts = {char["fontname"] for page in doc.pages for char in page.chars}
    assert all("NotoSerifSC" in font for font in fonts)
    assert b"Helvetica" not in pdf.read_bytes()


def test_no_spurious_spaces_inside_chinese_in_a_normal_column(tmp_path: Path) -> None:
    paragraphs = seed_paragraphs()
    story: list[Flowable] = [body(text, first_line_indent=21) for text in paragraphs]
    pdf = build(tmp_path / "normal.pdf", 300.0, story)
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(page.extract_text() for page in doc.pages)
    expected = set(HAN_SPACE_HAN.findall("\n".join(paragraphs)))
    assert set(HAN_SPACE_HAN.findall(text)) <= expected


def test_split_keeps_two_lines_on_each_side() -> None:
    text = "".join(seed_paragraphs()[3:5])
    paragraph = body(text)
    width = 150.0
    total = len(paragraph.lines(width))
    leading = paragraph.leading
    assert total >= 6

    assert paragraph.split(width, 1.5 * leading) == []  # room for 1 line only
    head, tail = paragraph.split(width, 2.2 * leading)
    assert (len(head.lines(width)), len(tail.lines(width))) == (2, total - 2)
    head, tail = paragraph.split(width, (total - 1) * leading)
    assert (len(head.lines(width)), len(tail.lines(width))) == (total - 2, 2)
    assert paragraph.split(width, total * leading) == [paragraph]

    three = body("一二三四五六七八九十" * 3)
    assert len(three.lines(110.0)) == 3
    assert three.split(110.0, 2.5 * three.leading) == []


def test_split_parts_join_to_the_original_lines() -> None:
    paragraph = body("".join(seed_paragraphs()[3:5]), first_line_indent=21)
    width = 150.0
    head, tail = paragraph.split(width, 4 * paragraph.leading)
    assert head.continued and not tail.continued
    parts = head.lines(width) + tail.lines(width)
    assert [line.text for line in parts] == [line.text for line in paragraph.lines(width)]
    assert head.lines(width)[0].indent == 21 and tail.lines(width)[0].indent == 0


def test_single_line_is_never_left_at_the_foot_of_a_page(tmp_path: Path) -> None:
    paragraph_text = "".join(seed_paragraphs()[3:5])
    probe = body(paragraph_text)
    filler = FRAME_HEIGHT - 1.5 * probe.leading  # room for exactly one line
    pdf = build(tmp_path / "orphan.pdf", 200.0, [Spacer(10, filler), body(paragraph_text)])
    with pdfplumber.open(pdf) as doc:
        first_page = doc.pages[0].extract_text()
        second_page = doc.pages[1].extract_text()
    assert squash(first_page) == ""
    assert squash(second_page).startswith(squash(paragraph_text)[:10])


def test_alignment_bold_and_colour(tmp_path: Path) -> None:
    red = Color(0.8, 0.1, 0.1)
    runs = [
        Run("新能源汽车实际下线", RunStyle(REGULAR, SIZE)),
        Run("52.9万辆", RunStyle(BOLD, SIZE, red)),
        Run("，增速112.9%。", RunStyle(REGULAR, SIZE)),
    ]
    width = 100.0
    story: list[Flowable] = [CJKParagraph(runs, align=align) for align in ("right", "center", "left")]
    pdf = build(tmp_path / "align.pdf", width, story)
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        chars = page.chars
        lines = page.extract_text_lines(return_chars=True)
    per_paragraph = len(lines) // 3
    right = [line["x1"] for line in lines[:per_paragraph]]
    assert right == pytest.approx([MARGIN + width] * per_paragraph, abs=0.5)
    for line in lines[per_paragraph : 2 * per_paragraph]:
        left_gap, right_gap = line["x0"] - MARGIN, MARGIN + width - line["x1"]
        assert left_gap == pytest.approx(right_gap, abs=0.5)
    assert all(abs(line["x0"] - MARGIN) < 0.01 for line in lines[2 * per_paragraph :])
    bold = [char for char in chars if "Bold" in char["fontname"]]
    assert "".join(char["text"] for char in bold) == "52.9万辆" * 3
    assert all(tuple(char["non_stroking_color"]) == pytest.approx((0.8, 0.1, 0.1)) for char in bold)
