"""Master and layout XML: layout names, a layout's own flat shapes, list styles, the master's text styles.

python-pptx reads masters and layouts but adds nothing to them: no shapes,
no names, no text styles. Our master is python-pptx's default one rewritten
(see :mod:`zzreport.writers.pptx.master` for what it looks like); these are
the edits it needs that have no public API.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.base import BaseShape
from pptx.slide import SlideLayout, SlideMaster

from zzreport.writers.pptx.oxml.base import found, qn, srgb
from zzreport.writers.pptx.oxml.order import add, get_or_add
from zzreport.writers.pptx.oxml.shapes import flat_fill

_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}


def set_layout_name(layout: SlideLayout, name: str) -> None:
    """The name PowerPoint's New Slide gallery shows (``p:cSld/@name``); python-pptx's ``name`` is read-only."""
    layout.element.cSld.set("name", name)


def add_layout_rect(layout: SlideLayout, box: tuple[int, int, int, int], color: str, name: str) -> None:
    """A flat ``color`` rectangle at ``box`` (left, top, width, height) on ``layout``, behind its placeholders.

    The same ``p:sp`` a slide's flat shape is (python-pptx's auto shape, solid
    fill, no outline, no shadow): every slide made from the layout shows it,
    and PowerPoint keeps it out of the slide's editable shapes.
    """
    spTree = layout.element.cSld.spTree
    sp = CT_Shape.new_autoshape_sp(spTree.max_shape_id + 1, name, "rect", *box)
    flat_fill(sp.spPr, color)
    found(spTree.find(qn("p:grpSpPr")), "p:grpSpPr").addnext(sp)  # first in z-order: under the placeholders


def set_list_style(
    shape: BaseShape,
    *,
    size: float,
    color: str,
    bold: bool = False,
    align: str = "left",
    anchor: str | None = None,
    lang: str = "",
) -> None:
    """A layout or master placeholder's first-level text style: what a user's typed text looks like.

    Writes ``a:lstStyle/a:lvl1pPr`` (alignment, no bullet, size, weight,
    ``#RRGGBB`` colour) and, when given, the text's vertical ``anchor``.
    """
    txBody = found(shape.element.find(qn("p:txBody")), "p:txBody")
    if anchor is not None:
        found(txBody.find(qn("a:bodyPr")), "a:bodyPr").set("anchor", _ANCHORS[anchor])
    style = get_or_add(txBody, "a:lstStyle")
    for old in style.findall(qn("a:lvl1pPr")):
        style.remove(old)
    level = add(style, "a:lvl1pPr", marL="0", indent="0", algn=_ALIGN[align])
    add(level, "a:buNone")
    run = add(level, "a:defRPr", sz=str(round(size * 100)), b="1" if bold else "0")
    if lang:
        run.set("lang", lang)
    fill = add(run, "a:solidFill")
    etree.SubElement(fill, qn("a:srgbClr"), val=srgb(color))


def set_level_sizes(shape: BaseShape, sizes: Sequence[float]) -> None:
    """A layout's body placeholder's text size per outline level, replacing its own list style.

    python-pptx's Two Content sets 28/24/20 pt of its own, and LibreOffice
    draws a layout's content placeholder at its own default size unless the
    layout states one: each ``a:lvlNpPr/a:defRPr/@sz`` is written here.
    """
    txBody = found(shape.element.find(qn("p:txBody")), "p:txBody")
    style = get_or_add(txBody, "a:lstStyle")
    for child in list(style):
        style.remove(child)
    for n, size in enumerate(sizes, start=1):
        add(add(style, f"a:lvl{n}pPr"), "a:defRPr", sz=str(round(size * 100)))


def set_master_text_styles(
    master: SlideMaster, *, title_size: float, body_sizes: Sequence[float], lang: str, bullet_color: str
) -> None:
    """The master's title and body styles (``p:txStyles``): left-aligned bold titles, body sizes per level.

    East Asian line breaking (``eaLnBrk``, ``hangingPunct``) stays on, the
    fonts stay the theme's (``+mj-ea``, ``+mn-ea``, set by the theme), and
    ``lang`` marks new text as the report's language, so text a user types on
    a new slide breaks as Chinese does.
    """
    styles = found(master.element.find(qn("p:txStyles")), "p:txStyles")
    title = found(styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}"), "a:titleStyle/a:lvl1pPr")
    title.set("algn", "l")
    title_run = found(title.find(qn("a:defRPr")), "a:defRPr")
    title_run.set("sz", str(round(title_size * 100)))
    title_run.set("b", "1")
    title_run.set("lang", lang)
    body = found(styles.find(qn("p:bodyStyle")), "p:bodyStyle")
    for n in range(1, 10):
        level = body.find(qn(f"a:lvl{n}pPr"))
        if level is None:
            continue
        level.set("eaLnBrk", "1")
        level.set("hangingPunct", "1")
        size = body_sizes[min(n, len(body_sizes)) - 1]
        run = found(level.find(qn("a:defRPr")), "a:defRPr")
        run.set("sz", str(round(size * 100)))
        run.set("lang", lang)
        if n == 1:
            colour = get_or_add(level, "a:buClr")
            for child in list(colour):
                colour.remove(child)
            etree.SubElement(colour, qn("a:srgbClr"), val=srgb(bullet_color))
