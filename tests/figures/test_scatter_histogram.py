"""Scatter charts and histograms, reopened as a reader meets them: the PDF's shapes and words, the deck's chart.

One spec holds a scatter figure (x and y per district, one highlighted) and
two histograms (bins from the data, bins at given edges); it is built once
for the module. The PDF must show the points' names and the bins' labels as
text, the points where their values put them and the bins' columns
touching, tallest where most values fall; the deck must hold a native XY
scatter chart whose workbook holds the points and their names, and
clustered columns with no gap over the bins. An edited scatter chart
(``replace_data``) and the deck are rendered through LibreOffice once.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE

import zzreport
from tests.helpers import require_tool, workbook_rows
from zzreport.builder import build
from zzreport.errors import SpecError
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.testing import PdfPage, pdf_pages, write_spec

DISTRICTS = ["东城区", "西城区", "南湖区", "北山区", "中原区"]
INVESTMENT = [120.0, 85.0, 240.0, 60.0, 180.0]  # x
OUTPUT = [310.0, 260.0, 520.0, 150.0, 430.0]  # y
ACCENT = "#1F4E79"
OBSERVATIONS = [3.2, 7.5, 12.1, 14.8, 15.5, 18.0, 21.3, 22.9, 24.4, 26.0, 27.7, 31.2, 35.5, 44.0]


def _spec() -> dict[str, object]:
    scatter = {
        "kind": "scatter",
        "title": "投资与产出散点",
        "categories": DISTRICTS,
        "series": [
            {"name": "固定资产投资", "values": INVESTMENT, "unit": "亿元"},
            {"name": "工业产值", "values": OUTPUT, "unit": "亿元"},
        ],
        "highlight": "南湖区",
    }
    from_data = {
        "kind": "histogram",
        "title": "企业营收分布",
        "unit": "亿元",
        "series": [{"name": "企业营收", "values": OBSERVATIONS}],
    }
    given = {
        "kind": "histogram",
        "title": "给定分组分布",
        "categories": [0, 10, 20, 50],
        "series": [{"name": "企业营收", "values": OBSERVATIONS}],
    }
    blocks = [{"figure": f} for f in (scatter, from_data, given)]
    return {"zzreport": 1, "title": "散点与直方", "sections": [{"id": "s", "title": "一节", "blocks": blocks}]}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scatter")
    return {o.format: o.path for o in build(write_spec(folder, _spec()), folder / "out")}


@pytest.fixture(scope="module")
def pages(outputs: dict[str, Path]) -> list[PdfPage]:
    return pdf_pages(outputs["pdf"])


def _page_of(pages: list[PdfPage], word: str) -> PdfPage:
    return next(p for p in pages if word in p.text)


def test_the_pdf_names_each_point_beside_it_where_its_values_put_it(pages: list[PdfPage]) -> None:
    page = _page_of(pages, "东城区")
    words = {w.text: w for w in page.words}
    assert set(DISTRICTS) <= set(words)
    discs = [s for s in page.shapes if s.kind == "curve" and s.fill and 5 <= s.width <= 12]
    assert len(discs) == len(DISTRICTS)
    by_x = sorted(discs, key=lambda s: s.x0)
    # Left to right by investment; higher on the page (smaller top) by output, which rises with it here.
    order = sorted(range(len(DISTRICTS)), key=lambda j: INVESTMENT[j])
    tops = [d.top for d in by_x]
    assert tops == sorted(tops, reverse=True)
    highlighted = by_x[order.index(DISTRICTS.index("南湖区"))]
    assert highlighted.fill == ACCENT and all(d.fill != ACCENT for d in discs if d is not highlighted)
    assert highlighted.width > max(d.width for d in discs if d is not highlighted)
    for j in order:  # each name beside its disc
        disc, word = by_x[order.index(j)], words[DISTRICTS[j]]
        assert abs((word.top + word.bottom) / 2 - (disc.top + disc.bottom) / 2) < 14, DISTRICTS[j]
        assert min(abs(word.x0 - disc.x1), abs(disc.x0 - word.x1)) < 14 or word.x0 < disc.x1 < word.x1


def _histogram_columns(page: PdfPage, title: str) -> list:
    caption = next(w for w in page.words if title in w.text)
    above = [w.bottom for w in page.words if w.bottom < caption.top and ("图" in w.text and w.text != "图")]
    top = max(above, default=0.0)
    rects = [
        s
        for s in page.shapes
        if s.kind == "rect" and s.fill and s.top >= top and s.bottom <= caption.top and s.width > 12 and s.height > 1
    ]
    return sorted(rects, key=lambda s: s.x0)


def test_the_pdf_draws_bins_touching_with_their_labels_as_text(pages: list[PdfPage]) -> None:
    page = _page_of(pages, "给定分组分布")
    columns = _histogram_columns(page, "给定分组分布")
    assert len(columns) == 3
    assert all(abs(b.x0 - a.x1) < 0.8 for a, b in itertools.pairwise(columns)), "the bins' columns touch"
    # 0～10: 2 values, 10～20: 4, 20～50: 8.
    assert columns[0].height < columns[1].height < columns[2].height
    assert columns[1].height / columns[0].height == pytest.approx(2, rel=0.02)
    text = page.text.replace(" ", "")
    for label in ("0～10", "10～20", "20～50"):
        assert label in text, label


def test_bins_from_the_data_are_round_and_hold_every_value() -> None:
    doc = zzreport.resolve(zzreport.load_dict(_spec()))
    from_data = [f.data for f in doc.figures()][1]
    assert from_data.categories == ("0～10", "10～20", "20～30", "30～40", "40～50")
    assert from_data.series[0].values == (2, 4, 5, 2, 1)
    assert sum(v or 0 for v in from_data.series[0].values) == len(OBSERVATIONS)
    assert from_data.unit == "" and "亿元" in from_data.x_title  # the counts have no unit; the bins do


def _charts(deck: Path | io.BytesIO) -> list:
    return [s.chart for slide in Presentation(deck).slides for s in slide.shapes if s.has_chart]


def test_the_deck_holds_a_native_xy_scatter_whose_workbook_holds_the_points(outputs: dict[str, Path]) -> None:
    scatter = _charts(outputs["pptx"])[0]
    assert scatter.chart_type == XL_CHART_TYPE.XY_SCATTER
    (series,) = scatter.plots[0].series
    assert series.values == tuple(OUTPUT)
    rows = workbook_rows(scatter)
    assert rows[0] == ["工业产值"]
    assert rows[1:] == [[f"{x:g}", f"{y:g}", name] for x, y, name in zip(INVESTMENT, OUTPUT, DISTRICTS, strict=True)]
    labels = [series.points[i].data_label.text_frame.text for i in range(len(DISTRICTS))]
    assert labels == DISTRICTS
    highlighted = series.points[DISTRICTS.index("南湖区")].marker
    assert str(highlighted.format.fill.fore_color.rgb) == ACCENT[1:]


def test_the_deck_draws_a_histogram_as_columns_with_no_gap(outputs: dict[str, Path]) -> None:
    histogram = _charts(outputs["pptx"])[2]
    assert histogram.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert histogram.plots[0].gap_width == 0
    assert tuple(histogram.plots[0].categories) == ("0～10", "10～20", "20～50")
    assert histogram.plots[0].series[0].values == (2, 4, 8)


def test_an_edited_scatter_reopens_and_renders(outputs: dict[str, Path], tmp_path: Path) -> None:
    """Edit Data as python-pptx does it; LibreOffice renders the edited deck (the histogram's bins too)."""
    prs = Presentation(str(outputs["pptx"]))
    chart = next(s.chart for slide in prs.slides for s in slide.shapes if s.has_chart)
    data = XyChartData()
    points = data.add_series("工业产值")
    for x, y in ((100, 900), (300, 1200), (500, 1700), (150, 1000), (250, 1100), (400, 1437)):
        points.add_data_point(x, y)  # six points: the sixth is one the deck had no name for
    chart.replace_data(data)
    edited = tmp_path / "edited.pptx"
    prs.save(str(edited))
    (series,) = _charts(edited)[0].plots[0].series
    assert series.values == (900, 1200, 1700, 1000, 1100, 1437)
    require_tool("LibreOffice", find_soffice())
    pdf = convert_to_pdf(edited, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    text = text.replace(" ", "")
    assert "1800" in text or "1750" in text or "2000" in text, "the y axis rescaled to the new points"
    assert "10～20" in text and "20～50" in text
    # A point added by Edit Data is labelled too: by its y value, until someone names it.
    assert "1437" in text, "the added point has no label"
    assert all(name in text for name in DISTRICTS), "the points the deck named lost their names"


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ({"kind": "scatter", "categories": ["甲"], "series": [{"name": "x", "values": [1]}]}, "takes two series"),
        (
            {"kind": "histogram", "categories": [0, "十", 20], "series": [{"name": "v", "values": [1]}]},
            "is not a number",
        ),
        ({"kind": "histogram", "categories": [0, 20, 10], "series": [{"name": "v", "values": [1]}]}, "must increase"),
        ({"kind": "histogram", "categories": [0, 10], "series": [{"name": "v", "values": [1, 12]}]}, "12 lies outside"),
    ],
)
def test_what_these_kinds_cannot_draw_is_a_located_error(tmp_path: Path, figure: dict, message: str) -> None:
    spec = {"zzreport": 1, "title": "t", "sections": [{"id": "s", "title": "x", "blocks": [{"figure": figure}]}]}
    with pytest.raises(SpecError) as caught:
        zzreport.resolve(zzreport.load(write_spec(tmp_path, spec)))
    (problem,) = caught.value.problems
    assert message in str(problem)
    assert re.search(r"report\.yaml:\d+:\d+: sections\[0\]\.blocks\[0\]\.figure\.(series|categories)", str(problem))
