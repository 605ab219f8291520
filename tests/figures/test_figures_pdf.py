"""PDF figures: vector drawings with real, embedded, searchable text; no label overlaps; the cache.

Each kind is drawn into a one-page PDF (the canvas' initial font set to the
figure face, as the PDF writer does, so no Helvetica leaks) and reopened with
pypdf and pdfplumber. Pages are also rendered to /tmp/figs/*.png for a look.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

import zzreport
from zzreport.figures import cache as figure_cache
from zzreport.figures import pdf_drawing
from zzreport.figures.kit import ASCENT, DESCENT
from zzreport.figures.model import FigureData
from zzreport.figures.pdf_drawing import figure_cache_key, figure_drawing, register_face
from zzreport.figures.radial import slice_values
from zzreport.fonts.fontset import FontSet
from zzreport.language.models import Theme

ROOT = Path(__file__).resolve().parents[2]
PNG_DIR = Path("/tmp/figs")
WIDTH = 450.0
LONG = [
    "国家级重点实验室数量（家）",
    "省级工程技术研究中心数量（家）",
    "新型研发机构备案数量（家）",
    "科技型中小企业评价入库数（家）",
    "高新技术企业认定数量（家）",
    "国家级专精特新小巨人企业（家）",
    "省级制造业创新中心数量（家）",
    "国家技术转移示范机构（家）",
]

FIGURES: dict[str, dict[str, Any]] = {
    "column": {
        "kind": "column",
        "unit": "辆",
        "y_title": "产量（万辆）",
        "format": {"scale": "万", "decimals": 1},
        "categories": ["2021年", "2022年", "2023年", "2024年"],
        "series": [{"name": "产量", "values": [86000, 250000, None, 529000]}],
        "highlight": "2024年",
    },
    "column-long": {
        "kind": "column",
        "unit": "家",
        "categories": LONG,
        "series": [{"name": "数量", "values": [14, 156, 43, 14000, 5800, 62, 9, 12]}],
        "format": {"scale": "auto"},
    },
    "column-grouped": {
        "kind": "column",
        "unit": "亿元",
        "categories": ["郑州", "洛阳", "南阳", "许昌", "周口"],
        "series": [
            {"name": "2023年", "values": [13617, 5482, 4611, 3658, 3707]},
            {"name": "2024年", "values": [14532, 5751, 4804, 3744, 3850]},
        ],
        "format": {"thousands": True},
    },
    "bar": {
        "kind": "bar",
        "unit": "%",
        "categories": [
            "新能源汽车实际下线（增速）",
            "电子信息产业增加值（同比）",
            "中欧班列开行标准列（前11个月）",
            "口岸入境外籍、港澳台旅客人数（1~11月同比）",
            "铁海联运（增长50%以上）",
        ],
        "series": [{"name": "增速", "values": [112.9, 11.8, 18.2, 300, 50]}],
        "highlight": "中欧班列开行标准列（前11个月）",
    },
    "bar-long": {
        "kind": "bar",
        "unit": "家",
        "categories": LONG,
        "series": [{"name": "数量", "values": [14, 156, 43, 140, 58, 62, -9, 12]}],
    },
    "stacked-column": {
        "kind": "stacked-column",
        "unit": "家",
        "format": {"thousands": True},
        "categories": ["金水区", "二七区", "中原区", "管城回族区", "郑东新区"],
        "series": [
            {"name": "高新技术企业", "values": [1234, 980, 760, 430, 1678]},
            {"name": "专精特新企业", "values": [320, 410, 280, 260, 500]},
            {"name": "创新型中小企业", "values": [900, 600, 700, 380, 1100]},
        ],
    },
    "stacked-bar": {
        "kind": "stacked-bar",
        "unit": "班次",
        "categories": ["去程", "回程", "中亚方向"],
        "series": [{"name": "标准列", "values": [1800, 1563, 620]}, {"name": "其他", "values": [200, 150, 90]}],
    },
    "line": {
        "kind": "line",
        "unit": "%",
        "format": {"sign": True, "decimals": 1},
        "x_title": "年份",
        "y_title": "增速",
        "categories": ["2019", "2020", "2021", "2022", "2023", "2024"],
        "series": [
            {"name": "规上工业增加值", "values": [7.2, 2.5, 5.2, -1.5, None, 8.1]},
            {"name": "服务业增加值", "values": [8.0, 1.1, 3.0, 0.4, 4.4, 6.2]},
            {"name": "固定资产投资", "values": [6.5, 3.9, 4.1, 2.2, -3.0, 5.0]},
        ],
    },
    "area": {
        "kind": "area",
        "unit": "万人次",
        "categories": ["一季度", "二季度", "三季度", "四季度"],
        "series": [{"name": "入境旅客", "values": [12.5, 20, 31.25, 40]}],
    },
    "pie": {
        "kind": "pie",
        "format": {"percent": True},
        "unit": "%",
        "categories": ["第一产业", "第二产业", "第三产业", "其他（统计口径调整）"],
        "series": [{"name": "占比", "values": [1.4, 38.7, 57.9, 2.0]}],
    },
    "donut": {
        "kind": "donut",
        "unit": "亿元",
        "format": {"scale": "亿", "decimals": 0},
        "legend": False,
        "categories": ["工业投资", "基础设施投资", "房地产开发投资", "社会领域投资", "民间技改", "其他"],
        "series": [
            {"name": "投资额", "values": [210e9, 150e9, 90e9, 8e9, 5e9, 3e9]},
        ],
    },
    "combo": {
        "kind": "combo",
        "unit": "辆",
        "format": {"scale": "万", "decimals": 1},
        "y_title": "产量（万辆）",
        "y2_title": "增速（%）",
        "categories": ["2021年", "2022年", "2023年", "2024年"],
        "series": [
            {"name": "汽车产量", "values": [420000, 550000, 650000, 1000000]},
            {"name": "同比增速", "values": [8.4, 31.0, 18.2, 53.8]},
        ],
    },
    "scorecard": {
        "kind": "scorecard",
        "categories": ["省实验室", "国家级创新平台", "科技型企业评价入库（累计）", "高新技术企业", "新增城镇就业"],
        "series": [{"name": "数量", "values": [18, 63, 14000, 5800, 131000], "format": {"scale": "auto"}}],
        "unit": "家",
        "highlight": "国家级创新平台",
    },
}


@pytest.fixture(scope="module")
def resolved() -> tuple[zzreport.Document, dict[str, FigureData]]:
    blocks = [{"figure": fig} for fig in FIGURES.values()]
    report = zzreport.load_dict(
        {"zzreport": 1, "title": "图表", "sections": [{"id": "s", "title": "图", "blocks": blocks}]}, base_dir=ROOT
    )
    doc = zzreport.resolve(report)
    figs = dict(zip(FIGURES, (f.data for f in doc.figures()), strict=True))
    # Resolve turns these crowded columns into bars (see test_crowded_columns_turn_into_bars); the tests
    # here exercise the column layout's own wrapping and thinning, so they draw them as columns.
    assert figs["column-long"].kind == "bar"
    figs["column-long"] = replace(figs["column-long"], kind="column")
    return doc, figs


def test_crowded_columns_turn_into_bars() -> None:
    """Eight long labels under columns would take three lines at a shrunk size: both writers draw bars instead,
    and the alt text zzreport writes says so; roomy labels stay columns."""
    blocks = [{"figure": FIGURES["column-long"]}, {"figure": {**FIGURES["column-long"], "categories": LONG[:4]}}]
    blocks[1]["figure"]["series"] = [{"name": "数量", "values": [14, 156, 43, 14000]}]
    doc = zzreport.resolve(
        zzreport.load_dict({"zzreport": 1, "title": "图", "sections": [{"id": "s", "title": "图", "blocks": blocks}]})
    )
    crowded, roomy = (f.data for f in doc.figures())
    assert crowded.kind == "bar" and crowded.alt.startswith("条形图")
    assert [a.name for a in crowded.axes] == ["primary"]
    assert roomy.kind == "column" and roomy.alt.startswith("柱状图")


def strings(node: Group, dx: float = 0.0, dy: float = 0.0) -> list[String]:
    """Every String of a drawing (our drawings are flat: no transforms to apply)."""
    found: list[String] = []
    for child in node.contents:
        if isinstance(child, Group):
            assert tuple(child.transform) == (1, 0, 0, 1, 0, 0)
            found += strings(child)
        elif isinstance(child, String):
            found.append(child)
    return found


def boxes(drawing: Drawing) -> list[tuple[float, float, float, float, str]]:
    out = []
    for s in strings(drawing):
        w = stringWidth(s.text, s.fontName, s.fontSize)
        x0 = s.x - (w if s.textAnchor == "end" else w / 2 if s.textAnchor == "middle" else 0.0)
        out.append((x0, s.y - DESCENT * s.fontSize, x0 + w, s.y + ASCENT * s.fontSize, s.text))
    return out


def overlaps(drawing: Drawing) -> list[tuple[str, str]]:
    eps = 0.01
    found = []
    bs = boxes(drawing)
    for i, a in enumerate(bs):
        for b in bs[i + 1 :]:
            if a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps:
                found.append((a[4], b[4]))
    return found


def write_pdf(drawing: Drawing, path: Path, fonts: FontSet) -> Path:
    key = register_face(fonts.roles["figure"].regular)
    margin = 20
    canvas = Canvas(
        str(path), pagesize=(drawing.width + 2 * margin, drawing.height + 2 * margin), initialFontName=key, invariant=1
    )
    renderPDF.draw(drawing, canvas, margin, margin)
    canvas.showPage()
    canvas.save()
    return path


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def wrapped_in(words: list[dict[str, Any]], target: str) -> bool:
    """Whether ``target`` is on the page, maybe wrapped: each line a word right below the previous one.

    Plain text extraction reads side-by-side wrapped labels row by row and
    interleaves them, so the lines are followed by position instead.
    """

    def follow(word: dict[str, Any], rest: str) -> bool:
        if not rest:
            return True
        size = word["bottom"] - word["top"]
        for below in words:
            stacked = 0 < below["top"] - word["top"] < 2.2 * size
            aligned = below["x0"] < word["x1"] and word["x0"] < below["x1"]
            if stacked and aligned and rest.startswith(below["text"]) and follow(below, rest[len(below["text"]) :]):
                return True
        return False

    target = squash(target)
    return any(target.startswith(w["text"]) and follow(w, target[len(w["text"]) :]) for w in words)


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_kind_draws_vector_text_with_embedded_fonts(
    name: str, resolved: tuple[zzreport.Document, dict[str, FigureData]], tmp_path: Path
) -> None:
    doc, figs = resolved
    fig = figs[name]
    drawing = figure_drawing(fig, FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, cache_dir=tmp_path / "cache")
    assert drawing.width == WIDTH
    assert overlaps(drawing) == []
    for x0, y0, x1, y1, text in boxes(drawing):
        assert x0 >= -0.5 and x1 <= drawing.width + 0.5, f"{text!r} sticks out sideways"
        assert y0 >= -0.5 and y1 <= drawing.height + 0.5, f"{text!r} sticks out vertically"

    pdf = write_pdf(drawing, tmp_path / f"{name}.pdf", FontSet.from_plan(doc.font_plan))
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    pypdfium2.PdfDocument(str(pdf))[0].render(scale=2).to_pil().save(PNG_DIR / f"{name}.png")

    with pdfplumber.open(pdf) as plumber:
        page = plumber.pages[0]
        assert page.images == []
        text = squash(page.extract_text())
        words = page.extract_words(x_tolerance=1.5, keep_blank_chars=False)
    for category in fig.categories:
        assert wrapped_in(words, category), category
    if fig.labels:
        for s in fig.series:
            # Pie and donut slices show one decimal count for the whole series (2.0% beside 38.7%).
            labels = slice_values(fig).values() if fig.is_pie else s.labels
            for label in labels:
                assert label in text, label

    page = PdfReader(pdf).pages[0]
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", {})
    assert all(x.get_object()["/Subtype"] != "/Image" for x in xobjects.values())
    fonts = resources["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert "Helvetica" not in font["/BaseFont"]
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]


def test_long_cjk_category_labels_wrap_without_overlap(
    resolved: tuple[Any, dict[str, FigureData]], tmp_path: Path
) -> None:
    doc, figs = resolved
    for name, width in (("column-long", WIDTH), ("bar-long", 300.0)):
        drawing = figure_drawing(figs[name], FontSet.from_plan(doc.font_plan), doc.theme, width, cache_dir=tmp_path)
        texts = [s.text for s in strings(drawing)]
        assert overlaps(drawing) == []
        # Every label is there, wrapped (some on several lines) but whole.
        joined = "".join(texts)
        for label in LONG:
            assert label in joined
        assert not any(t in texts for t in LONG), f"long labels must wrap in a {width} pt {name} chart"
    # Narrow charts still do not overlap (smaller type, then fewer labels).
    for width in (220.0, 300.0):
        drawing = figure_drawing(
            figs["column-long"], FontSet.from_plan(doc.font_plan), doc.theme, width, cache_dir=tmp_path
        )
        assert overlaps(drawing) == []
        assert all(b[0] >= -0.5 and b[2] <= width + 0.5 for b in boxes(drawing))


@pytest.mark.parametrize("width", [240.0, 330.0])
def test_narrow_charts_keep_text_apart_and_inside(
    width: float, resolved: tuple[Any, dict[str, FigureData]], tmp_path: Path
) -> None:
    doc, figs = resolved
    for name, fig in figs.items():
        drawing = figure_drawing(fig, FontSet.from_plan(doc.font_plan), doc.theme, width, cache_dir=tmp_path)
        assert overlaps(drawing) == [], name
        for x0, y0, x1, y1, text in boxes(drawing):
            assert x0 >= -0.5 and x1 <= width + 0.5, f"{name}: {text!r} sticks out sideways"
            assert y0 >= -0.5 and y1 <= drawing.height + 0.5, f"{name}: {text!r} sticks out vertically"


def test_highlight_and_series_colours(resolved: tuple[Any, dict[str, FigureData]]) -> None:
    doc, figs = resolved
    scene = pdf_drawing.layout_figure(figs["column"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH)
    from zzreport.figures.scene import Rect

    fills = [r.fill for r in scene.items if isinstance(r, Rect)]
    assert fills.count(doc.theme.colors.accent) == 1
    assert fills.count(figs["column"].series[0].color) == 2  # 2023 is a gap: no bar


def test_axis_ticks_use_the_series_number_format(resolved: tuple[Any, dict[str, FigureData]]) -> None:
    doc, figs = resolved
    texts = [
        t.text
        for t in pdf_drawing.layout_figure(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH).texts()
    ]
    assert "60%" in texts and "100万" in texts  # secondary axis in %, primary in 万
    assert "产量（万辆）" in texts and "增速（%）" in texts
    column = [
        t.text
        for t in pdf_drawing.layout_figure(
            figs["column-long"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH
        ).texts()
    ]
    assert "1万" in column and "0" in column and "单位：家" in column


def test_cache_skips_layout_and_keys_on_content(
    resolved: tuple[Any, dict[str, FigureData]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc, figs = resolved
    calls = []
    real = pdf_drawing.layout_figure
    monkeypatch.setattr(pdf_drawing, "layout_figure", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = figure_drawing(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, cache_dir=tmp_path)
    second = figure_drawing(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, cache_dir=tmp_path)
    assert len(calls) == 1
    assert len(list(tmp_path.glob("*.scene.json"))) == 1
    assert not list(tmp_path.glob("*.tmp"))
    assert [(s.x, s.y, s.text) for s in strings(first)] == [(s.x, s.y, s.text) for s in strings(second)]
    assert len(first.contents) == len(second.contents)

    key = figure_cache_key(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, None)
    columns = replace(figs["combo"].series[0], values=(1.0, 2.0, 3.0, 4.0))
    other = replace(figs["combo"], series=(columns, *figs["combo"].series[1:]))
    assert figure_cache_key(other, FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, None) != key
    assert figure_cache_key(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH + 1, None) != key
    theme = Theme(colors={"accent": "#000000"})
    assert figure_cache_key(figs["combo"], FontSet.from_plan(doc.font_plan), theme, WIDTH, None) != key
    # The caption is set outside the chart: editing it keeps the cache.
    recaptioned = replace(figs["combo"], caption="新的图注", title="新的标题")
    assert figure_cache_key(recaptioned, FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, None) == key

    # A damaged entry is a miss, not an error.
    entry = next(tmp_path.glob("*.scene.json"))
    entry.write_text("{not json")
    figure_drawing(figs["combo"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH, cache_dir=tmp_path)
    assert len(calls) == 2


def test_matplotlib_is_never_imported(resolved: tuple[Any, dict[str, FigureData]], tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, zzreport\n"
        "from zzreport.figures.pdf_drawing import figure_drawing\n"
        "from zzreport.fonts.fontset import FontSet\n"
        "doc = zzreport.resolve(zzreport.load('specs/zhengzhou-2025.yaml'))\n"
        "fonts = FontSet.from_plan(doc.font_plan)\n"
        f"for f in doc.figures(): figure_drawing(f.data, fonts, doc.theme, 450, cache_dir={str(tmp_path)!r})\n"
        "print('matplotlib' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_default_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "z"))
    assert figure_cache.default_cache_dir() == tmp_path / "z" / "figures"
    monkeypatch.delenv("ZZREPORT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert figure_cache.default_cache_dir() == tmp_path / "xdg" / "zzreport" / "figures"


def test_the_tallest_column_label_stays_inside_the_plot(resolved: tuple[Any, dict[str, FigureData]]) -> None:
    """The axis ends above the tallest bar and its label, so the label cannot crowd 单位：家 above it."""
    doc, figs = resolved
    from zzreport.figures.scene import Line

    scene = pdf_drawing.layout_figure(figs["column-long"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH)
    top_grid = max(item.y1 for item in scene.items if isinstance(item, Line) and item.y1 == item.y2)
    label = next(t for t in scene.texts() if t.text == "1.4万")
    assert label.y + ASCENT * label.size <= top_grid, "the tallest bar's label sticks out of the plot"
    unit = next(t for t in scene.texts() if t.text == "单位：家")
    assert unit.y - DESCENT * unit.size - (label.y + ASCENT * label.size) >= 4


def test_pie_labels_name_the_slice_and_use_the_formatted_value(
    resolved: tuple[Any, dict[str, FigureData]],
) -> None:
    """Each slice label carries its category and the series' formatted value (fixed decimals as set)."""
    doc, figs = resolved
    from zzreport.figures.radial import slice_label_lines

    fig = figs["donut"]
    lines = slice_label_lines(fig)
    assert lines[0] == ("工业投资", "2100亿（45.1%）")
    s = fig.series[0]
    assert all(value.startswith(s.labels[j]) for j, (_, value) in lines.items())
    texts = "".join(
        t.text
        for t in pdf_drawing.layout_figure(figs["pie"], FontSet.from_plan(doc.font_plan), doc.theme, WIDTH).texts()
    )
    for category in figs["pie"].categories:  # with a legend too: similar blues are hard to match
        assert all(part in texts for part in re.split(r"[（）]", category) if part), category
    whole = replace(s, values=(96.0, 50.0), labels=("96", "50"))
    two = replace(fig, categories=("交通", "产业"), series=(replace(whole, format=replace(s.format)),))
    assert slice_label_lines(two)[0] == ("交通", "96（65.8%）")


@pytest.fixture(scope="module")
def examples() -> dict[str, tuple[zzreport.Document, dict[str, FigureData]]]:
    out = {}
    for spec in ("zhengzhou-2025", "showcase"):
        doc = zzreport.resolve(zzreport.load(ROOT / "specs" / f"{spec}.yaml"))
        out[spec] = (doc, {f.data.title: f.data for f in doc.figures()})
    return out


def _frame_width(doc: zzreport.Document) -> float:
    from zzreport.writers.pdf.layout import PageGeometry

    return PageGeometry.from_theme(doc.theme.page).frame[2]


@pytest.mark.parametrize("spec", ["zhengzhou-2025", "showcase"])
def test_value_axes_are_the_axes_the_layout_draws(
    spec: str, examples: dict[str, tuple[zzreport.Document, dict[str, FigureData]]]
) -> None:
    """The axis plan (what the deck pins its axes to) is exactly the grid and the ticks the PDF draws."""
    from zzreport.figures.kinds import kind_of
    from zzreport.figures.kit import Kit
    from zzreport.figures.scene import Line

    doc, figs = examples[spec]
    width = _frame_width(doc)
    kit = Kit(FontSet.from_plan(doc.font_plan), doc.theme)
    for title, fig in figs.items():
        if kind_of(fig).axes is None:
            assert not fig.axes, title
            continue
        scene = pdf_drawing.layout_figure(fig, FontSet.from_plan(doc.font_plan), doc.theme, width)
        axes = fig.axis_plan()
        assert axes, title
        grid = [i for i in scene.items if isinstance(i, Line) and i.stroke == kit.colors.grid]
        # The value axis' grid lines: across the plot (a scatter's x grid runs the other way).
        grid = [g for g in grid if (g.x1 == g.x2 if kind_of(fig).horizontal else g.y1 == g.y2)]
        first = next(iter(axes.values()))
        assert len(grid) == len(first.ticks), title
        along = [g.x1 for g in grid] if kind_of(fig).horizontal else [g.y1 for g in grid]
        frac = [(a - along[0]) / (along[-1] - along[0]) for a in along]
        assert frac == pytest.approx([first.frac(t) for t in first.ticks]), title
        muted = [t.text for t in scene.texts() if t.color == kit.colors.muted]
        for axis in axes.values():
            assert all(label in muted for label in axis.labels), (title, axis.labels)


def _segments(scene: Any, colors: set[str]) -> list[tuple[float, float, float, float]]:
    from zzreport.figures.scene import Poly

    out = []
    for item in scene.items:
        if isinstance(item, Poly) and not item.closed and item.stroke in colors:
            pts = item.points
            out += [pts[i : i + 4] for i in range(0, len(pts) - 2, 2)]
    return out


def test_line_labels_sit_off_the_lines_upper_above_lower_below(
    examples: dict[str, tuple[zzreport.Document, dict[str, FigureData]]],
) -> None:
    """No series line runs through a data label (a halo behind it would cut a gap into the line)."""
    from zzreport.figures.cartesian import Placer
    from zzreport.figures.kit import Box, Kit, text_box
    from zzreport.figures.scene import Rect

    doc, figs = examples["showcase"]
    fig = figs["示例月度指数"]
    kit = Kit(FontSet.from_plan(doc.font_plan), doc.theme)
    scene = pdf_drawing.layout_figure(fig, FontSet.from_plan(doc.font_plan), doc.theme, _frame_width(doc))
    segments = _segments(scene, {s.color for s in fig.series})
    placer = Placer(kit, Box(0, 0, 1, 1))
    for segment in segments:
        placer.block_line(segment)
    labels = {t.text: t for t in scene.texts() if any(t.text in s.labels for s in fig.series)}
    assert len(labels) == 12
    for text in labels.values():
        box = text_box(text.x, text.y, kit.width(text.text, text.size), text.size, text.anchor)
        assert not placer.crosses_line(box), text.text
    # Where the labels are clear of the lines no halo is needed, so none cuts into one.
    halos = [i for i in scene.items if isinstance(i, Rect) and i.fill == kit.colors.background]
    for halo in halos:
        assert not placer.crosses_line(Box(halo.x, halo.y, halo.x + halo.w, halo.y + halo.h))
    # Upper city above its points, lower city below, month by month.
    upper, lower = fig.series
    for j in range(len(fig.categories)):
        high, low = labels[upper.labels[j]], labels[lower.labels[j]]
        assert high.y > low.y + 10, fig.categories[j]
        assert low.y + ASCENT * low.size < _point_y(scene, lower.color, j), fig.categories[j]
        assert high.y - DESCENT * high.size > _point_y(scene, upper.color, j), fig.categories[j]


def _point_y(scene: Any, color: str, j: int) -> float:
    from zzreport.figures.scene import Poly

    line = next(i for i in scene.items if isinstance(i, Poly) and not i.closed and i.stroke == color)
    return line.points[2 * j + 1]


def test_combo_column_labels_sit_inside_the_column_ends(
    examples: dict[str, tuple[zzreport.Document, dict[str, FigureData]]],
) -> None:
    """Inside the end (the deck uses the base, which edits cannot disturb): the room above is the line's."""
    from zzreport.figures.kit import Kit, text_box
    from zzreport.figures.scene import Rect

    doc, figs = examples["showcase"]
    fig = next(f for f in figs.values() if f.kind == "combo")
    kit = Kit(FontSet.from_plan(doc.font_plan), doc.theme)
    scene = pdf_drawing.layout_figure(fig, FontSet.from_plan(doc.font_plan), doc.theme, _frame_width(doc))
    columns = next(s for s in fig.series if s.type == "column")
    bars = [i for i in scene.items if isinstance(i, Rect) and i.fill == columns.color and i.w > 12]  # no swatch
    assert len(bars) == len(columns.values)
    for label, bar in zip(columns.labels, sorted(bars, key=lambda b: b.x), strict=True):
        (text,) = [t for t in scene.texts() if t.text == label]
        box = text_box(text.x, text.y, kit.width(text.text, text.size), text.size, text.anchor)
        assert bar.x <= box.x0 and box.x1 <= bar.x + bar.w and bar.y <= box.y0 and box.y1 <= bar.y + bar.h, label
        assert bar.y + bar.h - box.y1 < 4, f"{label} is not at the column's end"


def test_pie_labels_use_one_decimal_count_per_series(
    examples: dict[str, tuple[zzreport.Document, dict[str, FigureData]]],
) -> None:
    """With automatic decimals a series reads 128.5 / 96.0 / 42.3 / 18.7, in the PDF as in the deck."""
    from zzreport.figures.radial import slice_label_lines

    doc, figs = examples["showcase"]
    fig = figs["示例投资构成"]
    assert [v for _, v in slice_label_lines(fig).values()] == [
        "128.5（45.0%）",
        "96.0（33.6%）",
        "42.3（14.8%）",
        "18.7（6.5%）",
    ]
    texts = [
        t.text
        for t in pdf_drawing.layout_figure(fig, FontSet.from_plan(doc.font_plan), doc.theme, _frame_width(doc)).texts()
    ]
    assert "96.0（33.6%）" in texts and "96（33.6%）" not in texts
    # Whole numbers stay whole; two decimals at most.
    s = fig.series[0]
    whole = replace(fig, series=(replace(s, values=(35.0, 40.0, 25.0, 0.0), labels=("35", "40", "25", "0")),))
    assert [v.split("（")[0] for _, v in slice_label_lines(whole).values()] == ["35", "40", "25"]
    fine = replace(fig, series=(replace(s, values=(1.25, 2.0, 3.5, 0.0), labels=("1.25", "2", "3.5", "0")),))
    assert [v.split("（")[0] for _, v in slice_label_lines(fine).values()] == ["1.25", "2.00", "3.50"]
