"""Both outputs of both example specs, side by side: charts, labels, literal text, lazy fonts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

import zzreport
from tests.helpers import appears_wrapped, flat
from zzreport.builder import build

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("both")
    result: dict[str, dict[str, Path]] = {}
    for name in ("zhengzhou-2025", "showcase"):
        result[name] = {o.format: o.path for o in build(ROOT / "specs" / f"{name}.yaml", out)}
    return result


def deck_charts(path: Path) -> list:
    return [shape.chart for slide in Presentation(str(path)).slides for shape in slide.shapes if shape.has_chart]


def pdf_lines(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return [flat(line) for line in text.splitlines()]


def test_decks_hold_native_bar_line_pie_and_combo_charts(outputs: dict[str, dict[str, Path]]) -> None:
    charts = [c for spec in outputs.values() for c in deck_charts(spec["pptx"])]
    types = {c.chart_type for c in charts}
    assert XL_CHART_TYPE.BAR_CLUSTERED in types and XL_CHART_TYPE.COLUMN_CLUSTERED in types
    assert types & {XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS}
    assert types & {XL_CHART_TYPE.PIE, XL_CHART_TYPE.DOUGHNUT}
    combos = [c for c in charts if len(c._chartSpace.xpath(".//c:plotArea/c:valAx")) == 2]
    assert combos, "no chart with two value axes"
    plot = combos[0]._chartSpace.xpath(".//c:plotArea")[0]
    assert plot.xpath("./c:barChart") and plot.xpath("./c:lineChart")


def test_every_cjk_chart_label_of_a_deck_is_in_the_pdf(outputs: dict[str, dict[str, Path]]) -> None:
    for name, files in outputs.items():
        lines = pdf_lines(files["pdf"])
        labels = {str(c) for chart in deck_charts(files["pptx"]) for c in chart.plots[0].categories}
        cjk = sorted(label for label in labels if CJK.search(label))
        assert cjk, name
        for label in cjk:
            assert appears_wrapped(label, lines), f"{name}: {label}"


def test_markup_looking_title_reaches_both_outputs_literally(tmp_path: Path) -> None:
    title = "<b>R&D</b> 增长<5%"
    spec = tmp_path / "markup.yaml"
    spec.write_text(
        f"zzreport: 1\ntitle: '{title}'\nsections:\n  - id: a\n    title: '<font>节</font> & 段'\n"
        "    blocks:\n      - paragraph: 'A&B <i>不是</i> 标记'\n",
        encoding="utf-8",
    )
    files = {o.format: o.path for o in build(spec, tmp_path / "out")}
    with pdfplumber.open(files["pdf"]) as pdf:
        cover = pdf.pages[0].extract_text()
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert pdf.metadata["Title"] == title
    assert title in cover
    assert "<font>节</font> & 段" in text and "A&B <i>不是</i> 标记" in text
    deck = Presentation(str(files["pptx"]))
    slide_texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert title in slide_texts
    assert any("<font>节</font> & 段" in t for t in slide_texts)
    assert deck.core_properties.title == title


def test_fonts_are_registered_lazily_only_when_used() -> None:
    code = (
        "import io, zzreport\n"
        "from zzreport.builder import write\n"
        "from zzreport.figures import reportlab_faces\n"
        "doc = zzreport.resolve(zzreport.load('tests/fixtures/ok/minimal.yaml'))\n"
        "assert reportlab_faces._REGISTERED == {}, reportlab_faces._REGISTERED\n"
        "write(doc, 'pdf', io.BytesIO())\n"
        "print(sorted(reportlab_faces._REGISTERED.values()))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    registered = result.stdout.strip()
    assert "NotoSerifSC-Regular" in registered and "NotoSansSC-Bold" in registered
    assert "NotoSerifSC-Bold" not in registered  # no bold body text in that spec: never loaded


def test_the_document_model_lists_every_output(outputs: dict[str, dict[str, Path]]) -> None:
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / "showcase.yaml"))
    assert dict(document.outputs) == {"pdf": "showcase.pdf", "pptx": "showcase.pptx", "docx": "showcase.docx"}


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
    '<rect width="200" height="60" fill="#B3282D"/>'
    '<text x="10" y="40" font-size="30" fill="white">LOGO 标志</text></svg>'
)


def test_svg_logo_and_image_in_both_outputs(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(SVG, encoding="utf-8")
    spec = tmp_path / "svg.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 图片\ntheme: {logo: logo.svg, page: {size: A5}, slides: {size: '4:3'}}\n"
        "sections:\n  - id: a\n    title: 一\n    blocks:\n      - image: {path: logo.svg, alt: 红色标志}\n",
        encoding="utf-8",
    )
    files = {o.format: o.path for o in build(spec, tmp_path / "out")}
    from pypdf import PdfReader

    reader = PdfReader(files["pdf"])
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            assert "Helvetica" not in str(font.get_object()["/BaseFont"])
    assert "LOGO标志" in re.sub(r"\s+", "", reader.pages[0].extract_text())  # the logo on the cover, as vectors
    deck = Presentation(str(files["pptx"]))
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 2  # the logo on the title slide and the image, rasterised from SVG
    assert any(p._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["红色标志"] for p in pictures)
    assert deck.slide_width / deck.slide_height == pytest.approx(4 / 3)
