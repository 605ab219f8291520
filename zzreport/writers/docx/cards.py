"""KPI cards and scorecard tiles as a table-based grid, as the PDF's: a shaded card per cell, white gaps between.

A card's lines, top to bottom, as the PDF sets them
(:mod:`zzreport.writers.pdf.cards`): the period (and the target badge at
its right), the label, the value (the numerals large, qualifiers, the scale
word and the unit small beside them), the change in the colour of its
direction, the note. A target card is set on the background colour inside a
dashed accent line, a result card on the surface colour. A row never breaks
across pages; the grid has as many columns as the PDF's (three, balanced
over several rows so no card is left alone on the last one).

A scorecard figure's tiles are KPI cards too (label, value, unit), set by
the same grid in the PDF's rows of tiles, each under a bar of its colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.shared import Emu, Pt
from docx.table import Table, _Cell

from zzreport import ir
from zzreport.figures.scorecard import tile_grid
from zzreport.figures.scorecard import tiles as scorecard_tiles
from zzreport.ir import KpiCard
from zzreport.resolve.numbers import value_parts
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.context import WordContext
from zzreport.writers.docx.pictures import EMU
from zzreport.writers.docx.styles import hex_of

#: Cards per row at most (the PDF's grid on an A4 text frame).
MOST_COLUMNS = 3
#: The white line around each card, in eighths of a point: two of them make the gap between cards.
GAP_EIGHTHS = 24
#: A card's inner padding in twips (the PDF's 8 pt).
PAD = 160


def grid_columns(count: int) -> int:
    """Cards per row: up to :data:`MOST_COLUMNS`, balanced over the rows (4 cards: 2 and 2; 7: 4 and 3)."""
    rows = -(-count // MOST_COLUMNS)
    columns = MOST_COLUMNS if rows <= 1 else -(-count // rows)
    if count > 1 and count % columns == 1 and count % (columns + 1) != 1:
        return columns + 1
    return columns


@dataclass(frozen=True)
class CardLook:
    """How one card's cell is drawn: its fill, a dashed outline (a target), a bar on top (a scorecard tile),
    and the colours of its value's numerals and small parts (``None``: the style's)."""

    fill: str
    outline: str | None = None
    bar: str | None = None
    value: str | None = None
    unit: str | None = None


def _card(cell: _Cell, card: KpiCard, look: CardLook, head_line: bool, ctx: WordContext) -> None:
    colors = ctx.theme.colors
    setter = ctx.setter
    first = cell.paragraphs[0]
    first.style = ctx.style(st.CARD_META)
    if head_line:
        if card.period:
            setter.run(first, card.period, "heading")
        if card.badge:
            # The badge at the card's right edge: a right tab stop at the cell's text width.
            oxml.add_tab_stops(first, [("right", int(ctx.extra["card_text_twips"]), "none")])
            setter.run(first, "\t", "heading")
            badge = setter.run(first, card.badge, "heading", bold=True, color=colors.accent)
            badge.font.size = Pt(8)
    label = cell.add_paragraph(style=ctx.style(st.CARD_LABEL)) if head_line else first
    if not head_line:
        label.style = ctx.style(st.CARD_LABEL)
    setter.run(label, card.label, "heading")
    value = cell.add_paragraph(style=ctx.style(st.CARD_VALUE))
    for text, big in value_parts(card):
        color = look.value if big else look.unit
        setter.run(value, text, "heading", bold=big, size=None if big else 9.5, color=color)
    if card.change is not None:
        change = cell.add_paragraph(style=ctx.style(st.CARD_META))
        setter.run(change, card.change.text, "heading", color=getattr(colors, card.change.role))
    if card.note:
        note = cell.add_paragraph(style=ctx.style(st.CARD_META))
        setter.run(note, card.note, "heading")


def card_grid(cards: Sequence[KpiCard], looks: Sequence[CardLook], columns: int, ctx: WordContext) -> Table:
    """``cards`` in a table of ``columns``, a card per cell drawn as its look says, each row kept on one page.

    White lines around the cells make the gaps between cards. Cards with a
    bar on top get an empty row of the gap's height above each of their rows:
    where two cells meet, Word and LibreOffice draw only the heavier line, so
    a bar right under a row would take the place of its white gap, and a bar
    on the table's top edge runs on across the gaps between the cards.
    """
    count = len(cards)
    rows = [range(i, min(i + columns, count)) for i in range(0, count, columns)]
    barred = any(look.bar for look in looks)
    table = ctx.word.add_table(rows=len(rows) * (2 if barred else 1), cols=columns)
    column_width = ctx.width // columns
    ctx.extra["card_text_twips"] = max(column_width // 635 - 2 * PAD - 2 * GAP_EIGHTHS * 20 // 8, 200)
    oxml.set_table_width(table, ctx.width // 635)
    oxml.set_table_borders(table, {})
    oxml.set_table_look(table, first_row=False)
    for column in table.columns:
        column.width = Emu(column_width)
    for r, indices in enumerate(rows):
        if barred:
            gap = table.rows[2 * r]
            gap.height = Pt(2 * GAP_EIGHTHS / 8)
            gap.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        row = table.rows[2 * r + 1 if barred else r]
        oxml.keep_row_whole(row)
        head_line = any(cards[i].period or cards[i].badge for i in indices)
        for c in range(columns):
            cell = row.cells[c]
            cell.width = Emu(column_width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            oxml.set_cell_margins(cell, {"top": PAD, "bottom": PAD, "left": PAD, "right": PAD})
            for side in ("top", "left", "bottom", "right"):
                oxml.set_cell_border(cell, side, GAP_EIGHTHS, "FFFFFF")
            if c >= len(indices):
                continue
            card, look = cards[indices[c]], looks[indices[c]]
            oxml.shade_cell(cell, hex_of(look.fill))
            if look.outline:
                for side in ("top", "left", "bottom", "right"):
                    oxml.set_cell_border(cell, side, 8, hex_of(look.outline), value="dashed")
            if look.bar:
                oxml.set_cell_border(cell, "top", GAP_EIGHTHS, hex_of(look.bar))
            _card(cell, card, look, head_line, ctx)
    return table


def kpis(block: ir.KpiGroup, ctx: WordContext) -> None:
    """The group's cards in a grid: a target on the background colour inside a dashed accent line, a result
    on the surface colour."""
    colors = ctx.theme.colors
    looks = [
        CardLook(colors.background, outline=colors.accent) if card.target else CardLook(colors.surface)
        for card in block.items
    ]
    card_grid(block.items, looks, grid_columns(len(block.items)), ctx)
    after = ctx.paragraph(st.NOTE)
    after.paragraph_format.space_after = Pt(4)


def scorecard(block: ir.Figure, ctx: WordContext) -> None:
    """A scorecard figure as the PDF draws it: its tiles (:func:`zzreport.figures.scorecard.tiles`) in the
    PDF's rows, on the surface colour under a bar of the series' colour, the highlighted tile's bar and value in
    the accent, units muted; the table titled and described for screen readers as a chart is, and kept on the
    page of the caption that follows it."""
    fig = block.data
    colors = ctx.theme.colors
    cards = scorecard_tiles(fig)
    bar = fig.series[0].color if fig.series else colors.primary
    looks = [
        CardLook(
            colors.surface,
            bar=colors.accent if i == fig.highlight else bar,
            value=colors.accent if i == fig.highlight else None,
            unit=colors.muted,
        )
        for i in range(len(cards))
    ]
    _, columns = tile_grid(len(cards), ctx.width / EMU)
    table = card_grid(cards, looks, max(columns, 1), ctx)
    oxml.set_table_caption(table, block.title_line)
    oxml.set_table_description(table, fig.alt or fig.title)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
