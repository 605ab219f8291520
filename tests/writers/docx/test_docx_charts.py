"""Figures in the Word document are native charts: the deck's chart parts, with their workbooks.

Every chart kind (and every figure of both examples) is placed in a plain
python-docx document by ``add_chart``; reopened, each inline drawing shows a
``c:chart`` part whose embedded workbook holds the chart's numbers, the
chart part is byte for byte the deck's for the same figure and size, the
schemas accept the file, and LibreOffice draws every chart with its
categories and labels. A user then edits the data as Word's "Edit Data"
does (the chart's caches and its workbook) and a paragraph's text, and
LibreOffice draws the new numbers.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pytest
import yaml
from docx.opc.constants import CONTENT_TYPE as DOCX_CT
from docx.opc.constants import RELATIONSHIP_TYPE as DOCX_RT
from docx.shared import Cm
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.opc.constants import CONTENT_TYPE as PPTX_CT
from pptx.opc.constants import RELATIONSHIP_TYPE as PPTX_RT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.util import Emu

import zzreport
from tests.helpers import require_tool, xlsx_rows
from zzreport.figures.kinds import KINDS, kind_of
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document, Figure
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.testing import render_pdf
from zzreport.writers.docx.charts import add_chart
from zzreport.writers.pptx.charts import add_chart as add_deck_chart

ROOT = Path(__file__).resolve().parents[3]
CATEGORIES = ["一季度", "二季度", "三季度", "四季度"]
WIDTH, HEIGHT = int(Cm(15.5)), int(Cm(9))
NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
RID = f"{{{NS['r']}}}id"


def _kind_figure(kind: str) -> dict:
    """A small figure of ``kind`` with data that suits it (as the kinds' own test makes them)."""
    series: list[dict] = [{"name": "产值", "values": [120, 135.5, 150, 171]}]
    if kind not in ("pie", "donut", "scorecard", "waterfall", "histogram"):
        series.append({"name": "增速", "values": [8.1, 9.4, 10.2, 11.5], "unit": "%"})
    if kind == "histogram":
        return {"kind": kind, "title": f"{kind}图示", "unit": "亿元", "series": series}
    return {"kind": kind, "title": f"{kind}图示", "unit": "亿元", "categories": CATEGORIES, "series": series}


@dataclass(frozen=True)
class Placed:
    figure: Figure
    doc: Document  # the resolved document it comes from (its theme and fonts)
    example: bool  # one of an example's figures (else one of the kinds')


def _charted(doc: Document, example: bool) -> list[Placed]:
    return [Placed(f, doc, example) for f in doc.figures() if kind_of(f.data).extent != "tiles"]


@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Placed]]:
    """One document holding a chart of every kind, then every figure of both examples."""
    folder = tmp_path_factory.mktemp("docx-charts")
    spec = folder / "kinds.yaml"
    blocks = [{"figure": _kind_figure(kind)} for kind in KINDS]
    spec.write_text(
        yaml.safe_dump(
            {"zzreport": 1, "title": "图表种类", "sections": [{"id": "s", "title": "图表", "blocks": blocks}]},
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    figures = _charted(zzreport.resolve(zzreport.load(spec)), example=False)
    for example in ("zhengzhou-2025", "showcase"):
        figures += _charted(zzreport.resolve(zzreport.load(ROOT / "specs" / f"{example}.yaml")), example=True)
    document = docx.Document()
    for item in figures:
        document.add_paragraph(item.figure.title_line)
        fonts = FontSet.from_plan(item.doc.font_plan)
        add_chart(document.add_paragraph(), item.figure, item.doc.theme, fonts, WIDTH, HEIGHT)
    path = folder / "charts.docx"
    document.save(str(path))
    return path, figures


def _inlines(document: docx.document.Document) -> list[etree._Element]:
    return document.element.body.findall(".//wp:inline", NS)


def _chart_part(document: docx.document.Document, inline: etree._Element):
    (chart,) = inline.findall(".//c:chart", NS)
    return document.part.related_parts[chart.get(RID)]


def _workbook_part(chart_part):
    space = etree.fromstring(chart_part.blob)
    (external,) = space.findall("c:externalData", NS)
    return chart_part.related_parts[external.get(RID)]


def _cached_numbers(chart_xml: bytes) -> list[float]:
    """Every number the chart's series caches hold (values, y and x values), in document order."""
    space = etree.fromstring(chart_xml)
    return [float(v.text) for v in space.findall(".//c:ser//c:numCache/c:pt/c:v", NS)]


def _sheet_numbers(workbook: bytes) -> Counter[float]:
    """The workbook's numeric cells (a text cell that reads as a number counts too: it cannot hide one)."""
    out: Counter[float] = Counter()
    for row in xlsx_rows(workbook):
        for cell in row:
            with contextlib.suppress(ValueError):
                out[float(cell)] += 1
    return out


def test_every_figure_is_an_inline_chart_part_with_its_workbook(placed: tuple[Path, list[Placed]]) -> None:
    path, figures = placed
    document = docx.Document(str(path))  # python-docx reopens it
    inlines = _inlines(document)
    assert len(inlines) == len(figures)
    kinds = {kind_of(item.figure.data).name for item in figures}
    assert kinds == {name for name, kind in KINDS.items() if kind.extent != "tiles"}  # every native kind
    ids = []
    for inline, item in zip(inlines, figures, strict=True):
        fig = item.figure.data
        (extent,) = inline.findall("wp:extent", NS)
        assert (int(extent.get("cx")), int(extent.get("cy"))) == (WIDTH, HEIGHT)
        (doc_pr,) = inline.findall("wp:docPr", NS)
        assert doc_pr.get("descr") == (fig.alt or fig.title) and doc_pr.get("descr")
        assert doc_pr.get("name") == item.figure.title_line
        ids.append(doc_pr.get("id"))
        (data,) = inline.findall("a:graphic/a:graphicData", NS)
        assert data.get("uri") == "http://schemas.openxmlformats.org/drawingml/2006/chart"
        chart = _chart_part(document, inline)
        assert chart.content_type == DOCX_CT.DML_CHART
        assert str(chart.partname).startswith("/word/charts/chart")
        assert etree.fromstring(chart.blob).tag == f"{{{NS['c']}}}chartSpace"
        workbook = _workbook_part(chart)
        assert workbook.content_type == DOCX_CT.SML_SHEET
        assert str(workbook.partname).startswith("/word/embeddings/")
        numbers = _cached_numbers(chart.blob)
        assert numbers, item.figure.title_line
        assert Counter(numbers) <= _sheet_numbers(workbook.blob), item.figure.title_line  # the chart's numbers
        if kind_of(fig).name == "column" and not fig.series[0].format.scale:
            assert numbers[: len(fig.categories)] == [float(v) for v in fig.series[0].values if v is not None]
    assert len(set(ids)) == len(ids)
    rels = [r for r in document.part.rels.values() if r.reltype == DOCX_RT.CHART]
    assert len(rels) == len(figures)


def test_the_chart_part_is_the_decks_for_the_same_figure_and_size(placed: tuple[Path, list[Placed]]) -> None:
    """One code makes both: the Word chart's XML is the deck's chart part, byte for byte."""
    path, figures = placed
    document = docx.Document(str(path))
    prs = Presentation()
    for inline, item in zip(_inlines(document), figures, strict=True):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        fonts = FontSet.from_plan(item.doc.font_plan)
        frame = add_deck_chart(slide, item.figure.data, fonts, item.doc.theme, Emu(0), Emu(0), Emu(WIDTH), Emu(HEIGHT))
        assert _chart_part(document, inline).blob == frame.chart.part.blob, item.figure.title_line


def test_openxml_audit_finds_no_error_in_the_charts(placed: tuple[Path, list[Placed]]) -> None:
    beside = Path(sys.executable).parent / "openxml-audit"
    tool = str(beside) if beside.exists() else shutil.which("openxml-audit")
    require_tool("openxml-audit", tool)
    assert tool is not None
    path, _ = placed
    run = subprocess.run([tool, "-o", "json", "-q", str(path)], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    # python-docx's blank template's stylesWithEffects.xml lags its styles.xml (the writer's own styles
    # replace both); everything the charts add (drawings, parts, relationships, content types) must pass.
    problems = [
        f"{e['part_uri']} {e['path']}: {e['description']}"
        for e in report["errors"]
        if e["part_uri"] != "/word/stylesWithEffects.xml"
    ]
    assert problems == []
    assert report["error_count"] <= 2  # only those two template complaints


def _pdf_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as opened:
        return "".join(page.extract_text() or "" for page in opened.pages)


@pytest.fixture(scope="module")
def rendered(placed: tuple[Path, list[Placed]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("LibreOffice", find_soffice())
    path, _ = placed
    return convert_to_pdf(path, tmp_path_factory.mktemp("docx-charts-pdf"))


def test_libreoffice_draws_every_chart_with_its_categories_and_labels(
    placed: tuple[Path, list[Placed]], rendered: Path, tmp_path: Path
) -> None:
    _, figures = placed
    text = _pdf_text(rendered).replace(" ", "")
    # The kinds' own figures, whose four short categories LibreOffice sets upright at any width (the examples'
    # long ones it may turn 45°, which a text extraction reads out of order).
    kinds = [item.figure.data for item in figures if not item.example]
    assert len(kinds) == len([k for k in KINDS.values() if k.extent != "tiles"])
    drawn = sum(text.count(c) for c in CATEGORIES)
    assert drawn >= 4 * (len(kinds) - 2)  # each category under (or beside, or in the labels of) every chart
    assert "135.5" in text  # a data label of the column chart, in the deck's number format
    assert render_pdf(rendered, tmp_path)  # pages rasterise (looked at by hand when the charts change)


def _edited_chart(chart_xml: bytes, workbook: bytes, data: CategoryChartData) -> tuple[bytes, bytes]:
    """What Word's Edit Data does to one chart: python-pptx's ``replace_data`` on the chart part and its workbook."""
    scratch = Package(io.BytesIO())
    part = ChartPart.load(PackURI("/ppt/charts/chart1.xml"), PPTX_CT.DML_CHART, scratch, chart_xml)
    xlsx = EmbeddedXlsxPart(
        PackURI("/ppt/embeddings/Microsoft_Excel_Sheet1.xlsx"), PPTX_CT.SML_SHEET, scratch, workbook
    )
    assert part.relate_to(xlsx, PPTX_RT.PACKAGE) == etree.fromstring(chart_xml).find("c:externalData", NS).get(RID)
    part.chart.replace_data(data)
    return part.blob, xlsx.blob


def test_a_user_edits_a_chart_and_a_paragraph_and_libreoffice_draws_the_new_numbers(
    placed: tuple[Path, list[Placed]], tmp_path: Path
) -> None:
    require_tool("LibreOffice", find_soffice())
    path, figures = placed
    document = docx.Document(str(path))
    first = document.paragraphs[0]
    first.text = "图1　修改后的标题"  # a paragraph edited with python-docx
    (column,) = [i for i, item in enumerate(figures) if kind_of(item.figure.data).name == "column"][:1]
    chart = _chart_part(document, _inlines(document)[column])
    workbook = _workbook_part(chart)
    names = (str(chart.partname).lstrip("/"), str(workbook.partname).lstrip("/"))
    saved = io.BytesIO()
    document.save(saved)
    data = CategoryChartData(number_format="General")
    data.categories = [*CATEGORIES, "全年"]  # a category added
    data.add_series("产值", (360, 405.5, 450, 513, 1728.5))  # bigger numbers
    data.add_series("增速", (18.1, 19.4, 20.2, 21.5, 79.2))
    new_xml, new_workbook = _edited_chart(chart.blob, workbook.blob, data)
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            replaced = {names[0]: new_xml, names[1]: new_workbook}.get(entry.filename)
            target.writestr(entry, replaced if replaced is not None else source.read(entry.filename))

    reopened = docx.Document(str(edited))
    assert reopened.paragraphs[0].text == "图1　修改后的标题"
    chart = _chart_part(reopened, _inlines(reopened)[column])
    assert _cached_numbers(chart.blob)[:5] == [360, 405.5, 450, 513, 1728.5]
    rows = xlsx_rows(_workbook_part(chart).blob)
    assert [row[:2] for row in rows[1:6]] == [
        [c, v] for c, v in zip([*CATEGORIES, "全年"], ["360", "405.5", "450", "513", "1728.5"], strict=True)
    ]

    pdf = convert_to_pdf(edited, tmp_path / "pdf")
    text = _pdf_text(pdf)
    assert "修改后的标题" in text
    assert "全年" in text  # the added category, under its column
    assert "1728.5" in text.replace(",", "")  # its label, in the chart's label format
    pages = render_pdf(pdf, tmp_path / "png")
    assert pages


def _chart_members(document: docx.document.Document) -> dict[str, bytes]:
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith(("word/charts/", "word/embeddings/"))}


def test_two_builds_name_and_write_the_chart_parts_alike(placed: tuple[Path, list[Placed]]) -> None:
    _, figures = placed
    built = []
    for _ in range(2):
        document = docx.Document()
        for item in figures[:3]:
            fonts = FontSet.from_plan(item.doc.font_plan)
            add_chart(document.add_paragraph(), item.figure, item.doc.theme, fonts, WIDTH, HEIGHT)
        built.append(_chart_members(document))
    assert built[0] == built[1]
    assert sorted(built[0]) == [
        "word/charts/_rels/chart1.xml.rels",
        "word/charts/_rels/chart2.xml.rels",
        "word/charts/_rels/chart3.xml.rels",
        "word/charts/chart1.xml",
        "word/charts/chart2.xml",
        "word/charts/chart3.xml",
        "word/embeddings/Microsoft_Excel_Worksheet1.xlsx",
        "word/embeddings/Microsoft_Excel_Worksheet2.xlsx",
        "word/embeddings/Microsoft_Excel_Worksheet3.xlsx",
    ]


def test_a_scorecard_has_no_chart_form_and_adds_nothing(tmp_path: Path) -> None:
    """KPI tiles are no chart type (the writer draws them as cards): refused before a part is added."""
    spec = tmp_path / "tiles.yaml"
    blocks = [{"figure": _kind_figure("scorecard")}]
    spec.write_text(
        yaml.safe_dump({"zzreport": 1, "title": "卡片", "sections": [{"id": "s", "title": "卡", "blocks": blocks}]}),
        encoding="utf-8",
    )
    doc = zzreport.resolve(zzreport.load(spec))
    (figure,) = doc.figures()
    document = docx.Document()
    paragraph = document.add_paragraph()
    with pytest.raises(ValueError, match="scorecard"):
        add_chart(paragraph, figure, doc.theme, FontSet.from_plan(doc.font_plan), WIDTH, HEIGHT)
    assert _chart_members(document) == {} and not paragraph.runs
