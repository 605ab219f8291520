"""Tables: repeated header rows, rows kept whole, cell fills and lines, widths and padding.

python-docx sets a table's style, a cell's width, vertical alignment and
text, but not ``w:tblHeader`` (the header row repeated on every page a
table runs onto), ``w:cantSplit``, cell shading, cell borders, fixed
layout or cell margins: they are set here.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from lxml import etree

from zzreport.writers.docx.oxml.order import get_or_add, replace
from zzreport.writers.docx.oxml.text import border_line, element_of


def _row_properties(row: _Row) -> etree._Element:
    tr = element_of(row)
    properties = tr.find(qn("w:trPr"))
    if properties is None:
        properties = etree.Element(qn("w:trPr"))
        after_tbl_pr_ex = 1 if tr.find(qn("w:tblPrEx")) is not None else 0
        tr.insert(after_tbl_pr_ex, properties)
    return properties


def repeat_as_header(row: _Row) -> None:
    """Repeat ``row`` at the top of every page the table runs onto (``w:tblHeader``)."""
    replace(_row_properties(row), "w:tblHeader")


def keep_row_whole(row: _Row) -> None:
    """Never break ``row`` across pages (``w:cantSplit``)."""
    replace(_row_properties(row), "w:cantSplit")


def _cell_properties(cell: _Cell) -> etree._Element:
    tc = element_of(cell)
    properties = tc.find(qn("w:tcPr"))
    if properties is None:
        properties = etree.Element(qn("w:tcPr"))
        tc.insert(0, properties)
    return properties


def shade_cell(cell: _Cell, fill: str) -> None:
    """A flat ``fill`` (``RRGGBB``) behind the cell."""
    shd = replace(_cell_properties(cell), "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def set_cell_border(cell: _Cell, side: str, eighths: int, color: str, value: str = "single") -> None:
    """A line on ``side`` (``top``, ``bottom``, ``left``, ``right``) of the cell, ``eighths`` of a point thick."""
    border_line(get_or_add(_cell_properties(cell), "w:tcBorders"), side, value, eighths, 0, color)


def set_cell_margins(cell: _Cell, twips: dict[str, int]) -> None:
    """The cell's own padding, by side (``top``, ``left``, ``bottom``, ``right``), in twips."""
    margins = replace(_cell_properties(cell), "w:tcMar")
    for side in ("top", "left", "bottom", "right"):
        if side in twips:
            edge = etree.SubElement(margins, qn(f"w:{side}"))
            edge.set(qn("w:w"), str(twips[side]))
            edge.set(qn("w:type"), "dxa")


def _table_properties(owner: Table | BaseStyle) -> etree._Element:
    element = element_of(owner)
    if element.tag == qn("w:tbl"):
        found = element.find(qn("w:tblPr"))
        if found is None:
            raise ValueError("a table without w:tblPr")
        return found
    return get_or_add(element, "w:tblPr")


def set_table_borders(owner: Table | BaseStyle, lines: dict[str, tuple[int, str]]) -> None:
    """The table's (or table style's) lines by side, ``side -> (eighths of a point, colour)``; the rest none."""
    borders = replace(_table_properties(owner), "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        eighths, color = lines.get(side, (0, "auto"))
        border_line(borders, side, "single" if eighths else "nil", eighths, 0, color)


def set_table_cell_margins(owner: Table | BaseStyle, twips: dict[str, int]) -> None:
    """The default padding of the table's cells, by side, in twips."""
    margins = replace(_table_properties(owner), "w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        if side in twips:
            edge = etree.SubElement(margins, qn(f"w:{side}"))
            edge.set(qn("w:w"), str(twips[side]))
            edge.set(qn("w:type"), "dxa")


def set_table_width(table: Table, twips: int) -> None:
    """The table's width in twips, its columns laid out as given (``w:tblLayout`` fixed)."""
    properties = _table_properties(table)
    width = replace(properties, "w:tblW")
    width.set(qn("w:w"), str(twips))
    width.set(qn("w:type"), "dxa")
    replace(properties, "w:tblLayout").set(qn("w:type"), "fixed")


def set_table_look(table: Table, *, first_row: bool) -> None:
    """Which parts of the table style apply (``w:tblLook``): the header row's when ``first_row``, no banding."""
    look = replace(_table_properties(table), "w:tblLook")
    look.set(qn("w:val"), "0420" if first_row else "0400")
    look.set(qn("w:firstRow"), "1" if first_row else "0")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")


def set_table_caption(table: Table, caption: str) -> None:
    """The table's title for screen readers (``w:tblCaption``, Word's Alt Text › Title)."""
    replace(_table_properties(table), "w:tblCaption").set(qn("w:val"), caption)


def set_table_description(table: Table, description: str) -> None:
    """The table's description for screen readers (``w:tblDescription``, Word's Alt Text › Description)."""
    replace(_table_properties(table), "w:tblDescription").set(qn("w:val"), description)
