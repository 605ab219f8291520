"""The order of children in every DrawingML element edited here (``a:``, ``c:``), declared once, and the insert helpers.

OOXML's schemas fix the order of an element's children; PowerPoint refuses
(or "repairs") a part whose children are out of order. python-pptx declares
it per element class (``ZeroOrOne("a:latin", successors=...)`` in
``pptx/oxml/text.py``) and inserts every child before the first successor
present. This table does the same for the elements python-pptx has no
setter for, without registering element classes (which would change
python-pptx's behaviour for every other user in the process): each parent
lists its children's places in schema order (ECMA-376 part 1), and a tuple
is one place shared by a choice or a repeated group. :func:`insert` and
:func:`get_or_add` are the only ways a child is added by position.

A format's own writer extends the table with its own elements (the deck's
``p:`` parents) in a :class:`ChildOrder` of its own: each element's order is
still declared once, here or there.
"""

from __future__ import annotations

from lxml import etree

from zzreport.drawingml.oxml.base import qn

Place = str | tuple[str, ...]

FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")
EFFECTS = ("a:effectLst", "a:effectDag")
#: CT_Blip's effects, one choice repeated before its ``a:extLst``.
_BLIPEFFECTS = tuple(
    f"a:{name}"
    for name in [
        "alphaBiLevel",
        "alphaCeiling",
        "alphaFloor",
        "alphaInv",
        "alphaMod",
        "alphaModFix",
        "alphaRepl",
        "biLevel",
        "blur",
        "clrChange",
        "clrRepl",
        "duotone",
        "fillOverlay",
        "grayscl",
        "hsl",
        "lum",
        "tint",
    ]
)
#: CT_TextCharacterProperties: ``a:rPr``, ``a:defRPr``, ``a:endParaRPr``.
_RUN_PROPERTIES: tuple[Place, ...] = (
    "a:ln",
    FILLS,
    EFFECTS,
    "a:highlight",
    ("a:uLnTx", "a:uLn"),
    ("a:uFillTx", "a:uFill"),
    "a:latin",
    "a:ea",
    "a:cs",
    "a:sym",
    "a:hlinkClick",
    "a:hlinkMouseOver",
    "a:rtl",
    "a:extLst",
)
#: CT_TextParagraphProperties: ``a:pPr`` and a list style's ``a:lvl1pPr`` … ``a:lvl9pPr``.
_PARAGRAPH_PROPERTIES: tuple[Place, ...] = (
    "a:lnSpc",
    "a:spcBef",
    "a:spcAft",
    ("a:buClrTx", "a:buClr"),
    ("a:buSzTx", "a:buSzPct", "a:buSzPts"),
    ("a:buFontTx", "a:buFont"),
    ("a:buNone", "a:buAutoNum", "a:buChar", "a:buBlip"),
    "a:tabLst",
    "a:defRPr",
    "a:extLst",
)
#: The data-label group shared by ``c:dLbls`` and ``c:dLbl`` (Group_DLbl, Group_DLbls).
LABEL_GROUP: tuple[str, ...] = (
    "c:numFmt",
    "c:spPr",
    "c:txPr",
    "c:dLblPos",
    "c:showLegendKey",
    "c:showVal",
    "c:showCatName",
    "c:showSerName",
    "c:showPercent",
    "c:showBubbleSize",
    "c:separator",
)
_AXIS_HEAD: tuple[Place, ...] = (
    "c:axId",
    "c:scaling",
    "c:delete",
    "c:axPos",
    "c:majorGridlines",
    "c:minorGridlines",
    "c:title",
    "c:numFmt",
    "c:majorTickMark",
    "c:minorTickMark",
    "c:tickLblPos",
    "c:spPr",
    "c:txPr",
    "c:crossAx",
    ("c:crosses", "c:crossesAt"),
)
#: Chart groups ("xChart") inside ``c:plotArea``.
PLOT_TAGS = (
    "c:areaChart",
    "c:area3DChart",
    "c:lineChart",
    "c:line3DChart",
    "c:stockChart",
    "c:radarChart",
    "c:scatterChart",
    "c:pieChart",
    "c:pie3DChart",
    "c:doughnutChart",
    "c:barChart",
    "c:bar3DChart",
    "c:ofPieChart",
    "c:surfaceChart",
    "c:surface3DChart",
    "c:bubbleChart",
)
#: Axes inside ``c:plotArea`` (after every chart group).
AXIS_TAGS = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")

#: Each parent's children, place by place, in schema order.
CHILD_ORDER: dict[str, tuple[Place, ...]] = {
    # text
    "a:rPr": _RUN_PROPERTIES,
    "a:defRPr": _RUN_PROPERTIES,
    "a:endParaRPr": _RUN_PROPERTIES,
    "a:p": ("a:pPr", ("a:r", "a:br", "a:fld"), "a:endParaRPr"),
    "a:pPr": _PARAGRAPH_PROPERTIES,
    **{f"a:lvl{n}pPr": _PARAGRAPH_PROPERTIES for n in range(1, 10)},
    "a:lstStyle": ("a:defPPr", *(f"a:lvl{n}pPr" for n in range(1, 10)), "a:extLst"),
    "a:bodyPr": (
        "a:prstTxWarp",
        ("a:noAutofit", "a:normAutofit", "a:spAutoFit"),
        "a:scene3d",
        "a:sp3d",
        "a:flatTx",
        "a:extLst",
    ),
    "c:rich": ("a:bodyPr", "a:lstStyle", "a:p"),
    "c:txPr": ("a:bodyPr", "a:lstStyle", "a:p"),
    # shapes
    "a:blip": (_BLIPEFFECTS, "a:extLst"),
    # tables
    "a:tcPr": (
        "a:lnL",
        "a:lnR",
        "a:lnT",
        "a:lnB",
        "a:lnTlToBr",
        "a:lnBlToTr",
        "a:cell3D",
        FILLS,
        "a:headers",
        "a:extLst",
    ),
    "a:tblPr": (FILLS, EFFECTS, ("a:tableStyle", "a:tableStyleId"), "a:extLst"),
    # theme
    "a:majorFont": ("a:latin", "a:ea", "a:cs", "a:font", "a:extLst"),
    "a:minorFont": ("a:latin", "a:ea", "a:cs", "a:font", "a:extLst"),
    # charts
    "c:chartSpace": (
        "c:date1904",
        "c:lang",
        "c:roundedCorners",
        "c:style",
        "c:clrMapOvr",
        "c:pivotSource",
        "c:protection",
        "c:chart",
        "c:spPr",
        "c:txPr",
        "c:externalData",
        "c:printSettings",
        "c:userShapes",
        "c:extLst",
    ),
    "c:chart": (
        "c:title",
        "c:autoTitleDeleted",
        "c:pivotFmts",
        "c:view3D",
        "c:floor",
        "c:sideWall",
        "c:backWall",
        "c:plotArea",
        "c:legend",
        "c:plotVisOnly",
        "c:dispBlanksAs",
        "c:showDLblsOverMax",
        "c:extLst",
    ),
    "c:plotArea": ("c:layout", PLOT_TAGS, AXIS_TAGS, "c:dTable", "c:spPr", "c:extLst"),
    "c:title": ("c:tx", "c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"),
    "c:legend": ("c:legendPos", "c:legendEntry", "c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"),
    "c:valAx": (*_AXIS_HEAD, "c:crossBetween", "c:majorUnit", "c:minorUnit", "c:dispUnits", "c:extLst"),
    "c:catAx": (
        *_AXIS_HEAD,
        "c:auto",
        "c:lblAlgn",
        "c:lblOffset",
        "c:tickLblSkip",
        "c:tickMarkSkip",
        "c:noMultiLvlLbl",
        "c:extLst",
    ),
    "c:dLbls": ("c:dLbl", "c:delete", *LABEL_GROUP, "c:showLeaderLines", "c:leaderLines", "c:extLst"),
    "c:dLbl": ("c:idx", "c:delete", "c:layout", "c:tx", *LABEL_GROUP, "c:extLst"),
    # a line chart's series (CT_LineSer), the kind a series is inserted into or turned into
    "c:ser": (
        "c:idx",
        "c:order",
        "c:tx",
        "c:spPr",
        "c:marker",
        "c:dPt",
        "c:dLbls",
        "c:trendline",
        "c:errBars",
        "c:cat",
        "c:val",
        "c:smooth",
        "c:extLst",
    ),
    "c:barChart": (
        "c:barDir",
        "c:grouping",
        "c:varyColors",
        "c:ser",
        "c:dLbls",
        "c:gapWidth",
        "c:overlap",
        "c:serLines",
        "c:axId",
        "c:extLst",
    ),
    "c:lineChart": (
        "c:grouping",
        "c:varyColors",
        "c:ser",
        "c:dLbls",
        "c:dropLines",
        "c:hiLowLines",
        "c:upDownBars",
        "c:marker",
        "c:smooth",
        "c:axId",
        "c:extLst",
    ),
}


def _clark(place: Place) -> tuple[str, ...]:
    return (qn(place),) if isinstance(place, str) else tuple(qn(tag) for tag in place)


class ChildOrder:
    """Schema order of a table of parents (:data:`CHILD_ORDER`, or a format's extension of it) and the inserts."""

    def __init__(self, table: dict[str, tuple[Place, ...]]) -> None:
        self._order = {qn(parent): tuple(_clark(place) for place in places) for parent, places in table.items()}
        self._successors: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}

    def successors(self, parent: str, child: str) -> tuple[tuple[str, ...], ...]:
        """The places (each a tuple of tags, Clark notation) after ``child``'s place in ``parent``."""
        key = (parent, child)
        known = self._successors.get(key)
        if known is not None:
            return known
        places = self._order[parent]
        for i, place in enumerate(places):
            if child in place:
                self._successors[key] = places[i + 1 :]
                return places[i + 1 :]
        raise KeyError(f"{child} is not a child of {parent} in the declared order")

    def insert(self, parent: etree._Element, child: etree._Element) -> etree._Element:
        """Put ``child`` in ``parent`` in schema order: before the first child of a later place, else last.

        A place shared by several tags (``a:r``, ``a:br``, ``a:fld`` in a
        paragraph) is searched as one, so a child goes before the first of them
        whichever comes first.
        """
        for place in self.successors(str(parent.tag), str(child.tag)):
            follower = next(parent.iterchildren(*place), None)
            if follower is not None:
                follower.addprevious(child)
                return child
        parent.append(child)
        return child

    def get_or_add(self, parent: etree._Element, tag: str) -> etree._Element:
        """The child ``tag`` (``"a:latin"``) of ``parent``, added in schema order when missing."""
        child = parent.find(qn(tag))
        if child is None:
            child = self.insert(parent, etree.Element(qn(tag)))
        return child

    def add(self, parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
        """A new child ``tag`` of ``parent`` with ``attributes``, in schema order."""
        return self.insert(parent, etree.Element(qn(tag), attributes))


#: The DrawingML order the shared chart and text code inserts by.
ORDER = ChildOrder(CHILD_ORDER)
insert = ORDER.insert
get_or_add = ORDER.get_or_add
add = ORDER.add
