"""The contract: every writer renders every block kind and every figure kind, and a reader finds each one.

One spec, written here into a temporary folder with a small CSV and a PNG,
holds one block of every kind in ``ir.BLOCK_TYPES`` and one figure of every
figure kind, each with words found nowhere else in it. Each format of the
writer registry renders it; the output is read back as a reader meets it
(the PDF's text with pdfplumber, the deck's text and native charts with
python-pptx) and each block's words and each figure's title, categories and
chart type must be there. Cases are parametrized writer × kind, so a new
block kind, figure kind or format that a writer does not handle fails with
a message naming the pair (as docutils' ``unknown_visit`` raises for a node
kind a writer does not know).

A new block kind needs a probe in :data:`PROBES`; a new figure kind an entry
in :data:`DECK_CHART_TYPES` (what PowerPoint should call its chart; ``None``
for a kind drawn without a chart); a new format a reader in :data:`READERS`.
"""

from __future__ import annotations

import importlib
import io
import itertools
import tempfile
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import zzreport
from tests.writers.docx.reader import paragraph_texts, picture_alts, word_charts
from zzreport import ir
from zzreport.libreoffice import convert_to_pdf
from zzreport.testing import (
    DeckChart,
    PdfPage,
    PdfShape,
    Source,
    appears_wrapped,
    csv_text,
    deck_charts,
    deck_pictures,
    flat,
    pdf_pages,
    slide_texts,
    write_spec,
)
from zzreport.writers.registry import FORMATS


def figure_kinds() -> tuple[str, ...]:
    """Every figure kind: the kinds registry's, or the spec language's while there is no registry."""
    try:
        kinds = importlib.import_module("zzreport.figures.kinds")
    except ModuleNotFoundError:
        from zzreport.language.models import FigureKind

        return tuple(typing.get_args(FigureKind))
    return tuple(str(name) for name in kinds.KINDS)


FIGURE_KINDS = figure_kinds()
BLOCK_KINDS = tuple(t.__name__ for t in ir.BLOCK_TYPES)
WRITERS = tuple(FORMATS)


@dataclass(frozen=True)
class Probe:
    """A block of one kind in the contract spec, and the words a reader must find wherever it is rendered."""

    block: dict[str, Any]
    words: tuple[str, ...]
    #: Whether a picture must be found (an image block), and the alternative text it must carry.
    picture: bool = False
    alt: str = ""
    #: Blocks placed after the probe in its section.
    after: tuple[dict[str, Any], ...] = ()
    #: A block no spec can give (it runs code), made by this and added at the end of the probe's section.
    code: Callable[[], ir.Block] | None = None


CONTRACT_CSV = csv_text([["项目", "投资额", "进度"], ["契约项目东", "12.3", "40"], ["契约项目西", "45.6", "60"]])


def matplotlib_block() -> ir.Block:
    """A matplotlib figure made in code, as a library user adds one (``zzreport.MatplotlibFigure``)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3))
    fig.subplots().bar(["契约绘图甲", "契约绘图乙"], [3, 4])
    return zzreport.MatplotlibFigure(fig, alt="契约绘图的替代文字", caption="契约绘图题注")


#: One block of each kind, keyed by the IR class it resolves to.
PROBES: dict[str, Probe] = {
    # A heading leads what follows it (see test_a_heading_that_ends_a_section_is_rendered for one alone).
    "Heading": Probe({"heading": "契约小标题"}, ("契约小标题",), after=({"paragraph": "小标题之后的段落。"},)),
    "Paragraph": Probe(
        {"paragraph": "契约段落：正文中的**加粗文字**与结尾。"}, ("契约段落：正文中的加粗文字与结尾。",)
    ),
    "BulletList": Probe(
        {"bullets": ["契约列表第一项", {"text": "契约列表第二项", "items": ["契约列表子项"]}]},
        ("契约列表第一项", "契约列表第二项", "契约列表子项"),
    ),
    "KpiGroup": Probe(
        {
            "kpis": [
                {"label": "契约指标企业", "value": 5800, "unit": "家", "qualifier": "多", "change": 12.5},
                {"label": "契约指标目标", "value": 1000, "unit": "家", "qualifier": "以上", "target": True},
            ]
        },
        ("契约指标企业", "5800多家", "+12.5%", "契约指标目标", "1000家以上"),
    ),
    "Figure": Probe(
        {
            "figure": {
                "kind": "column",
                "title": "契约独立柱图",
                "categories": ["契约甲", "契约乙"],
                "series": [{"name": "数量", "values": [3, 4]}],
            }
        },
        ("契约独立柱图",),
    ),
    "Table": Probe(
        {"table": {"title": "契约表格", "data": {"file": "data/contract.csv"}, "total": "合计"}},
        ("契约表格", "项目", "投资额", "进度", "契约项目东", "12.3", "契约项目西", "45.6", "合计", "57.9"),
    ),
    "Image": Probe(
        {"image": {"path": "images/contract.png", "alt": "契约图片的替代文字", "caption": "契约图片题注"}},
        ("契约图片题注",),
        picture=True,
        alt="契约图片的替代文字",
    ),
    "Graphic": Probe(
        {"paragraph": "契约绘图之前的段落。"},
        ("契约绘图之前的段落。", "契约绘图题注"),
        picture=True,
        alt="契约绘图的替代文字",
        code=matplotlib_block,
    ),
    "Callout": Probe(
        {"callout": {"title": "契约提示标题", "text": "契约提示正文。"}}, ("契约提示标题", "契约提示正文。")
    ),
    "Quote": Probe({"quote": {"text": "契约引文正文。", "source": "契约引文出处"}}, ("契约引文正文。", "契约引文出处")),
    "ReviewPlan": Probe(
        {
            "review": [{"paragraph": "契约回顾段落。"}],
            "plan": [{"bullets": ["契约目标条目"]}],
            "review_title": "契约回顾标题",
            "plan_title": "契约目标标题",
        },
        ("契约回顾标题", "契约回顾段落。", "契约目标标题", "契约目标条目"),
    ),
}

#: What PowerPoint calls the native chart of each figure kind (python-pptx's XL_CHART_TYPE names, or the
#: plots a combination chart holds); ``None``: the kind is drawn without a chart (its labels are text).
DECK_CHART_TYPES: dict[str, frozenset[str] | tuple[str, ...] | None] = {
    "column": frozenset({"COLUMN_CLUSTERED"}),
    "bar": frozenset({"BAR_CLUSTERED"}),
    "stacked-column": frozenset({"COLUMN_STACKED"}),
    "stacked-bar": frozenset({"BAR_STACKED"}),
    "line": frozenset({"LINE", "LINE_MARKERS"}),
    "area": frozenset({"AREA"}),
    "pie": frozenset({"PIE"}),
    "donut": frozenset({"DOUGHNUT"}),
    "combo": ("BarPlot", "LinePlot"),
    "scorecard": None,
    "waterfall": frozenset({"COLUMN_STACKED"}),  # over an invisible base
    "scatter": frozenset({"XY_SCATTER"}),
    "histogram": frozenset({"COLUMN_CLUSTERED"}),  # with no gap
}


def figure_title(kind: str) -> str:
    return f"契约图表{FIGURE_KINDS.index(kind) + 1}号"


#: One word per figure kind, none the start of another, for category names found in no other figure.
STEMS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def histogram_edges(kind: str) -> list[int]:
    """A histogram's given bin edges, numbers found in no other figure."""
    n = FIGURE_KINDS.index(kind) + 1
    return [100 * n, 100 * n + 10, 100 * n + 20, 100 * n + 30]


def figure_categories(kind: str) -> list[str]:
    """Category names found in no other figure, so finding them finds this figure (a histogram's bins)."""
    if kind == "histogram":
        edges = histogram_edges(kind)
        return [f"{a}～{b}" for a, b in itertools.pairwise(edges)]
    n = FIGURE_KINDS.index(kind)
    stem = STEMS[n] if n < len(STEMS) else f"{STEMS[n % len(STEMS)]}{n}"
    return [f"{stem}组东区", f"{stem}组西区", f"{stem}组南区"]


def figure_block(kind: str) -> dict[str, Any]:
    block: dict[str, Any] = {"kind": kind, "title": figure_title(kind), "categories": figure_categories(kind)}
    n = FIGURE_KINDS.index(kind) + 1
    block["series"] = [{"name": f"契约系列{n}", "values": [10 + n, 20 + n, 30 + n]}]
    if kind == "combo":
        block["series"].append({"name": f"契约增速{n}", "values": [5.5, 6.5, 7.5], "type": "line", "axis": "secondary"})
    elif kind == "histogram":  # observations counted into three bins: 1, 2 and 3 of them
        low = histogram_edges(kind)[0]
        block["categories"] = histogram_edges(kind)
        block["series"][0]["values"] = [low + 1, low + 11, low + 12, low + 21, low + 22, low + 23]
    elif kind.startswith("stacked") or kind in ("line", "scatter"):
        block["series"].append({"name": f"契约第二系列{n}", "values": [1 + n, 2 + n, 3 + n]})
    return {"figure": block}


def case_blocks(case: str) -> list[dict[str, Any]]:
    """The blocks of one case: a block kind's probe (and what follows it), or one figure of a figure kind."""
    if case in FIGURE_KINDS:
        return [figure_block(case)]
    return [PROBES[case].block, *PROBES[case].after]


def contract_spec(cases: Sequence[str] | None = None) -> dict[str, Any]:
    """The contract spec: a section per block kind, then one section of every figure kind (or only ``cases``)."""
    blocks = [name for name in BLOCK_KINDS if name in PROBES]
    figures = list(FIGURE_KINDS)
    if cases is not None:
        blocks, figures = [c for c in blocks if c in cases], [c for c in figures if c in cases]
    sections = [
        {"id": f"block-{name.lower()}", "title": f"契约章节{i + 1}", "blocks": case_blocks(name)}
        for i, name in enumerate(blocks)
    ]
    if figures:
        sections.append({"id": "figure-kinds", "title": "契约图表章节", "blocks": [figure_block(k) for k in figures]})
    return {"zzreport": 1, "title": "契约报告", "date": "2025-01-20", "sections": sections}


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


# -- how a PDF's chart is told apart ------------------------------------------------------------------------

#: What each figure kind looks like on a PDF page, as a reader tells one chart from another.
PDF_DRAWINGS: dict[str, str] = {
    "column": "columns",
    "bar": "bars",
    "stacked-column": "stacked columns",
    "stacked-bar": "stacked bars",
    "line": "a line",
    "area": "an area",
    "pie": "slices",
    "donut": "slices",
    "combo": "columns and a line",
    "scorecard": "tiles",
    "waterfall": "floating columns",
    "scatter": "points",
    "histogram": "columns",
}

#: Bars are at least this thick (points); legend swatches and label boxes are smaller.
BAR = 12.0
#: A line or an area across the plot is at least this wide (points).
ACROSS = 100.0


def bars(shapes: list[PdfShape], color: str) -> list[PdfShape]:
    return [s for s in shapes if s.kind == "rect" and s.fill == color and min(s.width, s.height) >= BAR]


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1.0


def columns_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    """The first series as upright bars of one width, taller from left to right (its values grow)."""
    found = sorted(bars(shapes, colors[0]), key=lambda s: s.x0)
    if len(found) < 3:
        return f"{len(found)} bars of {colors[0]}, not 3"
    if not all(close(b.width, found[0].width) for b in found) or not all(
        a.height < b.height for a, b in itertools.pairwise(found)
    ):
        return "the bars do not stand side by side growing to the right"
    return None


def bars_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    """The first series as lying bars of one height, longer from top to bottom (its values grow)."""
    found = sorted(bars(shapes, colors[0]), key=lambda s: s.top)
    if len(found) < 3:
        return f"{len(found)} bars of {colors[0]}, not 3"
    if not all(close(b.height, found[0].height) for b in found) or not all(
        a.width < b.width for a, b in itertools.pairwise(found)
    ):
        return "the bars do not lie one under another growing downward"
    return None


def stacked_columns_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    first, second = bars(shapes, colors[0]), [s for s in shapes if s.kind == "rect" and s.fill == colors[1]]
    on_top = [b for b in first if any(close(s.x0, b.x0) and close(s.bottom, b.top) for s in second)]
    return columns_problem(shapes, colors) or (
        None if len(on_top) >= 3 else "the second series does not sit on the first"
    )


def stacked_bars_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    first, second = bars(shapes, colors[0]), [s for s in shapes if s.kind == "rect" and s.fill == colors[1]]
    after = [b for b in first if any(close(s.top, b.top) and close(s.x0, b.x1) for s in second)]
    return bars_problem(shapes, colors) or (None if len(after) >= 3 else "the second series does not follow the first")


def line_of(shapes: list[PdfShape], color: str) -> bool:
    return any(s.kind in ("curve", "line") and s.stroke == color and s.width >= ACROSS for s in shapes)


def line_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    if bars(shapes, colors[0]):
        return "it draws bars"
    return None if line_of(shapes, colors[0]) else f"no line of {colors[0]} across the plot"


def area_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    if bars(shapes, colors[0]):
        return "it draws bars"
    filled = [s for s in shapes if s.kind == "curve" and s.fill and s.width >= ACROSS and s.height >= BAR]
    return None if filled else "no filled area across the plot"


def slices_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    if bars(shapes, colors[0]):
        return "it draws bars"
    slices = [
        s for s in shapes if s.kind == "curve" and s.fill not in (None, "#FFFFFF") and min(s.width, s.height) >= 20
    ]
    return None if len(slices) >= 3 else f"{len(slices)} filled slices, not 3"


def combo_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    return columns_problem(shapes, colors) or (None if line_of(shapes, colors[1]) else f"no line of {colors[1]}")


def tiles_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    """One tile per category: filled boxes of one size, no bars."""
    if bars(shapes, colors[0]):
        return "it draws bars"
    boxes = [s for s in shapes if s.kind == "rect" and s.fill and s.width >= 40 and s.height >= 30]
    same = [b for b in boxes if close(b.width, boxes[0].width) and close(b.height, boxes[0].height)] if boxes else []
    return None if len(same) >= 3 else f"{len(same)} tiles of one size, not 3"


def points_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    """A disc per point in the y series' colour, rising to the right (the contract's x and y both grow)."""
    discs = sorted(
        (s for s in shapes if s.kind == "curve" and s.fill == colors[1] and 4 <= s.width <= 12), key=lambda s: s.x0
    )
    if len(discs) < 3:
        return f"{len(discs)} discs of {colors[1]}, not 3"
    if not all(b.top < a.top for a, b in itertools.pairwise(discs)):
        return "the points do not rise to the right"
    return None


def floating_columns_problem(shapes: list[PdfShape], colors: tuple[str, ...]) -> str | None:
    """A start column, then steps each floating on the one before (the contract's steps all rise)."""
    found = sorted(
        (s for s in shapes if s.kind == "rect" and s.fill and s.width >= BAR and s.height >= 2), key=lambda s: s.x0
    )
    if len(found) < 3:
        return f"{len(found)} columns, not 3"
    if not all(close(b.bottom, a.top) for a, b in itertools.pairwise(found[:3])):
        return "the steps do not float on the column before them"
    if found[1].fill == found[0].fill:
        return "a rise is drawn in the start's colour"
    return None


DRAWING_CHECKS: dict[str, Callable[[list[PdfShape], tuple[str, ...]], str | None]] = {
    "columns": columns_problem,
    "bars": bars_problem,
    "stacked columns": stacked_columns_problem,
    "stacked bars": stacked_bars_problem,
    "a line": line_problem,
    "an area": area_problem,
    "slices": slices_problem,
    "columns and a line": combo_problem,
    "tiles": tiles_problem,
    "floating columns": floating_columns_problem,
    "points": points_problem,
}


def figure_shapes(pages: list[PdfPage], title: str) -> list[PdfShape] | None:
    """The shapes drawn between a figure's caption and the caption above it on its page (or the page's top)."""
    titles = [figure_title(k) for k in FIGURE_KINDS] + [w for p in PROBES.values() for w in p.words if "图" in w]
    for page in pages:
        caption = next((w for w in page.words if title in w.text), None)
        if caption is None:
            continue
        above = [w.bottom for w in page.words if w.bottom < caption.top and any(t in w.text for t in titles)]
        top = max(above, default=0.0)
        return [s for s in page.shapes if s.top >= top - 1 and s.bottom <= caption.top + 1]
    return None


# -- what a reader finds in each format -------------------------------------------------------------------


@dataclass(repr=False)
class Seen:
    """What a reader finds in one output: its text lines (whitespace removed), charts and pictures."""

    lines: list[str]
    charts: list[DeckChart] = field(default_factory=list)
    pictures: int = 0
    #: The pictures' alternative texts, where the reader can tell them (``None``: it cannot).
    alts: list[str] | None = None
    #: A PDF's pages, with their words and vector shapes.
    pages: list[PdfPage] = field(default_factory=list)

    def __repr__(self) -> str:  # short, so a failure message stays readable
        return f"Seen({len(self.lines)} lines, {len(self.charts)} charts, {self.pictures} pictures)"


def read_pdf(pdf: Source) -> Seen:
    pages = pdf_pages(pdf)
    lines = [flat(line) for page in pages for line in page.text.splitlines() if line.strip()]
    return Seen(
        lines=lines,
        pictures=sum(p.images for p in pages),
        pages=pages,
    )


def read_pptx(deck: Source) -> Seen:
    slides = slide_texts(deck)
    lines = [flat(line) for texts in slides for text in texts for line in text.splitlines() if line.strip()]
    # A card or a tile may put number, qualifier and unit in separate shapes: a slide's shapes read in order.
    lines += [flat("".join(texts)) for texts in slides]
    pictures = deck_pictures(deck)
    return Seen(lines=lines, charts=deck_charts(deck), pictures=len(pictures), alts=[alt for _, alt in pictures])


def read_docx(document: Source) -> Seen:
    """A Word document's paragraphs (table cells' too), native charts and pictures, and its pages as LibreOffice
    lays it out (a Word document has no pages of its own to read)."""
    data = document if isinstance(document, bytes) else Path(document).read_bytes()
    lines = [flat(text) for text in paragraph_texts(data) if text.strip()]
    alts = picture_alts(data)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "contract.docx"
        source.write_bytes(data)
        pages = pdf_pages(convert_to_pdf(source, folder).read_bytes())
    return Seen(lines=lines, charts=word_charts(data), pictures=len(alts), alts=alts, pages=pages)


#: How to read each format back; a new format needs its reader here.
READERS: dict[str, Callable[[Source], Seen]] = {"pdf": read_pdf, "pptx": read_pptx, "docx": read_docx}

FILES = {"data/contract.csv": CONTRACT_CSV, "images/contract.png": png()}


class Contract:
    """The contract spec rendered by each writer once, and read back; a case alone when the whole failed.

    Each format renders the whole spec once (cases share it, so the test
    stays quick). When a writer raises on it, each case renders its own
    blocks alone, so the failure names the writer × kind that raised.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.document = contract_document(write_spec(folder, contract_spec(), files=FILES))
        self.whole: dict[str, Seen | BaseException] = {}

    def seen(self, fmt: str, case: str) -> Seen:
        pair = f"writer {fmt} × {'figure' if case in FIGURE_KINDS else 'block'} kind {case}"
        if fmt not in READERS:
            pytest.fail(f"{pair}: no reader in READERS to check what the writer wrote", pytrace=False)
        if fmt not in self.document.outputs:
            pytest.fail(f"{pair}: the contract spec does not plan a {fmt} output", pytrace=False)
        if fmt not in self.whole:
            try:
                self.whole[fmt] = READERS[fmt](zzreport.render(self.document, fmt)[0])
            except Exception as error:  # the failing case is named below, with the error
                self.whole[fmt] = error
        whole = self.whole[fmt]
        if isinstance(whole, Seen):
            return whole
        alone = write_spec(self.folder / f"{fmt}-{case}", contract_spec([case]), files=FILES)
        try:
            return READERS[fmt](zzreport.render(contract_document(alone), fmt)[0])
        except Exception as error:
            pytest.fail(f"{pair}: the writer raised {type(error).__name__}: {error}", pytrace=False)


def contract_document(spec: Path) -> ir.Document:
    """The contract spec resolved, with the blocks only code makes added to their probes' sections."""
    document = zzreport.resolve(zzreport.load(spec))
    ids = {section.id for section in document.sections}
    for name, probe in PROBES.items():
        if probe.code is not None and f"block-{name.lower()}" in ids:
            document = document.with_block(probe.code(), f"block-{name.lower()}")
    return document


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    return Contract(tmp_path_factory.mktemp("contract"))


def test_the_contract_spec_holds_every_block_and_figure_kind(contract: Contract) -> None:
    """The probes resolve to the kinds they stand for, so each case below tests what it names."""
    kinds = {type(node).__name__ for node in ir.walk(contract.document)}
    assert set(PROBES) <= kinds, f"probes that resolve to no block of their kind: {sorted(set(PROBES) - kinds)}"
    kinds_drawn = [getattr(f.data.kind, "name", f.data.kind) for f in contract.document.figures()]  # a name or a kind
    assert kinds_drawn[-len(FIGURE_KINDS) :] == list(FIGURE_KINDS)
    assert set(FORMATS) <= set(contract.document.outputs), "the contract spec must plan every registered format"


@pytest.mark.parametrize("kind", BLOCK_KINDS)
@pytest.mark.parametrize("fmt", WRITERS)
def test_writer_renders_block_kind(fmt: str, kind: str, contract: Contract) -> None:
    probe = PROBES.get(kind)
    if probe is None:
        pytest.fail(f"block kind {kind}: no probe in PROBES, so no writer is checked against it", pytrace=False)
    found = contract.seen(fmt, kind)
    missing = [word for word in probe.words if not appears_wrapped(word, found.lines)]
    assert not missing, f"writer {fmt} × block kind {kind}: a reader does not find {missing}"
    if probe.picture:
        assert found.pictures, f"writer {fmt} × block kind {kind}: no picture in the output"
    if probe.alt and found.alts is not None:
        assert probe.alt in found.alts, f"writer {fmt} × block kind {kind}: no picture has the alt text {probe.alt!r}"


#: Known gaps, each a writer × case that fails today; strict, so the fix turns the mark into a failure to remove.
#: (writer, case) -> what the writer still gets wrong, as strict expected failures (none today).
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def with_gaps(case: str, formats: Sequence[str] = WRITERS) -> list[Any]:
    """``formats`` as parameters, those with a known gap in ``case`` marked as strict expected failures."""
    return [
        pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[f, case]))
        if (f, case) in KNOWN_GAPS
        else f
        for f in formats
    ]


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        pytest.param(f, k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[f, k])) if (f, k) in KNOWN_GAPS
        else (f, k)
        for k in FIGURE_KINDS
        for f in WRITERS
    ],
)  # fmt: skip
def test_writer_renders_figure_kind(fmt: str, kind: str, contract: Contract) -> None:
    found = contract.seen(fmt, kind)
    pair = f"writer {fmt} × figure kind {kind}"
    title, categories = figure_title(kind), figure_categories(kind)
    # A deck's chart holds its categories as data (checked below); a PDF's chart draws them as text.
    words = [title, *categories] if fmt == "pdf" or DECK_CHART_TYPES.get(kind, 0) is None else [title]
    missing = [word for word in words if not appears_wrapped(word, found.lines)]
    assert not missing, f"{pair}: a reader does not find {missing}"
    if fmt == "pdf":
        if kind not in PDF_DRAWINGS:
            pytest.fail(f"{pair}: no entry in PDF_DRAWINGS says how a reader tells the chart apart", pytrace=False)
        shapes = figure_shapes(found.pages, title)
        assert shapes is not None, f"{pair}: no page holds the figure's title as a word"
        colors = next(
            tuple(s.color for s in f.data.series) for f in contract.document.figures() if f.data.title == title
        )
        drawing = PDF_DRAWINGS[kind]
        problem = DRAWING_CHECKS[drawing](shapes, colors)
        assert problem is None, f"{pair}: not drawn as {drawing}: {problem}"
        return
    if kind not in DECK_CHART_TYPES:
        pytest.fail(f"{pair}: no entry in DECK_CHART_TYPES says what chart a reader should see", pytrace=False)
    expected = DECK_CHART_TYPES[kind]
    # An XY chart has no categories: its points' names are their labels, and its series is the figure's y.
    y_name = f"契约第二系列{FIGURE_KINDS.index(kind) + 1}"
    charts = [
        c for c in found.charts if c.categories == tuple(categories) or (kind == "scatter" and c.series == (y_name,))
    ]
    if expected is None:
        assert not charts, f"{pair}: drawn as a chart, but the kind is not a chart in a deck"
        values = [str(10 + FIGURE_KINDS.index(kind) + 1 + 10 * i) for i in range(3)]
        assert all(appears_wrapped(v, found.lines) for v in values), f"{pair}: the values {values} are not shown"
        return
    assert len(charts) == 1, f"{pair}: {len(charts)} native charts with the figure's categories, not 1"
    chart = charts[0]
    if isinstance(expected, tuple):
        assert chart.plots == expected, f"{pair}: the chart's plots are {chart.plots}, not {expected}"
    else:
        assert chart.chart_type in expected, f"{pair}: the chart is {chart.chart_type}, not one of {sorted(expected)}"


@pytest.mark.parametrize("fmt", with_gaps("lone heading"))
def test_a_heading_that_ends_a_section_is_rendered(fmt: str, tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        {
            "zzreport": 1,
            "title": "契约报告",
            "sections": [{"id": "a", "title": "一节", "blocks": [{"heading": "孤立小标题"}]}],
        },
    )
    found = READERS[fmt](zzreport.render(zzreport.resolve(zzreport.load(spec)), fmt)[0])
    assert appears_wrapped("孤立小标题", found.lines), f"writer {fmt}: a heading alone in its section is lost"


@pytest.mark.parametrize("fmt", with_gaps("card note"))
def test_a_card_note_and_period_reach_every_format(fmt: str, tmp_path: Path) -> None:
    card = {"label": "契约指标", "value": 5800, "unit": "家", "period": "2023", "note": "契约备注文字"}
    spec = write_spec(
        tmp_path,
        {"zzreport": 1, "title": "契约报告", "sections": [{"id": "a", "title": "一节", "blocks": [{"kpis": [card]}]}]},
    )
    found = READERS[fmt](zzreport.render(zzreport.resolve(zzreport.load(spec)), fmt)[0])
    missing = [
        word for word in ("契约指标", "5800家", "2023", "契约备注文字") if not appears_wrapped(word, found.lines)
    ]
    assert not missing, f"writer {fmt}: a reader does not find {missing} of a KPI card"


def section_openings() -> list[tuple[int, str, str]]:
    """(number, title, a word of its first block) of each section of the contract spec."""
    spec = contract_spec()
    openings = []
    for number, section in enumerate(spec["sections"], start=1):
        name = next((n for n in PROBES if PROBES[n].block is section["blocks"][0]), None)
        first = PROBES[name].words[0] if name else figure_title(FIGURE_KINDS[0])
        openings.append((number, section["title"], first))
    return openings


def _words_follow(words: Sequence[Any], first: str, then: str) -> bool:
    """Whether a word ``first`` is followed by words that spell ``then`` (a title with Latin or digits is
    set with the CJK–Latin space, which an extractor may take for a word break: 契约章节 1)."""
    texts = [word.text for word in words]
    for i, text in enumerate(texts):
        if text != first:
            continue
        spelled = ""
        for following in texts[i + 1 :]:
            spelled += following
            if len(spelled) >= len(then):
                break
        if spelled == then:
            return True
    return False


@pytest.mark.parametrize("fmt", with_gaps("section opening", [f for f in WRITERS if FORMATS[f].paged]))
def test_a_section_opens_on_the_page_of_its_first_block(fmt: str, contract: Contract) -> None:
    """On a printed page, a section's number and title are never left alone at the foot of a page.

    (Slides give each section a divider slide of its own, by design: only paged formats are checked.)
    """
    pages = contract.seen(fmt, BLOCK_KINDS[0]).pages
    stranded = []
    for number, title, first in section_openings():
        opening = [page for page in pages if _words_follow(page.words, f"{number:02d}", title)]
        assert opening, f"writer {fmt}: section {number} ({title}) opens on no page"
        lines = [flat(line) for line in opening[-1].text.splitlines()]
        if not appears_wrapped(first, lines):
            stranded.append(f"{number:02d} {title} (page {opening[-1].number})")
    assert not stranded, f"writer {fmt}: sections whose title is alone at the foot of a page: {stranded}"
