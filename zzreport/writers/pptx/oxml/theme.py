"""Theme and presentation XML: the theme's fonts (with ``a:ea``) and colours, the slide size's type.

python-pptx keeps a theme as plain bytes (no element class), so the writer
parses it, sets fonts and colours here and hands the bytes back through the
part's public ``blob``.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.package import Part
from pptx.presentation import Presentation

from zzreport.drawingml.oxml.text import set_ea_typeface
from zzreport.writers.pptx.oxml.base import parse_xml, qn, serialize_xml, srgb
from zzreport.writers.pptx.oxml.order import get_or_add


def set_theme(part: Part, typeface: str, colors: dict[str, str] | None) -> None:
    """Write ``typeface`` (and ``colors``, unless None) into a master's theme part.

    ``colors=None`` is a corporate template's theme: its own colours and
    fonts stay, and only an empty ``a:ea`` gets ``typeface``
    (:func:`set_theme_fonts` with ``only_empty_ea``).
    """
    root = parse_xml(part.blob)
    set_theme_fonts(root, typeface, typeface, typeface, only_empty_ea=colors is None)
    if colors is not None:
        set_theme_colors(root, colors)
    part.blob = serialize_xml(root)


def set_theme_fonts(theme: etree._Element, major: str, minor: str, ea: str, *, only_empty_ea: bool = False) -> None:
    """Set the theme's major/minor ``a:latin`` and ``a:ea`` typefaces.

    python-pptx's default theme leaves ``a:ea`` empty, and LibreOffice then
    draws Chinese with a Japanese face. With ``only_empty_ea`` (corporate
    templates) the template's own choices are kept and only empty ``a:ea``
    are filled.
    """
    for kind, latin_face in (("a:majorFont", major), ("a:minorFont", minor)):
        font = theme.find(f".//{qn('a:fontScheme')}/{qn(kind)}")
        if font is None:
            continue
        latin = get_or_add(font, "a:latin")
        if not only_empty_ea:
            latin.set("typeface", latin_face)
        east = get_or_add(font, "a:ea")
        if not only_empty_ea or not east.get("typeface"):
            set_ea_typeface(east, ea)
        for script in font.findall(qn("a:font")):
            if script.get("script") == "Hans" and (not only_empty_ea or not script.get("typeface")):
                script.set("typeface", ea)


def set_theme_colors(theme: etree._Element, colors: dict[str, str]) -> None:
    """Replace colour-scheme slots (``dk1``, ``lt1``, ``accent1`` …) with ``#RRGGBB`` values."""
    scheme = theme.find(f".//{qn('a:clrScheme')}")
    if scheme is None:
        return
    scheme.set("name", "zzreport")
    for slot, value in colors.items():
        element = scheme.find(qn(f"a:{slot}"))
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr"), val=srgb(value))


def set_custom_slide_size(presentation: Presentation) -> None:
    """Drop ``p:sldSz/@type``: python-pptx's default says ``screen4x3`` even after a resize to 16:9.

    Without the attribute the size is "custom", which is what PowerPoint
    itself writes for 13.333" × 7.5".
    """
    size = presentation.element.find(qn("p:sldSz"))
    if size is not None:
        size.attrib.pop("type", None)
