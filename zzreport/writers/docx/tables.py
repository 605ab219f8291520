"""Tables as the PDF sets them: the caption above, a coloured header row repeated on every page, the totals last.

The header row is set in white bold on the primary colour and repeated
where the table runs onto another page (``w:tblHeader``); body rows
alternate with the surface colour, never break across pages, and number
columns are right-aligned; the totals row is bold between two rules. Each
column is as wide as its widest text (measured with the document's faces,
as the PDF measures them), narrowed in proportion only when the table would
not fit the text width; a table is never stretched to the frame.
"""

from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.shared import Emu, Pt

from zzreport import ir
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.context import WordContext
from zzreport.writers.docx.styles import hex_of

#: Cell padding, left and right, in points (the PDF's 5), and the table text size.
PAD = 5.0
SIZE = 9.0
#: EMU per point.
EMU = 12700


def column_widths(block: ir.Table, ctx: WordContext) -> list[float]:
    """Each column's width in points: its widest text plus padding, shrunk in proportion to fit the text width."""
    rows = [*block.rows, *([block.total] if block.total else [])]
    widths = []
    for c, column in enumerate(block.columns):
        texts = [ctx.fonts.width(row[c].text, "body", SIZE, row is block.total) for row in rows]
        header = ctx.fonts.width(column.header, "heading", SIZE, True)
        widths.append(max([*texts, header, 2 * SIZE]) + 2 * PAD + 2)
    room = ctx.width / EMU
    total = sum(widths)
    return widths if total <= room else [w * room / total for w in widths]


def table(block: ir.Table, ctx: WordContext) -> None:
    colors = ctx.theme.colors
    setter = ctx.setter
    title = ctx.paragraph(st.CAPTION, block.title_line)
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_before = Pt(6)
    body_rows = [*block.rows, *([block.total] if block.total else [])]
    grid = ctx.word.add_table(rows=1 + len(body_rows), cols=len(block.columns))
    grid.style = ctx.style(st.TABLE)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = column_widths(block, ctx)
    oxml.set_table_width(grid, int(sum(widths) * 20))
    oxml.set_table_look(grid, first_row=True)
    oxml.set_table_caption(grid, block.title_line)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Emu(int(width * EMU))
    text = hex_of(colors.text)
    header = grid.rows[0]
    oxml.repeat_as_header(header)
    oxml.keep_row_whole(header)
    for cell, column in zip(header.cells, block.columns, strict=True):
        oxml.shade_cell(cell, hex_of(colors.primary))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.style = ctx.style(st.TABLE_TEXT)
        paragraph.alignment = st.alignment(column.align)
        setter.run(paragraph, column.header, "heading", bold=True, color="#FFFFFF")
    for index, cells in enumerate(body_rows, start=1):
        row = grid.rows[index]
        oxml.keep_row_whole(row)
        total = cells is block.total
        for cell, value, column in zip(row.cells, cells, block.columns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if index % 2 == 0 and not total:
                oxml.shade_cell(cell, hex_of(colors.surface))
            if total:
                oxml.set_cell_border(cell, "top", 6, text)
            paragraph = cell.paragraphs[0]
            paragraph.style = ctx.style(st.TABLE_TEXT)
            paragraph.alignment = st.alignment(column.align)
            run = setter.run(paragraph, value.text, "body")
            if total:
                run.bold = True
    for cell, width in zip((c for row in grid.rows for c in row.cells), widths * len(grid.rows), strict=True):
        cell.width = Emu(int(width * EMU))
    notes = [ctx.paragraph(st.NOTE, t) for t in (block.caption, block.source_line) if t]
    for note in notes:
        note.paragraph_format.space_before = Pt(2)
    end = notes[-1] if notes else ctx.paragraph(st.NOTE)
    end.paragraph_format.space_after = Pt(10)
