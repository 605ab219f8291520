"""KPI cards: a big number with its unit and qualifiers, a change arrow, and a target badge.

A card is one shape whose text frame holds every line (so it stays editable
and can be measured like any other text). As in the PDF, a result's number
is in the text colour and a 2025 target's in the accent colour, with a
dashed accent outline and a "目标" badge on a line of its own, so a goal is
never mistaken for a result and the badge never narrows the label. Changes
follow the Chinese convention: rising in the theme's ``up`` colour (red)
with ▲, falling in ``down`` (green) with ▼.

Every string is the card's as resolved (:class:`~zzreport.ir.KpiCard`):
the PDF card and the scorecard tile print the same lines. Multi-line labels
are broken by the one balanced-label breaker (:mod:`zzreport.fonts.balance`)
at word ends and written one paragraph per line, so PowerPoint and
LibreOffice cannot re-wrap them differently; every other line flows. Cards in a row share one layout: content anchored
to the top, a first (period/badge) line on every card when one has it, one
value size, so labels and values line up across the row. A note longer than :data:`NOTE_LINES` lines goes to the
speaker notes rather than stretching the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial

from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide
from pptx.util import Emu, Pt

from zzreport import session
from zzreport.fonts.balance import balanced_lines
from zzreport.ir import Colors, KpiCard
from zzreport.writers.pptx.layout import GAP, Box, fit_size, inches
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.text import (
    CJK_LATIN_SPACE,
    EMU_PER_PT,
    TITLE_LEADING,
    WIDTH_SAFETY,
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
#: Narrowest card worth drawing; decides how many cards share a row.
MIN_CARD_WIDTH = inches(1.85)
#: Widest card: a lone card is not stretched across the slide (about a third of the content width).
MAX_CARD_WIDTH = inches(4.0)
#: Most lines a note may take on a card; a longer one goes to the speaker notes.
NOTE_LINES = 2
#: Largest size of a number; the deck uses one size for every card (see :func:`number_size_for`).
NUMBER_SIZE = 40.0
#: Size of a value that is a phrase ("郑州—卢森堡、郑州—吉隆坡") too long for the number size.
TEXT_VALUE_SIZE = 22.0


@dataclass(frozen=True)
class CardStyle:
    """Sizes and colours a row of cards shares."""

    colors: Colors
    small: float  # period, note, badge (never below the theme's minimum)
    label: float
    number: float
    minimum: float


@dataclass(frozen=True)
class CardRow:
    cards: tuple[KpiCard, ...]
    card_width: int
    number_size: float
    height: int
    #: Per card: the value size (the row's number size, or the phrase size for a long text value).
    value_sizes: tuple[float, ...] = ()
    #: Whether every card of the row starts with a period/badge line (one of them has one).
    head_line: bool = False
    #: Extra space above every card's text (EMU): a row made taller than its text centres it.
    pad_top: int = 0
    #: Size of the change lines ("▲ 同比 +112.9%"), one for the grid: the largest at which every one fits a line.
    change_size: float | None = None


def _number_color(card: KpiCard, colors: Colors) -> str:
    return colors.accent if card.target else colors.text


def number_para(card: KpiCard, style: CardStyle, number_size: float) -> TextPara:
    """The value line: qualifier, number and unit in one colour."""
    color = _number_color(card, style.colors)
    unit_size = max(style.minimum, round(number_size * 0.5))
    runs = []
    if card.prefix:
        runs.append(TextRun(card.prefix, unit_size, True, color))
    runs.append(TextRun(card.number, number_size, True, color))
    tail = f"{card.infix}{card.unit}{card.suffix}"
    if tail:
        runs.append(TextRun(tail, unit_size, True, color))
    return TextPara(tuple(runs), leading=TITLE_LEADING, space_before=4, balance=True)


def _label_para(
    card: KpiCard, style: CardStyle, card_width: int = 0, m: Measurer | None = None, size: float | None = None
) -> TextPara:
    """The card's label in balanced lines, broken by :func:`break_label` when ``card_width`` and ``m`` are known.

    The breaks are written into the text as "\\n" (the line breaker's forced
    break), so measuring, writing and reading back all see the same lines.
    """
    size = size or style.label
    text = card.label
    if m is not None and card_width:
        text = break_label(text, size, card_width - 2 * CARD_INSET_X, m)
    run = TextRun(text, size, True, style.colors.text)
    return TextPara((run,), space_before=2, balance=True)


def break_label(text: str, size: float, inner_width: int, m: Measurer) -> str:
    """``text`` with "\\n" where the balanced-label breaker breaks it on a card ``inner_width`` EMU wide.

    Measured as the deck measures (bold, CJK–Latin space, the width safety
    share); a line the deck's own breaker would still wrap (quotes measure a
    little differently there) leaves the label to that breaker unchanged.
    Kept in the active session's ``deck-label`` memo: a row's layout asks for
    the same label at the same width several times.
    """
    key = (m.fonts.chain_files(m.role, True), text, size, inner_width)
    return str(session.memo("deck-label").get(key, lambda: _break_label(text, size, inner_width, m)))


def _break_label(text: str, size: float, inner_width: int, m: Measurer) -> str:
    available = inner_width / EMU_PER_PT * (1 - WIDTH_SAFETY)

    def measure(part: str, part_size: float) -> float:
        return m.width(part, part_size, True)

    lines = balanced_lines(text, measure, available, size, cjk_latin_space=CJK_LATIN_SPACE)
    if len(lines) < 2 or "\n" in text:
        return text
    if any(m.line_count(TextPara((TextRun(line, size, True),)), inner_width) != 1 for line in lines):
        return text
    return "\n".join(lines)


def _label_lines_as_paragraphs(label: TextPara) -> list[TextPara]:
    """A label broken by :func:`break_label` as one paragraph per line, no line break between them.

    A card's label is stacked deliberately, as on the PDF card, at the
    word ends the balanced-label breaker chose; the deck writes no line
    break (``a:br``) but the author's, so each line is a paragraph of its
    own, set close (no space before), which a renderer keeps whole.
    """
    lines = label.runs[0].text.split("\n")
    if len(lines) < 2:
        return [label]
    run = label.runs[0]
    return [replace(label, runs=(replace(run, text=line),), space_before=label.space_before if i == 0 else 0.0)
            for i, line in enumerate(lines)]  # fmt: skip


def _note_para(card: KpiCard, style: CardStyle) -> TextPara:
    return TextPara((TextRun(card.note, style.small, False, style.colors.muted),), space_before=2, balance=True)


def has_head_line(card: KpiCard) -> bool:
    """Whether the card shows a period or a target badge on a first line of its own."""
    return bool(card.period) or card.target


def note_on_card(card: KpiCard, style: CardStyle, width: int, m: Measurer | None) -> bool:
    """Whether the card shows its note: at most :data:`NOTE_LINES` lines at ``width`` (else the speaker notes)."""
    if not card.note:
        return False
    if m is None or not width:
        return True
    return m.line_count(_note_para(card, style), width - 2 * CARD_INSET_X) <= NOTE_LINES


def card_paragraphs(
    card: KpiCard,
    style: CardStyle,
    number_size: float,
    width: int = 0,
    m: Measurer | None = None,
    head_line: bool = False,
    change_size: float | None = None,
) -> list[TextPara]:
    """The card's lines: period/badge line, label, value, change, note.

    ``head_line`` keeps an (empty) first line where a neighbour has a period
    or badge, so labels start at the same height across the row. With
    ``width`` and ``m`` a note too long for the card is left out (see :func:`note_on_card`).
    """
    c = style.colors
    paras: list[TextPara] = []
    if card.period or card.target or head_line:
        right = badge_width(card.badge, style) + inches(0.08) if card.target else 0
        paras.append(TextPara((TextRun(card.period, style.small, False, c.muted),), right_margin=right))
    paras.extend(_label_lines_as_paragraphs(_label_para(card, style, width, m)))
    paras.append(number_para(card, style, number_size))
    if card.change is not None:
        paras.append(change_para(card, style, change_size))
    if note_on_card(card, style, width, m):
        paras.append(_note_para(card, style))
    return paras


def change_para(card: KpiCard, style: CardStyle, size: float | None = None) -> TextPara:
    """The change line ("▲ 同比 +112.9%") in its tone, at ``size`` (default one point above the small size)."""
    if card.change is None:
        raise ValueError(f"the card {card.label!r} shows no change")
    tone = getattr(style.colors, card.change.role)
    return TextPara((TextRun(card.change.text, size or style.small + 1, True, tone),))


def change_size_for(cards: Sequence[KpiCard], card_width: int, style: CardStyle, m: Measurer) -> float:
    """The one size of a grid's change lines: the largest (up to the small size + 1) at which each fits one line.

    A change line broken between "▲ 同比" and "+112.9%" reads as two facts;
    every card of the grid takes the same size, so the lines stay alike.
    """
    changes = [card for card in cards if card.change is not None]

    def fits(size: float) -> bool:
        return all(m.fits_one_line(change_para(card, style, size), card_width, CARD_INSET_X) for card in changes)

    return fit_size(fits, style.small + 1, style.minimum, step=1.0)[0]


def row_lengths(count: int, per_row: int) -> list[int]:
    """How many cards each row of a grid holds: as even as can be, so seven in threes are 3+2+2, not 3+3+1."""
    if count <= 0:
        return []
    rows = -(-count // max(1, per_row))
    base, extra = divmod(count, rows)
    return [base + 1] * extra + [base] * (rows - extra)


def badge_width(badge: str, style: CardStyle) -> int:
    """Width of a badge ("目标"): its text at the small size plus insets (a fixed em count, no measurer needed)."""
    ems = len(badge) + 0.6
    return int(ems * style.small * EMU_PER_PT) + 2 * BADGE_INSET_X


def cards_per_row(width: int, count: int, most: int = 4) -> int:
    """How many cards share a row: as many as fit at :data:`MIN_CARD_WIDTH`, balanced over the rows."""
    fit = max(1, min(most, (width + GAP) // (MIN_CARD_WIDTH + GAP)))
    rows = -(-count // fit)
    return max(1, -(-count // rows))


def _width_for(width: int, per_row: int) -> int:
    return min(MAX_CARD_WIDTH, (width - GAP * (per_row - 1)) // per_row)


def _label_lines(cards: Sequence[KpiCard], card_width: int, style: CardStyle, m: Measurer) -> int:
    return sum(m.line_count(_label_para(card, style, card_width, m), card_width - 2 * CARD_INSET_X) for card in cards)


def row_length(cards: Sequence[KpiCard], width: int, style: CardStyle, m: Measurer | None = None) -> int:
    """Cards per row: :func:`cards_per_row`, fewer when that keeps labels whole.

    Narrow cards (three in a half-width column) cut labels such as
    "累计落地科研大院大所" inside a word; one card fewer per row is taken
    when it needs fewer label lines in all and adds no row (never
    fewer than two per row).
    """
    per_row = cards_per_row(width, len(cards))
    if m is None:
        return per_row
    while per_row > 2:
        narrower = cards_per_row(width, len(cards), per_row - 1)
        if narrower == per_row:
            break
        if -(-len(cards) // narrower) > -(-len(cards) // per_row):
            break  # a taller group would push the neighbour column onto more slides
        here = _label_lines(cards, _width_for(width, per_row), style, m)
        if here == len(cards) or _label_lines(cards, _width_for(width, narrower), style, m) >= here:
            break
        per_row = narrower
    return per_row


def _value_fits(card: KpiCard, style: CardStyle, size: float, card_width: int, m: Measurer) -> bool:
    # The number line gets extra headroom: a big number that wraps looks broken, not just tight.
    return m.fits_one_line(number_para(card, style, size), int(card_width * 0.95), CARD_INSET_X)


def value_sizes(cards: Sequence[KpiCard], width: int, style: CardStyle, m: Measurer) -> list[float]:
    """For every numeric value of ``cards`` (a group ``width`` wide), the largest size that fits one line.

    Text values ("全国第一") are left out: one too long for the number size
    is set at the phrase size instead.
    """
    card_width = _width_for(width, row_length(cards, width, style, m))
    return [
        fit_size(partial(_value_fits, card, style, card_width=card_width, m=m), style.number, style.minimum)[0]
        for card in cards
        if card.numeric
    ]


def deck_number_size(sizes: Sequence[float], largest: float, outliers: float = 0.15) -> float:
    """The one number size of a deck: what all but the longest few values (``outliers``) fit at.

    Requiring every value to fit would let one "320万平方米" shrink every
    card of the deck; the few that do not fit are set smaller on their own
    (as the PDF scales a number that does not fit its card).
    """
    if not sizes:
        return largest
    ordered = sorted(sizes)
    return min(largest, ordered[int(len(ordered) * outliers)])


def _value_size(card: KpiCard, card_width: int, style: CardStyle, m: Measurer) -> float:
    """The deck's number size, or smaller for a value that does not fit at it."""
    if _value_fits(card, style, style.number, card_width, m):
        return style.number
    if not card.numeric:  # a phrase: smaller, and allowed to wrap
        return max(style.minimum, min(style.number, TEXT_VALUE_SIZE))
    return fit_size(lambda s: _value_fits(card, style, s, card_width, m), style.number, style.minimum)[0]


def build_rows(cards: Sequence[KpiCard], width: int, style: CardStyle, m: Measurer) -> list[CardRow]:
    """Cards cut into even rows of equal-width cards (see :func:`row_lengths`), one value size for the grid.

    The grid's number size is decided once from its widest value (the
    smallest size a number, or a phrase that fits the number size, needs),
    so a headline figure is never set smaller than its neighbours; a phrase
    too long for it is set at the phrase size and may wrap. The change
    lines share one size too (:func:`change_size_for`).
    """
    per_row = row_length(cards, width, style, m)
    card_width = _width_for(width, per_row)
    own = [_value_size(card, card_width, style, m) for card in cards]
    numbers = [size for card, size in zip(cards, own, strict=True) if card.numeric or size > TEXT_VALUE_SIZE]
    shared = min(numbers, default=style.number)
    change = change_size_for(cards, card_width, style, m)
    rows: list[CardRow] = []
    start = 0
    for length in row_lengths(len(cards), per_row):
        chunk = tuple(cards[start : start + length])
        sizes = tuple(min(size, shared) for size in own[start : start + length])
        start += length
        head = any(has_head_line(card) for card in chunk)
        height = max(
            _card_height(card, card_width, style, size, m, head, change)
            for card, size in zip(chunk, sizes, strict=True)
        )
        rows.append(CardRow(chunk, card_width, shared, height, sizes, head, change_size=change))
    return rows


def _card_height(
    card: KpiCard, width: int, style: CardStyle, number_size: float, m: Measurer, head: bool, change: float
) -> int:
    paras = card_paragraphs(card, style, number_size, width, m, head, change)
    return m.height(paras, width, CARD_INSET_X, CARD_INSET_Y)


def draw_row(
    slide: Slide, row: CardRow, left: int, top: int, style: CardStyle, typeface: str, m: Measurer
) -> list[str]:
    """Draw one row of cards (and the target badges) at ``left``, ``top``; return the notes left off the cards.

    Content is anchored to the top of every card and the badge pinned to the
    card's top-right corner, so labels, values and badges line up across the
    row however tall the row is. The notes too long for a card come back as
    "label：note" for the slide's speaker notes.
    """
    c = style.colors
    sizes = row.value_sizes or (row.number_size,) * len(row.cards)
    left_off: list[str] = []
    for i, (card, size) in enumerate(zip(row.cards, sizes, strict=True)):
        box = Box(left + i * (row.card_width + GAP), top, row.card_width, row.height)
        shape = flat_shape(slide, box, c.background if card.target else c.surface, name=f"KPI {card.label}")
        if card.target:  # a target card: a dashed outline in the accent colour
            shape.line.color.rgb = rgb(c.accent)
            shape.line.width = Pt(1.5)
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        paras = card_paragraphs(card, style, size, row.card_width, m, row.head_line, row.change_size)
        frame = shape.text_frame
        prepare_frame(frame, anchor="top", inset_x=CARD_INSET_X, inset_y=CARD_INSET_Y)
        if row.pad_top:
            frame.margin_top = Emu(CARD_INSET_Y + row.pad_top)
        write_paragraphs(frame, paras, typeface, m)
        if card.note and not note_on_card(card, style, row.card_width, m):
            left_off.append(f"{card.label}：{card.note}")
        if card.target:
            _draw_badge(slide, replace(box, top=box.top + row.pad_top), card.badge, style, typeface, m)
    return left_off


def _draw_badge(slide: Slide, card: Box, badge: str, style: CardStyle, typeface: str, m: Measurer) -> None:
    """The badge in the card's top-right corner, on its first (period) line."""
    c = style.colors
    text = TextPara((TextRun(badge, style.small, True, c.background),), leading=TITLE_LEADING)
    width = badge_width(badge, style)
    height = m.height([text], width, BADGE_INSET_X, BADGE_INSET_Y)
    period_pitch = int(style.small * 1.4 * EMU_PER_PT)
    top = card.top + CARD_INSET_Y + (period_pitch - height) // 2
    left = card.right - CARD_INSET_X - width
    shape = flat_shape(
        slide, Box(left, top, width, height), c.accent, name="Target badge", kind=MSO_SHAPE.ROUNDED_RECTANGLE
    )
    prepare_frame(shape.text_frame, anchor="middle", inset_x=BADGE_INSET_X, inset_y=BADGE_INSET_Y)
    write_paragraphs(shape.text_frame, [replace(text, align="center")], typeface, m)
