"""Every chart of both examples edited as a user would, then reopened and rendered: nothing lost, nothing clipped.

Each chart's data is replaced through python-pptx's ``chart.replace_data``
(what Edit Data does to the chart part and its workbook) three ways: values
three times larger, a new category (a new slice for a pie), the categories
in reverse order. The saved deck must keep its label formats and series
(the area chart's labels too), leave the value axes automatic, and
LibreOffice's render must show every data label's text inside the chart's
frame. A 20-category chart with long Chinese labels shows all 20 labels.
All decks of the module are rendered by one LibreOffice run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData

import zzreport
from tests.helpers import require_tool
from zzreport.builder import build
from zzreport.figures.kinds import kind_of
from zzreport.figures.model import FigureData
from zzreport.libreoffice import find_soffice, write_fonts_conf
from zzreport.resolve.numbers import chart_number
from zzreport.testing import appears_wrapped, slide_texts, write_spec

ROOT = Path(__file__).resolve().parents[3]
SPECS = ("zhengzhou-2025", "showcase")
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"c": C}
EMU_PER_PT = 12700
NEW_CATEGORY = "新增类别"

Table = tuple[list[str], list[list[float | None]]]  # categories, one value list per series


def _tripled(categories: list[str], series: list[list[float | None]]) -> Table:
    return categories, [[None if v is None else 3 * v for v in values] for values in series]


def _new_category(categories: list[str], series: list[list[float | None]]) -> Table:
    def mean(values: list[float | None]) -> float:
        present = [v for v in values if v is not None]
        return round(sum(present) / len(present), 1)

    return [*categories, NEW_CATEGORY], [[*values, mean(values)] for values in series]


def _reversed(categories: list[str], series: list[list[float | None]]) -> Table:
    return categories[::-1], [values[::-1] for values in series]


EDITS: dict[str, Callable[[list[str], list[list[float | None]]], Table]] = {
    "tripled": _tripled,
    "new-category": _new_category,
    "reversed": _reversed,
}

#: A column chart of 20 categories with long Chinese labels (the issue's stress case).
LONG_CATEGORIES = [f"第{i + 1}号片区重点产业园区提质升级工程" for i in range(20)]
STRESS = {
    "zzreport": 1,
    "title": "图表压力测试",
    "sections": [
        {
            "id": "many",
            "title": "二十个类别",
            "blocks": [
                {
                    "figure": {
                        "kind": "column",
                        "title": "二十个片区的投资额",
                        "unit": "亿元",
                        "categories": LONG_CATEGORIES,
                        "series": [{"name": "投资额", "values": [round(10 + 7.3 * i % 90, 1) for i in range(20)]}],
                    }
                }
            ],
        }
    ],
}


def _figures(spec: Path) -> list[FigureData]:
    """The figures the deck draws as charts, in slide order."""
    doc = zzreport.resolve(zzreport.load(spec))
    return [f.data for f in doc.figures() if f.data.kind != "scorecard"]


def _mirrored(fig: FigureData) -> bool:
    """Whether the deck's chart holds the figure's own series as its series, the data these edits rewrite.

    A waterfall's chart holds a base and three step series, a scatter's x and
    y as one XY series: their edits are tested in tests/figures/test_waterfall.py
    and tests/figures/test_scatter_histogram.py.
    """
    kind = kind_of(fig)
    return not kind.floating and kind.extent != "xy"


def _edit(
    deck: Path, out: Path, edit: Callable[[list[str], list[list[float | None]]], Table], figures: list[FigureData]
) -> Path:
    """Save ``deck`` with every chart's data replaced by ``edit`` of its own data, as Edit Data would."""
    prs = Presentation(str(deck))
    shapes = [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    for shape, fig in zip(shapes, figures, strict=True):
        if _mirrored(fig):
            chart = shape.chart
            series = [s for plot in chart.plots for s in plot.series]
            categories, values = edit([str(c) for c in chart.plots[0].categories], [list(s.values) for s in series])
            data = CategoryChartData()
            data.categories = categories
            for s, v in zip(series, values, strict=True):
                data.add_series(s.name, v)
            chart.replace_data(data)
    prs.save(str(out))
    return out


def _render_all(decks: list[Path], outdir: Path) -> dict[Path, Path]:
    """Every deck to PDF in one LibreOffice run (its start-up dominates a conversion)."""
    soffice = find_soffice()
    require_tool("LibreOffice", soffice)
    assert soffice is not None
    with tempfile.TemporaryDirectory(prefix="zzreport-soffice-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(write_fonts_conf(work))}
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore"]
        command += ["--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)]
        subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)
    pdfs = {deck: outdir / f"{deck.stem}.pdf" for deck in decks}
    missing = [deck.name for deck, pdf in pdfs.items() if not pdf.is_file()]
    assert not missing, missing
    return pdfs


class Case:
    """One example (or the stress spec) built, edited three ways, every deck rendered."""

    def __init__(self, spec: Path, deck: Path, edited: dict[str, Path]) -> None:
        self.spec, self.deck, self.edited = spec, deck, edited
        self.figures = _figures(spec)
        self.pdfs: dict[Path, Path] = {}
        self.printed: Path | None = None  # the PDF zzreport wrote


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    out = tmp_path_factory.mktemp("edits")
    stress_spec = write_spec(out / "stress-spec", STRESS, name="stress.yaml")
    specs = {name: ROOT / "specs" / f"{name}.yaml" for name in SPECS} | {"stress": stress_spec}
    found: dict[str, Case] = {}
    for name, spec in specs.items():
        outputs = {o.format: o.path for o in build(spec, out / name)}
        deck = outputs["pptx"]
        figures = _figures(spec)
        edited = (
            {} if name == "stress" else {e: _edit(deck, out / f"{name}-{e}.pptx", f, figures) for e, f in EDITS.items()}
        )
        found[name] = Case(spec, deck, edited)
        found[name].printed = outputs["pdf"]
    return found


@pytest.fixture(scope="module")
def rendered(cases: dict[str, Case], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    decks = [d for case in cases.values() for d in (case.deck, *case.edited.values())]
    pdfs = _render_all(decks, tmp_path_factory.mktemp("edits-pdf"))
    for case in cases.values():
        case.pdfs = pdfs
    return cases


# --------------------------------------------------------------------------- the saved XML


def _chart_parts(deck: Path) -> list[etree._Element]:
    with zipfile.ZipFile(deck) as z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")),
            key=lambda n: int(n.removeprefix("ppt/charts/chart").removesuffix(".xml")),
        )
        return [etree.fromstring(z.read(n)) for n in names]


def _chart_slides(deck: Path) -> list[tuple[int, object]]:
    """(0-based slide index, graphic frame) of every chart, in slide order."""
    prs = Presentation(str(deck))
    return [(i, shape) for i, slide in enumerate(prs.slides) for shape in slide.shapes if shape.has_chart]


def _label_codes(root: etree._Element) -> list[tuple[str | None, str | None]]:
    """Per series (document order): its data labels' format code and whether they show the value or share."""
    out = []
    for ser in root.iter(f"{{{C}}}ser"):
        labels = ser.find("c:dLbls", NS)
        if labels is None:
            out.append((None, None))
            continue
        code = labels.find("c:numFmt", NS)
        shown = [t for t in ("c:showVal", "c:showPercent") if labels.find(f"{t}[@val='1']", NS) is not None]
        out.append((None if code is None else code.get("formatCode"), ",".join(shown)))
    return out


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_keeps_series_label_formats_and_automatic_axes(spec: str, edit: str, cases: dict[str, Case]) -> None:
    case = cases[spec]
    before, after = _chart_parts(case.deck), _chart_parts(case.edited[edit])
    assert len(before) == len(after) == len(case.figures)
    for fig, old, new in zip(case.figures, before, after, strict=True):
        if not _mirrored(fig):
            continue
        series = new.findall(".//c:ser", NS)
        assert len(series) == len(fig.series), (fig.title, len(series))  # one series per data series, still
        assert _label_codes(new) == _label_codes(old), fig.title  # the same label fields and codes
        if fig.labels:
            assert all(code is not None for code, _ in _label_codes(new)), fig.title  # area labels too
        for name, axis in zip(("primary", "secondary"), new.iterfind(".//c:valAx", NS), strict=False):
            ends = [axis.find(f"c:scaling/c:{end}", NS) for end in ("min", "max")]
            pinned = tuple(None if e is None else float(e.get("val")) for e in ends)
            assert pinned == fig.pinned(name), fig.title  # automatic, unless the spec pins an end


# --------------------------------------------------------------------------- the render


def _expected_labels(fig: FigureData, table: Table) -> list[str]:
    """The text of every data label of ``fig`` showing ``table``, as the codes write it."""
    categories, series = table
    if fig.extent == "xy":  # a scatter's labels are its points' names
        return list(categories)
    if fig.is_pie:
        (values,) = series
        total = sum(v or 0.0 for v in values)
        if fig.series[0].format.percent:
            return [chart_number(v, fig.series[0].format) for v in values if v]
        return [f"{100 * v / total:.1f}%" for v in values if v]
    return [
        chart_number(v, s.format) for s, values in zip(fig.series, series, strict=True) for v in values if v is not None
    ]


def _frame_text(pdf: pdfplumber.PDF, slide: int, frame: object) -> str:
    """The rendered text lying wholly inside the chart's frame on ``slide``, spaces removed."""
    page = pdf.pages[slide]
    box = tuple(v / EMU_PER_PT for v in (frame.left, frame.top, frame.left + frame.width, frame.top + frame.height))
    inside = page.within_bbox(box)
    return (inside.extract_text() or "").replace(" ", "")


def _missing_labels(case: Case, edit: str | None, combo: bool) -> list[tuple[str, list[str]]]:
    """Per chart (combo charts only when ``combo``, else all others): the data labels not drawn inside its frame."""
    deck = case.deck if edit is None else case.edited[edit]
    out = []
    with pdfplumber.open(str(case.pdfs[deck])) as pdf:
        for fig, (slide, frame) in zip(case.figures, _chart_slides(deck), strict=True):
            if kind_of(fig).mixed != combo or (edit is not None and not _mirrored(fig)):
                continue
            if edit == "tripled" and fig.pins:
                continue  # a pinned axis keeps its ends: values beyond them leave the plot, as the author pinned
            table = (list(fig.categories), [list(s.values) for s in fig.series])
            if edit is not None:
                table = EDITS[edit](*table)
            text = _frame_text(pdf, slide, frame)
            expected = _expected_labels(fig, table) if fig.labels else []
            if edit == "new-category":
                expected.append(NEW_CATEGORY)
            missing = [t for t in expected if t.replace(" ", "") not in text]
            if missing:
                out.append((fig.title, missing))
    return out


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("edit", [None, *EDITS])
def test_every_label_of_an_edited_chart_is_drawn_inside_its_frame(
    spec: str, edit: str | None, rendered: dict[str, Case]
) -> None:
    assert not _missing_labels(rendered[spec], edit, combo=False)


@pytest.mark.parametrize("edit", [None, "tripled", "new-category"])
def test_combo_labels_stay_apart_after_an_edit(edit: str | None, rendered: dict[str, Case]) -> None:
    """Column labels inside the column's base, line labels above their points: apart whatever the values."""
    assert not _missing_labels(rendered["showcase"], edit, combo=True)


def test_combo_labels_stay_apart_after_reordering(rendered: dict[str, Case]) -> None:
    """Label sides are per series (columns inside their base, lines above), so reversing the categories moves
    no line label onto a column's (per-point sides chosen for the data as built put 20.9% over 24.9)."""
    assert not _missing_labels(rendered["showcase"], "reversed", combo=True)


def test_twenty_long_categories_all_show_their_labels(rendered: dict[str, Case]) -> None:
    """Too many long labels for columns: both writers draw bars, and LibreOffice shows every label."""
    case = rendered["stress"]
    (fig,) = case.figures
    assert fig.kind == "bar"
    ((slide, frame),) = _chart_slides(case.deck)
    assert frame.chart.chart_type.name == "BAR_CLUSTERED"
    assert [str(c) for c in frame.chart.plots[0].categories] == LONG_CATEGORIES
    with pdfplumber.open(str(case.pdfs[case.deck])) as pdf:
        page = pdf.pages[slide]
        box = tuple(v / EMU_PER_PT for v in (frame.left, frame.top, frame.left + frame.width, frame.top + frame.height))
        lines = [line.replace(" ", "") for line in (page.within_bbox(box).extract_text() or "").splitlines()]
    missing = [c for c in LONG_CATEGORIES if not appears_wrapped(c, lines)]
    assert not missing, (missing, lines)
    # The PDF draws the same bars, every label beside its bar.
    assert case.printed is not None
    with pdfplumber.open(str(case.printed)) as pdf:
        printed = [line.replace(" ", "") for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    assert not [c for c in LONG_CATEGORIES if not appears_wrapped(c, printed)]


def test_chart_labels_read_like_the_cards(rendered: dict[str, Case]) -> None:
    """The innovation section's card says 超过1.4万家 and its chart's first label 1.4万 (not 14000), by an Office
    code on the raw 14000 that Edit Data shows."""
    case = rendered["zhengzhou-2025"]
    texts = [t.replace(" ", "") for slide in slide_texts(case.deck) for t in slide]
    assert any("1.4万" in t for t in texts)  # a KPI card
    fig = next(f for f in case.figures if "创新型企业" in f.title)
    slide, frame = next(
        (i, s) for i, s in _chart_slides(case.deck) if s.chart.plots[0].categories[0] == fig.categories[0]
    )
    (series,) = frame.chart.plots[0].series
    assert series.values[0] == 14000  # the workbook's and the chart's number
    assert series.data_labels.number_format == '[>=100000000]0\\.00,,"亿";[>=10000]0\\.0,"万";General'
    with pdfplumber.open(str(case.pdfs[case.deck])) as pdf:
        text = _frame_text(pdf, slide, frame)
    assert "1.4万" in text and "14000" not in text, text
