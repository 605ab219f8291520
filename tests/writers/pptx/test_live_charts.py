"""Deck charts a client can edit: schema-valid axis ids, automatic value axes that follow Edit Data.

The examples' decks are built, checked with ``openxml-audit`` (ECMA-376
schemas) and their chart XML read back; then a chart's data is replaced as a
user would (python-pptx ``replace_data`` with values three times larger) and
the saved XML and a LibreOffice round trip must still let the axis scale
itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

import zzreport
from tests.helpers import require_tool
from zzreport.builder import build
from zzreport.libreoffice import convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[3]
SPECS = ("zhengzhou-2025", "showcase")
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"c": C}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("live")
    return {
        spec: next(o.path for o in build(ROOT / "specs" / f"{spec}.yaml", out / spec) if o.format == "pptx")
        for spec in SPECS
    }


def _chart_parts(deck: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(deck) as z:
        return {
            name: etree.fromstring(z.read(name))
            for name in z.namelist()
            if name.startswith("ppt/charts/chart") and name.endswith(".xml")
        }


def _audit_tool() -> str | None:
    beside = Path(sys.executable).parent / "openxml-audit"
    return str(beside) if beside.exists() else shutil.which("openxml-audit")


@pytest.mark.parametrize("spec", SPECS)
def test_openxml_audit_finds_no_error_in_the_example_decks(spec: str, decks: dict[str, Path]) -> None:
    """ECMA-376's schemas accept the whole deck (negative chart axis ids were 18 + 38 errors)."""
    tool = _audit_tool()
    require_tool("openxml-audit", tool)
    assert tool is not None
    run = subprocess.run([tool, "-o", "json", "-q", str(decks[spec])], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    problems = [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]
    assert report["error_count"] == 0, problems


@pytest.mark.parametrize("spec", SPECS)
def test_every_axis_id_is_unsigned_and_every_reference_resolves(spec: str, decks: dict[str, Path]) -> None:
    charts = _chart_parts(decks[spec])
    assert charts
    axes_seen = 0
    for name, root in charts.items():
        plot = root.find("c:chart/c:plotArea", NS)
        ids = [e.get("val") for e in plot.iter(f"{{{C}}}axId", f"{{{C}}}crossAx")]
        assert all(v is not None and v.isdigit() and int(v) < 2**32 for v in ids), (name, ids)
        axes = {ax.find("c:axId", NS).get("val"): ax for ax in plot if ax.tag.endswith(("catAx", "valAx", "dateAx"))}
        axes_seen += len(axes)
        for ax_id, axis in axes.items():
            # Each axis crosses an axis of the chart, and that one crosses it back.
            partner = axes[axis.find("c:crossAx", NS).get("val")]
            assert partner.find("c:crossAx", NS).get("val") == ax_id, name
        for group in plot:
            for ref in group.findall("c:axId", NS):
                assert ref.get("val") in axes, (name, group.tag)
    assert axes_seen


# --------------------------------------------------------------------------- automatic value axes


def _value_axes(root: etree._Element) -> list[etree._Element]:
    return root.findall("c:chart/c:plotArea/c:valAx", NS)


@pytest.mark.parametrize("spec", SPECS)
def test_value_axes_scale_themselves_and_keep_the_pdf_number_format(spec: str, decks: dict[str, Path]) -> None:
    """No value axis pins min, max or step unless the spec pins it (y_min/y_max), yet ticks read as the PDF's (万)."""
    codes = []
    pinned_in_spec = [
        f.data.pinned("primary") for f in zzreport.resolve(zzreport.load(ROOT / "specs" / f"{spec}.yaml")).figures()
    ]
    pinned_in_deck = []
    for name, root in _chart_parts(decks[spec]).items():
        for axis in _value_axes(root):
            assert axis.find("c:majorUnit", NS) is None, name
            ends = [axis.find(t, NS) for t in ("c:scaling/c:min", "c:scaling/c:max")]
            if any(e is not None for e in ends):
                pinned_in_deck.append(tuple(None if e is None else float(e.get("val")) for e in ends))
            number_format = axis.find("c:numFmt", NS)
            assert number_format.get("sourceLinked") == "0", name
            codes.append(number_format.get("formatCode"))
    assert codes
    assert pinned_in_deck == [p for p in pinned_in_spec if p != (None, None)]
    if spec == "showcase":
        assert pinned_in_deck == [(90.0, 125.0)]  # the index chart
        assert any('"%"' in code for code in codes)  # the percent sign stays in the tick labels' Office code


def _first_column_chart(deck: Path, out: Path) -> tuple[Path, int, list[float]]:
    """Save ``deck`` with its first one-series column chart edited as a user would: the largest value tripled.

    Returns the saved deck, the chart's slide index and the new values.
    """
    prs = Presentation(str(deck))
    slide, chart = next(
        (i, shape.chart)
        for i, page in enumerate(prs.slides)
        for shape in page.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED and len(shape.chart.series) == 1
    )
    (series,) = chart.plots[0].series
    values = [v or 0.0 for v in series.values]
    top = values.index(max(values))
    edited = [v * 3 if j == top else v for j, v in enumerate(values)]
    data = CategoryChartData(number_format=chart.value_axis.tick_labels.number_format)
    data.categories = list(chart.plots[0].categories)
    data.add_series(series.name, edited)
    chart.replace_data(data)
    prs.save(str(out))
    return out, slide, edited


def test_a_tripled_value_after_edit_data_is_drawn_in_full(decks: dict[str, Path], tmp_path: Path) -> None:
    """Edit Data with a bar three times the old maximum: the saved axis is automatic and LibreOffice draws the bar
    in proportion to the others (with a pinned maximum it was cut at the old top)."""
    edited_deck, slide, values = _first_column_chart(decks["zhengzhou-2025"], tmp_path / "edited.pptx")
    for root in _chart_parts(edited_deck).values():
        for axis in _value_axes(root):
            assert axis.find("c:scaling/c:min", NS) is None and axis.find("c:scaling/c:max", NS) is None
            assert axis.find("c:majorUnit", NS) is None

    require_tool("LibreOffice", find_soffice())
    pdf = convert_to_pdf(edited_deck, tmp_path)
    with pdfplumber.open(str(pdf)) as doc:
        page = doc.pages[slide]
        filled = [s for s in (*page.rects, *page.curves) if s.get("fill") and s["height"] > 1]
    # The bars: one filled shape per category standing on a common baseline (whatever their colour: highlight).
    baselines: dict[int, list[dict]] = {}
    for shape in filled:
        baselines.setdefault(round(shape["bottom"]), []).append(shape)
    (bars,) = [group for group in baselines.values() if len(group) == len(values)]
    heights = sorted(s["height"] for s in bars)
    ratio = heights[-1] / heights[-2]
    want = sorted(values)[-1] / sorted(values)[-2]
    assert ratio == pytest.approx(want, rel=0.03), (heights, values)


# --------------------------------------------------------------------------- pie and donut labels bound to the data


def _with_new_slice(deck: Path, out: Path) -> tuple[Path, int, list[str], list[float]]:
    """Save ``deck`` with a slice added to its first pie through Edit Data; return the slide and new data."""
    prs = Presentation(str(deck))
    slide, chart = next(
        (i, shape.chart)
        for i, page in enumerate(prs.slides)
        for shape in page.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.PIE
    )
    (series,) = chart.plots[0].series
    categories = [*chart.plots[0].categories, "新增板块"]
    values = [*(v or 0.0 for v in series.values), 50.0]
    data = CategoryChartData()
    data.categories = categories
    data.add_series(series.name, values)
    chart.replace_data(data)
    prs.save(str(out))
    return out, slide, categories, values


def test_pie_labels_are_office_fields_that_follow_an_edit(decks: dict[str, Path], tmp_path: Path) -> None:
    """A slice added with Edit Data gets its name and share, and every share is recomputed (no typed label text)."""
    edited, slide, categories, values = _with_new_slice(decks["showcase"], tmp_path / "pie.pptx")
    pies = [
        root for root in _chart_parts(edited).values() if root.find("c:chart/c:plotArea/c:pieChart", NS) is not None
    ]
    assert pies
    for root in pies:
        labels = root.find(".//c:ser/c:dLbls", NS)
        assert labels.find("c:showCatName", NS).get("val") == "1"
        assert root.find(".//c:dLbl/c:tx", NS) is None  # no slice carries typed text
        code = labels.find("c:numFmt", NS).get("formatCode")
        assert labels.find("c:showPercent", NS).get("val") == "1" and code == "0.0%", code

    require_tool("LibreOffice", find_soffice())
    pdf = convert_to_pdf(edited, tmp_path)
    with pdfplumber.open(str(pdf)) as doc:
        text = (doc.pages[slide].extract_text() or "").replace(" ", "")
    total = sum(values)
    for category, value in zip(categories, values, strict=True):
        assert category in text
        assert f"{100 * value / total:.1f}%" in text, (category, text)
