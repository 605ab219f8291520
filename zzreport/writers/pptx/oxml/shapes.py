"""Shape XML: alt text, removal, and the deck's flat fill (solid colour, no outline, no shadow)."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Length

from zzreport.writers.pptx.oxml.base import found, qn, srgb
from zzreport.writers.pptx.oxml.order import insert

_FILL_CLARK = frozenset(
    qn(t) for t in ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
)
_LINE_AND_EFFECTS = frozenset(qn(t) for t in ("a:ln", "a:effectLst", "a:effectDag"))


def set_descr(shape: BaseShape, text: str, title: str | None = None) -> None:
    """Alt text: ``descr`` (and ``title``) on the shape's ``p:cNvPr``, what screen readers and the Alt Text pane show.

    Works for pictures, shapes and graphic frames (charts) alike. ``title=None``
    leaves a title alone; ``""`` removes it.
    """
    cNvPr = shape.element.find("./*/" + qn("p:cNvPr"))
    if cNvPr is None:
        return
    cNvPr.set("descr", text)
    if title:
        cNvPr.set("title", title)
    elif title is not None:
        cNvPr.attrib.pop("title", None)


def remove_shape(shape: BaseShape) -> None:
    """Take ``shape`` off its slide (python-pptx has no delete)."""
    element = shape.element
    found(element.getparent(), "parent of the shape").remove(element)


def send_to_back(shape: BaseShape) -> None:
    """Move ``shape`` under every other shape of its slide (first after the tree's own properties)."""
    element = shape.element
    tree = found(element.getparent(), "parent of the shape")
    tree.remove(element)
    found(tree.find(qn("p:grpSpPr")), "p:grpSpPr").addnext(element)


def set_flat_fill(shape: Shape, color: str) -> None:
    """A solid ``color`` (``#RRGGBB``) fill, no outline, no shadow: the deck's flat shapes.

    The XML python-pptx writes for ``fill.solid()``, ``fill.fore_color.rgb``,
    ``line.fill.background()`` and ``shadow.inherit = False`` (an empty
    ``a:effectLst``), in one pass.
    """
    flat_fill(shape.element.spPr, color)


def flat_fill(spPr: etree._Element, color: str) -> None:
    """:func:`set_flat_fill` on a ``p:spPr`` (a shape of a layout, which has no python-pptx proxy to add it)."""
    for child in list(spPr):
        if child.tag in _FILL_CLARK or child.tag in _LINE_AND_EFFECTS:
            spPr.remove(child)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=srgb(color))
    line = etree.Element(qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))
    for element in (fill, line, etree.Element(qn("a:effectLst"))):
        insert(spPr, element)


def append_chart_frame(slide: Slide, rId: str, x: Length, y: Length, cx: Length, cy: Length) -> GraphicFrame:
    """A graphic frame showing the chart related to ``slide`` as ``rId``, appended to its shapes.

    The frame python-pptx's ``add_chart`` appends: the next shape id (one
    past the highest on the slide), named "Chart N". A slide adding shapes
    in python-pptx's turbo mode (each id one past a cached highest) has its
    cache set past the frame, so the next shape does not take its id.
    """
    shapes = slide.shapes
    spTree = slide.element.cSld.spTree
    shape_id = spTree.max_shape_id + 1
    frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(shape_id, f"Chart {shape_id - 1}", rId, x, y, cx, cy)
    spTree.append(frame)
    if shapes.turbo_add_enabled:
        shapes.turbo_add_enabled = True  # re-reads the highest id: the frame's
    return GraphicFrame(frame, shapes)
