"""Bullet lists as real Word lists: an abstract numbering definition, its instance, and items that use it.

A bullet typed as a character would be text a reader edits and Word
does not indent; a numbering definition (ECMA-376 part 1, 17.9) gives
each level its symbol, colour, face and hanging indent, and Word's
"increase list level" moves an item between them. python-docx reads the
numbering part but has no API to add definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from zzreport.writers.docx.oxml.order import get_or_add, insert, replace
from zzreport.writers.docx.oxml.text import element_of, set_typefaces


@dataclass(frozen=True)
class BulletLevel:
    """One level of a bullet list: its symbol, the symbol's face, colour and size, and its indents (twips)."""

    symbol: str
    family: str
    color: str  # RRGGBB
    half_points: int
    left: int
    hanging: int


def add_bullet_list(document: Document, levels: list[BulletLevel]) -> int:
    """A new bullet list definition with ``levels``; returns the ``w:numId`` its items name."""
    numbering: etree._Element = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"), "0")) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"), "0")) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = etree.Element(qn("w:abstractNum"))
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    # nsid: a list's identity when lists are merged on paste; derived from its number, so bytes stay the same.
    get_or_add(abstract, "w:nsid").set(qn("w:val"), f"{0x5A5A0000 + abstract_id:08X}")
    get_or_add(abstract, "w:multiLevelType").set(qn("w:val"), "hybridMultilevel")
    for index, level in enumerate(levels):
        lvl = etree.SubElement(abstract, qn("w:lvl"))
        lvl.set(qn("w:ilvl"), str(index))
        get_or_add(lvl, "w:start").set(qn("w:val"), "1")
        get_or_add(lvl, "w:numFmt").set(qn("w:val"), "bullet")
        get_or_add(lvl, "w:lvlText").set(qn("w:val"), level.symbol)
        get_or_add(lvl, "w:lvlJc").set(qn("w:val"), "left")
        ind = get_or_add(get_or_add(lvl, "w:pPr"), "w:ind")
        ind.set(qn("w:left"), str(level.left))
        ind.set(qn("w:hanging"), str(level.hanging))
        set_typefaces(lvl, level.family)
        properties = get_or_add(lvl, "w:rPr")
        get_or_add(properties, "w:color").set(qn("w:val"), level.color)
        get_or_add(properties, "w:sz").set(qn("w:val"), str(level.half_points))
        get_or_add(properties, "w:szCs").set(qn("w:val"), str(level.half_points))
    insert(numbering, abstract)
    num = etree.Element(qn("w:num"))
    num.set(qn("w:numId"), str(num_id))
    etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), str(abstract_id))
    insert(numbering, num)
    return num_id


def set_list_item(paragraph: Paragraph, num_id: int, level: int) -> None:
    """Make ``paragraph`` an item of list ``num_id`` at ``level`` (0 the outermost)."""
    properties = element_of(paragraph).find(qn("w:pPr"))
    if properties is None:
        properties = etree.Element(qn("w:pPr"))
        element_of(paragraph).insert(0, properties)
    num_pr = replace(properties, "w:numPr")
    etree.SubElement(num_pr, qn("w:ilvl")).set(qn("w:val"), str(level))
    etree.SubElement(num_pr, qn("w:numId")).set(qn("w:val"), str(num_id))
