"""A spec reading Excel's CSV files (GBK, growth rates with %), both outputs reopened as a reader sees them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pdfplumber
import pytest
from pptx import Presentation

from tests.helpers import flat
from zzreport.builder import build
from zzreport.testing import write_spec

TRADE = "城市,进口额,出口额,同比增长\n郑州,80,120.5,5.9%\n洛阳,12.5,30,－３％\n开封,7.5,9.5,12.0%\n"
SPEC = {
    "zzreport": 1,
    "title": "外贸简报",
    "sections": [
        {
            "id": "trade",
            "title": "外贸",
            "blocks": [
                {
                    "table": {
                        "title": "各市进出口",
                        "data": {"file": "trade.csv", "encoding": "gbk"},
                        "columns": [
                            "城市",
                            {"name": "进口额", "unit": "亿元"},
                            {"name": "出口额", "unit": "亿元"},
                            "同比增长",
                        ],
                        "total": True,
                    }
                },
                {
                    "figure": {
                        "kind": "combo",
                        "title": "进出口与增速",
                        "unit": "亿元",
                        "data": {
                            "file": "trade.csv",
                            "encoding": "gbk",
                            "categories": "城市",
                            "series": [
                                {"column": "进口额", "type": "column", "unit": "亿元"},
                                {"column": "出口额", "type": "column", "unit": "亿元", "color": "#2E7D32"},
                                {
                                    "column": "同比增长",
                                    "name": "出口同比",
                                    "type": "line",
                                    "axis": "secondary",
                                    "unit": "%",
                                    "format": {"decimals": 1, "sign": True, "percent": True},
                                },
                            ],
                        },
                    }
                },
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("csv-data")
    spec = write_spec(folder, SPEC, files={"trade.csv": TRADE.encode("gbk")})
    return {o.format: o.path for o in build(spec, folder / "out")}


def test_the_pdf_total_row_sums_amounts_and_leaves_the_growth_rate_blank(outputs: dict[str, Path]) -> None:
    with pdfplumber.open(outputs["pdf"]) as pdf:
        lines = [flat(line) for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
    assert "郑州80.0120.55.9%" in lines
    assert "洛阳12.530.0\u22123.0%" in lines
    assert "合计100.0160.0" in lines


def test_the_deck_table_has_the_same_total_row(outputs: dict[str, Path]) -> None:
    tables = [s.table for slide in Presentation(str(outputs["pptx"])).slides for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert rows[0] == ["城市", "进口额（亿元）", "出口额（亿元）", "同比增长"]
    assert rows[1:] == [
        ["郑州", "80.0", "120.5", "5.9%"],
        ["洛阳", "12.5", "30.0", "\u22123.0%"],
        ["开封", "7.5", "9.5", "12.0%"],
        ["合计", "100.0", "160.0", ""],
    ]


C = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def chart_xml(deck: Path) -> ElementTree.Element:
    with zipfile.ZipFile(deck) as package:
        names = [n for n in package.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")]
        assert len(names) == 1
        return ElementTree.fromstring(package.read(names[0]))


def test_the_deck_combo_chart_draws_each_column_as_its_series_options_say(outputs: dict[str, Path]) -> None:
    plot = chart_xml(outputs["pptx"]).find("c:chart/c:plotArea", C)
    assert plot is not None
    side = {ax.find("c:axId", C).get("val"): ax.find("c:axPos", C).get("val") for ax in plot.findall("c:valAx", C)}

    def series(chart: str) -> dict[str, ElementTree.Element]:
        group = plot.find(chart, C)
        assert group is not None
        return {s.find("c:tx//c:v", C).text: s for s in group.findall("c:ser", C)}

    def axis_side(chart: str) -> set[str]:
        group = plot.find(chart, C)
        return {side[a.get("val")] for a in group.findall("c:axId", C) if a.get("val") in side}

    bars, lines = series("c:barChart"), series("c:lineChart")
    assert list(bars) == ["进口额", "出口额"] and list(lines) == ["出口同比"]
    assert axis_side("c:barChart") == {"l"} and axis_side("c:lineChart") == {"r"}
    for bar in bars.values():  # 80 亿元 is labelled 80, not 80%
        assert {f.get("formatCode") for f in bar.findall("c:dLbls//c:numFmt", C)} == {"General"}
    assert {f.get("formatCode") for f in lines["出口同比"].findall("c:dLbls//c:numFmt", C)} == {
        '+0.0"%";"\u2212"0.0"%";0.0"%"'
    }
    assert bars["出口额"].find("c:spPr/a:solidFill/a:srgbClr", C).get("val") == "2E7D32"


def test_the_pdf_combo_chart_labels_amounts_as_amounts_and_the_rate_as_a_percentage(
    outputs: dict[str, Path],
) -> None:
    with pdfplumber.open(outputs["pdf"]) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    assert {"+5.9%", "\u22123.0%", "+12.0%", "120.5", "80"} <= words
    assert not {"80%", "120.5%"} & words
