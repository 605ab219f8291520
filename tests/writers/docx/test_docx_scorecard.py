"""A scorecard in the Word document is a grid of tiles in a table, its words text a user can edit.

One small spec holds a scorecard of five tiles (a highlighted one, a
missing value) and one of three. Reopened with python-docx, each scorecard
is a table (no picture) titled for screen readers by its figure's line, its
description the figure's alt text (the spec's, else the one resolve writes); reading its cells row by row gives each
tile's label and value, in the tile order, as the PDF prints them; each tile
has its coloured bar on top (the accent on the highlighted tile, whose value
is in the accent too). LibreOffice prints the labels and values as text.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from tests.helpers import require_tool
from tests.writers.docx.reader import NS, built_docx, open_docx, part_xml, picture_alts, w
from zzreport import ir
from zzreport.figures.scorecard import tiles
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.testing import flat

FIVE = {
    "kind": "scorecard",
    "title": "记分卡五项",
    "alt": "五项民生指标的记分卡",
    "caption": "五项记分卡题注。",
    "unit": "个",
    "categories": ["新建口袋公园", "新建幼儿园", "新增学校", "新增养老床位", "新开公交线路"],
    "highlight": "新增学校",
    "series": [{"name": "数量", "values": [35, 20.5, 15, None, 1280]}],
}
THREE = {
    "kind": "scorecard",
    "title": "记分卡三项",
    "unit": "%",
    "categories": ["完成率甲", "完成率乙", "完成率丙"],
    "series": [{"name": "完成率", "values": [95, 88.5, 100], "format": {"percent": True}}],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ir.Document, bytes, Path]:
    folder = tmp_path_factory.mktemp("scorecard")
    spec = {
        "zzreport": 1,
        "title": "记分卡测试",
        "sections": [
            {
                "id": "a",
                "title": "记分卡一节",
                "blocks": [{"paragraph": "记分卡之前的段落。"}, {"figure": FIVE}, {"figure": THREE}],
            }
        ],
    }
    return built_docx(folder, spec, "scorecard.docx")


def scorecards(document: ir.Document) -> list[ir.Figure]:
    return [f for f in document.figures() if f.data.extent == "tiles"]


def tables_by_caption(data: bytes) -> dict[str, object]:
    body = part_xml(data, "word/document.xml")
    found = {}
    for table in body.iter(w("tbl")):
        caption = table.find("w:tblPr/w:tblCaption", NS)
        if caption is not None:
            found[caption.get(w("val"))] = table
    return found


def test_each_scorecard_is_a_table_of_its_tiles_labels_and_values_in_order(
    built: tuple[ir.Document, bytes, Path],
) -> None:
    document, data, _ = built
    figures = scorecards(document)
    assert len(figures) == 2
    word = open_docx(data)
    by_caption = {t._tbl.tblPr.find(w("tblCaption")).get(w("val")): t for t in word.tables if t._tbl.tblPr.find(
        w("tblCaption")) is not None}  # fmt: skip
    for figure in figures:
        table = by_caption[figure.title_line]
        # Each cell's text, row by row, left to right: the tiles' lines in the tile order.
        cells = [cell.text for row in table.rows for cell in row.cells if cell.text.strip()]
        expected = [f"{t.label}\n{t.number}{t.unit}" for t in tiles(figure.data)]
        assert cells == expected, figure.title_line
    assert any("—" in cell.text for row in by_caption[figures[0].title_line].rows for cell in row.cells)


def test_a_scorecard_is_no_picture_and_its_table_carries_the_alt_text(built: tuple[ir.Document, bytes, Path]) -> None:
    document, data, _ = built
    five, three = scorecards(document)
    assert picture_alts(data) == []
    tables = tables_by_caption(data)
    assert tables[five.title_line].find("w:tblPr/w:tblDescription", NS).get(w("val")) == FIVE["alt"]
    assert tables[three.title_line].find("w:tblPr/w:tblDescription", NS).get(w("val")) == three.data.alt != ""


def _top_bars(table) -> list[str]:
    """The colour of each tile's top line (cells with text), row by row."""
    bars = []
    for cell in table.iter(w("tc")):
        if not "".join(t.text or "" for t in cell.iter(w("t"))).strip():
            continue
        top = cell.find("w:tcPr/w:tcBorders/w:top", NS)
        bars.append(top.get(w("color")) if top is not None else "")
    return bars


def test_tiles_have_the_series_colour_on_top_and_the_highlight_in_the_accent(
    built: tuple[ir.Document, bytes, Path],
) -> None:
    document, data, _ = built
    five, _ = scorecards(document)
    accent = document.theme.colors.accent.lstrip("#").upper()
    series = five.data.series[0].color.lstrip("#").upper()
    table = tables_by_caption(data)[five.title_line]
    bars = _top_bars(table)
    highlight = five.data.highlight
    assert highlight is not None
    assert bars == [accent if i == highlight else series for i in range(len(five.data.categories))]
    tile = [c for c in table.iter(w("tc")) if "".join(t.text or "" for t in c.iter(w("t"))).strip()][highlight]
    number = tiles(five.data)[highlight].number
    colours = {r.find("w:rPr/w:color", NS).get(w("val")) for r in tile.iter(w("r")) if number in "".join(
        t.text or "" for t in r.iter(w("t")))}  # fmt: skip
    assert colours == {accent}


def test_libreoffice_prints_the_tiles_as_text(built: tuple[ir.Document, bytes, Path]) -> None:
    require_tool("LibreOffice (soffice)", find_soffice())
    document, _, path = built
    pdf = convert_to_pdf(path, path.parent)
    text = flat("".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages))
    for figure in scorecards(document):
        words = [part for t in tiles(figure.data) for part in (t.label, t.number)]
        positions = [text.find(flat(word)) for word in words]
        assert all(p >= 0 for p in positions), (figure.title_line, words, positions)
