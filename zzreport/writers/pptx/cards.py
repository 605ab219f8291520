"""KPI cards: a big number with its unit and qualifiers, a change arrow, and a target badge.

A card is one shape whose text frame holds every line (so it stays editable
and can be measured like any other text); a 2025 target is drawn with a
dashed outline, its number in the accent colour, and a "目标" badge, so a
goal is never mistaken for a result. Changes follow the Chinese convention:
rising in the theme's ``up`` colour (red) with ▲, falling in ``down`` (green)
with ▼.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide
from pptx.util import Emu, Pt

from zzreport.document import KpiCard
from zzreport.spec.models import Colors
from zzreport.writers.pptx.layout import GAP, Box, fit_size, inches
from zzreport.writers.pptx.text import (
    EMU_PER_PT,
    TITLE_LEADING,
    Measurer,
    TextPara,
    TextRun,
    prepare_frame,
    rgb,
    write_paragraphs,
)

CARD_INSET_X = inches(0.13)
CARD_INSET_Y = inches(0.1)
BADGE_INSET_X = inches(0.06)
BADGE_INSET_Y = inches(0.02)
ARROWS = {"up": "▲", "down": "▼", "flat": "■"}
#: Narrowest card worth drawing; decides how many cards share a row.
MIN_CARD_WIDTH = inches(1.85)


@dataclass(frozen=True)
class CardStyle:
    """Sizes and colours a row of cards shares."""

    colors: Colors
    small: float  # period, note, badge (never below the theme's minimum)
    label: float
    number: float
    minimum: float
    target_label: str
    #: A period the surrounding column already states ("2024 回顾"), so cards need not repeat it.
    implied_period: str = ""


@dataclass(frozen=True)
class CardRow:
    cards: tuple[KpiCard, ...]
    card_width: int
    number_size: float
    height: int


def _number_color(card: KpiCard, colors: Colors) -> str:
    return colors.accent if card.target else colors.primary


def card_paragraphs(card: KpiCard, style: CardStyle, number_size: float) -> list[TextPara]:
    """The card's lines: period, label, number line, change, note."""
    c = style.colors
    unit_size = max(style.minimum, round(number_size * 0.5))
    paras: list[TextPara] = []
    show_period = card.period and card.period != style.implied_period
    if show_period:
        paras.append(TextPara((TextRun(card.period, style.small, False, c.muted),)))
    beside_badge = badge_width(style) + inches(0.08) if card.target and not show_period else 0
    paras.append(TextPara((TextRun(card.label, style.label, True, c.text),), space_before=2, right_margin=beside_badge))
    color = _number_color(card, c)
    runs = []
    if card.prefix:
        runs.append(TextRun(card.prefix, unit_size, True, color))
    runs.append(TextRun(card.number, number_size, True, color))
    tail = f"{card.infix}{card.unit}{card.suffix}"
    if tail:
        runs.append(TextRun(tail, unit_size, True, color))
    paras.append(TextPara(tuple(runs), leading=TITLE_LEADING, space_before=4))
    if card.change is not None:
        ch = card.change
        tone = {"up": c.up, "down": c.down}.get(ch.direction, c.muted)
        text = f"{ARROWS[ch.direction]} {ch.text}"
        change_runs = [TextRun(text, style.small + 1, True, tone)]
        if ch.label:
            change_runs.append(TextRun(f"  {ch.label}", style.small, False, c.muted))
        paras.append(TextPara(tuple(change_runs)))
    if card.note:
        paras.append(TextPara((TextRun(card.note, style.small, False, c.muted),), space_before=2))
    return paras


def badge_width(style: CardStyle) -> int:
    """Width of the "目标" badge: its text at the small size plus insets (a fixed em count, no measurer needed)."""
    ems = len(style.target_label) + 0.6
    return int(ems * style.small * EMU_PER_PT) + 2 * BADGE_INSET_X


def _card_height(card: KpiCard, width: int, style: CardStyle, number_size: float, m: Measurer) -> int:
    return m.height(card_paragraphs(card, style, number_size), width, CARD_INSET_X, CARD_INSET_Y)


def cards_per_row(width: int, count: int, most: int = 4) -> int:
    """How many cards share a row: as many as fit at :data:`MIN_CARD_WIDTH`, balanced over the rows."""
    fit = max(1, min(most, (width + GAP) // (MIN_CARD_WIDTH + GAP)))
    rows = -(-count // fit)
    return max(1, -(-count // rows))


def build_rows(cards: Sequence[KpiCard], width: int, style: CardStyle, m: Measurer) -> list[CardRow]:
    """Cards cut into rows of equal-width cards, each row with one number size that fits every card."""
    per_row = cards_per_row(width, len(cards))
    card_width = (width - GAP * (per_row - 1)) // per_row

    def fits(size: float) -> bool:
        # The number line gets extra headroom: a big number that wraps looks broken, not just tight.
        return all(
            m.fits_one_line(
                card_paragraphs(card, style, size)[-1 - _tail_count(card)], int(card_width * 0.95), CARD_INSET_X
            )
            for card in cards
        )

    # One number size for the whole group, so the cards read as a set.
    size, _ = fit_size(fits, style.number, style.minimum)
    rows: list[CardRow] = []
    for start in range(0, len(cards), per_row):
        chunk = tuple(cards[start : start + per_row])
        height = max(_card_height(card, card_width, style, size, m) for card in chunk)
        rows.append(CardRow(chunk, card_width, size, height))
    return rows


def _tail_count(card: KpiCard) -> int:
    """Lines after the number line (change, note), to find the number line from the end."""
    return int(card.change is not None) + int(bool(card.note))


def draw_row(slide: Slide, row: CardRow, left: int, top: int, style: CardStyle, typeface: str, m: Measurer) -> None:
    """Draw one row of cards (and the target badges) at ``left``, ``top``."""
    c = style.colors
    for i, card in enumerate(row.cards):
        box = Box(left + i * (row.card_width + GAP), top, row.card_width, row.height)
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
        shape.name = f"KPI {card.label}"
        shape.shadow.inherit = False
        if card.target:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(c.background)
            shape.line.color.rgb = rgb(c.accent)
            shape.line.width = Pt(1.5)
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(c.surface)
            shape.line.fill.background()
        frame = shape.text_frame
        prepare_frame(frame, inset_x=CARD_INSET_X, inset_y=CARD_INSET_Y)
        write_paragraphs(frame, card_paragraphs(card, style, row.number_size), typeface)
        if card.target:
            _draw_badge(slide, box, style, typeface, m)


def _draw_badge(slide: Slide, card: Box, style: CardStyle, typeface: str, m: Measurer) -> None:
    c = style.colors
    text = TextPara((TextRun(style.target_label, style.small, True, c.background),), leading=TITLE_LEADING)
    width = badge_width(style)
    height = m.height([text], width, BADGE_INSET_X, BADGE_INSET_Y)
    period_pitch = int(style.small * 1.4 * EMU_PER_PT)
    top = card.top + CARD_INSET_Y + max(0, (period_pitch - height) // 2)
    left = card.right - CARD_INSET_X - width
    badge = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left), Emu(top), Emu(width), Emu(height))
    badge.name = "Target badge"
    badge.shadow.inherit = False
    badge.fill.solid()
    badge.fill.fore_color.rgb = rgb(c.accent)
    badge.line.fill.background()
    prepare_frame(badge.text_frame, anchor="middle", inset_x=BADGE_INSET_X, inset_y=BADGE_INSET_Y)
    write_paragraphs(badge.text_frame, [text.__class__(text.runs, leading=TITLE_LEADING, align="center")], typeface)
