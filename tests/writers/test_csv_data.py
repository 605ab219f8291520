"""A spec reading Excel's CSV files (GBK, growth rates with %), both outputs reopened as a reader sees them."""

from __future__ import annotations

from pathlib import Path

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
