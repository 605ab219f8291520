"""One KPI card model: resolve decides every line; the PDF card, the deck card and the scorecard tile print them.

Read back as a reader would: the PDF's text with pdfplumber, the deck's card
shapes with python-pptx.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pdfplumber
import pytest
from pptx import Presentation

import zzreport
from zzreport import ir
from zzreport.figures.scorecard import tiles

CARDS: list[dict[str, Any]] = [
    {
        "label": "跨境电商综合试验区进出口额",
        "value": 123400000,
        "unit": "元",
        "qualifier": "超",
        "format": {"scale": "亿"},
        "period": "2023",
        "change": {"value": 12.5, "label": "同比"},
        "note": "含保税进口与市场采购",
    },
    {
        "label": "城乡居民养老保险参保率",
        "value": 96.5,
        "unit": "%",
        "period": "1~9月",
        "change": -1.2,
        "better": "down",
    },
    {"label": "湿地修复面积", "value": 820, "unit": "公顷", "target": True, "period": "2026", "note": "力争完成"},
    {"label": "营商环境评价", "text": "全省第一", "period": "2023"},
]

SPEC: dict[str, Any] = {
    "zzreport": 1,
    "title": "指标卡测试",
    "labels": {"target": "目标值"},
    "sections": [
        {"id": "cards", "title": "指标", "blocks": [{"kpis": CARDS}]},
        {
            "id": "pair",
            "title": "回顾与计划",
            "blocks": [
                {
                    "review": [{"kpis": [{"label": "新建公园", "value": 12, "unit": "个", "period": "2023"}]}],
                    "plan": [{"kpis": [{"label": "新建绿道", "value": 40, "unit": "公里", "period": "2024"}]}],
                    "review_title": "2023 回顾",
                    "plan_title": "2025 计划",
                }
            ],
        },
    ],
}


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def document() -> ir.Document:
    return zzreport.resolve(zzreport.load_dict(SPEC))


@pytest.fixture(scope="module")
def pdf_text(document: ir.Document) -> str:
    """The PDF's characters in the order they are drawn (a card's small unit and big number sit on one
    line of the card but not on one baseline, which layout-based extraction would split)."""
    data, _ = zzreport.render(document, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return flat("".join(char["text"] for page in pdf.pages for char in page.chars))


@pytest.fixture(scope="module")
def deck_cards(document: ir.Document) -> dict[str, str]:
    """Each card shape's text (with its badge), by label."""
    data, _ = zzreport.render(document, "pptx")
    prs = Presentation(io.BytesIO(data))
    found: dict[str, str] = {}
    for slide in prs.slides:
        badges = [s for s in slide.shapes if s.name == "Target badge"]
        for shape in slide.shapes:
            if shape.name.startswith("KPI "):
                inside = [
                    b.text_frame.text
                    for b in badges
                    if shape.left <= b.left < shape.left + shape.width and shape.top <= b.top < shape.top + shape.height
                ]
                found[shape.name[4:]] = flat(shape.text_frame.text + "".join(inside))
    return found


def cards(document: ir.Document) -> dict[str, ir.KpiCard]:
    out: dict[str, ir.KpiCard] = {}

    def visit(blocks: Any) -> None:
        for block in blocks or ():
            if isinstance(block, ir.KpiGroup):
                out.update((card.label, card) for card in block.items)
            elif isinstance(block, ir.ReviewPlan):
                visit(block.review)
                visit(block.plan)

    for section in document.sections:
        visit(section.blocks)
    return out


def printed_lines(card: ir.KpiCard) -> list[str]:
    """What a reader must find on the card, whichever output."""
    lines = [card.label, card.display, card.period, card.note, card.badge]
    if card.change is not None:
        lines.append(card.change.text)
    return [line for line in lines if line]


def test_resolve_decides_each_line_once(document: ir.Document) -> None:
    by_label = cards(document)
    trade = by_label["跨境电商综合试验区进出口额"]
    assert trade.display == "超1.23亿元"
    assert trade.change is not None and trade.change.text == "▲ 同比 +12.5%"
    assert (trade.change.role, trade.change.good) == ("up", True)
    assert trade.period == "2023年"  # a bare year gets 年, in every output
    assert trade.note == "含保税进口与市场采购"
    rate = by_label["城乡居民养老保险参保率"]
    assert rate.change is not None and rate.change.text == "▼ 同比 \u22121.2%"
    assert (rate.change.role, rate.change.good) == ("down", True)
    assert rate.period == "1~9月"
    assert by_label["湿地修复面积"].badge == "目标值"  # the report's own word
    assert by_label["营商环境评价"].badge == "" and not by_label["营商环境评价"].numeric
    # A period its column title states is left off; one it does not state stays.
    assert by_label["新建公园"].period == ""
    assert by_label["新建绿道"].period == "2024年"


def test_the_same_card_prints_the_same_lines_in_the_pdf_and_the_deck(
    document: ir.Document, pdf_text: str, deck_cards: dict[str, str]
) -> None:
    by_label = cards(document)
    assert set(deck_cards) == set(by_label)
    for label, card in by_label.items():
        for line in printed_lines(card):
            assert flat(line) in pdf_text, f"PDF lacks {line!r} of {label!r}"
            assert flat(line) in deck_cards[label], f"deck card {label!r} lacks {line!r}: {deck_cards[label]!r}"


def test_card_notes_print_in_both_outputs(pdf_text: str, deck_cards: dict[str, str]) -> None:
    for label, note in (("跨境电商综合试验区进出口额", "含保税进口与市场采购"), ("湿地修复面积", "力争完成")):
        assert note in pdf_text
        assert note in deck_cards[label]


def test_a_stated_period_is_left_off_in_both_outputs(pdf_text: str, deck_cards: dict[str, str]) -> None:
    assert "2023年" not in deck_cards["新建公园"] and "2023" not in deck_cards["新建公园"]
    assert "2024年" in deck_cards["新建绿道"]
    assert pdf_text.count("2023年") == 2  # the two standalone 2023 cards, not the one under "2023 回顾"


def test_scorecard_tiles_are_cards_with_the_printed_value() -> None:
    spec = {
        "zzreport": 1,
        "title": "记分卡",
        "sections": [
            {
                "id": "s",
                "title": "记分卡",
                "blocks": [
                    {
                        "figure": {
                            "kind": "scorecard",
                            "title": "完成率",
                            "unit": "%",
                            "format": {"percent": True},
                            "categories": ["城镇", "乡村", "园区"],
                            "series": [{"name": "完成率", "values": [95, 88.5, None]}],
                        }
                    }
                ],
            }
        ],
    }
    document = zzreport.resolve(zzreport.load_dict(spec))
    figure = next(b for s in document.sections for b in s.blocks if isinstance(b, ir.Figure))
    got = [(t.label, t.number, t.unit) for t in tiles(figure.data)]
    assert got == [("城镇", "95%", ""), ("乡村", "88.5%", ""), ("园区", "—", "")]  # "%" never twice
    data, _ = zzreport.render(document, "pptx")
    prs = Presentation(io.BytesIO(data))
    shown = {
        s.name[4:]: flat(s.text_frame.text) for slide in prs.slides for s in slide.shapes if s.name.startswith("KPI ")
    }
    assert shown == {"城镇": "城镇95%", "乡村": "乡村88.5%", "园区": "园区—"}
