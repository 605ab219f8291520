"""The order of children in every element the deck edits, declared once, and the one insert helper.

OOXML's schemas fix the order of an element's children; PowerPoint refuses
(or "repairs") a part whose children are out of order. The DrawingML
elements (``a:``, ``c:``), which the charts share with every Office format,
are declared in :mod:`zzreport.drawingml.oxml.order`; this module adds the
deck's own PresentationML parents (``p:``) and gives the deck's XML areas
the inserts over both. :func:`insert` and :func:`get_or_add` are the only
ways a child is added by position.
"""

from __future__ import annotations

from zzreport.drawingml.oxml import order as drawing
from zzreport.drawingml.oxml.order import EFFECTS, FILLS, ChildOrder, Place

#: Each parent's children, place by place, in schema order: DrawingML's and the deck's own.
CHILD_ORDER: dict[str, tuple[Place, ...]] = {
    **drawing.CHILD_ORDER,
    "p:txBody": ("a:bodyPr", "a:lstStyle", "a:p"),
    # the presentation (CT_Presentation)
    "p:presentation": (
        "p:sldMasterIdLst",
        "p:notesMasterIdLst",
        "p:handoutMasterIdLst",
        "p:sldIdLst",
        "p:sldSz",
        "p:notesSz",
        "p:smartTags",
        "p:embeddedFontLst",
        "p:custShowLst",
        "p:photoAlbum",
        "p:custDataLst",
        "p:kinsoku",
        "p:defaultTextStyle",
        "p:modifyVerifier",
        "p:extLst",
    ),
    # shapes
    "p:spPr": ("a:xfrm", ("a:custGeom", "a:prstGeom"), FILLS, "a:ln", EFFECTS, "a:scene3d", "a:sp3d", "a:extLst"),
}

ORDER = ChildOrder(CHILD_ORDER)
insert = ORDER.insert
get_or_add = ORDER.get_or_add
add = ORDER.add
successors = ORDER.successors
