"""Waterfall charts, reopened as a reader meets them: the PDF's columns and labels, the deck's native chart.

One spec is built once for the module: a start, rises, falls and a total
between them and at the end. The PDF must show each label as text and the
columns left to right in their roles' colours, each floating where the
previous one ended; the deck must hold a native stacked column chart whose
workbook holds the steps, whose base is invisible and whose labels are
Office number formats; an edited chart (``replace_data``) must reopen and
render through LibreOffice with the new labels (one render for the module).
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

import zzreport
from tests.helpers import require_tool, workbook_rows
from zzreport.builder import build
from zzreport.errors import SpecError
from zzreport.libreoffice import find_soffice
from zzreport.testing import PdfShape, pdf_pages, write_spec

CATEGORIES = ["上年预算", "教育支出", "科技支出", "城乡社区", "年中小计", "公共服务", "本年预算"]
VALUES = [1200, 85.5, 62, -48.7, None, -30, None]
UP, DOWN, ACCENT = "#C8102E", "#1B7F3B", "#1F4E79"  # the theme's defaults


def _spec(values: list[float | None] = VALUES, **figure: object) -> dict[str, object]:
    fig = {
        "kind": "waterfall",
        "title": "预算变动瀑布",
        "unit": "亿元",
        "categories": CATEGORIES,
        "series": [{"name": "预算支出", "values": values}],
        **figure,
    }
    return {"zzreport": 1, "title": "瀑布图", "sections": [{"id": "s", "title": "一节", "blocks": [{"figure": fig}]}]}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("waterfall")
    return {o.format: o.path for o in build(write_spec(folder, _spec()), folder / "out")}


def _columns(shapes: tuple[PdfShape, ...]) -> list[PdfShape]:
    return sorted(
        (s for s in shapes if s.kind == "rect" and s.fill in (UP, DOWN, ACCENT) and s.width > 12), key=lambda s: s.x0
    )


def test_the_pdf_prints_every_label_as_text(outputs: dict[str, Path]) -> None:
    words = [w.text for page in pdf_pages(outputs["pdf"]) for w in page.words]
    for label in ("1200", "+85.5", "+62", "\u221248.7", "1298.8", "\u221230", "1268.8", *CATEGORIES):
        assert label in words, label


def test_the_pdf_draws_the_columns_in_order_and_in_their_colours(outputs: dict[str, Path]) -> None:
    page = next(p for p in pdf_pages(outputs["pdf"]) if "教育支出" in p.text)
    columns = _columns(page.shapes)
    assert [c.fill for c in columns] == [ACCENT, UP, UP, DOWN, ACCENT, DOWN, ACCENT]
    start, rise1, rise2, fall1, subtotal, fall2, end = columns
    # pdfplumber's ``top`` grows downwards: a rise floats on the previous column's top, a fall hangs from it.
    assert rise1.bottom == pytest.approx(start.top, abs=0.2)
    assert rise2.bottom == pytest.approx(rise1.top, abs=0.2)
    assert fall1.top == pytest.approx(rise2.top, abs=0.2)
    assert subtotal.top == pytest.approx(fall1.bottom, abs=0.2)
    assert fall2.top == pytest.approx(subtotal.top, abs=0.2)
    assert end.top == pytest.approx(fall2.bottom, abs=0.2)
    assert start.bottom == pytest.approx(subtotal.bottom, abs=0.2) == pytest.approx(end.bottom, abs=0.2)
    # Heights in proportion to the numbers: 85.5 against the start's 1200.
    assert rise1.height / start.height == pytest.approx(85.5 / 1200, rel=0.02)


def _chart(deck: Path | io.BytesIO):
    shapes = [s for slide in Presentation(deck).slides for s in slide.shapes if s.has_chart]
    assert len(shapes) == 1
    return shapes[0].chart


def test_the_deck_holds_a_native_stacked_chart_whose_workbook_holds_the_steps(outputs: dict[str, Path]) -> None:
    chart = _chart(outputs["pptx"])
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    base, totals, rises, falls = chart.plots[0].series
    assert [s.name for s in (totals, rises, falls)] == ["预算支出", "增加", "减少"]
    assert base.values == (0.0, 1200, 1285.5, 1298.8, 0.0, 1268.8, 0.0)
    assert totals.values == (1200, None, None, None, 1298.8, None, 1268.8)
    assert rises.values == (None, 85.5, 62, None, None, None, None)
    assert falls.values == (None, None, None, 48.7, None, 30, None)
    rows = workbook_rows(chart)
    assert rows[0] == ["基数", "预算支出", "增加", "减少"]
    assert [r[0] for r in rows[1:]] == CATEGORIES
    # A row: its category, the base, then the one visible step (blank cells are not written).
    assert rows[2] == ["教育支出", "1200", "85.5"]
    assert rows[4] == ["城乡社区", "1298.8", "48.7"]
    assert rows[5] == ["年中小计", "0", "1298.8"]
    # The base is invisible; the visible series are the roles' colours, labelled by Office number formats.
    assert base.format.fill.type == 5  # MSO_FILL.BACKGROUND: no fill
    assert [str(s.format.fill.fore_color.rgb) for s in (totals, rises, falls)] == [c[1:] for c in (ACCENT, UP, DOWN)]
    assert rises.data_labels.number_format.startswith("+")
    assert falls.data_labels.number_format.startswith('"\u2212"')


def test_an_edited_waterfall_reopens_and_renders_with_its_new_labels(outputs: dict[str, Path], tmp_path: Path) -> None:
    """Edit Data as python-pptx does it: new steps; LibreOffice renders the chart with the new labels."""
    prs = Presentation(str(outputs["pptx"]))
    chart = next(s.chart for slide in prs.slides for s in slide.shapes if s.has_chart)
    data = CategoryChartData()
    data.categories = ["去年", "增加项", "减少项", "今年"]
    data.add_series("基数", (0, 500, 590.5, 0))
    data.add_series("预算支出", (500, None, None, 563.5))
    data.add_series("增加", (None, 117.25, None, None))
    data.add_series("减少", (None, None, 27, None))
    chart.replace_data(data)
    edited = tmp_path / "edited.pptx"
    prs.save(str(edited))
    reopened = _chart(edited)
    assert reopened.chart_type == XL_CHART_TYPE.COLUMN_STACKED
    assert reopened.plots[0].series[2].data_labels.number_format.startswith("+")
    soffice = find_soffice()
    require_tool("LibreOffice", soffice)
    assert soffice is not None
    from zzreport.libreoffice import convert_to_pdf

    pdf = convert_to_pdf(edited, tmp_path)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    for label in ("+117.25", "\u221227", "563.5", "增加项"):
        assert label in text.replace(" ", ""), label


@pytest.mark.parametrize(
    ("values", "series", "message"),
    [
        ([None, 1, 2, 3, 4, 5, None], None, "a waterfall's first value is its start: give a number"),
        ([10, -20, 1, 1, None, 1, None], None, "a waterfall's running total must stay at or above zero"),
        (VALUES, [{"name": "甲", "values": VALUES}, {"name": "乙", "values": VALUES}], "exactly one series"),
    ],
)
def test_a_waterfall_the_deck_cannot_draw_is_a_located_error(
    tmp_path: Path, values: list[float | None], series: list[dict[str, object]] | None, message: str
) -> None:
    spec = _spec(values)
    if series is not None:
        spec["sections"][0]["blocks"][0]["figure"]["series"] = series  # type: ignore[index]
    with pytest.raises(SpecError) as caught:
        zzreport.resolve(zzreport.load(write_spec(tmp_path, spec)))
    (problem,) = caught.value.problems
    assert message in str(problem)
    assert re.match(
        rf"{re.escape(str(tmp_path))}/report.yaml:\d+:\d+: sections\[0\]\.blocks\[0\]\.figure\.series", str(problem)
    )


def test_the_alt_text_reads_the_steps_signed_and_the_totals(tmp_path: Path) -> None:
    """A screen reader hears what the columns say: 教育支出 +85.5亿元 …, the totals with their sums."""
    doc = zzreport.resolve(zzreport.load(write_spec(tmp_path, _spec())))
    (fig,) = [f.data for f in doc.figures()]
    assert fig.series[0].labels == ("1200", "+85.5", "+62", "\u221248.7", "1298.8", "\u221230", "1268.8")
    assert fig.alt == (
        "预算变动瀑布（瀑布图）：上年预算 1200亿元，教育支出 +85.5亿元，科技支出 +62亿元，城乡社区 \u221248.7亿元，"
        "年中小计 1298.8亿元，公共服务 \u221230亿元，本年预算 1268.8亿元"
    )


def test_y_max_is_checked_against_the_running_total_not_the_steps(tmp_path: Path) -> None:
    """No step reaches 1250, but the running total does (1347.5 after the second rise): it would leave the chart."""
    with pytest.raises(SpecError) as caught:
        zzreport.resolve(zzreport.load(write_spec(tmp_path, _spec(y_max=1250))))
    (problem,) = caught.value.problems
    assert "y_max (1250) is below the highest value drawn (1347.5)" in str(problem)
    assert ".figure.y_max" in str(problem)
    doc = zzreport.resolve(zzreport.load(write_spec(tmp_path / "fits", _spec(y_max=1350))))
    assert [f.data.pinned("primary") for f in doc.figures()] == [(None, 1350)]


def test_the_workbooks_helper_series_are_named_by_the_specs_labels(tmp_path: Path) -> None:
    """基数, 增加 and 减少 are the defaults of `labels:`; a spec in another language names them its way."""
    spec = _spec()
    spec["labels"] = {"waterfall_base": "Base", "waterfall_rise": "Increase", "waterfall_fall": "Decrease"}
    outputs = {o.format: o.path for o in build(write_spec(tmp_path, spec), tmp_path / "out", formats=("pptx",))}
    chart = _chart(outputs["pptx"])
    assert [s.name for s in chart.plots[0].series] == ["Base", "预算支出", "Increase", "Decrease"]
    assert workbook_rows(chart)[0] == ["Base", "预算支出", "Increase", "Decrease"]


def test_a_short_columns_label_stands_above_it_in_the_text_colour(outputs: dict[str, Path]) -> None:
    """A stacked column allows no label outside it: a label taller than its column is lifted above the column
    (a manual offset of the label, kept by Edit Data), dark on the background, not dark on the fill."""
    import zipfile

    from lxml import etree

    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}  # fmt: skip
    with zipfile.ZipFile(outputs["pptx"]) as z:
        (name,) = [n for n in z.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")]
        root = etree.fromstring(z.read(name))
    falls = root.xpath("//c:ser[c:tx//c:v='减少']", namespaces=ns)[0]
    lifted = {}
    for label in falls.xpath("c:dLbls/c:dLbl", namespaces=ns):
        index = int(label.xpath("c:idx/@val", namespaces=ns)[0])
        y = label.xpath("c:layout/c:manualLayout/c:y/@val", namespaces=ns)
        color = label.xpath(".//a:defRPr/a:solidFill/a:srgbClr/@val", namespaces=ns)
        lifted[index] = (float(y[0]) if y else 0.0, color[0] if color else None)
    # The −30 fall (index 5) is a sliver at this height: its label stands above it, in the text colour.
    assert 5 in lifted, "the short fall's label is where a tall column's is"
    y, color = lifted[5]
    assert y < 0, "the short fall's label is not lifted above its column"
    assert color == "1A1A1A"
    assert all(y < 0 for y, _ in lifted.values()), "a recoloured label is left on its column"
