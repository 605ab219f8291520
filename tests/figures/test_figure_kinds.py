"""Chart kinds as registry objects, and the axis plan every writer reads.

A kind is named in the spec and looked up once; what differs between kinds
(checks, layout, extent, alt-text noun, axes) is on its object. The deck's
native axes come from the figure's axis plan, decided in resolve as the
print layout draws them.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from pptx import Presentation
from pptx.util import Emu

import zzreport
from tests.helpers import require_tool
from zzreport.builder import build
from zzreport.errors import SpecError
from zzreport.figures.kinds import KINDS, kind_of
from zzreport.figures.kit import Kit
from zzreport.figures.model import FigureData, NumberStyle
from zzreport.figures.pdf_drawing import layout_figure
from zzreport.figures.scene import Line
from zzreport.fonts.fontset import FontSet
from zzreport.language.models import FigureKind, Page
from zzreport.resolve.figures import text_width
from zzreport.writers.pdf.layout import PageGeometry
from zzreport.writers.pptx.charts import CHART_TYPES, add_chart

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ["一季度", "二季度", "三季度", "四季度"]


def _figure(kind: str) -> dict[str, Any]:
    """A small figure of ``kind`` with data that suits it (one series where the kind takes one)."""
    series = [{"name": "产值", "values": [120, 135.5, 150, 171]}]
    if kind not in ("pie", "donut", "scorecard", "waterfall", "histogram"):
        series.append({"name": "增速", "values": [8.1, 9.4, 10.2, 11.5], "unit": "%"})
    if kind == "histogram":  # observations to count, into bins from the data
        return {"kind": kind, "title": f"{kind}图示", "unit": "亿元", "series": series}
    return {"kind": kind, "title": f"{kind}图示", "unit": "亿元", "categories": CATEGORIES, "series": series}


def _spec(tmp_path: Path, kinds: list[str]) -> Path:
    blocks = [{"figure": _figure(kind)} for kind in kinds]
    spec = {"zzreport": 1, "title": "图表种类", "sections": [{"id": "s", "title": "图表", "blocks": blocks}]}
    path = tmp_path / "kinds.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> tuple[zzreport.Document, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("kinds")
    spec = _spec(folder, list(KINDS))
    outputs = build(spec, folder / "out")
    return zzreport.resolve(zzreport.load(spec)), {o.format: o.path for o in outputs}


def test_the_registry_lists_the_spec_kinds_in_order() -> None:
    """The spec's ``FigureKind`` and the registry name the same kinds (the error message lists them in this order)."""
    assert tuple(KINDS) == typing.get_args(FigureKind)
    assert all(name == kind.name for name, kind in KINDS.items())


def test_every_kind_the_deck_draws_as_a_chart_has_a_chart_type() -> None:
    """A writer handles every kind: the deck maps each kind with axes or slices to a PowerPoint chart type."""
    charted = {name for name, kind in KINDS.items() if kind.extent != "tiles"}
    assert charted == set(CHART_TYPES)


def test_every_kind_renders_in_both_writers(every_kind: tuple[zzreport.Document, dict[str, Path]]) -> None:
    doc, paths = every_kind
    with pdfplumber.open(paths["pdf"]) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    for number, name in enumerate(KINDS, 1):
        assert f"图{number} {name}图示" in text.replace("\u3000", " "), name
    deck = Presentation(str(paths["pptx"]))
    shapes = [shape for slide in deck.slides for shape in slide.shapes]
    charts = [shape.chart.chart_type for shape in shapes if shape.has_chart]
    assert sorted(charts) == sorted(CHART_TYPES[name] for name, kind in KINDS.items() if kind.extent != "tiles")
    deck_text = "".join(shape.text_frame.text for shape in shapes if shape.has_text_frame)
    tiles = [f for f in doc.figures() if kind_of(f.data).extent == "tiles"]
    assert tiles
    for fig in tiles:  # scorecards are drawn as cards: every tile's label and value is on a slide
        assert all(c in deck_text for c in fig.data.categories)
        assert all(label in deck_text for label in fig.data.series[0].labels)


def test_openxml_audit_finds_no_error_in_a_deck_of_every_kind(
    every_kind: tuple[zzreport.Document, dict[str, Path]],
) -> None:
    """ECMA-376's schemas accept a deck holding a chart of every kind (a new kind's XML included)."""
    beside = Path(sys.executable).parent / "openxml-audit"
    tool = str(beside) if beside.exists() else shutil.which("openxml-audit")
    require_tool("openxml-audit", tool)
    assert tool is not None
    _, paths = every_kind
    run = subprocess.run([tool, "-o", "json", "-q", str(paths["pptx"])], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    problems = [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]
    assert report["error_count"] == 0, problems


def test_an_unknown_kind_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "zzreport: 1\ntitle: 坏图\nsections:\n  - id: s\n    title: 图\n    blocks:\n      - figure:\n"
        "          kind: colum\n          categories: [甲]\n          series: [{name: 值, values: [1]}]\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as caught:
        zzreport.load(path)
    names = ", ".join(f"'{name}'" for name in list(KINDS)[:-1]) + f" or '{list(KINDS)[-1]}'"
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:8:17: sections[0].blocks[0].figure.kind: expected {names}, got 'colum'"
    ]


@pytest.mark.parametrize(
    ("kind", "series", "message"),
    [
        ("pie", [[1, 2], [3, 4]], "a pie figure takes exactly one series"),
        ("scorecard", [[1, 2], [3, 4]], "a scorecard figure takes exactly one series"),
        ("donut", [[1, -2]], "a donut chart cannot show negative values"),
        ("pie", [[0, 0]], "the values of a pie chart sum to zero"),
        ("combo", [[1, 2]], "a combo chart needs at least two series (columns and a line)"),
    ],
)
def test_a_kinds_own_checks_are_located(kind: str, series: list[list[float]], message: str) -> None:
    figure = {
        "kind": kind,
        "categories": ["甲", "乙"],
        "series": [{"name": f"s{i}", "values": v} for i, v in enumerate(series)],
    }
    report = zzreport.load_dict(
        {"zzreport": 1, "title": "t", "sections": [{"id": "s", "title": "x", "blocks": [{"figure": figure}]}]}
    )
    with pytest.raises(SpecError) as caught:
        zzreport.resolve(report)
    assert [p.message for p in caught.value.problems] == [message]
    assert str(caught.value.problems[0]).startswith("<dict>:1:1: sections[0].blocks[0].figure.series"), message


def test_the_alt_text_names_the_kind(every_kind: tuple[zzreport.Document, dict[str, Path]]) -> None:
    doc, _ = every_kind
    for fig in doc.figures():
        kind = kind_of(fig.data)
        assert fig.data.alt.startswith(f"{fig.data.title}（{kind.alt_noun}）："), fig.data.alt
    nouns = {name: kind.alt_noun for name, kind in KINDS.items()}
    assert nouns == {
        "column": "柱状图",
        "bar": "条形图",
        "stacked-column": "堆积柱状图",
        "stacked-bar": "堆积条形图",
        "line": "折线图",
        "area": "面积图",
        "pie": "饼图",
        "donut": "环形图",
        "combo": "组合图",
        "scorecard": "记分卡",
        "waterfall": "瀑布图",
        "scatter": "散点图",
        "histogram": "直方图",
    }


# --------------------------------------------------------------------------- the axis plan


def _examples() -> list[zzreport.Document]:
    return [zzreport.resolve(zzreport.load(ROOT / "specs" / f"{name}.yaml")) for name in ("zhengzhou-2025", "showcase")]


@pytest.fixture(scope="module")
def examples() -> list[zzreport.Document]:
    return _examples()


@pytest.mark.parametrize(
    "page",
    [
        {},
        {"size": "A5", "margins": {"left": 12, "right": 30}},
        {"size": "Letter"},
        {"size": "B5"},
        {"size": [210, 140], "margins": {"left": 15.5, "right": 10}},
        {"size": [187.3, 251.9], "margins": {"left": 12.3, "right": 17.9}},
    ],
)
def test_the_plans_width_is_the_pdfs_text_width(page: dict[str, Any]) -> None:
    spec = Page(**page)
    assert text_width(spec) == PageGeometry.from_theme(spec).frame[2]


def test_the_axis_plan_is_what_the_pdf_draws(
    examples: list[zzreport.Document], every_kind: tuple[zzreport.Document, dict[str, Path]]
) -> None:
    """At the page's text width, the planned ticks are the PDF's grid lines and their labels its tick labels."""
    checked = 0
    for doc in [*examples, every_kind[0]]:
        width = text_width(doc.theme.page)
        kit = Kit(FontSet.from_plan(doc.font_plan), doc.theme)
        for block in doc.figures():
            fig = block.data
            kind = kind_of(fig)
            if kind.axes is None:
                assert fig.axes == (), fig.title
                continue
            plan = fig.axis_plan()
            assert plan == kind.value_axes(fig, kit, width), fig.title
            scene = layout_figure(fig, FontSet.from_plan(doc.font_plan), doc.theme, width)
            grid = [i for i in scene.items if isinstance(i, Line) and i.stroke == kit.colors.grid]
            # The value axis' grid lines: across the plot (a scatter's x grid runs the other way).
            grid = [g for g in grid if (g.x1 == g.x2 if kind.horizontal else g.y1 == g.y2)]
            first = next(iter(plan.values()))
            along = [g.x1 for g in grid] if kind.horizontal else [g.y1 for g in grid]
            assert len(along) == len(first.ticks), fig.title
            assert [(a - along[0]) / (along[-1] - along[0]) for a in along] == pytest.approx(
                [first.frac(t) for t in first.ticks]
            ), fig.title
            printed = {t.text for t in scene.texts()}
            for axis in plan.values():
                assert set(axis.labels) <= printed, (fig.title, axis.labels)
                assert axis.step == pytest.approx(axis.ticks[1] - axis.ticks[0])
            checked += 1
    assert checked >= 10


def test_the_deck_reads_its_tick_format_from_the_plan_and_leaves_the_range_automatic(
    every_kind: tuple[zzreport.Document, dict[str, Path]], tmp_path: Path
) -> None:
    """A plan changed by hand changes the deck's tick labels (the deck reads the plan, it does not lay the figure
    out), while min, max and step stay automatic so an edit of the data rescales the axis."""
    from dataclasses import replace

    from zzreport.figures.model import Axis, AxisPlan

    doc, _ = every_kind
    fig = next(f.data for f in doc.figures() if f.data.kind == "column")
    fig = replace(fig, series=tuple(replace(s, format=replace(s.format, thousands=True)) for s in fig.series))
    codes = []
    for step in (100.0, 0.5):
        ticks = tuple(step * k for k in range(5))
        planned = Axis(0.0, ticks[-1], ticks, tuple(str(t) for t in ticks))
        planned_fig = replace(fig, axes=(AxisPlan("primary", planned), *fig.axes[1:]))
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        frame = add_chart(
            slide,
            planned_fig,
            FontSet.from_plan(doc.font_plan),
            doc.theme,
            Emu(0),
            Emu(0),
            Emu(9_000_000),
            Emu(5_000_000),
        )
        axis = frame.chart.value_axis
        assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (None, None, None)
        codes.append(axis.tick_labels.number_format)
    assert codes == ["#,##0", "#,##0.0"]


# --------------------------------------------------------------------------- plain data, no kind switches


def _plain(value: object, seen: str) -> None:
    import dataclasses

    from pydantic import BaseModel

    assert not isinstance(value, BaseModel), seen
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _plain(getattr(value, field.name), f"{seen}.{field.name}")
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            _plain(item, f"{seen}[{i}]")


def test_figure_data_is_plain(examples: list[zzreport.Document]) -> None:
    for doc in examples:
        for block in doc.figures():
            _plain(block.data, block.data.title)
            assert isinstance(block.data.format, NumberStyle)


def _kind_switches(path: Path) -> list[str]:
    """Tests of a name with ``kind`` in it against a registered kind's name or part of one.

    Comparisons (``fig.kind == "pie"``, ``fig.kind in ("bar", "stacked-bar")``)
    and prefix or suffix tests (``fig.kind.startswith("stacked")``).
    """
    names = set(KINDS)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            text = " ".join(ast.unparse(side) for side in sides)
            constants = {
                c.value
                for side in sides
                for c in ast.walk(side)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
            if "kind" in text and constants & names:
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("startswith", "endswith")
            and "kind" in ast.unparse(node.func.value)
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def _kind_tables(path: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Dict or set literals keyed by two registered kinds' names or more, unless assigned to an ``allowed`` name."""
    names = set(KINDS)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        and any(
            isinstance(t, ast.Name) and t.id in allowed
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
    }
    found = []
    for node in ast.walk(tree):
        keys = node.keys if isinstance(node, ast.Dict) else node.elts if isinstance(node, ast.Set) else None
        if keys is None or id(node) in exempt:
            continue
        named = {k.value for k in keys if isinstance(k, ast.Constant) and isinstance(k.value, str)} & names
        if len(named) >= 2:
            found.append(f"{path.name}:{node.lineno}: a table keyed by kind names ({', '.join(sorted(named))})")
    return found


def test_nothing_in_figures_or_resolve_switches_on_a_kinds_name(tmp_path: Path) -> None:
    package = ROOT / "zzreport"
    files = [*sorted((package / "figures").glob("*.py")), *sorted((package / "resolve").glob("*.py"))]
    found = [hit for path in files for hit in _kind_switches(path)]
    assert not found, "ask the kind object instead: " + "; ".join(found)
    probe = tmp_path / "probe.py"  # the check itself sees a switch when there is one
    probe.write_text('if fig.kind in ("pie", "donut"):\n    pass\n', encoding="utf-8")
    assert _kind_switches(probe)


def test_nothing_in_the_writers_switches_on_a_kinds_name(tmp_path: Path) -> None:
    """A writer asks the kind's traits; its one table by kind name is the deck's ``CHART_TYPES``.

    A series' own ``type`` in a combo chart (``column``/``line``) is data and
    may be read; a variable holding it is not named ``kind``.
    """
    files = sorted((ROOT / "zzreport" / "writers").rglob("*.py"))
    assert len(files) > 20
    found = [hit for path in files for hit in _kind_switches(path)]
    found += [hit for path in files for hit in _kind_tables(path, frozenset({"CHART_TYPES"}))]
    assert not found, "ask the kind object instead: " + "; ".join(found)
    probe = tmp_path / "probe.py"  # the checks see each pattern the deck had
    for source in (
        'gap = 60 if fig.kind.startswith("stacked") else 80\n',
        'combo = fig.kind == "combo"\n',
        'ON_FILL = frozenset({"stacked-column", "donut"})\n',
        'POSITIONS: dict[str, int] = {"column": 1, "line": 2}\n',
    ):
        probe.write_text(source, encoding="utf-8")
        assert _kind_switches(probe) or _kind_tables(probe, frozenset({"CHART_TYPES"})), source
    probe.write_text('CHART_TYPES: dict[str, int] = {"column": 1, "line": 2}\n', encoding="utf-8")
    assert not _kind_tables(probe, frozenset({"CHART_TYPES"}))


def test_a_figure_without_a_plan_has_no_axes() -> None:
    fig = FigureData("pie", "radial", 1, "", "", "", "", "", ("甲",), (), NumberStyle(), "", "", "", True, True, None)
    assert fig.axis_plan() == {} and fig.is_pie


def test_figures_never_import_the_spec_language() -> None:
    """Figures draw from plain data (the IR's theme, NumberStyle): what the spec may say can change freely."""
    for path in sorted((ROOT / "zzreport" / "figures").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(m.startswith("zzreport.language") for m in imported), path.name


def test_a_chart_without_an_axis_plan_is_refused_by_name(
    every_kind: tuple[zzreport.Document, dict[str, Path]],
) -> None:
    """A figure not resolved by zzreport.resolve has no plan: the deck says so instead of guessing axes."""
    from dataclasses import replace

    doc, _ = every_kind
    fig = replace(next(f.data for f in doc.figures() if f.data.kind == "line"), axes=())
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    with pytest.raises(ValueError, match="has no axis plan"):
        add_chart(
            slide, fig, FontSet.from_plan(doc.font_plan), doc.theme, Emu(0), Emu(0), Emu(9_000_000), Emu(5_000_000)
        )
