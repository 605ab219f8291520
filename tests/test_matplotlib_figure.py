"""A matplotlib figure made in code reaches both outputs: vector text in the PDF, an SVG picture in the deck.

One small document gets one figure with Chinese labels (``zzreport.MatplotlibFigure`` added with
``Document.with_block``); each format renders it once and the tests reopen what a reader meets.
"""

from __future__ import annotations

import io
import json
import pickle
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure
from PIL import Image
from pypdf import PdfReader

import zzreport
from tests.helpers import require_tool
from zzreport import ir
from zzreport.testing import deck_pictures, pdf_pages, write_spec

ALT = "三个区的地区生产总值，金水区最高"
CAPTION = "说明：绘图代码生成的示例数据"
LABELS = ("各区产值比较", "金水区", "二七区", "中原区", "产值亿元")
SPEC = {
    "zzreport": 1,
    "title": "绘图报告",
    "sections": [
        {"id": "first", "title": "第一节", "blocks": [{"paragraph": "第一段。"}, {"paragraph": "第二段。"}]},
        {"id": "second", "title": "第二节", "blocks": [{"paragraph": "第三段。"}]},
    ],
}


def make_figure() -> Figure:
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.bar(list(LABELS[1:4]), [1200, 860, 640], color="#c0392b")
    ax.set_title(LABELS[0], fontweight="bold")
    ax.set_ylabel(LABELS[4])
    return fig


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> ir.Document:
    spec = write_spec(tmp_path_factory.mktemp("mpl"), SPEC)
    doc = zzreport.resolve(zzreport.load(spec))
    return doc.with_block(zzreport.MatplotlibFigure(make_figure(), alt=ALT, caption=CAPTION), "first", 1)


@pytest.fixture(scope="module")
def pdf(document: ir.Document) -> bytes:
    return zzreport.render(document, "pdf")[0]


@pytest.fixture(scope="module")
def deck(document: ir.Document) -> bytes:
    return zzreport.render(document, "pptx")[0]


def test_the_pdf_has_the_figures_labels_as_text_in_order(pdf: bytes) -> None:
    text = "".join(page.text for page in pdf_pages(pdf))
    flat = re.sub(r"\s+", "", text)
    for label in (*LABELS, CAPTION):  # the y axis' title is set upright: an extractor may read it backwards
        assert label in flat or label[::-1] in flat, f"{label!r} is not text in the PDF"
    # The figure sits where it was inserted: after the first paragraph, before the second.
    assert flat.index("第一段。") < flat.index(LABELS[0]) < flat.index(CAPTION) < flat.index("第二段。")


def test_the_pdf_draws_the_figure_as_vector_graphics_at_the_column_width(pdf: bytes) -> None:
    pages = pdf_pages(pdf)
    page = next(p for p in pages if any(LABELS[1] in w.text for w in p.words))
    assert page.images == 0, "the figure is a picture, not vector graphics"
    bars = [s for s in page.shapes if s.kind in ("rect", "curve") and s.fill == "#C0392B" and s.height > 20]
    assert len(bars) == 3, f"{len(bars)} red bars drawn, not 3"
    assert bars[0].height > bars[1].height > bars[2].height  # 1200, 860, 640
    text = next(w for w in page.words if "第一段" in w.text)  # the column's left edge, as the body text sets it
    title = next(w for w in page.words if LABELS[0] in w.text)
    assert title.x0 > text.x0, "the figure's title lies outside the column"


def test_the_pdf_embeds_only_the_bundled_faces(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile2", "/FontFile"))
            fonts[str(font["/BaseFont"]).split("+")[-1]] = embedded
    assert fonts and all(fonts.values()), f"fonts not embedded: {fonts}"
    assert set(fonts) <= {"NotoSansSC-Regular", "NotoSansSC-Bold", "NotoSerifSC-Regular", "NotoSerifSC-Bold"}


def test_the_tagged_pdf_holds_the_figure_with_its_alt_text(pdf: bytes, tmp_path: Path) -> None:
    """A screen reader meets the figure as a Figure element saying ``alt`` (the PDF is tagged by default)."""
    import pikepdf

    from tests.writers.pdf.tagged_rules import elements, tagged_problems

    path = tmp_path / "figure.pdf"
    path.write_bytes(pdf)
    assert tagged_problems(path) == []
    with pikepdf.open(path) as opened:
        alts = [str(e.get("/Alt", "")) for e in elements(opened) if str(e.get("/S")) == "/Figure"]
    assert ALT in alts


def test_the_deck_shows_an_svg_picture_with_a_png_fallback_and_the_alt_text(deck: bytes) -> None:
    assert [alt for _, alt in deck_pictures(deck)] == [ALT]
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        types = z.read("[Content_Types].xml").decode()
        slide = next(
            name
            for name in z.namelist()
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name) and ALT in z.read(name).decode()
        )
        xml = z.read(slide).decode()
        rels = z.read(slide.replace("slides/", "slides/_rels/") + ".rels").decode()
        blip = re.search(r'<a:blip r:embed="(\w+)".*?</a:blip>', xml, re.S)
        assert blip, "the picture has no a:blip with an extension list"
        uri = re.escape("{96DAC541-7B7A-43D3-8B79-37D633B846F1}")
        svg_ext = re.search(rf'uri="{uri}"><asvg:svgBlip [^>]*r:embed="(\w+)"', blip[0])
        assert svg_ext, "the blip carries no asvg:svgBlip extension"
        target = dict(re.findall(r'Id="(\w+)"[^>]*Target="\.\./media/([^"]+)"', rels))
        png, svg = target[blip[1]], target[svg_ext[1]]
        assert png.endswith(".png") and svg.endswith(".svg")
        assert re.search(r'Extension="svg" ContentType="image/svg\+xml"|PartName="/ppt/media/' + re.escape(svg)
                         + r'" ContentType="image/svg\+xml"', types)  # fmt: skip
        drawing = z.read(f"ppt/media/{svg}").decode()
        with Image.open(io.BytesIO(z.read(f"ppt/media/{png}"))) as image:
            width = image.size[0]
    for label in LABELS:
        assert f">{label}<" in drawing, f"{label!r} is not text in the SVG"
    assert "Noto Sans SC" in drawing
    assert width >= 2400, f"the PNG fallback is {width} pixels wide: blurred across a slide"


def test_the_deck_passes_the_schema_audit(deck: bytes, tmp_path: Path) -> None:
    beside = Path(sys.executable).parent / "openxml-audit"
    tool = str(beside) if beside.exists() else shutil.which("openxml-audit")
    require_tool("openxml-audit", tool)
    assert tool is not None
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck)
    run = subprocess.run([tool, "-o", "json", "-q", str(path)], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    assert report["error_count"] == 0, [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]


def test_the_same_figure_gives_the_same_bytes(document: ir.Document) -> None:
    again = zzreport.MatplotlibFigure(make_figure(), alt=ALT, caption=CAPTION)
    made = next(b for b in document.sections[0].blocks if isinstance(b, ir.Graphic))
    assert (again.svg, again.png) == (made.svg, made.png)
    assert zzreport.render(document, "pptx")[0] == zzreport.render(document, "pptx")[0]
    assert zzreport.render(document, "pdf")[0] == zzreport.render(document, "pdf")[0]


def test_the_block_is_plain_data(document: ir.Document) -> None:
    block = document.sections[0].blocks[1]
    assert isinstance(block, ir.Graphic)
    assert pickle.loads(pickle.dumps(document)) == document
    assert hash(block) == hash(pickle.loads(pickle.dumps(block)))
    assert "Graphic" in ir.dump(document) and f"<{len(block.svg)} bytes>" in ir.dump(document)


def test_the_users_figure_keeps_its_own_fonts() -> None:
    fig = make_figure()
    title = fig.axes[0].title
    before = title.get_fontfamily()
    zzreport.MatplotlibFigure(fig, alt=ALT)
    assert title.get_fontfamily() == before


def test_with_block_finds_sections_and_refuses_unknown_ones(document: ir.Document) -> None:
    block = document.sections[0].blocks[1]
    appended = document.with_block(block, "second")
    assert appended.sections[1].blocks[-1] is block
    assert len(document.sections[1].blocks) == 1, "the document itself changed"
    assert document.with_block(block, -1, 0).sections[1].blocks[0] is block
    with pytest.raises(KeyError, match="'first', 'second'"):
        document.with_block(block, "third")
    with pytest.raises(IndexError):
        document.with_block(block, "second", 5)


def test_bad_arguments_are_clear_errors() -> None:
    fig = make_figure()
    with pytest.raises(ValueError, match="alt"):
        zzreport.MatplotlibFigure(fig, alt=" ")
    with pytest.raises(ValueError, match="width"):
        zzreport.MatplotlibFigure(fig, alt=ALT, width=1.5)
    with pytest.raises(ValueError, match="show"):
        zzreport.MatplotlibFigure(fig, alt=ALT, show="odt")
    with pytest.raises(ValueError, match="show"):
        zzreport.MatplotlibFigure(fig, alt=ALT, show=["pdf", "pdf"])
    only_pdf = zzreport.MatplotlibFigure(fig, alt=ALT, show="pdf")
    assert only_pdf.targets == frozenset({"pdf"})
    assert zzreport.MatplotlibFigure(fig, alt=ALT, show=("pdf", "docx")).targets == frozenset({"pdf", "docx"})


def test_a_character_the_bundled_font_lacks_is_refused_not_printed_as_a_box() -> None:
    """The spec's glyph preflight never sees a figure's texts, so the figure checks its own, tick labels too."""
    fig = make_figure()
    fig.axes[0].set_xticks([0, 1, 2], ["金水区", "二七区", "\U0001f600区"])  # 😀: no face of Noto SC has it
    with pytest.raises(ValueError, match=r"no glyph for U\+1F600 .* in '\U0001f600区'"):
        zzreport.MatplotlibFigure(fig, alt=ALT)
    zzreport.MatplotlibFigure(make_figure(), alt=ALT)  # the same figure with covered labels passes


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    fig: Any = object()
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'zzreport[matplotlib]'")):
        zzreport.MatplotlibFigure(fig, alt=ALT)


def test_the_readme_example_builds_both_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- matplotlib-example -->\n```python\n(.*?)```", readme, re.S)
    assert found, "README has no matplotlib example"
    code = found[1].replace('"output/', f'"{tmp_path.as_posix()}/')
    monkeypatch.chdir(root)
    exec(compile(code, "README.md", "exec"), {})
    pdf = "".join(re.sub(r"\s+", "", p.text) for p in pdf_pages(tmp_path / "showcase.pdf"))
    assert "各区月度增速（示例数据）" in pdf and "注：示例数据" in pdf
    assert "两个区三个月增速的热力图" in [alt for _, alt in deck_pictures(tmp_path / "showcase.pptx")]
