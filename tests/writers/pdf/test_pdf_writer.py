"""The PDF writer, tested by reopening what it writes (pypdf, pdfplumber, pypdfium2, pdffonts)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

import zzreport
from tests.helpers import appears_wrapped, flat, require_tool
from zzreport.builder import build, write
from zzreport.fonts.linebreak import violations
from zzreport.ir import BLOCK_TYPES
from zzreport.writers.pdf.blocks import BLOCK_BUILDERS

ROOT = Path(__file__).resolve().parents[3]
FACTS = ["52.9万辆", "112.9%", "3363班次", "18.2%", "4862家", "1129家", "6012张", "4.25万个", "13.1万人", "225天",
         "超短超强激光平台", "黄帝故里拜祖大典", "贾鲁河郑州港", "RCEP", "5.5G", "240小时", "Ⅱ类水质"]  # fmt: skip
SECTION_TITLES = ["创新发展", "现代产业体系", "提振消费", "对外开放", "经济发展", "改善民生", "郑州都市圈"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name in ("zhengzhou-2025", "showcase"):
        (result,) = build(ROOT / "specs" / f"{name}.yaml", out, ["pdf"])
        paths[name] = result.path
    return paths


@pytest.fixture(scope="module")
def seed_text(built: dict[str, Path]) -> str:
    with pdfplumber.open(built["zhengzhou-2025"]) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_every_block_kind_has_a_pdf_builder() -> None:
    assert set(BLOCK_BUILDERS) == set(BLOCK_TYPES)


def test_seed_pdf_is_a4_and_carries_every_section_and_fact(built: dict[str, Path], seed_text: str) -> None:
    reader = PdfReader(built["zhengzhou-2025"])
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    text = flat(seed_text)
    for title in SECTION_TITLES:
        assert title in text
    for fact in FACTS:
        assert fact in text, fact
    assert "政府工作报告之“郑州实践”" in text
    assert "第3页/共" in text


def test_every_font_is_embedded(built: dict[str, Path]) -> None:
    for path in built.values():
        reader = PdfReader(path)
        for page in reader.pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                assert "Helvetica" not in str(font["/BaseFont"])
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]


def test_pdffonts_reports_only_embedded_fonts(built: dict[str, Path]) -> None:
    pdffonts = shutil.which("pdffonts")
    require_tool("pdffonts", pdffonts)
    for path in built.values():
        lines = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
        rows = lines[2:]
        assert rows
        for row in rows:
            assert re.search(r"\byes\s+yes\s+yes\b", row), row
            assert "NotoSansSC" in row or "NotoSerifSC" in row


def test_outline_metadata_and_language(built: dict[str, Path]) -> None:
    reader = PdfReader(built["zhengzhou-2025"])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [t for t in titles if t in SECTION_TITLES] == SECTION_TITLES
    assert reader.metadata.title == "政府工作报告之“郑州实践”"
    assert reader.metadata.author == "记者 王红"
    assert reader.metadata.subject == "乘势而上 郑州将创建国家级未来产业先导区"
    assert "郑州" in reader.metadata["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_pdfa_structure(built: dict[str, Path]) -> None:
    import pikepdf

    with pikepdf.open(built["zhengzhou-2025"]) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"  # tagged by default: PDF/A-2a
        assert meta["dc:title"] == "政府工作报告之“郑州实践”"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile.read_bytes()
        assert profile[36:40] == b"acsp" and intent.DestOutputProfile.N == 3
        assert int.from_bytes(profile[:4], "big") == len(profile) and profile[16:20] == b"RGB "
        assert not pdf.is_encrypted
        assert len(pdf.trailer.ID) == 2
        assert not str(pdf.docinfo.CreationDate).startswith("D:2000")  # no made-up date (see test_pdf_dates)


def test_seed_pdf_has_no_raster_images(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["zhengzhou-2025"]) as pdf:
        assert all(page.images == [] for page in pdf.pages)


def test_no_extracted_line_breaks_kinsoku(seed_text: str) -> None:
    lines = [line for line in seed_text.splitlines() if line.strip()]
    assert len(lines) > 200
    assert violations(lines, numbers=False) == []


def test_figures_are_vector_with_searchable_labels(built: dict[str, Path], seed_text: str) -> None:
    lines = [flat(line) for line in seed_text.splitlines()]
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / "zhengzhou-2025.yaml"))
    for figure in document.figures():
        for category in figure.data.categories:
            assert appears_wrapped(category, lines), category
    assert not appears_wrapped("不在图中的标签文字", lines)


def test_showcase_exercises_every_block_kind_on_paper(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["showcase"]) as pdf:
        text = flat("\n".join(page.extract_text() or "" for page in pdf.pages))
        images = sum(len(page.images) for page in pdf.pages)
    for expected in [
        "段落与强调",  # heading
        "加快培育新质生产力",  # paragraph with emphasis
        "子项二：铁海联运",  # nested bullet
        "52.9万辆",  # KPI
        "图10",  # figures numbered
        "合计",  # table total row
        "提示",  # callout
        "——示例出处",  # quote source
        "2024回顾",  # review/plan band
        "这一段只出现在PDF中。",
    ]:
        assert expected in text, expected
    assert "这一段只出现在演示文稿中" not in text
    assert "<b>R&D</b>增长<5%" in text  # markup-looking text is printed literally
    assert images == 1  # the image block, and nothing else raster


def test_pages_render_without_blank_pages_or_margin_ink(built: dict[str, Path]) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(built["zhengzhou-2025"]))
    scale = 1.0
    margin = int(22 * 72 / 25.4 * scale) - 4  # left/right margin of the default theme, in pixels
    for index in range(len(pdf)):
        image = pdf[index].render(scale=scale).to_pil().convert("L")
        width, height = image.size
        assert image.getextrema()[0] < 128, f"page {index + 1} is blank"
        for strip in (image.crop((0, 0, margin, height)), image.crop((width - margin, 0, width, height))):
            top = 30 if index == 0 else 0  # the cover's colour band runs across the top
            lightest = strip.crop((0, top, strip.size[0], strip.size[1])).getextrema()[0]
            assert lightest > 250, f"ink in the side margin of page {index + 1}"
    first = pdf[0].get_textpage().get_text_range()
    assert "政府工作报告之“郑州实践”" in first


def test_identical_inputs_give_identical_bytes(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "showcase.yaml"
    (a,) = build(spec, tmp_path / "a" if (tmp_path / "a").mkdir() is None else tmp_path, ["pdf"])
    (b,) = build(spec, tmp_path / "b" if (tmp_path / "b").mkdir() is None else tmp_path, ["pdf"])
    assert a.path.read_bytes() == b.path.read_bytes()


def test_source_date_epoch_sets_the_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    document = zzreport.resolve(zzreport.load(ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"))
    buffer = io.BytesIO()
    write(document, "pdf", buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert reader.metadata["/CreationDate"] == "D:20250101000000+00'00'"


def test_bleed_and_crop_marks(tmp_path: Path) -> None:
    spec = tmp_path / "bleed.yaml"
    spec.write_text(
        (ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
        + "theme: {page: {bleed: 3, crop_marks: true}}\n",
        encoding="utf-8",
    )
    (out,) = build(spec, tmp_path, ["pdf"])
    page = PdfReader(out.path).pages[0]
    trim = [round(float(v), 2) for v in page.trimbox]
    bleed = [round(float(v), 2) for v in page.bleedbox]
    media = [round(float(v), 2) for v in page.mediabox]
    assert round(trim[2] - trim[0], 1) == 595.3 and round(trim[3] - trim[1], 1) == 841.9
    assert round(trim[0] - bleed[0], 2) == round(3 * 72 / 25.4, 2)
    assert media[2] > bleed[2] and media[0] < bleed[0]  # room for crop marks outside the bleed


def test_write_to_a_file_object() -> None:
    document = zzreport.resolve(zzreport.load(ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"))
    buffer = io.BytesIO()
    result = write(document, "pdf", buffer)
    assert buffer.getvalue().startswith(b"%PDF-")
    assert result.pages == len(PdfReader(io.BytesIO(buffer.getvalue())).pages)


def test_bookmarks_and_contents_links_lead_to_their_sections(built: dict[str, Path]) -> None:
    reader = PdfReader(built["zhengzhou-2025"])
    pages = {}
    for item in reader.outline:
        if not isinstance(item, list) and item.title in SECTION_TITLES:
            pages[item.title] = reader.get_destination_page_number(item)
    assert sorted(pages) == sorted(SECTION_TITLES)
    assert len(set(pages.values())) > 3
    with pdfplumber.open(built["zhengzhou-2025"]) as pdf:
        contents = pdf.pages[1].extract_text()
    for title, index in pages.items():
        assert title in flat(reader.pages[index].extract_text())
        assert re.search(rf"{title}[ .]*{index + 1}\b", contents), title  # printed page number
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    targets = {reader.get_page_number(link["/Dest"][0].get_object()) for link in links if "/Dest" in link}
    assert targets == set(pages.values()) | {len(reader.pages) - 1}  # the sections and 要点回顾


def test_a_total_row_never_adds_up_percentages(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["showcase"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    total = next(line for line in text.splitlines() if line.startswith("合计"))
    assert total.split() == ["合计", "285.5"]


def test_running_header_names_the_section_at_the_top_of_the_page(built: dict[str, Path]) -> None:
    reader = PdfReader(built["zhengzhou-2025"])
    starts = []  # (page index, is at the top of the page, title)
    for item in reader.outline:
        if isinstance(item, list) or item.title not in SECTION_TITLES:
            continue
        page = reader.get_destination_page_number(item)
        height = float(reader.pages[page].mediabox.height)
        starts.append((page, float(item["/Top"]) > height - 100, item.title))
    with pdfplumber.open(built["zhengzhou-2025"]) as pdf:
        for index in range(starts[0][0], len(pdf.pages) - 1):
            header = pdf.pages[index].extract_text().splitlines()[0]
            in_force = [t for p, top, t in starts if p < index or (p == index and top)]
            assert header.endswith(in_force[-1]), (index + 1, header, in_force[-1])


def test_long_tables_repeat_their_header_and_keep_numbers_right_aligned(tmp_path: Path) -> None:
    rows = "\n".join(f"            - [城区{i:03d}, {i * 37}]" for i in range(1, 121))
    spec = tmp_path / "table.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 长表\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
        "      - table:\n          title: 各区数量\n          columns: [区域名称, 数量]\n"
        "          rows:\n" + rows + "\n",
        encoding="utf-8",
    )
    (out,) = build(spec, tmp_path, ["pdf"])
    with pdfplumber.open(out.path) as pdf:
        table_pages = [p for p in pdf.pages if "城区" in (p.extract_text() or "")]
        assert len(table_pages) >= 3
        for page in table_pages:
            words = page.extract_words()
            header = next(w for w in words if w["text"] == "区域名称")
            first_row = min((w for w in words if w["text"].startswith("城区")), key=lambda w: w["top"])
            assert header["top"] < first_row["top"]  # the header row comes first on every page
            last_row = max((w for w in words if w["text"].startswith("城区")), key=lambda w: w["top"])
            numbers = [w for w in words if w["text"].isdigit() and header["top"] < w["top"] <= last_row["top"] + 1]
            right_edges = {round(w["x1"]) for w in numbers}
            assert len(right_edges) <= 2, right_edges  # right-aligned: one right edge (rounding aside)


def test_card_values_hang_their_opening_quote(built: dict[str, Path]) -> None:
    with pdfplumber.open(built["zhengzhou-2025"]) as pdf:
        page = next(p for p in pdf.pages if "开放口岸体系" in (p.extract_text() or ""))
        words = page.extract_words(extra_attrs=["size"])
    label = next(w for w in words if w["text"].startswith("开放口岸体系"))
    value = next(w for w in words if w["text"].startswith("“2+2+9") and w["size"] > 14)
    # The full-width quote's blank left half hangs out of the card's padding, so its ink lines up
    # with the label above; unhung, the box would start where the label starts.
    assert value["x0"] < label["x0"] - 0.4 * value["size"]
