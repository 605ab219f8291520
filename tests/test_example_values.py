"""The example writes each number once: a changed CSV cell changes the card, the sentence and the chart.

A copy of the example is built with one cell of ``data/innovation-platforms.csv``
changed (省实验室 18 → 27); the new number must be found in the PDF's card and
sentence, the deck's card and sentence and the chart's values, and the old one
nowhere. A cell of ``data/innovation-enterprises.csv`` changes too (科技型企业
14000 → 15000), and the deck's speaker notes must follow it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation

import zzreport
from zzreport.testing import flat, pdf_page_texts, slide_texts

ROOT = Path(__file__).resolve().parents[1]
CELL = "省实验室,18\n"
FIRMS = "科技型企业评价入库（累计）,14000\n"


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example built with 省实验室 changed from 18 to 27 (built once for the module)."""
    folder = tmp_path_factory.mktemp("example") / "specs"
    shutil.copytree(ROOT / "specs", folder)
    data = folder / "data" / "innovation-platforms.csv"
    text = data.read_text(encoding="utf-8")
    assert text.count(CELL) == 1
    data.write_text(text.replace(CELL, "省实验室,27\n"), encoding="utf-8")
    firms = folder / "data" / "innovation-enterprises.csv"
    text = firms.read_text(encoding="utf-8")
    assert text.count(FIRMS) == 1
    firms.write_text(text.replace(FIRMS, FIRMS.replace("14000", "15000")), encoding="utf-8")
    outputs = {o.format: o.path for o in zzreport.build(folder / "zhengzhou-2025.yaml", folder.parent / "out")}
    pdf = flat("".join(pdf_page_texts(outputs["pdf"])))
    with pdfplumber.open(outputs["pdf"]) as document:  # a card's own box: its label, value and note
        cards = [
            flat(page.within_bbox((m["x0"] - 4, m["top"] - 2, m["x0"] + 130, m["top"] + 50)).extract_text())
            for page in document.pages
            for m in page.search("省实验室数量")
        ]
    deck = Presentation(str(outputs["pptx"]))
    slides = [flat("".join(texts)) for texts in slide_texts(outputs["pptx"])]
    charts = [
        shape.chart
        for slide in deck.slides
        for shape in slide.shapes
        if getattr(shape, "has_chart", False) and shape.has_chart
    ]
    notes = [flat(slide.notes_slide.notes_text_frame.text) for slide in deck.slides if slide.has_notes_slide]
    return {"pdf": pdf, "pdf_cards": cards, "slides": slides, "charts": charts, "notes": notes}


def test_the_pdf_card_and_sentence_read_the_new_cell(edition: dict[str, Any]) -> None:
    pdf = edition["pdf"]
    assert "省实验室数量27家增至27家" in edition["pdf_cards"]  # the card: label, value, note
    assert "省实验室数量增至27家" in pdf  # the sentence
    assert "18家" not in pdf


def test_the_deck_card_and_sentence_read_the_new_cell(edition: dict[str, Any]) -> None:
    slides = edition["slides"]
    assert any("省实验室数量27家" in text for text in slides)  # the card
    assert any("省实验室数量增至27家" in text for text in slides)  # the sentence
    assert not any("18家" in text for text in slides)


def test_the_chart_reads_the_new_cell(edition: dict[str, Any]) -> None:
    (chart,) = [c for c in edition["charts"] if "省实验室" in tuple(c.plots[0].categories)]
    values = tuple(chart.plots[0].series[0].values)
    assert values == (27, 14, 63, 8, 8)


def test_the_speaker_notes_read_the_new_cell(edition: dict[str, Any]) -> None:
    notes = edition["notes"]
    assert any("图中1.5万与5800均为报道给出的下限值" in text for text in notes)
    assert not any("14000" in text or "1.4万" in text for text in notes)
