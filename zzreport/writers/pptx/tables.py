"""Tables on slides: measured column widths and row heights, rows split across slides.

PowerPoint grows a table row to fit its text when the deck is opened, so a
table whose rows were not measured silently runs off the slide. Here every
row's height is measured with the real font metrics, rows are cut into
slides that fit, and the header row is repeated on every continuation slide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR
from pptx.slide import Slide
from pptx.util import Emu

from zzreport.ir import Cell, Colors, Table
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import Box, inches
from zzreport.writers.pptx.text import EMU_PER_PT, Measurer, TextPara, TextRun, rgb, write_paragraphs

CELL_INSET_X = inches(0.1)
CELL_INSET_Y = inches(0.05)
#: Narrowest a table is drawn, as a share of the content width.
MIN_SHARE = 0.6


@dataclass(frozen=True)
class TableStyle:
    colors: Colors
    size: float


@dataclass(frozen=True)
class TableLayout:
    """Column widths and the measured height of the header, each row and the total row (EMU)."""

    widths: tuple[int, ...]
    header: int
    rows: tuple[int, ...]
    total: int


def header_text(table: Table) -> list[str]:
    """The header row, as resolve worded it ("产值（亿元）")."""
    return [col.header for col in table.columns]


def _cell_para(text: str, align: str, style: TableStyle, *, bold: bool = False, color: str | None = None) -> TextPara:
    return TextPara((TextRun(text, style.size, bold, color or style.colors.text),), leading=1.3, align=align)


def _row_height(texts: Sequence[str], widths: Sequence[int], style: TableStyle, m: Measurer, bold: bool) -> int:
    return max(
        m.height([_cell_para(text, "left", style, bold=bold)], width, CELL_INSET_X, CELL_INSET_Y)
        for text, width in zip(texts, widths, strict=True)
    )


def measure_table(table: Table, width: int, style: TableStyle, m: Measurer) -> TableLayout:
    """Size the columns to their content (at most ``width`` in all), then measure every row."""
    heads = header_text(table)
    body = [[cell.text for cell in row] for row in table.rows]
    if table.total:
        body.append([cell.text for cell in table.total])
    natural = []
    for i, head in enumerate(heads):
        texts = [head] + [row[i] for row in body if i < len(row)]
        widest = max(m.width(t, style.size, True) for t in texts)
        natural.append(widest * EMU_PER_PT / 0.93 + 2 * CELL_INSET_X + inches(0.05))
    total_natural = sum(natural)
    # Columns as wide as their content (a little air), up to ``width``: numbers stay near their labels;
    # never narrower than MIN_SHARE of the slide, or a short table floats in a corner of white space.
    target = min(width, max(int(total_natural * 1.15), inches(6), int(width * MIN_SHARE)))
    widths = [int(target * n / total_natural) for n in natural]
    if total_natural > width:  # too wide: keep short columns whole, let the widest ones wrap
        floor = inches(0.9)
        widths = [max(floor, w) for w in widths]
        excess = sum(widths) - width
        widest_first = sorted(range(len(widths)), key=lambda i: -widths[i])
        for i in widest_first:
            take = min(excess, widths[i] - floor)
            widths[i] -= take
            excess -= take
    widths[-1] += min(width, max(target, sum(widths))) - sum(widths)
    rows = tuple(_row_height([c.text for c in row], widths, style, m, False) for row in table.rows)
    total = _row_height([c.text for c in table.total], widths, style, m, True) if table.total else 0
    return TableLayout(tuple(widths), _row_height(heads, widths, style, m, True), rows, total)


def split_rows(layout: TableLayout, avail: int) -> list[range]:
    """Row ranges per slide so that header + rows (+ total on the last) fit ``avail``."""
    pages: list[range] = []
    start, used = 0, layout.header
    for i, height in enumerate(layout.rows):
        if used + height > avail and i > start:
            pages.append(range(start, i))
            start, used = i, layout.header
        used += height
    if layout.total and used + layout.total > avail and len(layout.rows) - start > 1:
        pages.append(range(start, len(layout.rows) - 1))
        start = len(layout.rows) - 1
    pages.append(range(start, len(layout.rows)))
    return _no_lone_row(pages, layout, avail)


def _no_lone_row(pages: list[range], layout: TableLayout, avail: int) -> list[range]:
    """A last slide holding one row under its repeated header takes the row before it too.

    One row alone on a "（续）" slide reads as left over; the slide before
    keeps at least two rows, and the last one must still fit.
    """
    if len(pages) < 2 or len(pages[-1]) != 1 or len(pages[-2]) < 3:
        return pages
    before, last = pages[-2], pages[-1]
    moved = range(before.stop - 1, last.stop)
    total = layout.total if moved.stop == len(layout.rows) else 0
    if layout.header + sum(layout.rows[i] for i in moved) + total > avail:
        return pages
    return [*pages[:-2], range(before.start, before.stop - 1), moved]


def _fill_cell(cell, para: TextPara, fill: str | None, typeface: str, m: Measurer | None, width: int) -> None:
    """One cell's text (written as its measured lines), margins and fill; ``width`` is the column's."""
    cell.margin_left = cell.margin_right = Emu(CELL_INSET_X)
    cell.margin_top = cell.margin_bottom = Emu(CELL_INSET_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    write_paragraphs(cell.text_frame, [para], typeface, m, width - 2 * CELL_INSET_X)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = rgb(fill)
    else:
        cell.fill.background()


def draw_table(
    slide: Slide,
    table: Table,
    layout: TableLayout,
    rows: range,
    box: Box,
    style: TableStyle,
    typeface: str,
    *,
    with_total: bool,
    m: Measurer | None = None,
) -> int:
    """Draw the header, ``rows`` and (if ``with_total``) the total row at ``box``; returns the table height."""
    c = style.colors
    body: list[tuple[tuple[Cell, ...], int, bool]] = [(table.rows[i], layout.rows[i], False) for i in rows]
    if with_total and table.total:
        body.append((table.total, layout.total, True))
    height = layout.header + sum(h for _, h, _ in body)
    shape = slide.shapes.add_table(
        len(body) + 1, len(table.columns), Emu(box.left), Emu(box.top), Emu(sum(layout.widths)), Emu(height)
    )
    shape.name = f"Table {table.number}"
    grid = shape.table
    oxml.set_table_style_none(grid)
    for i, width in enumerate(layout.widths):
        grid.columns[i].width = Emu(width)
    grid.rows[0].height = Emu(layout.header)
    for j, head in enumerate(header_text(table)):
        align = table.columns[j].align
        head_para = _cell_para(head, align, style, bold=True, color=c.background)
        _fill_cell(grid.cell(0, j), head_para, c.primary, typeface, m, layout.widths[j])
    for r, (cells, row_height, is_total) in enumerate(body, start=1):
        grid.rows[r].height = Emu(row_height)
        stripe = c.surface if (r % 2 == 0 and not is_total) else None
        for j, column in enumerate(table.columns):
            text = cells[j].text if j < len(cells) else ""
            cell = grid.cell(r, j)
            _fill_cell(
                cell, _cell_para(text, column.align, style, bold=is_total), stripe, typeface, m, layout.widths[j]
            )
            oxml.set_cell_border(cell, "B", 6350, "#D9D9D9")
            if is_total:
                oxml.set_cell_border(cell, "T", 19050, c.text)
    return height
