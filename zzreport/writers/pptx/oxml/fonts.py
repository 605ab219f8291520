"""Embedded fonts: ``p:embeddedFontLst`` of ``presentation.xml`` and its ``.fntdata`` parts; the deck's characters.

PowerPoint (File › Options › Save › "Embed fonts in the file") writes, as
ECMA-376 part 1 §19.2.1.9–10 lays down and [MS-PPTX] describes:

* one ``p:embeddedFont`` per family in ``p:embeddedFontLst`` (after
  ``p:notesSz`` and ``p:smartTags``, before ``p:custShowLst`` and
  ``p:defaultTextStyle``), holding ``p:font`` (``typeface``, ``panose``,
  ``pitchFamily``, ``charset``: the CT_TextFont of a run) and then
  ``p:regular``, ``p:bold``, ``p:italic``, ``p:boldItalic``, each the
  ``r:id`` of one face's part;
* each face a part ``/ppt/fonts/fontN.fntdata`` (content type
  ``application/x-fontdata``, relationship type ``…/relationships/font``
  from the presentation part) holding the face as Embedded OpenType;
* ``embedTrueTypeFonts="1"`` on ``p:presentation``, and
  ``saveSubsetFonts="1"`` when only the characters used are embedded
  (PowerPoint's "Embed only the characters used", which it keeps on its
  next save; without it PowerPoint embeds every character).

python-pptx has no API for any of this; its generic ``Part`` carries the
bytes and its content-type table already maps ``fntdata`` to the font type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation

from zzreport.writers.pptx.oxml.base import qn
from zzreport.writers.pptx.oxml.order import get_or_add

#: The part name template of an embedded face, as PowerPoint names them.
FONT_PARTNAME = "/ppt/fonts/font%d.fntdata"
#: The styles a family may embed, in schema order (CT_EmbeddedFontListEntry).
STYLES = ("regular", "bold", "italic", "boldItalic")
_R_ID = qn("r:id")


@dataclass(frozen=True)
class EmbeddedFamily:
    """One family to list: its ``p:font`` attributes and the ``r:id`` of each face's part, by style."""

    typeface: str
    panose: str  # ten bytes as 20 hex digits, "" to leave out
    pitch_family: int
    charset: str  # the schema's signed byte, e.g. "-122" for GB2312
    faces: Mapping[str, str]  # style ("regular", "bold" …) -> r:id


def add_font_part(presentation: Presentation, partname: PackURI, eot: bytes) -> str:
    """Add ``eot`` as a font part of the presentation; the ``r:id`` that relates it."""
    part = presentation.part
    font_part = Part(partname, CT.X_FONTDATA, part.package, eot)
    return part.relate_to(font_part, RT.FONT)


def remove_embedded_fonts(presentation: Presentation, typefaces: set[str]) -> None:
    """Drop the list's entries for ``typefaces`` and the relationships of their faces (a template's own).

    A template that embeds the deck's own family carries a subset of its
    sample text: the deck replaces it rather than list the family twice.
    The parts, no longer related, are not saved, so the deck's own take
    their names. With no entry left, the list and ``embedTrueTypeFonts``
    go too.
    """
    root = presentation.element
    font_list = root.find(qn("p:embeddedFontLst"))
    if font_list is None:
        return
    for entry in font_list.findall(qn("p:embeddedFont")):
        font = entry.find(qn("p:font"))
        if font is None or font.get("typeface") not in typefaces:
            continue
        rids = [face.get(_R_ID) for face in entry if face.get(_R_ID)]
        font_list.remove(entry)
        for rid in rids:
            if rid:
                presentation.part.drop_rel(rid)
    if len(font_list) == 0:
        root.remove(font_list)
        root.attrib.pop("embedTrueTypeFonts", None)


def set_embedded_fonts(presentation: Presentation, families: Sequence[EmbeddedFamily], *, subset: bool) -> None:
    """List ``families`` in ``p:embeddedFontLst``, after the entries a template keeps.

    The caller removes a template's entries for the same typefaces first
    (:func:`remove_embedded_fonts`, before adding the parts, so that they
    take the freed names). With no family given nothing is added;
    ``embedTrueTypeFonts`` and ``saveSubsetFonts`` are set only when a
    family is listed.
    """
    if not families:
        return
    root = presentation.element
    font_list = get_or_add(root, "p:embeddedFontLst")
    for family in families:
        entry = etree.SubElement(font_list, qn("p:embeddedFont"))
        font = etree.SubElement(entry, qn("p:font"), typeface=family.typeface)
        if family.panose:
            font.set("panose", family.panose)
        font.set("pitchFamily", str(family.pitch_family))
        font.set("charset", family.charset)
        for style in STYLES:
            rid = family.faces.get(style)
            if rid:
                etree.SubElement(entry, qn(f"p:{style}"), {_R_ID: rid})
    root.set("embedTrueTypeFonts", "1")
    if subset:
        root.set("saveSubsetFonts", "1")
    elif "saveSubsetFonts" in root.attrib:
        del root.attrib["saveSubsetFonts"]


def embedded_font_list(presentation: Presentation) -> etree._Element | None:
    """The presentation's ``p:embeddedFontLst`` (None when it embeds no font)."""
    return presentation.element.find(qn("p:embeddedFontLst"))


#: Attributes whose values a reader sees as text: a chart's number format (its literal 万, %, 亿元) and a
#: bullet's character.
_SHOWN_ATTRIBUTES = ("formatCode", "char")


def deck_characters(presentation: Presentation) -> set[str]:
    """Every character the deck's slides, layouts, masters, notes and charts hold as text.

    Text runs and fields, table cells, chart titles, category names, series
    names and cached values, number format codes (a label's 万 comes from
    its code, not from a run) and bullet characters: all of what PowerPoint
    may draw in the deck's fonts, read from the finished XML rather than
    from the spec, so nothing a writer adds (continued titles, slide
    numbers, labels) is missed. Control characters are left out.
    """
    chars: set[str] = set()
    for part in presentation.part.package.iter_parts():
        if not isinstance(part, XmlPart) or not str(part.partname).startswith("/ppt/"):
            continue
        for text in _SHOWN_TEXT(part._element):
            chars.update(text)
    return {char for char in chars if char.isprintable() or char == " "}


#: Each element's own text (a text node with no node before it: an element's ``.text``, not a tail, never a
#: comment's) and the values of :data:`_SHOWN_ATTRIBUTES`, in one compiled XPath: the walk runs in libxml2
#: instead of a Python loop over every element of every part (a slice of ``benchmarks/batch.py``: about 1.2 ms of
#: CPU instead of 7 ms, warm worker, 20 slices, two runs at load 2.5-3).
_SHOWN_TEXT = etree.XPath(
    "descendant-or-self::*/text()[not(preceding-sibling::node())]"
    + "".join(f" | descendant-or-self::*/@{name}" for name in _SHOWN_ATTRIBUTES),
    smart_strings=False,
)

__all__ = [
    "FONT_PARTNAME",
    "STYLES",
    "EmbeddedFamily",
    "add_font_part",
    "deck_characters",
    "embedded_font_list",
    "remove_embedded_fonts",
    "set_embedded_fonts",
]
