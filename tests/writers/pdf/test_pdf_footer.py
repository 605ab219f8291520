"""The running footer's slots are measured: page number, footer line and source never overprint, and a
source that does not fit its slot wraps (or, past two lines, is shortened) instead of being cut blind.

Checked by reopening the PDF with pdfplumber and grouping the footer's
characters into the boxes a reader sees.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from zzreport.builder import build
from zzreport.testing import write_files

#: 37 characters: longer than the slot beside 第 3 页 / 共 3 页 on A4 and far longer on A5.
SOURCE = "郑州市人民政府2025年政府工作报告及郑州市统计局国民经济和社会发展统计公报"
FOOTER = "内部资料 注意保密"
SPEC = """\
zzreport: 1
title: 页脚测试报告
source: {source}
footer: {footer}
{theme}sections:
  - id: a
    title: 第一节
    blocks:
      - paragraph: 正文。
  - id: b
    title: 第二节
    blocks:
      - paragraph: 正文。
"""
PAGES = {
    "a4": "",
    "a5": "theme: {page: {size: A5, margins: {left: 30, right: 30}}}\n",
    "a5-narrow": "theme: {page: {size: A5, margins: {left: 40, right: 40, bottom: 18}}}\n",
}
#: Characters further apart than this belong to different boxes (the slots keep 12 pt between them).
GAP = 6.0


def boxes(page: pdfplumber.page.Page) -> list[tuple[str, float, float, float, float]]:
    """The footer's text boxes (text, x0, x1, top, bottom): runs of characters on one line without a gap."""
    chars = sorted((c for c in page.chars if c["top"] > page.height * 0.9), key=lambda c: (round(c["top"]), c["x0"]))
    found: list[list[dict]] = []
    for char in chars:
        last = found[-1][-1] if found else None
        if last is not None and abs(last["top"] - char["top"]) < 1 and char["x0"] - last["x1"] < GAP:
            found[-1].append(char)
        else:
            found.append([char])
    return [
        ("".join(c["text"] for c in run), run[0]["x0"], run[-1]["x1"], run[0]["top"], run[-1]["bottom"])
        for run in found
    ]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("footer")
    files = {f"{name}.yaml": SPEC.format(source=SOURCE, footer=FOOTER, theme=theme) for name, theme in PAGES.items()}
    write_files(folder, files)
    return {name: build(folder / f"{name}.yaml", folder / "out", ["pdf"])[0].path for name in PAGES}


def footer_of(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    with pdfplumber.open(path) as pdf:
        return [boxes(page) for page in pdf.pages[1:]]  # the cover has no footer


@pytest.mark.parametrize("name", list(PAGES))
def test_no_two_footer_boxes_overlap(pdfs: dict[str, Path], name: str) -> None:
    pages = footer_of(pdfs[name])
    assert pages and all(pages)
    for page in pages:
        for i, (text_a, ax0, ax1, atop, abottom) in enumerate(page):
            for text_b, bx0, bx1, btop, bbottom in page[i + 1 :]:
                apart = ax1 <= bx0 or bx1 <= ax0 or abottom <= btop or bbottom <= atop
                assert apart, f"{text_a!r} overprints {text_b!r}"


Box = tuple[str, float, float, float, float]


def source_beside_number(page: list[Box]) -> list[Box]:
    number = next(b for b in page if b[0].startswith("第"))
    return [b for b in page if b[1] > number[2]]  # right of the page number


def test_a_long_source_wraps_whole_beside_the_page_number_on_a4(pdfs: dict[str, Path]) -> None:
    for page in footer_of(pdfs["a4"]):
        number = next(b for b in page if b[0].startswith("第"))
        source = source_beside_number(page)
        assert "".join(b[0] for b in source) == "来源：" + SOURCE
        assert len(source) == 2 and round(source[0][3]) == round(number[3])  # the first line level with it
        assert any(b[0] == FOOTER for b in page)


@pytest.mark.parametrize("name", ["a5", "a5-narrow"])
def test_a_source_too_long_for_two_lines_is_shortened_with_an_ellipsis(pdfs: dict[str, Path], name: str) -> None:
    with pdfplumber.open(pdfs[name]) as pdf:
        height = pdf.pages[1].height
    for page in footer_of(pdfs[name]):
        source = source_beside_number(page)
        text = "".join(b[0] for b in source)
        assert len(source) == 2 and text.endswith("…") and ("来源：" + SOURCE).startswith(text[:-1])
        assert len(text) > 12  # both lines used, not a stub
        assert all(b[4] < height - 8 for b in source)  # clear of the trim edge


def test_a_footer_line_too_wide_for_its_slot_wraps_at_its_space(pdfs: dict[str, Path]) -> None:
    page = footer_of(pdfs["a5-narrow"])[0]
    halves = [b for b in page if b[0] in FOOTER.split()]
    assert [b[0] for b in halves] == FOOTER.split() and halves[0][3] < halves[1][3]  # one under the other
