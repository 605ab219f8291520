"""KPI cards of the PDF and the grid they sit in.

A card's lines, top to bottom, as on the deck's cards: a first line with
the period (and the target badge at its right), the label in balanced
lines, the value, the change, the note. Cards in one row share one layout:
every card keeps the first line when one of them has it, the same number of
label lines, and one value size (the one the row's widest number fits at),
so labels, values and their baselines line up across the row. In the value,
the qualifiers, the scale word (万, 亿) and the unit are set at the unit's
size beside the numerals: ``52.9`` large, ``万辆`` small. A text value
(全国第一) keeps the row's size and wraps rather than shrinking.

The grid has as many columns as the frame takes (3, or 2 when narrow) for a
group of one row; a group of several rows is balanced over them (4 cards: 2
and 2, never 3 and a lone one; 7 cards: 4 and 3, never 3, 3 and 1). Each
row is a table of its own, so a grid of many rows runs over a page's foot.
"""

from __future__ import annotations

from itertools import pairwise

from reportlab.lib.colors import Color, white
from reportlab.platypus.flowables import Flowable

from zzreport.fonts.balance import balanced_lines
from zzreport.fonts.linebreak import cjk_latin_gaps
from zzreport.ir import KpiCard
from zzreport.resolve.numbers import value_parts
from zzreport.writers.pdf.flowables import draw_string, hang
from zzreport.writers.pdf.paragraph import drawing_discarded
from zzreport.writers.pdf.styles import PdfStyles, TextStyle
from zzreport.writers.pdf.tagging import Tag, content
from zzreport.writers.pdf.text import TextMaker

#: Inner padding of a card.
PAD = 8.0
#: Points between the parts of a value (qualifier, numerals, scale word and unit) at least; where the
#: parts meet as Chinese and Latin text (超|100, 100|万辆) the CJK–Latin quarter em of the smaller part.
PART_GAP = 1.0
#: Frames narrower than this take two cards a row, else three.
NARROW_FRAME = 300.0
#: Narrowest card a grid takes a column more for (to leave no card alone on its last row).
MIN_CARD_WIDTH = 100.0
#: The smallest a number is scaled to fit its card (the row shares it).
MIN_VALUE_SCALE = 0.5
#: CJK–Latin space of card texts, in ems (as the deck's cards).
CJK_LATIN_SPACE = 0.25


def grid_columns(count: int, frame_width: float, gap: float = 6.0) -> int:
    """Cards per row: the frame's columns for one row; over several rows, balanced.

    Balanced, the rows differ by at most one card, but some counts still
    leave one card alone under full rows (7 over three columns: 3, 3, 1).
    Then a column more is taken when it leaves no card alone and the cards
    stay at least :data:`MIN_CARD_WIDTH` wide (7: 4 and 3).
    """
    most = 3 if frame_width >= NARROW_FRAME else 2
    columns = _balanced(count, most)
    if count > 1 and count % columns == 1:
        wider = _balanced(count, most + 1)
        fits = (frame_width - gap * (wider - 1)) / wider >= MIN_CARD_WIDTH
        if fits and count % wider != 1:
            return wider
    return columns


def _balanced(count: int, most: int) -> int:
    """Columns for ``count`` cards in as few rows of at most ``most`` as they need, the rows as even as can be."""
    rows = -(-count // most)
    return most if rows <= 1 else -(-count // rows)


def part_gaps(parts: list[tuple[str, TextStyle]]) -> list[float]:
    """The space after each part of a value but the last: the text's own CJK–Latin space, or a hairline.

    The value is one phrase set in two sizes, so where its parts meet as
    Chinese and Latin text they get the quarter em every text gets there
    (:func:`~zzreport.fonts.linebreak.cjk_latin_gaps`), of the smaller
    part's size; elsewhere (万|辆 never meet, 5.9|% is one part) a hairline
    keeps the two sizes from touching.
    """
    gaps = []
    for (left, a), (right, b) in pairwise(parts):
        meet = left[-1:] + right[:1]
        quarter = CJK_LATIN_SPACE * min(a.size, b.size) if cjk_latin_gaps(meet) else 0.0
        gaps.append(max(PART_GAP, quarter))
    return gaps


class KpiCardFlowable(Flowable):
    """One KPI card (see the module's docstring); :func:`kpi_grid` sets what its row shares."""

    def __init__(self, card: KpiCard, maker: TextMaker, styles: PdfStyles) -> None:
        super().__init__()
        self.card, self.maker, self.styles = card, maker, styles
        #: Shared by the row: label lines, whether a first (period/badge) line is kept, the value scale.
        self.min_label_lines = 1
        self.head_line = bool(card.period or card.badge)
        self.value_scale = 1.0
        self._balanced: dict[tuple[str, float, float], list[str]] = {}
        self._label: list[str] = []
        self._value: list[list[tuple[str, TextStyle]]] = []
        self._change: list[str] = []
        self._note: list[str] = []
        #: In the tagged PDF a card is a group (Div) read label, value, change, note, then period and badge.
        group = Tag("Div")
        self.tags = {part: Tag("P", group) for part in ("label", "value", "change", "note", "period", "badge")}

    def _lines(self, text: str, style: TextStyle, width: float) -> list[str]:
        """``text`` in balanced lines at ``width`` (kept per card: a row asks again at every layout pass)."""
        key = (text, style.size, width)
        found = self._balanced.get(key)
        if found is None:
            fonts = self.maker.fonts

            def measure(part: str, size: float) -> float:
                return fonts.width(part, style.role, size, style.bold)

            found = balanced_lines(text, measure, width, style.size, cjk_latin_space=CJK_LATIN_SPACE)
            self._balanced[key] = found
        return found

    def label_lines(self, width: float) -> int:
        """How many lines the label takes in a card ``width`` wide."""
        return len(self._lines(self.card.label, self.styles.kpi_label, width - 2 * PAD))

    def _styles(self, scale: float) -> tuple[TextStyle, TextStyle]:
        s = self.styles
        number, unit = s.kpi_number, s.kpi_unit
        return (
            TextStyle(number.role, number.size * scale, number.leading * scale, number.color, number.bold),
            TextStyle(unit.role, unit.size * scale, unit.leading, unit.color, unit.bold),
        )

    def natural_scale(self, width: float) -> float:
        """The scale at which this card's number fits a card ``width`` wide (1 for a text value: it wraps)."""
        if not self.card.numeric:
            return 1.0
        big, small = self._styles(1.0)
        parts = value_parts(self.card)
        styled = [(t, big if b else small) for t, b in parts]
        total = sum(self.maker.width(t, style) for t, style in styled) + sum(part_gaps(styled))
        return max(MIN_VALUE_SCALE, min(1.0, (width - 2 * PAD) / total)) if total else 1.0

    def _value_lines(self, inner: float) -> list[list[tuple[str, TextStyle]]]:
        big, small = self._styles(self.value_scale)
        parts = [(t, big if b else small) for t, b in value_parts(self.card)]
        if self.card.numeric:
            return [parts]
        text = "".join(t for t, _ in parts)  # a phrase: one style, balanced lines at the row's size
        return [[(line, big)] for line in self._lines(text, big, inner)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        s, c = self.styles, self.card
        self.width = avail_width
        inner = avail_width - 2 * PAD
        self._label = list(self._lines(c.label, s.kpi_label, inner))
        self._label += [""] * (self.min_label_lines - len(self._label))
        self._value = self._value_lines(inner)
        self._change = self._lines(c.change.text, s.kpi_meta, inner) if c.change else []
        self._note = self._lines(c.note, s.kpi_meta, inner) if c.note else []
        value_leading = s.kpi_number.leading * max(self.value_scale, 0.7)
        self.height = (
            PAD + (s.kpi_meta.leading if self.head_line else 0) + len(self._label) * s.kpi_label.leading
            + len(self._value) * value_leading + (len(self._change) + len(self._note)) * s.kpi_meta.leading + PAD
        )  # fmt: skip
        return self.width, self.height

    def _meta_lines(self, lines: list[str], y: float, tag: Tag, color: Color | None = None) -> float:
        style = self.styles.kpi_meta
        for line in lines:
            y -= style.size + 1
            with content(self.canv, tag):
                draw_string(self.canv, self.maker, line, style, PAD - hang(line, style.size), y, color=color)
            y -= style.leading - style.size - 1
        return y

    def draw(self) -> None:
        if drawing_discarded(self.canv):
            return
        s, canv, c = self.styles, self.canv, self.card
        tags = self.tags
        y = self.height - PAD
        head_y = y
        if self.head_line:
            y -= s.kpi_meta.leading
        for line in self._label:
            y -= s.kpi_label.size + 1
            with content(canv, tags["label"]):
                draw_string(canv, self.maker, line, s.kpi_label, PAD - hang(line, s.kpi_label.size), y)
            y -= s.kpi_label.leading - s.kpi_label.size - 1
        scale = self.value_scale
        leading = s.kpi_number.leading * max(scale, 0.7)
        color = s.color("accent") if c.target else None
        for parts in self._value:
            top = y
            y -= s.kpi_number.size * scale + 2  # one baseline for every part of the value
            x = PAD - hang(parts[0][0], parts[0][1].size) if parts else PAD
            for (text, style), gap in zip(parts, [*part_gaps(parts), 0.0], strict=True):
                with content(canv, tags["value"]):
                    x += draw_string(canv, self.maker, text, style, x, y, color=color) + gap
            y = top - leading
        change_color = s.color(c.change.role) if c.change is not None else None
        y = self._meta_lines(self._change, y, tags["change"], change_color)
        self._meta_lines(self._note, y, tags["note"])
        if self.head_line:  # drawn last, read last: the card's subject comes first
            self._draw_head(head_y)

    def _draw_head(self, y: float) -> None:
        """The first line: the period at the left, the target badge at the right."""
        s, canv, c, meta = self.styles, self.canv, self.card, self.styles.kpi_meta
        if c.period:
            with content(canv, self.tags["period"]):
                draw_string(canv, self.maker, c.period, meta, PAD, y - meta.size)
        if c.badge:
            w = self.maker.width(c.badge, meta) + 8
            canv.setFillColor(s.color("accent"))
            canv.roundRect(self.width - PAD - w, y - meta.size - 2, w, meta.size + 4, 2, stroke=0, fill=1)
            x = self.width - PAD - w / 2
            with content(canv, self.tags["badge"]):
                draw_string(canv, self.maker, c.badge, meta, x, y - meta.size, anchor="center", color=white, bold=True)


def share_row(row: list[KpiCardFlowable], width: float) -> None:
    """Give the cards of one row one layout: head line, label lines and value scale."""
    head = any(card.head_line for card in row)
    lines = max(card.label_lines(width) for card in row)
    scale = min(card.natural_scale(width) for card in row)
    for card in row:
        card.head_line, card.min_label_lines, card.value_scale = head, lines, scale
