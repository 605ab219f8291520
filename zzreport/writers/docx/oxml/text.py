"""Runs and paragraphs: East Asian typefaces and language, shading, bars, bookmarks and links.

python-docx sets a run's Latin typeface (``w:ascii``/``w:hAnsi``) but not
its East Asian one (``w:eastAsia``), nor the language, nor a paragraph's
shading, border bar, bookmarks or in-document links: those are set here on
the XML behind python-docx's objects.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from zzreport.writers.docx.oxml.order import get_or_add, insert, replace


def element_of(obj: Any) -> etree._Element:
    """The XML element behind a python-docx object (paragraph, run, table, row, cell, style, settings)."""
    if isinstance(obj, etree._Element):
        return obj
    element: etree._Element = obj._element
    return element


def _run_properties(owner: Run | BaseStyle | etree._Element) -> etree._Element:
    """The ``w:rPr`` of a run, a style or a ``w:rPrDefault``/``w:lvl`` element, made when missing."""
    element = element_of(owner)
    if element.tag == qn("w:rPr"):
        return element
    if element.tag in (qn("w:r"), qn("w:style"), qn("w:lvl")):
        return get_or_add(element, "w:rPr") if element.tag != qn("w:r") else _first_child(element, "w:rPr")
    raise TypeError(f"no run properties on {element.tag!r}")


def _first_child(element: etree._Element, tag: str) -> etree._Element:
    """``element``'s child ``tag``, made as its first child when missing (``w:rPr`` leads a run)."""
    found = element.find(qn(tag))
    if found is None:
        found = etree.Element(qn(tag))
        element.insert(0, found)
    return found


def set_typefaces(owner: Run | BaseStyle | etree._Element, family: str, *, east_asian: str | None = None) -> None:
    """Name ``family`` for every script of the run or style (``w:ascii``, ``w:hAnsi``, ``w:eastAsia``, ``w:cs``).

    ``w:hint="eastAsia"`` makes Word set the characters Chinese and Latin
    text share (“”, ……, ——) in the East Asian face, full-width, as Chinese
    readers expect them.
    """
    fonts = replace(_run_properties(owner), "w:rFonts")
    fonts.set(qn("w:ascii"), family)
    fonts.set(qn("w:hAnsi"), family)
    fonts.set(qn("w:eastAsia"), east_asian or family)
    fonts.set(qn("w:cs"), family)
    fonts.set(qn("w:hint"), "eastAsia")


def set_language(owner: Run | BaseStyle | etree._Element, latin: str, east_asian: str) -> None:
    """The run's or style's languages: ``latin`` for Latin letters (``w:val``), ``east_asian`` for Han."""
    lang = replace(_run_properties(owner), "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asian)


def set_paragraph_shading(paragraph: Paragraph | BaseStyle, fill: str) -> None:
    """A flat background ``fill`` (``RRGGBB``) behind the paragraph."""
    shd = replace(_paragraph_properties(paragraph), "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def border_line(borders: etree._Element, side: str, value: str, eighths: int, space: int, color: str) -> None:
    """``borders``' (``w:pBdr``, ``w:tcBorders``) line on ``side``, in the place its schema puts it, replacing any."""
    line = replace(borders, f"w:{side}")
    line.set(qn("w:val"), value)
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), color)


def set_paragraph_border(paragraph: Paragraph | BaseStyle, side: str, color: str, eighths: int, space: int = 4) -> None:
    """A single line on one ``side`` (``left``, ``top``, ``bottom``) of the paragraph, ``eighths`` of a point thick."""
    border_line(get_or_add(_paragraph_properties(paragraph), "w:pBdr"), side, "single", eighths, space, color)


def set_east_asian_paragraph(owner: BaseStyle | etree._Element) -> None:
    """Kinsoku, overflowing punctuation and CJK–Latin auto spacing on, as Chinese text wants them."""
    properties = _paragraph_properties(owner)
    for name in ("kinsoku", "overflowPunct", "autoSpaceDE", "autoSpaceDN"):
        replace(properties, f"w:{name}").set(qn("w:val"), "1")


def set_outline_level(style: BaseStyle, level: int) -> None:
    """The outline level (0 for Heading 1) a heading style gives its paragraphs: the navigation pane's tree."""
    replace(_paragraph_properties(style), "w:outlineLvl").set(qn("w:val"), str(level))


def _paragraph_properties(owner: Paragraph | BaseStyle | etree._Element) -> etree._Element:
    element = element_of(owner)
    if element.tag == qn("w:pPr"):
        return element
    if element.tag == qn("w:p"):
        return _first_child(element, "w:pPr")
    return get_or_add(element, "w:pPr")


def add_bookmark(paragraph: Paragraph, bookmark_id: int, name: str) -> None:
    """A bookmark ``name`` around the paragraph's content (the target of contents links and ``PAGEREF``)."""
    p = element_of(paragraph)
    start = etree.Element(qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = etree.Element(qn("w:bookmarkEnd"))
    end.set(qn("w:id"), str(bookmark_id))
    properties = p.find(qn("w:pPr"))
    p.insert(0 if properties is None else 1, start)
    p.append(end)


def link_runs(paragraph: Paragraph, runs: list[Run], anchor: str) -> None:
    """Put ``runs`` (runs of ``paragraph``, in order) inside one link to the bookmark ``anchor``."""
    p = element_of(paragraph)
    link = etree.Element(qn("w:hyperlink"))
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    first = element_of(runs[0])
    p.insert(p.index(first), link)
    for run in runs:
        link.append(element_of(run))


def set_keep_lines(owner: BaseStyle) -> None:
    """Keep a style's paragraphs on one page (a heading never split)."""
    replace(_paragraph_properties(owner), "w:keepLines")


def add_tab_stops(owner: Paragraph | BaseStyle, stops: list[tuple[str, int, str]]) -> None:
    """Tab stops ``(alignment, position in twips, leader)`` of a paragraph or style, replacing any."""
    tabs = replace(_paragraph_properties(owner), "w:tabs")
    for alignment, position, leader in stops:
        tab = etree.SubElement(tabs, qn("w:tab"))
        tab.set(qn("w:val"), alignment)
        if leader != "none":
            tab.set(qn("w:leader"), leader)
        tab.set(qn("w:pos"), str(position))


def defaults(styles_element: etree._Element) -> tuple[etree._Element, etree._Element]:
    """The ``w:rPr`` and ``w:pPr`` of the styles part's document defaults, made when missing."""
    doc_defaults = styles_element.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = etree.Element(qn("w:docDefaults"))
        styles_element.insert(0, doc_defaults)
    run_default = doc_defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = etree.SubElement(doc_defaults, qn("w:rPrDefault"))
        doc_defaults.insert(0, run_default)
    paragraph_default = doc_defaults.find(qn("w:pPrDefault"))
    if paragraph_default is None:
        paragraph_default = etree.SubElement(doc_defaults, qn("w:pPrDefault"))
    run = run_default.find(qn("w:rPr"))
    if run is None:
        run = etree.SubElement(run_default, qn("w:rPr"))
    paragraph = paragraph_default.find(qn("w:pPr"))
    if paragraph is None:
        paragraph = etree.SubElement(paragraph_default, qn("w:pPr"))
    return run, paragraph


def set_style_aliases(style: BaseStyle, aliases: str) -> None:
    """The names a style is also known by (``w:aliases``): its Chinese name beside the built-in one."""
    replace(element_of(style), "w:aliases").set(qn("w:val"), aliases)


__all__ = [
    "add_bookmark",
    "add_tab_stops",
    "defaults",
    "element_of",
    "insert",
    "link_runs",
    "set_east_asian_paragraph",
    "set_keep_lines",
    "set_language",
    "set_outline_level",
    "set_paragraph_border",
    "set_paragraph_shading",
    "set_style_aliases",
    "set_typefaces",
]


def set_run_shading(run: Run, fill: str) -> None:
    """A flat background ``fill`` (``RRGGBB``) behind the run's characters (a label set on a band of colour)."""
    shd = replace(_run_properties(run), "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def clear_paragraph_borders(owner: Paragraph | BaseStyle) -> None:
    """No border lines on the paragraph or style (python-docx's template underlines its Title)."""
    properties = _paragraph_properties(owner)
    for old in properties.findall(qn("w:pBdr")):
        properties.remove(old)
