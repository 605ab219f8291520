"""Table XML: "No Style, No Grid" and cell borders, which python-pptx has no API for."""

from __future__ import annotations

from lxml import etree
from pptx.table import Table, _Cell

from zzreport.writers.pptx.oxml.base import element_of, qn, srgb
from zzreport.writers.pptx.oxml.order import get_or_add, insert

#: PowerPoint's built-in "No Style, No Grid" table style.
NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


def set_table_style_none(table: Table) -> None:
    """Use the "No Style, No Grid" table style so only the fills and borders we set are drawn."""
    tblPr = element_of(table).find(qn("a:tblPr"))
    if tblPr is None:
        return
    for attr in ("bandRow", "bandCol", "lastRow", "lastCol", "firstCol"):
        tblPr.attrib.pop(attr, None)
    tblPr.set("firstRow", "1")
    get_or_add(tblPr, "a:tableStyleId").text = NO_STYLE


def set_cell_border(cell: _Cell, side: str, width: int, color: str | None) -> None:
    """A border on one side (``L``, ``R``, ``T``, ``B``) of a table cell; ``color=None`` removes it."""
    tcPr = element_of(cell).get_or_add_tcPr()
    tag = qn(f"a:ln{side}")
    for old in tcPr.findall(tag):
        tcPr.remove(old)
    line = etree.Element(tag, w=str(width if color else 0), cap="flat", cmpd="sng", algn="ctr")
    if color:
        fill = etree.SubElement(line, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=srgb(color))
        etree.SubElement(line, qn("a:prstDash"), val="solid")
    else:
        etree.SubElement(line, qn("a:noFill"))
    insert(tcPr, line)
