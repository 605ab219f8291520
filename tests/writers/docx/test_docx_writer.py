"""The Word document as its reader meets it: reopened by python-docx, its XML read, converted by LibreOffice.

Both examples are written once per module (and the Zhengzhou one converted
to PDF once): headings are Word's heading styles (the navigation pane and
the contents field see them), every run names East Asian faces and the
Chinese language, the settings switch on punctuation compression and
zzreport's kinsoku rules, tables repeat their header row, the bytes are the
same twice, ECMA-376's schemas accept the package, and LibreOffice prints
every character of the spec in the bundled faces, also after an edit.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest

import zzreport
from tests.helpers import require_tool
from tests.writers.docx.reader import (
    NS,
    open_docx,
    paragraph_texts,
    part_names,
    part_xml,
    runs,
    w,
    word_charts,
)
from zzreport import ir
from zzreport.drawingml.charts import CHART_TYPES
from zzreport.figures.kinds import kind_of
from zzreport.fonts.linebreak import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.testing import flat
from zzreport.writers.base import WriteContext, build_timestamp
from zzreport.writers.docx.blocks import BLOCK_BUILDERS
from zzreport.writers.docx.writer import DocxWriter

ROOT = Path(__file__).resolve().parents[3]
SPECS = ("zhengzhou-2025", "showcase")


def document_of(spec: str) -> ir.Document:
    return zzreport.resolve(zzreport.load(ROOT / "specs" / f"{spec}.yaml"))


#: When the tests' builds begin (the outputs' moment when neither SOURCE_DATE_EPOCH nor the spec gives one).
STARTED = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)


def write(document: ir.Document) -> bytes:
    out = io.BytesIO()
    DocxWriter().write(document, out, WriteContext(started=STARTED))
    return out.getvalue()


@pytest.fixture(scope="module")
def documents() -> dict[str, ir.Document]:
    return {spec: document_of(spec) for spec in SPECS}


@pytest.fixture(scope="module")
def files(documents: dict[str, ir.Document]) -> dict[str, bytes]:
    return {spec: write(document) for spec, document in documents.items()}


@pytest.fixture(scope="module")
def printed(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Zhengzhou document as LibreOffice prints it."""
    require_tool("LibreOffice (soffice)", find_soffice())
    folder = tmp_path_factory.mktemp("printed")
    source = folder / "zhengzhou-2025.docx"
    source.write_bytes(files["zhengzhou-2025"])
    return convert_to_pdf(source, folder)


def test_every_block_kind_has_a_builder() -> None:
    assert set(ir.BLOCK_TYPES) <= set(BLOCK_BUILDERS)


@pytest.mark.parametrize("spec", SPECS)
def test_python_docx_reopens_it_with_sections_as_heading_1_and_headings_as_heading_2_3(
    spec: str, files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    word = open_docx(files[spec])
    by_style: dict[str, list[str]] = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    document = documents[spec]
    assert [s.title for s in document.sections] == by_style["Heading 1"][: len(document.sections)]
    headings = [b for b in ir.walk(document) if isinstance(b, ir.Heading) and b.shown_in("docx")]
    for heading in headings:
        assert heading.text in by_style[f"Heading {min(max(heading.level, 2), 3)}"]
    # Word's built-in names, which a Chinese Word shows as 标题 1 …, with the Chinese name as an alias.
    styles = part_xml(files[spec], "word/styles.xml")
    names = {s.find("w:name", NS).get(w("val")): s for s in styles.iterfind("w:style", NS)}
    for level in (1, 2, 3):
        style = names[f"heading {level}"]
        assert style.find("w:aliases", NS).get(w("val")) == f"标题 {level}"
        assert style.find("w:pPr/w:outlineLvl", NS).get(w("val")) == str(level - 1)
    assert {"Normal", "caption", "表格"} <= set(names)
    # Of the template's table styles only the default and the plain grid stay: the 2007 gallery (Light Shading,
    # Medium Grid … in six accents) is none of this document's and cost every styled paragraph a search through it.
    tables = {name for name, style in names.items() if style.get(w("type")) == "table"}
    assert tables == {"Normal Table", "Table Grid", "表格"}


@pytest.mark.parametrize("spec", SPECS)
def test_every_run_and_style_names_east_asian_faces_and_chinese(
    spec: str, files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    plan = documents[spec].font_plan
    families = {plan.family(role) for role in ("body", "heading")}
    missing = []
    for part, run in runs(files[spec]):
        fonts = run.find("w:rPr/w:rFonts", NS)
        lang = run.find("w:rPr/w:lang", NS)
        if (
            fonts is None
            or fonts.get(w("eastAsia")) not in families
            or fonts.get(w("ascii")) not in families
            or lang is None
            or lang.get(w("eastAsia")) != "zh-CN"
        ):
            missing.append((part, "".join(t.text or "" for t in run.iter(w("t")))))
    assert not missing, missing[:5]
    styles = part_xml(files[spec], "word/styles.xml")
    body = plan.family("body")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS).get(w("eastAsia")) == body
    for style in styles.iterfind("w:style[@w:type='paragraph']", NS):
        if style.find("w:rPr", NS) is not None and style.find("w:name", NS).get(w("val")) in ("Normal", "heading 1"):
            assert style.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) in families


def test_body_is_song_and_headings_are_hei_as_in_the_pdf(files: dict[str, bytes]) -> None:
    styles = part_xml(files["zhengzhou-2025"], "word/styles.xml")
    faces = {
        s.find("w:name", NS).get(w("val")): s.find("w:rPr/w:rFonts", NS).get(w("eastAsia"))
        for s in styles.iterfind("w:style", NS)
        if s.find("w:rPr/w:rFonts", NS) is not None
    }
    assert faces["Normal"] == "Noto Serif SC"
    assert faces["heading 1"] == faces["heading 2"] == faces["caption"] == "Noto Sans SC"


@pytest.mark.parametrize("spec", SPECS)
def test_settings_compress_punctuation_with_zzreports_kinsoku_and_refresh_fields(
    spec: str, files: dict[str, bytes]
) -> None:
    settings = part_xml(files[spec], "word/settings.xml")
    assert settings.find("w:characterSpacingControl", NS).get(w("val")) == "compressPunctuation"
    before = settings.find("w:noLineBreaksBefore", NS)
    after = settings.find("w:noLineBreaksAfter", NS)
    assert set(before.get(w("val"))) == LINE_START_FORBIDDEN and before.get(w("lang")) == "zh-CN"
    assert set(after.get(w("val"))) == LINE_END_FORBIDDEN
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"
    assert settings.find("w:themeFontLang", NS).get(w("eastAsia")) == "zh-CN"
    defaults = part_xml(files[spec], "word/styles.xml").find("w:docDefaults/w:pPrDefault/w:pPr", NS)
    assert defaults.find("w:kinsoku", NS).get(w("val")) == "1"


@pytest.mark.parametrize("spec", SPECS)
def test_tables_repeat_their_header_row_and_right_align_numbers(
    spec: str, files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    word = open_docx(files[spec])
    tables = [t for t in documents[spec].tables() if t.shown_in("docx")]
    grids = [t for t in word.tables if t.style is not None and t.style.name == "表格"]
    assert len(grids) == len(tables) > 0
    for block, grid in zip(tables, grids, strict=True):
        rows = grid._tbl.tr_lst
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None, block.title
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
        assert [c.text for c in grid.rows[0].cells] == [c.header for c in block.columns]
        for c, column in enumerate(block.columns):
            if column.align == "right":
                assert all(row.cells[c].paragraphs[0].alignment == 2 for row in grid.rows[1:])  # RIGHT
        if block.total:
            last = grid.rows[-1].cells
            assert [cell.text for cell in last] == [cell.text for cell in block.total]
            assert all(run.bold for cell in last for run in cell.paragraphs[0].runs if run.text)


@pytest.mark.parametrize("spec", SPECS)
def test_the_same_document_gives_the_same_bytes(
    spec: str, files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    assert write(documents[spec]) == files[spec]


def test_core_properties_carry_the_report_and_its_date(
    files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    word = open_docx(files["zhengzhou-2025"])
    meta = documents["zhengzhou-2025"].meta
    assert word.core_properties.title == meta.title
    moment = build_timestamp(documents["zhengzhou-2025"], WriteContext(started=STARTED))
    assert word.core_properties.created == word.core_properties.modified == moment
    assert "docProps/thumbnail.jpeg" not in part_names(files["zhengzhou-2025"])
    app = part_xml(files["zhengzhou-2025"], "docProps/app.xml")
    assert app.find("{*}Application").text == "zzreport"
    assert app.find("{*}Pages") is None  # only Word knows the pages


def test_page_setup_contents_field_and_page_number_fields(
    files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    data = files["zhengzhou-2025"]
    word = open_docx(data)
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = documents["zhengzhou-2025"].theme.page.margins
    assert round(section.left_margin.mm) == margins.left and round(section.top_margin.mm) == margins.top
    body = part_xml(data, "word/document.xml")
    instructions = [t.text for t in body.iter(w("instrText"))]
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instructions
    # Pre-filled: each section's title is an entry of the contents, linked to its heading's bookmark.
    entries = [p for p in word.paragraphs if p.style.name == "toc 1"]
    titles = [s.title for s in documents["zhengzhou-2025"].sections]
    assert [e.text.split("\t")[0] for e in entries][: len(titles)] == titles
    anchors = {link.get(w("anchor")) for link in body.iter(w("hyperlink"))}
    bookmarks = {b.get(w("name")) for b in body.iter(w("bookmarkStart"))}
    assert anchors and anchors <= bookmarks
    footer = next(n for n in part_names(data) if n.startswith("word/footer"))
    footer_instructions = [t.text.strip() for t in part_xml(data, footer).iter(w("instrText"))]
    assert footer_instructions == ["PAGE", "NUMPAGES"]
    label = documents["zhengzhou-2025"].theme.page.page_number
    footer_text = "".join(t.text or "" for t in part_xml(data, footer).iter(w("t")))
    assert all(piece in footer_text for piece in label.texts if piece)


def test_figures_are_native_charts_with_their_workbooks(
    files: dict[str, bytes], documents: dict[str, ir.Document]
) -> None:
    figures = [f for f in documents["showcase"].figures() if f.shown_in("docx")]
    native = [f for f in figures if kind_of(f.data).name in CHART_TYPES]
    charts = word_charts(files["showcase"])
    assert len(charts) == len(native) > 0
    workbooks = [n for n in part_names(files["showcase"]) if n.startswith("word/embeddings/") and n.endswith(".xlsx")]
    assert len(workbooks) == len(native)
    for figure, chart in zip(native, charts, strict=True):
        if figure.data.categories and kind_of(figure.data).extent != "xy":
            assert chart.categories == tuple(str(c) for c in figure.data.categories), figure.title_line


def test_one_paragraph_per_paragraph_and_no_hard_line_breaks(files: dict[str, bytes]) -> None:
    body = part_xml(files["zhengzhou-2025"], "word/document.xml")
    breaks = [b.get(w("type")) for b in body.iter(w("br"))]
    assert set(breaks) <= {"page"}, breaks
    texts = paragraph_texts(files["zhengzhou-2025"])
    assert not any("\n" in text for text in texts)


def test_pictures_carry_their_alt_text(files: dict[str, bytes], documents: dict[str, ir.Document]) -> None:
    body = part_xml(files["showcase"], "word/document.xml")
    descriptions = [d.get("descr") for d in body.iter("{*}docPr")]
    alts = [n.alt for n in ir.walk(documents["showcase"]) if isinstance(n, ir.Image) and n.shown_in("docx")]
    assert alts and all(alt in descriptions for alt in alts if alt)
    assert all(descriptions)


def _audit_tool() -> str | None:
    beside = Path(sys.executable).parent / "openxml-audit"
    return str(beside) if beside.exists() else shutil.which("openxml-audit")


@pytest.mark.parametrize("spec", SPECS)
def test_openxml_audit_finds_no_error(spec: str, files: dict[str, bytes], tmp_path: Path) -> None:
    tool = _audit_tool()
    require_tool("openxml-audit", tool)
    assert tool is not None
    path = tmp_path / f"{spec}.docx"
    path.write_bytes(files[spec])
    run = subprocess.run([tool, "-o", "json", "-q", str(path)], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    problems = [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]
    assert report["error_count"] == 0, problems


def spec_texts(document: ir.Document) -> list[str]:
    """The words of the document a reader must find printed: titles, paragraphs, items, cards, cells, captions."""
    texts = [document.meta.title, *(s.title for s in document.sections), *(s.takeaway for s in document.sections)]
    for node in ir.walk(document):
        if not node.shown_in("docx"):
            continue
        if isinstance(node, ir.Heading):
            texts.append(node.text)
        elif isinstance(node, ir.Paragraph | ir.Callout | ir.Quote):
            texts.append("".join(s.text for s in node.spans))
        elif isinstance(node, ir.BulletList):
            texts += ["".join(s.text for s in item.spans) for item in node.items]
        elif isinstance(node, ir.KpiGroup):
            texts += [text for card in node.items for text in (card.label, card.display, card.note)]
        elif isinstance(node, ir.Table):
            texts += [node.title_line, *(c.header for c in node.columns)]
            texts += [cell.text for row in node.rows for cell in row]
        elif isinstance(node, ir.Figure):
            texts.append(node.title_line)
    return [t for t in texts if t]


def test_libreoffice_prints_every_character_in_the_bundled_faces(
    printed: Path, documents: dict[str, ir.Document]
) -> None:
    text = flat("".join(page.extract_text() or "" for page in pypdf.PdfReader(printed).pages))
    wanted = spec_texts(documents["zhengzhou-2025"])
    missing_chars = sorted({ch for t in wanted for ch in flat(t)} - set(text))
    assert not missing_chars
    for title in [documents["zhengzhou-2025"].meta.title, *(s.title for s in documents["zhengzhou-2025"].sections)]:
        assert flat(title) in text
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True, check=False)
    require_tool("pdffonts", fonts.returncode == 0)
    names = [line.split()[0] for line in fonts.stdout.splitlines()[2:] if line.strip()]
    assert names and all("Noto" in name for name in names), names


def test_an_edit_as_a_user_makes_it_still_opens_and_prints(files: dict[str, bytes], tmp_path: Path) -> None:
    require_tool("LibreOffice (soffice)", find_soffice())
    word = open_docx(files["zhengzhou-2025"])
    body = next(p for p in word.paragraphs if p.style.name == "Normal" and len(p.text) > 20)
    body.text = "这是用户改写后的段落文字。"
    word.add_paragraph("用户在文末新增的一段。", style="Normal")
    edited = tmp_path / "edited.docx"
    word.save(str(edited))
    pdf = convert_to_pdf(edited, tmp_path)
    text = flat("".join(page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages))
    assert "这是用户改写后的段落文字。" in text and "用户在文末新增的一段。" in text


def test_card_grids_and_tables_stand_on_the_text_margin_in_word_2013_mode(
    files: dict[str, bytes], printed: Path
) -> None:
    """Under Word 2010's rules (python-docx's template) Word opens the document in 兼容模式 and hangs every table
    5 pt out into the left margin; under Word 2013's a KPI card's fill starts where the text does."""
    modes = part_xml(files["zhengzhou-2025"], "word/settings.xml").findall("w:compat/w:compatSetting", NS)
    assert [m.get(w("val")) for m in modes if m.get(w("name")) == "compatibilityMode"] == ["15"]
    margin = open_docx(files["zhengzhou-2025"]).sections[-1].left_margin.pt
    cards = 0
    with pdfplumber.open(printed) as pdf:
        for page in pdf.pages:
            fills = [r for r in page.rects if r["width"] > 100 and r.get("non_stroking_color") not in (None, (1, 1, 1))]
            for fill in fills:
                assert fill["x0"] >= margin - 0.5, (page.page_number, fill["x0"], margin)
            cards += sum(abs(fill["x0"] - margin) <= 2 for fill in fills)
    assert cards >= 10  # the first column of every KPI grid, at the margin
