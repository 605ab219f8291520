"""``theme.page.print: true``: the print profile (3 mm bleed, crop marks, TrimBox/BleedBox), and elements
that touch the trim edge running exactly to the bleed on every side, checked by reopening the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from reportlab.lib.units import mm

from tests.writers.pdf.pdfa_rules import pdfa2b_problems
from tests.writers.pdf.tagged_rules import tagged_problems
from zzreport.builder import build
from zzreport.testing import write_files

SPEC = """\
zzreport: 1
title: 印刷版测试
theme:
  colors: {{primary: "#C00000"}}
  page: {page}
sections:
  - id: a
    title: 第一节
    blocks:
      - paragraph: 正文。
"""
PRIMARY = (0.753, 0.0, 0.0)  # #C00000 as pdfplumber reads fill colours
CASES = {"print": "{print: true}", "bleed": "{bleed: 3, crop_marks: true}", "bleed-no-marks": "{bleed: 5}"}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = write_files(tmp_path_factory.mktemp("print"), {f"{k}.yaml": SPEC.format(page=v) for k, v in CASES.items()})
    return {name: build(folder / f"{name}.yaml", folder / "out", ["pdf"])[0].path for name in CASES}


def boxes(path: Path) -> dict[str, list[float]]:
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        return {k: [float(v) for v in page[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox") if k in page}


def test_print_true_gives_a_3mm_bleed_and_the_boxes(pdfs: dict[str, Path]) -> None:
    found = boxes(pdfs["print"])
    trim, bleed, media = found["/TrimBox"], found["/BleedBox"], found["/MediaBox"]
    assert trim[2] - trim[0] == pytest.approx(210 * mm, abs=0.01)
    for side in range(4):
        inward = 1 if side < 2 else -1
        assert (trim[side] - bleed[side]) * inward == pytest.approx(3 * mm, abs=0.01)
        assert (bleed[side] - media[side]) * inward > 5 * mm  # room for the crop marks


def crop_mark_lines(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [line for line in pdf.pages[0].lines if line["stroking_color"] in ((0, 0, 0), [0, 0, 0], (0,))]


def test_print_true_draws_crop_marks_outside_the_bleed(pdfs: dict[str, Path]) -> None:
    bleed = boxes(pdfs["print"])["/BleedBox"]
    with pdfplumber.open(pdfs["print"]) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        lines = [(ln["x0"], height - ln["y1"], ln["x1"], height - ln["y0"]) for ln in page.lines]
    outside = [ln for ln in lines if ln[2] <= bleed[0] or ln[0] >= bleed[2] or ln[3] <= bleed[1] or ln[1] >= bleed[3]]
    assert len(outside) == 8  # two at each corner


@pytest.mark.parametrize("name", list(CASES))
def test_the_cover_band_ends_exactly_at_the_bleed_on_both_sides(pdfs: dict[str, Path], name: str) -> None:
    bleed = boxes(pdfs[name])["/BleedBox"]
    with pdfplumber.open(pdfs[name]) as pdf:
        page = pdf.pages[0]
        height = float(page.height)
        bands = [r for r in page.rects if r["fill"] and tuple(round(c, 3) for c in r["non_stroking_color"]) == PRIMARY]
    assert len(bands) == 1
    band = bands[0]
    assert band["x0"] == pytest.approx(bleed[0], abs=0.01)
    assert band["x1"] == pytest.approx(bleed[2], abs=0.01)
    assert height - band["top"] == pytest.approx(bleed[3], abs=0.01)  # and at the top


@pytest.mark.parametrize("name", list(CASES))
def test_a_print_pdf_holds_pdfa_2a_and_its_crop_marks_are_artifacts(pdfs: dict[str, Path], name: str) -> None:
    assert pdfa2b_problems(pdfs[name], "A") == []
    assert tagged_problems(pdfs[name]) == []
