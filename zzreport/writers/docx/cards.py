"""KPI cards as a table-based grid, as the PDF's: a shaded card per cell, white gaps between them.

A card's lines, top to bottom, as the PDF sets them
(:mod:`zzreport.writers.pdf.cards`): the period (and the target badge at
its right), the label, the value (the numerals large, qualifiers, the scale
word and the unit small beside them), the change in the colour of its
direction, the note. A target card is set on the background colour inside a
dashed accent line, a result card on the surface colour. A row never breaks
across pages; the grid has as many columns as the PDF's (three, balanced
over several rows so no card is left alone on the last one).
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Emu, Pt
from docx.table import _Cell

from zzreport import ir
from zzreport.ir import KpiCard
from zzreport.resolve.numbers import value_parts
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.context import WordContext
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


def _card(cell: _Cell, card: KpiCard, head_line: bool, ctx: WordContext) -> None:
    colors = ctx.theme.colors
    setter = ctx.setter
    first = cell.paragraphs[0]
    first.style = ctx.word.styles[st.CARD_META]
    if head_line:
        if card.period:
            setter.run(first, card.period, "heading")
        if card.badge:
            # The badge at the card's right edge: a right tab stop at the cell's text width.
            oxml.add_tab_stops(first, [("right", int(ctx.extra["card_text_twips"]), "none")])
            setter.run(first, "\t", "heading")
            badge = setter.run(first, card.badge, "heading", bold=True, color=colors.accent)
            badge.font.size = Pt(8)
    label = cell.add_paragraph(style=st.CARD_LABEL) if head_line else first
    if not head_line:
        label.style = ctx.word.styles[st.CARD_LABEL]
    setter.run(label, card.label, "heading")
    value = cell.add_paragraph(style=st.CARD_VALUE)
    for text, big in value_parts(card):
        setter.run(value, text, "heading", bold=big, size=None if big else 9.5)
    if card.change is not None:
        change = cell.add_paragraph(style=st.CARD_META)
        setter.run(change, card.change.text, "heading", color=getattr(colors, card.change.role))
    if card.note:
        note = cell.add_paragraph(style=st.CARD_META)
        setter.run(note, card.note, "heading")


def kpis(block: ir.KpiGroup, ctx: WordContext) -> None:
    """The group's cards in a grid: one table, a card per cell, each row kept on one page."""
    colors = ctx.theme.colors
    count = len(block.items)
    columns = grid_columns(count)
    rows = [block.items[i : i + columns] for i in range(0, count, columns)]
    table = ctx.word.add_table(rows=len(rows), cols=columns)
    column_width = ctx.width // columns
    ctx.extra["card_text_twips"] = max(column_width // 635 - 2 * PAD - 2 * GAP_EIGHTHS * 20 // 8, 200)
    oxml.set_table_width(table, ctx.width // 635)
    oxml.set_table_borders(table, {})
    oxml.set_table_look(table, first_row=False)
    for column in table.columns:
        column.width = Emu(column_width)
    for r, cards in enumerate(rows):
        row = table.rows[r]
        oxml.keep_row_whole(row)
        head_line = any(card.period or card.badge for card in cards)
        for c in range(columns):
            cell = row.cells[c]
            cell.width = Emu(column_width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            oxml.set_cell_margins(cell, {"top": PAD, "bottom": PAD, "left": PAD, "right": PAD})
            for side in ("top", "left", "bottom", "right"):
                oxml.set_cell_border(cell, side, GAP_EIGHTHS, "FFFFFF")
            if c >= len(cards):
                continue
            card = cards[c]
            if card.target:
                oxml.shade_cell(cell, hex_of(colors.background))
                for side in ("top", "left", "bottom", "right"):
                    oxml.set_cell_border(cell, side, 8, hex_of(colors.accent), value="dashed")
            else:
                oxml.shade_cell(cell, hex_of(colors.surface))
            _card(cell, card, head_line, ctx)
    after = ctx.paragraph(st.NOTE)
    after.paragraph_format.space_after = Pt(4)
