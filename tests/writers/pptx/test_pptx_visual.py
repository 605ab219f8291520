"""The deck as LibreOffice renders it: SC faces only, every section title shown, nothing outside.

The deck is converted once per module (LibreOffice is slow); the slides are
also rendered to /tmp/deck/slide-NN.png for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pptx import Presentation

import zzreport
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
PREVIEW = Path("/tmp/deck")
REQUIRED = os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1"

pytestmark = pytest.mark.skipif(
    find_soffice() is None and not REQUIRED, reason="LibreOffice (soffice) is not installed"
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("deck")
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / "zhengzhou-2025.yaml"))
    deck = folder / "zhengzhou.pptx"
    with deck.open("wb") as out:
        PptxWriter().write(document, out, WriteContext())
    pdf = convert_to_pdf(deck, folder)
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    return document, prs, pdf


def test_only_simplified_chinese_faces_are_used(rendered) -> None:
    _, _, pdf = rendered
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler's pdffonts is not installed")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    assert names
    for name in names:
        assert not re.search(r"(JP|KR|TC|HK|CJK)", name), name
    assert any(re.search(r"NotoSansSC|Noto Sans SC|NotoSerifSC", n) for n in names), names


def test_every_section_title_is_rendered(rendered) -> None:
    document, prs, pdf = rendered
    pages = pdfium.PdfDocument(str(pdf))
    assert len(pages) == len(prs.slides)
    text = "".join(page.get_textpage().get_text_range() for page in pages)
    flat = re.sub(r"\s+", "", text)
    for section in document.sections:
        assert section.title in flat, section.title


def test_every_shape_lies_inside_the_slide(rendered) -> None:
    _, prs, _ = rendered
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width, shape.name
            assert shape.top + shape.height <= prs.slide_height, shape.name


def test_margins_are_empty_on_content_slides(rendered) -> None:
    """Pixels: outside the 0.5" grid (minus a hair) content slides are pure background.

    Full-bleed slides (cover band, section dividers) are recognised by a shape
    touching the slide edge and are only rendered for viewing.
    """
    _, prs, pdf = rendered
    PREVIEW.mkdir(parents=True, exist_ok=True)
    pages = pdfium.PdfDocument(str(pdf))
    checked = 0
    for number, (slide, page) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        image = page.render(scale=1.0).to_pil().convert("RGB")
        image.save(PREVIEW / f"slide-{number:02d}.png")
        layout = slide.slide_layout  # our cover band and divider colour are their layouts'
        shapes = [*slide.shapes, *layout.shapes]
        full_bleed = any(s.left == 0 or s.top == 0 for s in shapes) or layout.element.cSld.bg is not None
        if full_bleed:
            continue
        width, height = image.size
        band = int(width * 0.3 / 13.333)  # 0.3 inch of the 0.5 inch margin
        strips = [
            image.crop((0, 0, band, height)),
            image.crop((width - band, 0, width, height)),
            image.crop((0, height - band // 2, width, height)),
            image.crop((0, 0, width, band // 2)),
        ]
        for strip in strips:
            low, _high = strip.convert("L").getextrema()
            assert low > 245, f"slide {number}: something is drawn in the margin"
        checked += 1
    assert checked >= len(prs.slides) // 2
