"""Charts at the Word document's text width read as a page's charts: text in proportion, labels whole and level.

The shared chart room sets a chart's text from the chart's width: 12 pt on
a slide, smaller in a chart as narrow as an A4 text frame. One document of
a column chart with long category names, a bar chart with longer ones
(digits among Chinese) and a combo chart with a right-hand axis title is
written and printed by LibreOffice once. Reopened, the charts' text is
smaller than the deck's; printed, the column labels stand upright (not
turned 45°), each bar label starts inside the chart, and the right axis'
title is one line.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from tests.helpers import require_tool
from tests.writers.docx.reader import built_docx, open_docx, part_xml
from zzreport import ir
from zzreport.libreoffice import convert_to_pdf, find_soffice

COLUMN_CATEGORIES = ["城市更新示范片区", "高标准农田建设区", "现代物流枢纽园区", "智能制造示范工厂", "重点实验室联合体"]
BAR_CATEGORIES = ["示范区新建公共充电设施（1~6月累计）", "县域商业体系建设示范县（含改造提升）", "短名"]
RIGHT_TITLE = "同比增速（%）"
FIGURES = [
    {
        "kind": "column",
        "title": "版式柱图",
        "unit": "个",
        "categories": COLUMN_CATEGORIES,
        "series": [{"name": "数量", "values": [18, 14, 63, 8, 9]}],
    },
    {
        "kind": "bar",
        "title": "版式条形图",
        "unit": "个",
        "categories": BAR_CATEGORIES,
        "series": [{"name": "数量", "values": [120, 45, 300]}],
    },
    {
        "kind": "combo",
        "title": "版式组合图",
        "unit": "万辆",
        "y_title": "产量（万辆）",
        "y2_title": RIGHT_TITLE,
        "categories": ["2020年", "2021年", "2022年", "2023年", "2024年"],
        "series": [
            {"name": "产量", "values": [12.4, 15.8, 20.6, 24.9, 31.2]},
            {"name": "增速", "type": "line", "axis": "secondary", "unit": "%", "values": [5.1, 27.4, 30.4, 20.9, 25.3]},
        ],
    },
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ir.Document, bytes, Path]:
    folder = tmp_path_factory.mktemp("chart-layout")
    spec = {
        "zzreport": 1,
        "title": "图表版式",
        "sections": [{"id": "a", "title": "图表一节", "blocks": [{"figure": f} for f in FIGURES]}],
    }
    return built_docx(folder, spec, "charts.docx")


@pytest.fixture(scope="module")
def printed(built: tuple[ir.Document, bytes, Path]) -> Path:
    require_tool("LibreOffice (soffice)", find_soffice())
    _, _, path = built
    return convert_to_pdf(path, path.parent)


def _chart_sizes(data: bytes) -> set[int]:
    """Every text size (``sz``, hundredths of a point) the document's chart parts name."""
    import zipfile

    sizes = set()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if n.startswith("word/charts/chart")]
    assert len(names) == len(FIGURES)
    for name in names:
        for element in part_xml(data, name).iter():
            if element.get("sz") is not None:
                sizes.add(int(element.get("sz")))
    return sizes


def test_chart_text_at_the_text_width_is_smaller_than_the_decks(built: tuple[ir.Document, bytes, Path]) -> None:
    _, data, _ = built
    sizes = _chart_sizes(data)
    assert sizes and max(sizes) <= 1000 and min(sizes) >= 700, sorted(sizes)


def _chars(pdf: Path) -> list[dict]:
    with pdfplumber.open(pdf) as document:
        return [c for page in document.pages for c in page.chars]


def _word_chars(chars: list[dict], word: str) -> list[dict]:
    """The characters of ``word`` where it is printed as one run of characters (in reading order)."""
    text = "".join(c["text"] for c in chars)
    at = text.find(word)
    assert at >= 0, f"{word!r} is not printed whole"
    return chars[at : at + len(word)]


def test_column_category_labels_stand_upright(printed: Path) -> None:
    chars = _chars(printed)
    for label in COLUMN_CATEGORIES:
        found = _word_chars(chars, label)
        assert all(c["upright"] for c in found), label
        assert len({round(c["top"]) for c in found}) == 1, f"{label} is turned or broken"


def test_bar_category_labels_start_inside_the_chart(printed: Path, built: tuple[ir.Document, bytes, Path]) -> None:
    _, data, _ = built
    margin = open_docx(data).sections[0].left_margin.pt
    chars = _chars(printed)
    for label in BAR_CATEGORIES[:2]:
        found = _word_chars(chars, label)
        # The chart is as wide as the text: a label too long for its room is pushed against the chart's edge.
        assert found[0]["x0"] > margin + 1, (label, found[0]["x0"], margin)


def test_the_right_axis_title_is_one_line(printed: Path) -> None:
    found = _word_chars(_chars(printed), RIGHT_TITLE)
    assert len({round(c["top"]) for c in found}) == 1, [(c["text"], c["top"]) for c in found]


def test_charts_are_printed_without_a_frame(printed: Path, built: tuple[ir.Document, bytes, Path]) -> None:
    """No outline around a chart's area: left "automatic", LibreOffice Writer framed every chart in grey."""
    _, data, _ = built
    section = open_docx(data).sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 12700
    with pdfplumber.open(printed) as document:
        # A frame is a stroked outline as wide as the chart, which is as wide as the text; a plot is narrower.
        frames = [
            (round(s["x0"]), round(s["top"]), round(s["width"]), round(s["height"]))
            for page in document.pages
            for s in [*page.curves, *page.rects]
            if s.get("stroke") and s["width"] > 0.95 * text_width and s["height"] > 100
        ]
    assert not frames, frames
