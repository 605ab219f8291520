"""Native PowerPoint charts: kinds, data, number formats, CJK fonts, alt text, reproducible workbooks.

The deck is saved and reopened with python-pptx, and the raw chart XML is
checked where python-pptx has no API (combo charts, ``a:ea``). With
LibreOffice installed, the deck is also rendered to PNG in /tmp/charts/.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu

import zzreport
from tests.helpers import plot_area_summary, require_tool, workbook_blob
from zzreport.drawingml import oxml
from zzreport.drawingml.number_codes import chart_values, needs_scaled_data, office_number_format
from zzreport.figures.kinds import kind_of
from zzreport.figures.kit import Kit
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document
from zzreport.language.models import NumberFormat
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.writers.pdf.layout import PageGeometry
from zzreport.writers.pptx.charts import add_chart

ROOT = Path(__file__).resolve().parents[3]
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
FONT = "Noto Sans SC"
WHEN = datetime(2025, 1, 15, 8, 30, tzinfo=timezone.utc)

FIGURES: dict[str, dict[str, Any]] = {
    "column": {
        "kind": "column",
        "title": "新能源汽车产量",
        "unit": "辆",
        "y_title": "产量（万辆）",
        "format": {"scale": "万", "decimals": 1},
        "categories": ["2021年", "2022年", "2023年", "2024年"],
        "series": [{"name": "产量", "values": [86000, 250000, None, 529000]}],
        "highlight": "2024年",
    },
    "bar": {
        "kind": "bar",
        "title": "主要增速",
        "unit": "%",
        "format": {"percent": True, "decimals": 1},
        "categories": ["新能源汽车", "电子信息", "中欧班列"],
        "series": [{"name": "增速", "values": [112.9, 11.8, 18.2]}],
    },
    "stacked-column": {
        "kind": "stacked-column",
        "title": "企业构成",
        "format": {"thousands": True},
        "categories": ["甲区", "乙区"],
        "series": [{"name": "高新技术企业", "values": [1234, 5678]}, {"name": "专精特新", "values": [2000, 3000]}],
    },
    "stacked-bar": {
        "kind": "stacked-bar",
        "title": "班列构成",
        "categories": ["去程", "回程"],
        "series": [{"name": "标准列", "values": [1800, 1563]}, {"name": "其他", "values": [200, 150]}],
    },
    "line": {
        "kind": "line",
        "title": "增速变化",
        "format": {"sign": True, "decimals": 1},
        "x_title": "年份",
        "categories": ["2021", "2022", "2023", "2024"],
        "series": [
            {"name": "工业", "values": [5.2, -1.5, None, 8.1]},
            {"name": "服务业", "values": [3.0, 0.0, 4.4, 6.2]},
        ],
    },
    "area": {
        "kind": "area",
        "title": "口岸旅客",
        "categories": ["一季度", "二季度", "三季度", "四季度"],
        "series": [{"name": "入境旅客", "values": [12.5, 20, 31.25, 40]}],
    },
    "pie": {
        "kind": "pie",
        "title": "产业结构",
        "format": {"percent": True},
        "categories": ["第一产业", "第二产业", "第三产业"],
        "series": [{"name": "占比", "values": [1.4, 38.7, 59.9]}],
    },
    "donut": {
        "kind": "donut",
        "title": "投资构成",
        "format": {"scale": "亿", "decimals": 0},
        "categories": ["工业投资", "基础设施", "房地产"],
        "series": [{"name": "投资额", "values": [210_000_000_000, 150_000_000_000, 90_000_000_000]}],
    },
    "combo": {
        "kind": "combo",
        "title": "汽车产量与增速",
        "unit": "辆",
        "format": {"scale": "万", "decimals": 1},
        "y_title": "产量（万辆）",
        "y2_title": "增速（%）",
        "categories": ["2022年", "2023年", "2024年"],
        "series": [
            {"name": "产量", "values": [550000, 650000, 1000000]},
            {"name": "增速", "values": [12.5, 18.2, 53.8]},
        ],
    },
}

TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "area": XL_CHART_TYPE.AREA,
    "pie": XL_CHART_TYPE.PIE,
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "combo": XL_CHART_TYPE.COLUMN_CLUSTERED,
}


def resolve_figures(figures: dict[str, dict[str, Any]]) -> tuple[Document, dict[str, FigureData]]:
    blocks = [{"figure": fig} for fig in figures.values()]
    report = zzreport.load_dict(
        {"zzreport": 1, "title": "图表", "sections": [{"id": "s", "title": "图", "blocks": blocks}]}
    )
    doc = zzreport.resolve(report)
    return doc, dict(zip(figures, (f.data for f in doc.figures()), strict=True))


def build_deck(path: Path, figures: list[FigureData], doc: Document) -> Path:
    prs = Presentation()
    prs.slide_width = Emu(12192000)
    prs.slide_height = Emu(6858000)
    for fig in figures:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        add_chart(
            slide,
            fig,
            FontSet.from_plan(doc.font_plan),
            doc.theme,
            Emu(600000),
            Emu(500000),
            Emu(10992000),
            Emu(5858000),
            when=WHEN,
        )
    prs.save(path)
    return path


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], dict[str, FigureData]]:
    doc, figures = resolve_figures(FIGURES)
    example = zzreport.resolve(zzreport.load(ROOT / "specs" / "zhengzhou-2025.yaml"))
    example_figures = {f"example-{i}": f.data for i, f in enumerate(example.figures(), 1)}
    names = [*figures, *example_figures]
    path = build_deck(tmp_path_factory.mktemp("deck") / "charts.pptx", [*figures.values()], doc)
    # The example's figures go on their own slides after ours (same theme and fonts).
    prs = Presentation(path)
    for fig in example_figures.values():
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        add_chart(
            slide,
            fig,
            FontSet.from_plan(example.font_plan),
            example.theme,
            Emu(600000),
            Emu(500000),
            Emu(10992000),
            Emu(5858000),
        )
    prs.save(path)
    return path, names, {**figures, **example_figures}


def charts_by_name(path: Path, names: list[str]) -> dict[str, tuple[Any, Chart]]:
    prs = Presentation(path)
    out = {}
    for name, slide in zip(names, prs.slides, strict=True):
        (frame,) = [s for s in slide.shapes if s.has_chart]
        out[name] = (frame, frame.chart)
    return out


def xml(chart: Chart) -> etree._Element:
    return etree.fromstring(chart.part.blob)


# --------------------------------------------------------------------------- number formats


@pytest.mark.parametrize(
    ("fmt", "values", "code"),
    [
        ({}, [18, 4.25], "General"),
        ({"decimals": 1}, [52.9], "0.0"),
        ({"decimals": 0, "thousands": True}, [1234567], "#,##0"),
        ({"thousands": True}, [1234, 5678], "#,##0"),
        ({"thousands": True}, [1234.5, 5678], "#,##0.0"),
        ({"percent": True, "decimals": 1}, [11.8], '0.0"%"'),
        ({"percent": True}, [11.8, 300], 'General"%"'),
        ({"scale": "万", "decimals": 1}, [529000], '0\\.0,"万"'),
        ({"scale": "万"}, [14000], '0\\.0,"万"'),
        ({"scale": "亿"}, [529_000_000], '0\\.00,,"亿"'),
        ({"scale": "万", "decimals": 4}, [14000], '0\\.0000"万"'),
        ({"scale": "auto"}, [14000, 5800], '[>=100000000]0\\.00,,"亿";[>=10000]0\\.0,"万";General'),
        ({"scale": "auto", "decimals": 1}, [14000, 5800], '0\\.0,"万"'),
        ({"scale": "auto"}, [12, 58], '[>=100000000]0\\.00,,"亿";[>=10000]0\\.0,"万";General'),
        ({"sign": True, "decimals": 1}, [5.2, -1.5], '+0.0;"−"0.0;0.0'),
        ({"sign": True, "percent": True}, [3], '+General"%";"−"General"%";General"%"'),
    ],
)
def test_office_number_format(fmt: dict[str, Any], values: list[float], code: str) -> None:
    assert office_number_format(NumberFormat(**fmt), values) == code


def test_office_number_format_on_divided_data_where_no_code_shows_the_decimals() -> None:
    """万 with 0 decimals, 亿 with 0: no code shows them on raw numbers, so the chart holds 52.9 and writes 万."""
    assert needs_scaled_data(NumberFormat(scale="亿", decimals=0), [7e11])
    assert needs_scaled_data(NumberFormat(scale="万", decimals=2), [14000])
    assert not needs_scaled_data(NumberFormat(scale="万"), [14000])
    assert not needs_scaled_data(NumberFormat(scale="亿", decimals=2), [7e11])
    assert office_number_format(NumberFormat(scale="亿", decimals=0), [7e11], scaled=True) == '0"亿"'


def test_chart_values_are_the_raw_numbers_unless_no_code_can_show_them() -> None:
    """The workbook holds 529000, not 52.9: Edit Data shows the real numbers (the code writes 52.9万)."""
    assert chart_values([529000, None, 14000], NumberFormat(scale="万", decimals=1)) == (529000, None, 14000)
    assert chart_values([14000, 5800], NumberFormat(scale="auto")) == (14000, 5800)
    assert chart_values([7e11], NumberFormat(scale="亿", decimals=0), scaled=True) == (7000.0,)
    # Automatic decimals: at most two, as the PDF writes them, so `General` shows the same digits.
    assert chart_values([3.14159], NumberFormat()) == (3.14,)


# --------------------------------------------------------------------------- the deck


def test_every_kind_is_a_native_chart_of_the_right_type(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, figures = deck
    charts = charts_by_name(path, names)
    for name in FIGURES:
        _, chart = charts[name]
        assert chart.chart_type == TYPES[name], name
        assert list(chart.plots[0].categories) == list(figures[name].categories), name
        assert not chart.has_title
        assert chart.has_legend == figures[name].legend
    for name in names[len(FIGURES) :]:
        _, chart = charts[name]
        assert chart.chart_type == TYPES[figures[name].kind]


def test_values_gaps_and_scaling(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, _ = deck
    charts = charts_by_name(path, names)
    column = charts["column"][1]
    assert column.plots[0].series[0].values == (86000.0, 250000.0, None, 529000.0)
    line = charts["line"][1]
    assert [s.values for s in line.plots[0].series] == [(5.2, -1.5, None, 8.1), (3.0, 0.0, 4.4, 6.2)]
    assert xml(line).find(".//c:dispBlanksAs", NS).get("val") == "gap"
    donut = charts["donut"][1]
    assert donut.plots[0].series[0].values == (2100.0, 1500.0, 900.0)
    assert charts["example-2"][1].plots[0].series[0].values == (14000.0, 5800.0, 4862.0, 1129.0)


def test_number_formats_on_axes_and_labels(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, _ = deck
    charts = charts_by_name(path, names)
    expected = {
        "column": '0\\.0,"万"',
        "bar": '0.0"%"',
        "stacked-column": "#,##0",
        "stacked-bar": "General",
        "line": '+0.0;"−"0.0;0.0',
        "area": "General",
    }
    # Ticks keep the scale, percent and sign but only the decimals they need (140, not 140.0).
    axis_codes = {
        "column": '0\\.0,"万";"−"0\\.0,"万";0',
        "bar": 'General"%"',
        "stacked-column": "#,##0",
        "stacked-bar": "General",
        "line": '+General;"−"General;0',
        "area": "General",
    }
    for name, code in expected.items():
        chart = charts[name][1]
        assert chart.value_axis.tick_labels.number_format == axis_codes[name], name
        assert not chart.value_axis.tick_labels.number_format_is_linked
        for series in chart.plots[0].series:
            assert series.data_labels.number_format == code, name
            assert series.data_labels.show_value
    assert charts["pie"][1].plots[0].series[0].data_labels.number_format == 'General"%"'
    assert charts["pie"][1].plots[0].series[0].data_labels.position == XL_LABEL_POSITION.OUTSIDE_END
    assert charts["donut"][1].plots[0].series[0].data_labels.number_format == "0.0%"  # the share, as Office computes it
    assert charts["column"][1].plots[0].series[0].data_labels.position == XL_LABEL_POSITION.OUTSIDE_END


def test_bar_categories_read_top_to_bottom_with_the_value_axis_below(
    deck: tuple[Path, list[str], dict[str, FigureData]],
) -> None:
    path, names, _ = deck
    for name in ("bar", "stacked-bar", "example-3"):
        chart = charts_by_name(path, names)[name][1]
        assert chart.category_axis.reverse_order, name
        assert xml(chart).find(".//c:valAx/c:crosses", NS).get("val") == "max", name


def test_combo_has_columns_a_line_and_a_secondary_axis_on_the_right(
    deck: tuple[Path, list[str], dict[str, FigureData]],
) -> None:
    path, names, _ = deck
    chart = charts_by_name(path, names)["combo"][1]
    assert plot_area_summary(chart) == ["barChart", "lineChart", "catAx", "valAx", "catAx", "valAx"]
    root = xml(chart)
    bar, line = root.find(".//c:barChart", NS), root.find(".//c:lineChart", NS)
    assert [s.find("c:tx//c:v", NS).text for s in bar.findall("c:ser", NS)] == ["产量"]
    assert [s.find("c:tx//c:v", NS).text for s in line.findall("c:ser", NS)] == ["增速"]
    value_axes = root.findall(".//c:valAx", NS)
    assert len(value_axes) == 2
    secondary = value_axes[1]
    line_ids = [a.get("val") for a in line.findall("c:axId", NS)]
    assert secondary.find("c:axId", NS).get("val") in line_ids
    assert secondary.find("c:axPos", NS).get("val") == "r"
    assert secondary.find("c:crosses", NS).get("val") == "max"
    assert secondary.find("c:delete", NS).get("val") == "0"
    assert value_axes[0].find("c:axId", NS).get("val") in [a.get("val") for a in bar.findall("c:axId", NS)]
    hidden_cat = root.findall(".//c:catAx", NS)[1]
    assert hidden_cat.find("c:delete", NS).get("val") == "1"
    # Each axis and series shows its own number format and title.
    assert value_axes[0].find("c:numFmt", NS).get("formatCode") == '0\\.0,"万";"−"0\\.0,"万";0'
    assert secondary.find("c:numFmt", NS).get("formatCode") == 'General"%"'
    assert "".join(t.text for t in secondary.iterfind("c:title//a:t", NS)) == "增速（%）"
    assert "".join(t.text for t in value_axes[0].iterfind("c:title//a:t", NS)) == "产量（万辆）"
    line_plot = chart.plots[1]
    assert line_plot.series[0].values == (12.5, 18.2, 53.8)
    assert line_plot.series[0].data_labels.number_format == '0.0"%"'
    assert chart.plots[0].series[0].values == (550000.0, 650000.0, 1000000.0)


def test_every_chart_text_has_the_east_asian_font(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, _, _ = deck
    with zipfile.ZipFile(path) as package:
        parts = [n for n in package.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")]
        assert len(parts) == len(FIGURES) + 3
        # A slide run's ``a:ea`` (as the deck's text writer makes it) carries the GB2312 fallback hints;
        # chart text must carry the same ones.
        deck_rpr = etree.Element(qn("a:rPr"))
        oxml.set_run_fonts(deck_rpr, FONT, "zh-CN")
        deck_ea = dict(deck_rpr.find(qn("a:ea")).attrib)
        assert deck_ea["charset"] == oxml.GB2312_CHARSET
        for name in parts:
            root = etree.fromstring(package.read(name))
            bodies = root.findall(".//c:txPr", NS) + root.findall(".//c:rich", NS)
            assert bodies, name
            assert root.find("c:txPr", NS) is not None, f"{name}: no chart-level text properties"
            for body in bodies:
                props = body.findall(".//a:defRPr", NS) + body.findall(".//a:rPr", NS)
                assert props, name
                for rpr in props:
                    ea = rpr.find("a:ea", NS)
                    assert ea is not None and ea.get("typeface") == FONT, name
                    assert ea.get("charset") == deck_ea["charset"] and dict(ea.attrib) == deck_ea, (name, ea.attrib)
                    assert rpr.find("a:latin", NS).get("typeface") == FONT
                    assert rpr.get("lang") == "zh-CN" and rpr.get("altLang") == "en-US"
                    children = [etree.QName(c).localname for c in rpr]
                    assert children.index("latin") + 1 == children.index("ea"), children


def test_text_sizes_are_readable_on_a_slide(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, _ = deck
    chart = charts_by_name(path, names)["combo"][1]
    root = xml(chart)
    sizes = {int(r.get("sz")) for r in root.iterfind(".//a:defRPr", NS) if r.get("sz")}
    assert sizes and min(sizes) >= 1200 and max(sizes) <= 1400


def test_alt_text_and_title_on_the_graphic_frame(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, figures = deck
    for name, (frame, _) in charts_by_name(path, names).items():
        c_nv_pr = frame._element.nvGraphicFramePr.cNvPr
        assert c_nv_pr.get("descr") == figures[name].alt
        assert c_nv_pr.get("title") == figures[name].title
    assert (
        charts_by_name(path, names)["example-1"][0]
        ._element.nvGraphicFramePr.cNvPr.get("descr")
        .startswith("柱形图：2024年郑州省实验室18家")
    )


def test_highlight_and_series_colours(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    path, names, figures = deck
    charts = charts_by_name(path, names)
    column = xml(charts["column"][1])
    (point,) = column.findall(".//c:dPt", NS)
    assert point.find("c:idx", NS).get("val") == "3"
    assert point.find(".//a:srgbClr", NS).get("val") == "1F4E79"
    ser = column.find(".//c:ser", NS)
    assert ser.find("c:spPr//a:srgbClr", NS).get("val") == figures["column"].series[0].color.lstrip("#")
    line = xml(charts["combo"][1]).find(".//c:lineChart/c:ser", NS)
    assert line.find("c:spPr/a:ln//a:srgbClr", NS).get("val") == figures["combo"].series[1].color.lstrip("#")
    assert line.find("c:marker/c:symbol", NS).get("val") == "circle"


def test_combo_variants_lines_on_the_primary_axis_and_no_primary_series(tmp_path: Path) -> None:
    categories = ["2023", "2024"]
    doc, figures = resolve_figures(
        {
            "lines-left": {
                "kind": "combo",
                "categories": categories,
                "series": [
                    {"name": "产量", "values": [1, 2]},
                    {"name": "目标", "type": "line", "values": [1.5, 2.5]},
                    {"name": "增速", "type": "line", "axis": "secondary", "values": [5, 6]},
                ],
            },
            "all-right": {
                "kind": "combo",
                "categories": categories,
                "series": [
                    {"name": "甲", "type": "column", "axis": "secondary", "values": [1, 2]},
                    {"name": "乙", "type": "line", "axis": "secondary", "values": [3, 4]},
                ],
            },
        }
    )
    path = build_deck(tmp_path / "combo.pptx", list(figures.values()), doc)
    charts = charts_by_name(path, list(figures))
    lines_left = charts["lines-left"][1]
    assert plot_area_summary(lines_left) == [
        "barChart",
        "lineChart",
        "lineChart",
        "catAx",
        "valAx",
        "catAx",
        "valAx",
    ]
    assert [[s.name for s in plot.series] for plot in lines_left.plots] == [["产量"], ["目标"], ["增速"]]
    assert plot_area_summary(charts["all-right"][1]) == ["barChart", "lineChart", "catAx", "valAx"]


def test_scorecard_is_not_a_chart() -> None:
    doc, figures = resolve_figures(
        {
            "kpi": {
                "kind": "scorecard",
                "title": "指标",
                "categories": ["产量"],
                "series": [{"name": "值", "values": [1]}],
            }
        }
    )
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    with pytest.raises(ValueError, match=r"scorecard.*KPI cards"):
        add_chart(
            slide, figures["kpi"], FontSet.from_plan(doc.font_plan), doc.theme, Emu(0), Emu(0), Emu(100), Emu(100)
        )


# --------------------------------------------------------------------------- reproducible workbooks


def _workbooks(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n.endswith(".xlsx")}


def test_workbooks_are_identical_across_builds_at_different_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter.core

    doc, figures = resolve_figures({k: FIGURES[k] for k in ("column", "combo")})

    def clock(at: datetime) -> type[datetime]:
        class Clock(datetime):
            @classmethod
            def now(cls, tz: Any = None) -> datetime:
                return at

        return Clock

    monkeypatch.setattr(xlsxwriter.core, "datetime", clock(datetime(2030, 5, 1, 12, 0, 0, tzinfo=timezone.utc)))
    first = _workbooks(build_deck(tmp_path / "a.pptx", list(figures.values()), doc))
    monkeypatch.setattr(xlsxwriter.core, "datetime", clock(datetime(2031, 7, 2, 13, 5, 9, tzinfo=timezone.utc)))
    second = _workbooks(build_deck(tmp_path / "b.pptx", list(figures.values()), doc))
    assert len(first) == 2
    assert first == second
    with zipfile.ZipFile(io.BytesIO(next(iter(first.values())))) as workbook:
        core = workbook.read("docProps/core.xml").decode()
        assert "2025-01-15T08:30:00Z" in core and "2030" not in core
        assert {i.date_time for i in workbook.infolist()} == {(2025, 1, 15, 8, 30, 0)}


def test_normalise_xlsx_only_changes_the_timestamps() -> None:
    import xlsxwriter

    def book(at: datetime) -> bytes:
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        workbook.set_properties({"created": at})
        workbook.add_worksheet().write(0, 0, "产量")
        workbook.close()
        return out.getvalue()

    a, b = book(datetime(2001, 1, 1)), book(datetime(2002, 2, 2))
    assert a != b
    assert oxml.normalise_xlsx(a, WHEN) == oxml.normalise_xlsx(b, WHEN)
    with (
        zipfile.ZipFile(io.BytesIO(oxml.normalise_xlsx(a, WHEN))) as normalised,
        zipfile.ZipFile(io.BytesIO(a)) as original,
    ):
        assert normalised.namelist() == original.namelist()
        assert normalised.read("xl/sharedStrings.xml") == original.read("xl/sharedStrings.xml")


# --------------------------------------------------------------------------- rendering


def test_libreoffice_renders_every_chart(deck: tuple[Path, list[str], dict[str, FigureData]]) -> None:
    require_tool("LibreOffice (soffice)", find_soffice())
    import pypdf
    import pypdfium2

    path, names, _ = deck
    out = Path("/tmp/charts")
    pdf = convert_to_pdf(path, out)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == len(names)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSansSC" in f for f in fonts), fonts  # the bundled face, not a fallback
    document = pypdfium2.PdfDocument(pdf)
    for i, name in enumerate(names):
        picture = document[i].render(scale=1.5).to_pil()
        picture.save(out / f"{i + 1:02d}-{name}.png")
        image = picture.convert("L")
        width, height = image.size
        dark = sum(image.histogram()[:200])  # pixels darker than light grey
        assert dark > width * height * 0.005, f"{name}: the slide is (nearly) empty"


def test_workbook_date_defaults_to_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    doc, figures = resolve_figures({"column": FIGURES["column"]})
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_chart(
        slide,
        figures["column"],
        FontSet.from_plan(doc.font_plan),
        doc.theme,
        Emu(0),
        Emu(0),
        Emu(5000000),
        Emu(3000000),
    )
    blob = workbook_blob(frame.chart.part)
    assert blob is not None
    with zipfile.ZipFile(io.BytesIO(blob)) as workbook:
        assert "2023-11-14T22:13:20Z" in workbook.read("docProps/core.xml").decode()


@pytest.fixture(scope="module")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Chart]:
    """The showcase spec's deck charts by title (what the reviewer looked at)."""
    from zzreport.builder import build

    out = tmp_path_factory.mktemp("showcase")
    deck_path = next(o.path for o in build(ROOT / "specs" / "showcase.yaml", out) if o.format == "pptx")
    found = {}
    for slide in Presentation(str(deck_path)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                found[shape._element.nvGraphicFramePr.cNvPr.get("title")] = shape.chart
    return found


def _label_rgb(data_labels_or_frame: etree._Element) -> set[str]:
    return {c.get("val") for c in data_labels_or_frame.iterfind(".//a:solidFill/a:srgbClr", NS)}


def test_labels_on_light_fills_are_dark_and_on_dark_fills_white(showcase: dict[str, Chart]) -> None:
    """White on amber (#E3A72F) reads at ~2:1; labels follow the fill's lightness."""
    stacked = showcase["示例投资结构"]
    colours = {
        str(series.format.fill.fore_color.rgb): _label_rgb(series.data_labels._element.find("c:txPr", NS))
        for series in stacked.plots[0].series
    }
    assert colours == {"B3282D": {"FFFFFF"}, "E3A72F": {"1A1A1A"}, "1F4E79": {"FFFFFF"}}
    donut = showcase["示例资金来源"].plots[0].series[0]
    texts = {}
    for j, colour in enumerate(donut.points[i].format.fill.fore_color.rgb for i in range(3)):
        label = donut.points[j].data_label
        fields = ("c:showCatName", "c:showVal", "c:showPercent")
        shown = {f for f in fields if label._dLbl.find(f, NS).get("val") == "1"}
        texts[str(colour)] = (shown, _label_rgb(label._dLbl))
        assert label._dLbl.find("c:tx", NS) is None  # fields, no typed text
    # A percent series shows its own values (40%), as the PDF does; its labels on amber are dark.
    assert texts["E3A72F"][0] == {"c:showCatName", "c:showVal"} and "FFFFFF" not in texts["E3A72F"][1]
    assert {"FFFFFF"} == texts["B3282D"][1]


def test_area_is_tinted_and_combo_labels_do_not_collide(showcase: dict[str, Chart]) -> None:
    area = showcase["示例累计投资"].plots[0].series[0]
    assert str(area.format.fill.fore_color.rgb) not in ("B3282D",)  # a light tint, with the line in full colour
    assert str(area.format.line.color.rgb) == "B3282D"
    combo = showcase["示例产量与增速（2020—2024年）"]
    columns, line = combo.plots[0].series[0], combo.plots[1].series[0]
    # Sides per series, not per point, so they hold whatever Edit Data does to the values or their order:
    # column labels inside the column's base, line labels above their points on a box, none moved alone.
    assert columns.data_labels.position == XL_LABEL_POSITION.INSIDE_BASE
    assert line.data_labels.position == XL_LABEL_POSITION.ABOVE
    assert line.data_labels._element.find("c:spPr/a:solidFill", NS) is not None  # a box over the columns
    assert line.data_labels._element.findall("c:dLbl", NS) == []
    assert columns.data_labels._element.findall("c:dLbl", NS) == []


def test_area_labels_are_on_the_area_series_itself(showcase: dict[str, Chart]) -> None:
    """One series per data series: a second (line) series carrying the labels was dropped by ``replace_data``,
    and the labels with it. Office centres area labels in the fill; a box in the fill's tint keeps the
    outline from crossing the first and last label."""
    chart = showcase["示例累计投资"]
    assert plot_area_summary(chart)[0] == "areaChart" and "lineChart" not in plot_area_summary(chart)
    (area,) = [s for plot in chart.plots for s in plot.series]
    labels = area.data_labels
    assert labels.show_value and labels.number_format == "General"
    box = labels._element.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")
    assert box == str(area.format.fill.fore_color.rgb)
    assert str(area.format.line.color.rgb) == "B3282D"  # the outline in full colour, on the area series
    assert xml(chart).find(".//c:legend/c:legendEntry", NS) is None


def test_line_axis_is_pinned_by_the_spec_and_ticks_drop_fixed_decimals(showcase: dict[str, Chart]) -> None:
    line = showcase["示例月度指数"]
    axis = line.value_axis
    # values 96.4…118.9, pinned by the spec to 90–125 (from 0 the lines sat at the top); the step stays automatic
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (90, 125, None)
    assert axis.tick_labels.number_format == "General"  # 140, not 140.0
    assert line.plots[0].series[0].data_labels.number_format == "0.0"  # data labels keep decimals: 1


def test_units_and_axis_titles_are_upright_above_the_axis(showcase: dict[str, Chart]) -> None:
    def title(axis: Any) -> str:
        return "".join(t.text for t in axis._element.iterfind("c:title//a:t", NS))

    assert title(showcase["示例平台数量"].value_axis) == "单位：家"
    assert title(showcase["示例用地构成"].value_axis) == "单位：平方公里"
    combo = showcase["示例产量与增速（2020—2024年）"]
    for axis in oxml.value_axes(combo):
        body = axis._element.find("c:title/c:tx/c:rich/a:bodyPr", NS)
        assert body.get("rot") == "0" and body.get("vert") == "horz", title(axis)
        layout = axis._element.find("c:title/c:layout/c:manualLayout", NS)
        assert float(layout.find("c:y", NS).get("val")) < 0.05  # at the top, as the PDF sets it
        fonts = {e.get("typeface") for e in axis._element.iterfind("c:title//a:ea", NS)}
        assert fonts == {FONT}


def test_bar_category_labels_get_a_column_wide_enough(tmp_path: Path) -> None:
    """The plot's inner layout leaves the longest category room on one line (up to 40% of the chart)."""
    from zzreport.builder import build

    deck_path = next(o.path for o in build(ROOT / "specs" / "zhengzhou-2025.yaml", tmp_path) if o.format == "pptx")
    bar = next(
        shape.chart
        for slide in Presentation(str(deck_path)).slides
        for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    )
    layout = xml(bar).find(".//c:plotArea/c:layout/c:manualLayout", NS)
    assert layout.find("c:layoutTarget", NS).get("val") == "inner"
    assert 0.25 < float(layout.find("c:x", NS).get("val")) <= 0.4


def test_pie_labels_name_the_slice_with_its_share_as_office_fields(showcase: dict[str, Chart]) -> None:
    """Category over share, computed by Office from the data (an edit recomputes them), 1 decimal as in the PDF."""
    pie = showcase["示例投资构成"].plots[0].series[0]
    labels = pie.data_labels
    assert labels.show_category_name and labels.show_percentage and not labels.show_value
    assert labels.number_format == "0.0%" and not labels.number_format_is_linked
    assert labels._element.find("c:separator", NS).text == "\n"
    assert pie._element.find("c:dLbls/c:dLbl", NS) is None  # no slice carries its own (typed) label
    assert labels.position == XL_LABEL_POSITION.OUTSIDE_END


@pytest.mark.parametrize("spec", ["zhengzhou-2025", "showcase"])
def test_deck_value_axes_scale_themselves_but_read_like_the_pdf_axes(spec: str, tmp_path: Path) -> None:
    """Every deck value axis leaves min, max and step to PowerPoint (an edit rescales it) unless the spec pins an
    end, one axis per PDF axis, and its tick labels carry the PDF's scale and sign (万, 亿, %)."""
    doc = zzreport.resolve(zzreport.load(ROOT / "specs" / f"{spec}.yaml"))
    width = PageGeometry.from_theme(doc.theme.page).frame[2]
    kit = Kit(FontSet.from_plan(doc.font_plan), doc.theme)
    # A scatter's value axes are its x and y, not a primary and a secondary (tests/figures/test_scatter_histogram.py).
    figures = [
        f.data for f in doc.figures() if f.data.kind != "scorecard" and not f.data.is_pie and f.data.extent != "xy"
    ]
    assert figures
    path = build_deck(tmp_path / "axes.pptx", figures, doc)
    suffixes = set()
    for fig, slide in zip(figures, Presentation(path).slides, strict=True):
        (chart,) = [s.chart for s in slide.shapes if s.has_chart]
        pdf = kind_of(fig).value_axes(fig, kit, width)
        if "primary" not in pdf:
            pdf = {"primary": pdf["secondary"]}
        deck_axes = xml(chart).findall(".//c:plotArea/c:valAx", NS)
        assert len(deck_axes) == len(pdf), fig.title
        for name, element in zip(("primary", "secondary"), deck_axes, strict=False):
            ends = [element.find(f"c:scaling/c:{end}", NS) for end in ("min", "max")]
            pinned = tuple(None if e is None else float(e.get("val")) for e in ends)
            assert pinned == fig.pinned(name), (fig.title, name)  # automatic unless the spec pins an end
            assert element.find("c:majorUnit", NS) is None, (fig.title, name)
            code = element.find("c:numFmt", NS).get("formatCode")
            for suffix in ("万", "亿", "%"):
                if any(label.endswith(suffix) for label in pdf[name].labels):
                    assert f'"{suffix}"' in code, (fig.title, name, code)
                    suffixes.add(suffix)
    assert suffixes or spec == "zhengzhou-2025", "the test saw no scaled or percent axis"


def test_line_labels_follow_the_lines_order(showcase: dict[str, Chart]) -> None:
    """As in the PDF: at each month the upper city's label above its point, the lower city's below."""
    upper, lower = showcase["示例月度指数"].plots[0].series
    assert upper.data_labels.position == XL_LABEL_POSITION.ABOVE
    assert upper.data_labels._element.find("c:dLbl", NS) is None
    below = [d for d in lower.data_labels._element.findall("c:dLbl", NS) if d.find("c:dLblPos", NS).get("val") == "b"]
    assert len(below) == len(lower.values) == 6
