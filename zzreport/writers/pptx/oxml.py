"""Every raw-XML operation of the deck writer and its charts, as named helpers.

python-pptx covers most of DrawingML, but not East Asian typefaces (``a:ea``),
CJK line-breaking flags, theme fonts and colours, ``descr`` alt text, slide
number fields, bullets, table borders, combo charts, chart layout or
reproducible packaging. Keeping those pokes here (as python-pptx keeps its own
in ``oxml/``) means the rest of the writer only talks to python-pptx's typed
API and to these names, and each poke exists once: the deck's runs and the
charts' text get the same ``a:ea`` with the same fallback hints, and the deck
and its embedded workbooks are normalised by the same zip code.

Why the chart helpers exist:

* :func:`set_east_asian_font` / :func:`set_text_frame_east_asian` /
  :func:`apply_east_asian_everywhere` — ``Font.name`` writes only ``a:latin``;
  Chinese characters are drawn with the ``a:ea`` typeface, and East Asian line
  breaking needs ``lang="zh-CN"`` (python-pptx #720, #768).
* :func:`make_combo` — python-pptx has no combo chart or secondary axis
  (python-pptx #141, #338).
* :func:`set_axis_title_horizontal` / :func:`set_title_position` /
  :func:`set_plot_area_layout` — python-pptx has no text rotation for axis
  titles (PowerPoint turns a vertical axis' title 90°, so Chinese reads
  sideways) and no manual layout for titles or the plot area.
* :func:`set_data_labels_fill` — python-pptx cannot fill a data-label box
  (a line's labels over columns need a background to stay readable).

Sections: shared helpers; text and runs; paragraphs and bullets; tables;
theme and presentation; charts; reproducible packages.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence

from lxml import etree
from pptx.chart.axis import CategoryAxis, ValueAxis
from pptx.chart.chart import Chart
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.oxml import parse_xml as _parse_oxml
from pptx.oxml.ns import nsdecls
from pptx.oxml.ns import qn as _pptx_qn
from pptx.parts.chart import ChartPart
from pptx.presentation import Presentation
from pptx.text.text import Font, TextFrame

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NSMAP = {"a": A_NS, "p": P_NS}

#: Children of ``a:rPr``/``a:defRPr``/``a:endParaRPr`` (CT_TextCharacterProperties), in schema order.
_RPR_ORDER = (
    "a:ln",
    "a:noFill",
    "a:solidFill",
    "a:gradFill",
    "a:blipFill",
    "a:pattFill",
    "a:grpFill",
    "a:effectLst",
    "a:effectDag",
    "a:highlight",
    "a:uLnTx",
    "a:uLn",
    "a:uFillTx",
    "a:uFill",
    "a:latin",
    "a:ea",
    "a:cs",
    "a:sym",
    "a:hlinkClick",
    "a:hlinkMouseOver",
    "a:rtl",
    "a:extLst",
)
#: Children of ``a:pPr`` that must come after the bullet elements.
_AFTER_BULLET = ("a:tabLst", "a:defRPr", "a:extLst")
#: Children of ``a:tcPr`` in schema order (borders first, then the fill).
_TCPR_ORDER = ("a:lnL", "a:lnR", "a:lnT", "a:lnB", "a:lnTlToBr", "a:lnBlToTr", "a:cell3D")
_TCPR_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")

#: ``"a:p"`` → ``"{namespace}p"``, computed once per tag: the deck writes tens of thousands of elements.
qn = functools.cache(_pptx_qn)

_CJK_RE = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


# --------------------------------------------------------------------------- shared helpers


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han character or CJK punctuation (needs ``a:ea`` and ``zh-CN``)."""
    return bool(_CJK_RE.search(text))


def _after(order: Sequence[str], tag: str) -> tuple[str, ...]:
    """The tags a schema sequence ``order`` puts after ``tag`` (where a new ``tag`` must go before)."""
    return tuple(order[order.index(tag) + 1 :])


def _found(element: etree._Element | None, what: str) -> etree._Element:
    """``element``, which python-pptx always writes: a part without it is broken, not a case to carry on with."""
    if element is None:
        raise ValueError(f"the part's XML has no {what}")
    return element


def _attr(element: etree._Element, name: str) -> str:
    """The attribute ``name`` of ``element``, which its schema requires."""
    value = element.get(name)
    if value is None:
        raise ValueError(f"<{etree.QName(element).localname}> has no {name!r}")
    return value


def _insert_before(parent: etree._Element, child: etree._Element, successors: Iterable[str]) -> None:
    """Insert ``child`` before the first present tag of ``successors``, else last: keeps schema order."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _get_or_insert(parent: etree._Element, tag: str, successors: Iterable[str]) -> etree._Element:
    """The child ``tag`` of ``parent``, created in schema order (before ``successors``) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = etree.SubElement(parent, qn(tag))
        parent.remove(found)
        _insert_before(parent, found, successors)
    return found


def parse_xml(blob: bytes) -> etree._Element:
    return etree.fromstring(blob)


def serialize_xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_descr(shape_element: etree._Element, text: str, title: str | None = None) -> None:
    """Alt text: ``descr`` (and ``title``) on the shape's ``p:cNvPr``, what screen readers and the Alt Text pane show.

    Works for pictures, shapes and graphic frames (charts) alike. ``title=None``
    leaves a title alone; ``""`` removes it.
    """
    cNvPr = shape_element.find("./*/" + qn("p:cNvPr"))
    if cNvPr is None:
        return
    cNvPr.set("descr", text)
    if title:
        cNvPr.set("title", title)
    elif title is not None:
        cNvPr.attrib.pop("title", None)


def remove_shape(shape_element: etree._Element) -> None:
    _found(shape_element.getparent(), "parent of the shape").remove(shape_element)


# --------------------------------------------------------------------------- text and runs


def set_run_fonts(rPr: etree._Element, typeface: str, lang: str) -> None:
    """Set ``a:latin`` and ``a:ea`` to ``typeface`` (in schema order) and the run language.

    ``font.name`` in python-pptx writes only ``a:latin``; Chinese characters are
    drawn with ``a:ea``, and without it LibreOffice picks a Japanese face. Used
    for slide runs and chart text alike (any ``a:rPr``/``a:defRPr``/``a:endParaRPr``).
    """
    rPr.set("lang", lang)
    if lang.lower().startswith("zh"):
        rPr.set("altLang", "en-US")
    latin = _get_or_insert(rPr, "a:latin", _after(_RPR_ORDER, "a:latin"))
    latin.set("typeface", typeface)
    set_run_east_asian(rPr, typeface)


#: PANOSE-1 numbers (OS/2 table) of the faces we ship, for font substitution.
_PANOSE = {"Noto Sans SC": "020B0200000000000000"}
#: ``charset`` of a Simplified Chinese face: GB2312 (134) as the schema's signed byte.
GB2312_CHARSET = "-122"


def set_ea_typeface(ea: etree._Element, typeface: str) -> None:
    """``typeface`` plus the hints PowerPoint uses when that face is not installed.

    CT_TextFont's ``charset`` (GB2312), ``pitchFamily`` (variable pitch, sans
    0x22 or roman 0x12) and ``panose`` let PowerPoint on Windows or a Mac pick
    a Simplified Chinese substitute (微软雅黑, 苹方) instead of a Japanese face.
    """
    ea.set("typeface", typeface)
    panose = _PANOSE.get(typeface)
    if panose:
        ea.set("panose", panose)
    ea.set("pitchFamily", "18" if "serif" in typeface.lower().replace("sans", "") else "34")
    ea.set("charset", GB2312_CHARSET)


def set_run_east_asian(rPr: etree._Element, typeface: str) -> None:
    """Insert or update ``a:ea`` before ``a:cs``/``a:sym``/``a:hlinkClick``…"""
    ea = _get_or_insert(rPr, "a:ea", _after(_RPR_ORDER, "a:ea"))
    set_ea_typeface(ea, typeface)


def add_slide_number_field(paragraph: etree._Element, number: int, seed: str) -> etree._Element:
    """Append ``<a:fld type="slidenum">`` showing ``number``; returns its ``a:rPr`` to style.

    The field id is derived from ``seed`` so the bytes are reproducible.
    PowerPoint and LibreOffice replace the text with the live slide number.
    """
    field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"zzreport:{seed}")).upper() + "}"
    fld = etree.Element(qn("a:fld"), id=field_id, type="slidenum")
    rPr = etree.SubElement(fld, qn("a:rPr"), lang="en-US")
    etree.SubElement(fld, qn("a:t")).text = str(number)
    _insert_before(paragraph, fld, ("a:endParaRPr",))
    return rPr


# --------------------------------------------------------------------------- paragraphs and bullets


def set_paragraph_cjk_breaking(pPr: etree._Element) -> None:
    """Break lines between any two Han characters and hang closing punctuation, as Chinese text expects."""
    pPr.set("eaLnBrk", "1")
    pPr.set("hangingPunct", "1")
    pPr.set("latinLnBrk", "0")


def set_bullet(pPr: etree._Element, char: str, typeface: str, color: str, margin: int, indent: int) -> None:
    """A hanging bullet ``char`` (colour ``#RRGGBB``) with the text starting ``margin`` EMU in."""
    pPr.set("marL", str(margin))
    pPr.set("indent", str(-indent))
    for tag in ("a:buClrTx", "a:buClr", "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar"):
        for old in pPr.findall(qn(tag)):
            pPr.remove(old)
    clr = etree.SubElement(pPr, qn("a:buClr"))
    pPr.remove(clr)
    etree.SubElement(clr, qn("a:srgbClr"), val=color.lstrip("#").upper())
    font = etree.Element(qn("a:buFont"), typeface=typeface)
    bullet = etree.Element(qn("a:buChar"), char=char)
    for element in (clr, font, bullet):
        _insert_before(pPr, element, _AFTER_BULLET)


def set_no_bullet(pPr: etree._Element) -> None:
    """Explicitly no bullet, so a template's body style cannot add one."""
    if pPr.find(qn("a:buNone")) is None:
        _insert_before(pPr, etree.Element(qn("a:buNone")), _AFTER_BULLET)


_SPACING_TAGS = ("a:lnSpc", "a:spcBef", "a:spcAft")
_CONTENT_TAGS = ("a:r", "a:br", "a:fld")
_SPACING_CLARK = frozenset(qn(t) for t in _SPACING_TAGS)
_CONTENT_CLARK = frozenset(qn(t) for t in _CONTENT_TAGS)
_CTRL_RE = re.compile(r"([\x00-\x08\x0B-\x1F])")


def clear_paragraphs(txBody: etree._Element) -> etree._Element:
    """Empty a text body the way python-pptx's ``TextFrame.clear()`` does; returns the first ``a:p``.

    Every paragraph but the first goes; the first loses its runs, breaks and
    fields but keeps its ``a:pPr`` and ``a:endParaRPr`` (a placeholder's own
    paragraph settings survive).
    """
    paragraphs = txBody.findall(qn("a:p"))
    if not paragraphs:
        return etree.SubElement(txBody, qn("a:p"))
    for extra in paragraphs[1:]:
        txBody.remove(extra)
    first = paragraphs[0]
    for child in list(first):
        if child.tag in _CONTENT_CLARK:
            first.remove(child)
    return first


def is_blank_paragraph(paragraph: etree._Element) -> bool:
    """An ``a:p`` with no attributes and no children (python-pptx's new text frames hold one)."""
    return len(paragraph) == 0 and not paragraph.attrib


def new_paragraph() -> etree._Element:
    """A detached, empty ``a:p``."""
    return etree.Element(qn("a:p"))


def _spacing(tag: str, points: float) -> etree._Element:
    """``a:lnSpc``/``a:spcBef``/``a:spcAft`` of exactly ``points`` (centipoints rounded as python-pptx does)."""
    element = etree.Element(qn(tag))
    etree.SubElement(element, qn("a:spcPts"), val=str(int(points * 12700) // 127))
    return element


def format_paragraph(
    paragraph: etree._Element, *, align: str, pitch: float, space_before: float, right_margin: int
) -> etree._Element:
    """Alignment (``l``/``ctr``/``r``/``just``), an exact line pitch and spacing (points), CJK breaking, ``marR``.

    Returns the paragraph's ``a:pPr`` for the bullet settings. Any spacing the
    paragraph had is replaced; everything else in an existing ``a:pPr`` stays.
    """
    pPr = paragraph.find(qn("a:pPr"))
    if pPr is None:
        pPr = etree.Element(qn("a:pPr"))
        paragraph.insert(0, pPr)
    pPr.set("algn", align)
    set_paragraph_cjk_breaking(pPr)
    # Always explicit: LibreOffice carries an unset marR over from the previous paragraph.
    pPr.set("marR", str(right_margin))
    for child in list(pPr):
        if child.tag in _SPACING_CLARK:
            pPr.remove(child)
    for index, (tag, points) in enumerate(zip(_SPACING_TAGS, (pitch, space_before, 0.0), strict=True)):
        pPr.insert(index, _spacing(tag, points))
    return pPr


def append_run(paragraph: etree._Element, text: str, rPr: etree._Element) -> None:
    """Append ``<a:r>`` with properties ``rPr`` and ``text`` (control characters escaped as python-pptx does)."""
    run = etree.Element(qn("a:r"))
    run.append(rPr)
    etree.SubElement(run, qn("a:t")).text = _CTRL_RE.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    _insert_before(paragraph, run, ("a:endParaRPr",))


def append_line_break(paragraph: etree._Element, rPr: etree._Element) -> None:
    """Append ``<a:br>`` (PowerPoint's Shift+Enter) carrying ``rPr``.

    The deck writes the lines its breaker measured, so the renderer never has
    to choose a break; the break carries the run's size and fonts so an empty
    line's height matches its neighbours in every renderer.
    """
    br = etree.Element(qn("a:br"))
    br.append(rPr)
    _insert_before(paragraph, br, ("a:endParaRPr",))


def end_paragraph_properties(paragraph: etree._Element) -> etree._Element:
    """The paragraph's ``a:endParaRPr`` (last child), created when missing."""
    end = paragraph.find(qn("a:endParaRPr"))
    if end is None:
        end = etree.SubElement(paragraph, qn("a:endParaRPr"))
    return end


_AUTOFIT_TAGS = frozenset(qn(t) for t in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"))
#: ``a:bodyPr`` inset attributes and their schema defaults (a default is written by leaving it out).
_INSET_DEFAULTS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}


def set_body_properties(bodyPr: etree._Element, *, anchor: str, inset_x: int, inset_y: int) -> None:
    """Wrap at the shape's width, never autofit (the writer fits text itself), fixed insets, ``anchor``.

    The same XML python-pptx writes for ``word_wrap``, ``auto_size = NONE``,
    the four margins and ``vertical_anchor``, without its per-property lookups.
    """
    bodyPr.set("wrap", "square")
    for child in list(bodyPr):
        if child.tag in _AUTOFIT_TAGS:
            bodyPr.remove(child)
    warp = bodyPr.find(qn("a:prstTxWarp"))
    no_autofit = etree.Element(qn("a:noAutofit"))
    if warp is None:
        bodyPr.insert(0, no_autofit)
    else:
        warp.addnext(no_autofit)
    for (name, default), value in zip(_INSET_DEFAULTS, (inset_x, inset_x, inset_y, inset_y), strict=True):
        if value == default:
            bodyPr.attrib.pop(name, None)
        else:
            bodyPr.set(name, str(value))
    bodyPr.set("anchor", _ANCHORS[anchor])


def new_run_properties(line_break: bool = False) -> etree._Element:
    """A detached ``a:rPr``: a line break's starts with ``lang="zh-CN"`` (see :func:`append_line_break`)."""
    return etree.Element(qn("a:rPr"), lang="zh-CN") if line_break else etree.Element(qn("a:rPr"))


_FILL_TAGS = frozenset(qn(t) for t in _TCPR_FILLS)
_GEOMETRY_TAGS = frozenset(qn(t) for t in ("a:xfrm", "a:custGeom", "a:prstGeom"))


def set_flat_fill(spPr: etree._Element, color: str) -> None:
    """A solid ``color`` (``#RRGGBB``) fill, no outline, no shadow: the deck's flat shapes.

    The XML python-pptx writes for ``fill.solid()``, ``fill.fore_color.rgb``,
    ``line.fill.background()`` and ``shadow.inherit = False`` (an empty
    ``a:effectLst``), in one pass.
    """
    for child in list(spPr):
        if child.tag in _FILL_TAGS or child.tag in (qn("a:ln"), qn("a:effectLst"), qn("a:effectDag")):
            spPr.remove(child)
    position = sum(1 for child in spPr if child.tag in _GEOMETRY_TAGS)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())
    line = etree.Element(qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))
    for offset, element in enumerate((fill, line, etree.Element(qn("a:effectLst")))):
        spPr.insert(position + offset, element)


# --------------------------------------------------------------------------- tables


def set_cell_border(tcPr: etree._Element, side: str, width: int, color: str | None) -> None:
    """A border on one side (``L``, ``R``, ``T``, ``B``) of a table cell; ``color=None`` removes it."""
    tag = f"a:ln{side}"
    for old in tcPr.findall(qn(tag)):
        tcPr.remove(old)
    line = etree.Element(qn(tag), w=str(width if color else 0), cap="flat", cmpd="sng", algn="ctr")
    if color:
        fill = etree.SubElement(line, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=color.lstrip("#").upper())
        etree.SubElement(line, qn("a:prstDash"), val="solid")
    else:
        etree.SubElement(line, qn("a:noFill"))
    index = _TCPR_ORDER.index(tag)
    _insert_before(tcPr, line, (*_TCPR_ORDER[index + 1 :], *_TCPR_FILLS, "a:headers", "a:extLst"))


def set_table_style_none(tbl: etree._Element) -> None:
    """Use the "No Style, No Grid" table style so only the fills and borders we set are drawn."""
    tblPr = tbl.find(qn("a:tblPr"))
    if tblPr is None:
        return
    for attr in ("bandRow", "bandCol", "lastRow", "lastCol", "firstCol"):
        tblPr.attrib.pop(attr, None)
    tblPr.set("firstRow", "1")
    style = tblPr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tblPr, qn("a:tableStyleId"))
    style.text = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


# --------------------------------------------------------------------------- theme and presentation


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
        latin = font.find(qn("a:latin"))
        if latin is None:
            latin = etree.Element(qn("a:latin"))
            font.insert(0, latin)
        if not only_empty_ea:
            latin.set("typeface", latin_face)
        east = font.find(qn("a:ea"))
        if east is None:
            east = etree.Element(qn("a:ea"))
            latin.addnext(east)
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
        etree.SubElement(element, qn("a:srgbClr"), val=value.lstrip("#").upper())


def slide_id_list(presentation_element: etree._Element) -> etree._Element:
    return _found(presentation_element.find(qn("p:sldIdLst")), "p:sldIdLst")


def remove_all_slides(presentation) -> int:
    """Delete every slide properly: drop the relationship and the ``p:sldId``.

    Dropping the relationship makes the slide part unreachable, so it is not
    written at all (python-pptx saves only reachable parts).
    """
    id_list = slide_id_list(presentation.part._element)
    removed = 0
    for sld_id in list(id_list):
        presentation.part.drop_rel(sld_id.get(qn("r:id")))
        id_list.remove(sld_id)
        removed += 1
    return removed


def set_layout_name(layout_element: etree._Element, name: str) -> None:
    """Rename a layout (``p:cSld/@name``), e.g. to build a Chinese test template."""
    _found(layout_element.find(qn("p:cSld")), "p:cSld").set("name", name)


def set_custom_slide_size(presentation_element: etree._Element) -> None:
    """Drop ``p:sldSz/@type``: python-pptx's default says ``screen4x3`` even after a resize to 16:9.

    Without the attribute the size is "custom", which is what PowerPoint
    itself writes for 13.333" × 7.5".
    """
    size = presentation_element.find(qn("p:sldSz"))
    if size is not None:
        size.attrib.pop("type", None)


# --------------------------------------------------------------------------- charts

#: Elements that may follow an axis (and so come after the last one) inside ``c:plotArea``.
_AXIS_TAGS = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")
#: Chart-group elements ("xChart") inside ``c:plotArea``.
_PLOT_TAGS = (
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
#: Series children a bar series has but a line series must not (CT_BarSer vs CT_LineSer).
_BAR_ONLY_SER_TAGS = ("c:invertIfNegative", "c:pictureOptions", "c:shape")
#: Axis ids of the secondary axes added by :func:`make_combo` (any unsigned ints unused in the chart).
SECONDARY_CAT_AX_ID = 500_100_001
SECONDARY_VAL_AX_ID = 500_100_002


def set_east_asian_font(font: Font, typeface: str, lang: str = "zh-CN") -> None:
    """Set ``a:latin`` + ``a:ea`` and the language on a python-pptx :class:`Font` (via :func:`set_run_fonts`).

    Works for every ``Font`` a chart hands out (``chart.font``,
    ``tick_labels.font``, ``legend.font``, ``data_labels.font``, ``run.font``):
    each wraps a ``defRPr``/``rPr`` inside the right ``c:txPr``/``c:rich``.
    """
    set_run_fonts(font._rPr, typeface, lang)


def set_text_frame_east_asian(text_frame: TextFrame, typeface: str, lang: str = "zh-CN") -> None:
    """East Asian font on every paragraph default and run of a text frame (chart and axis titles).

    Titles are ``c:rich`` bodies; PowerPoint reads the run's ``a:rPr`` first,
    then the paragraph's ``a:defRPr``, so both carry the typeface.
    """
    for paragraph in text_frame.paragraphs:
        p = paragraph._p
        set_run_fonts(p.get_or_add_pPr().get_or_add_defRPr(), typeface, lang)
        for run in p.r_lst:
            set_run_fonts(run.get_or_add_rPr(), typeface, lang)
        end = p.find(qn("a:endParaRPr"))
        if end is not None:
            set_run_fonts(end, typeface, lang)


def text_property_elements(chart: Chart) -> list[etree._Element]:
    """Every character-properties element of a chart's text (``c:txPr`` and ``c:rich`` bodies)."""
    space = chart._chartSpace
    out: list[etree._Element] = []
    for body in space.iter(qn("c:txPr"), qn("c:rich")):
        out.extend(body.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")))
    return out


def apply_east_asian_everywhere(chart: Chart, typeface: str, lang: str = "zh-CN") -> None:
    """Sweep the whole chart so no text body is left with only ``a:latin`` (a safety net after styling)."""
    for rpr in text_property_elements(chart):
        set_run_fonts(rpr, typeface, lang)


def _plot_area(chart: Chart) -> etree._Element:
    return chart._chartSpace.chart.plotArea


def _ax_ids(plot: etree._Element) -> list[str]:
    return [_attr(ax, "val") for ax in plot.findall(qn("c:axId"))]


def _new_plot(tag: str, ax_ids: Sequence[str | int], bar_template: etree._Element | None) -> etree._Element:
    """An empty ``c:barChart`` (copying the template's direction/grouping/gap) or ``c:lineChart``."""
    if tag == "c:barChart":
        assert bar_template is not None
        plot = _parse_oxml(f"<c:barChart {nsdecls('c')}/>")
        for child in bar_template:
            if child.tag in (qn("c:barDir"), qn("c:grouping"), qn("c:varyColors")):
                plot.append(etree.fromstring(etree.tostring(child)))
        for name in ("c:gapWidth", "c:overlap"):
            found = bar_template.find(qn(name))
            if found is not None:
                plot.append(etree.fromstring(etree.tostring(found)))
    else:
        plot = _parse_oxml(
            f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/><c:varyColors val="0"/>'
            '<c:marker val="1"/></c:lineChart>'
        )
    for ax_id in ax_ids:
        plot.append(_parse_oxml(f'<c:axId {nsdecls("c")} val="{ax_id}"/>'))
    return plot


def _insert_series(plot: etree._Element, ser: etree._Element) -> None:
    """Append ``ser`` after the plot's last series (or its header elements)."""
    existing = plot.findall(qn("c:ser"))
    if existing:
        existing[-1].addnext(ser)
        return
    header = [c for c in plot if c.tag in (qn("c:barDir"), qn("c:grouping"), qn("c:varyColors"))]
    if header:
        header[-1].addnext(ser)
    else:
        plot.insert(0, ser)


def _bar_series_to_line(ser: etree._Element) -> etree._Element:
    """Turn a ``c:ser`` of a bar chart into a valid line-chart series (CT_LineSer)."""
    for tag in _BAR_ONLY_SER_TAGS:
        for child in ser.findall(qn(tag)):
            ser.remove(child)
    if ser.find(qn("c:smooth")) is None:
        _insert_before(ser, _parse_oxml(f'<c:smooth {nsdecls("c")} val="0"/>'), ("c:extLst",))
    return ser


def _secondary_axes(cat_ax_id: int, val_ax_id: int) -> tuple[etree._Element, etree._Element]:
    """A hidden category axis and a right-hand value axis for the secondary chart group.

    ``c:crosses val="max"`` on the value axis means "cross the (hidden) category
    axis at its maximum", i.e. sit on the right.
    """
    cat_ax = _parse_oxml(
        f'<c:catAx {nsdecls("c")}><c:axId val="{cat_ax_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{val_ax_id}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    val_ax = _parse_oxml(
        f'<c:valAx {nsdecls("c")}><c:axId val="{val_ax_id}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="r"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{cat_ax_id}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    return cat_ax, val_ax


def make_combo(chart: Chart, roles: Sequence[tuple[str, str]]) -> ValueAxis | None:
    """Regroup a clustered column chart into a combo chart; return the secondary value axis.

    ``chart`` must be a single ``c:barChart`` (as python-pptx makes it) holding
    every series in order; ``roles[i]`` is ``(type, axis)`` of series ``i``
    with type ``"column"``/``"line"`` and axis ``"primary"``/``"secondary"``.
    Columns on the primary axis stay in the original ``c:barChart``; the other
    groups move into new ``c:barChart``/``c:lineChart`` elements of the same
    ``c:plotArea``. Secondary groups get their own ``c:axId`` pair: a deleted
    ``c:catAx`` and a ``c:valAx`` on the right. Bars are placed before lines so
    lines draw on top. The returned python-pptx :class:`ValueAxis` can then be
    styled with the public API (title, number format, fonts).
    """
    plot_area = _plot_area(chart)
    bar = plot_area.find(qn("c:barChart"))
    if bar is None:
        raise ValueError("make_combo needs a chart built as a (clustered) column chart")
    series = bar.findall(qn("c:ser"))
    if len(series) != len(roles):
        raise ValueError(f"make_combo got {len(roles)} roles for {len(series)} series")
    primary_ids = _ax_ids(bar)
    secondary_ids = [str(SECONDARY_CAT_AX_ID), str(SECONDARY_VAL_AX_ID)]
    groups: dict[tuple[str, str], etree._Element] = {("column", "primary"): bar}
    order = [("column", "primary"), ("column", "secondary"), ("line", "primary"), ("line", "secondary")]
    for ser, (kind, axis) in zip(series, roles, strict=True):
        if kind not in ("column", "line") or axis not in ("primary", "secondary"):
            raise ValueError(f"unknown combo series role {(kind, axis)!r}")
        if (kind, axis) == ("column", "primary"):
            continue
        key = (kind, axis)
        if key not in groups:
            groups[key] = _new_plot(
                "c:barChart" if kind == "column" else "c:lineChart",
                primary_ids if axis == "primary" else secondary_ids,
                bar,
            )
        bar.remove(ser)
        _insert_series(groups[key], _bar_series_to_line(ser) if kind == "line" else ser)
    # Place the chart groups in drawing order where the bar chart was.
    anchor = bar
    for key in order[1:]:
        if key in groups:
            anchor.addnext(groups[key])
            anchor = groups[key]
    if not bar.findall(qn("c:ser")):
        plot_area.remove(bar)
    if not any(axis == "secondary" for _, axis in roles):
        return None
    cat_ax, val_ax = _secondary_axes(SECONDARY_CAT_AX_ID, SECONDARY_VAL_AX_ID)
    last_axis = [c for c in plot_area if c.tag in {qn(t) for t in _AXIS_TAGS}][-1]
    last_axis.addnext(cat_ax)
    cat_ax.addnext(val_ax)
    return ValueAxis(val_ax)


def value_axes(chart: Chart) -> list[ValueAxis]:
    """The chart's value axes in document order (primary first).

    ``Chart.value_axis`` returns the *second* ``c:valAx`` whenever there are
    two (it is meant for XY charts), which is the secondary axis of a combo.
    """
    return [ValueAxis(ax) for ax in _plot_area(chart).findall(qn("c:valAx"))]


def plot_area_summary(chart: Chart) -> list[str]:
    """Local names of the chart groups and axes in ``c:plotArea`` (for tests and debugging)."""
    wanted = {qn(t) for t in (*_PLOT_TAGS, *_AXIS_TAGS)}
    return [etree.QName(c).localname for c in _plot_area(chart) if c.tag in wanted]


def set_display_blanks_as(chart: Chart, mode: str = "gap") -> None:
    """How missing values are drawn: ``gap`` (a break in the line, no column), ``zero`` or ``span``."""
    element = chart._chartSpace.chart.find(qn("c:dispBlanksAs"))
    if element is None:
        element = _parse_oxml(f'<c:dispBlanksAs {nsdecls("c")} val="{mode}"/>')
        _insert_before(chart._chartSpace.chart, element, ("c:showDLblsOverMax", "c:extLst"))
    element.set("val", mode)


def set_axis_crosses(axis: CategoryAxis | ValueAxis, where: str) -> None:
    """Where ``axis`` itself crosses its perpendicular axis: ``autoZero``, ``min`` or ``max``.

    python-pptx only offers ``ValueAxis.crosses``, which edits the *other*
    axis. A horizontal bar chart whose categories read top to bottom
    (category axis ``maxMin``) needs its value axis to cross at the maximum
    category, i.e. stay at the bottom.
    """
    element = axis._element
    for old in element.findall(qn("c:crosses")) + element.findall(qn("c:crossesAt")):
        element.remove(old)
    crosses = _parse_oxml(f'<c:crosses {nsdecls("c")} val="{where}"/>')
    element.find(qn("c:crossAx")).addnext(crosses)


def set_cross_between(axis: ValueAxis, mode: str = "between") -> None:
    """``between``: categories sit in the middle of their band; ``midCat``: on the tick marks.

    python-pptx makes area charts ``midCat`` (the area runs edge to edge), which
    cuts the data labels of the first and last category in half.
    """
    element = axis._element
    found = element.find(qn("c:crossBetween"))
    if found is None:
        found = _parse_oxml(f'<c:crossBetween {nsdecls("c")} val="{mode}"/>')
        anchor = element.find(qn("c:crosses"))
        if anchor is None:
            anchor = element.find(qn("c:crossesAt"))
        if anchor is None:
            anchor = element.find(qn("c:crossAx"))
        anchor.addnext(found)
    found.set("val", mode)


def _manual_layout(x: float, y: float, w: float | None = None, h: float | None = None, target: str = "") -> str:
    """A ``c:layout`` with a ``c:manualLayout`` in fractions of the chart space (``edge`` mode)."""
    parts = [f'<c:layoutTarget val="{target}"/>' if target else "", '<c:xMode val="edge"/><c:yMode val="edge"/>']
    if w is not None and h is not None:
        parts.append('<c:wMode val="factor"/><c:hMode val="factor"/>')
    parts.append(f'<c:x val="{x:.4f}"/><c:y val="{y:.4f}"/>')
    if w is not None and h is not None:
        parts.append(f'<c:w val="{w:.4f}"/><c:h val="{h:.4f}"/>')
    return f"<c:layout {nsdecls('c')}><c:manualLayout>{''.join(parts)}</c:manualLayout></c:layout>"


def set_axis_title_horizontal(axis: CategoryAxis | ValueAxis) -> None:
    """Set an axis title's text upright (``a:bodyPr rot="0" vert="horz"``).

    PowerPoint draws a vertical axis' title rotated by -90°; Chinese then reads
    sideways, one character under the other on its side. The PDF sets these
    titles horizontally above the axis, the Chinese print habit.
    """
    title = axis._element.find(qn("c:title"))
    if title is None:
        return
    for body in title.iter(qn("c:rich"), qn("c:txPr")):
        body_pr = body.find(qn("a:bodyPr"))
        if body_pr is None:
            body_pr = etree.SubElement(body, qn("a:bodyPr"))
            body.insert(0, body_pr)
        body_pr.set("rot", "0")
        body_pr.set("vert", "horz")


def set_title_position(axis: CategoryAxis | ValueAxis, x: float, y: float) -> None:
    """Pin an axis title's top-left corner at (``x``, ``y``), fractions of the chart space.

    Used to place a value axis' title at the top of the axis, as the PDF does,
    instead of beside its middle, where an upright title would eat plot width.
    """
    title = axis._element.find(qn("c:title"))
    if title is None:
        return
    for old in title.findall(qn("c:layout")):
        title.remove(old)
    layout = _parse_oxml(_manual_layout(x, y))
    tx = title.find(qn("c:tx"))
    if tx is not None:
        tx.addnext(layout)
    else:
        title.insert(0, layout)


def set_plot_area_layout(chart: Chart, x: float, y: float, w: float, h: float, target: str = "inner") -> None:
    """Place the plot area by hand (fractions of the chart space).

    ``inner`` places the plot rectangle itself, so everything left of ``x`` is
    room for category labels (horizontal bars, whose long Chinese labels the
    automatic layout squeezes into two ragged lines); ``outer`` places the plot
    with its tick labels, leaving the renderer to fit those.
    """
    plot_area = _plot_area(chart)
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    plot_area.insert(0, _parse_oxml(_manual_layout(x, y, w, h, target)))


def set_data_labels_fill(data_labels_element: etree._Element, hex_color: str) -> None:
    """Fill the boxes of a ``c:dLbls`` with a solid colour (``c:spPr`` before ``c:txPr``).

    A line's labels may sit over columns; on a background-coloured box they
    stay readable, like the PDF's halo.
    """
    for old in data_labels_element.findall(qn("c:spPr")):
        data_labels_element.remove(old)
    sp_pr = _parse_oxml(
        f'<c:spPr {nsdecls("c", "a")}><a:solidFill><a:srgbClr val="{hex_color.lstrip("#").upper()}"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></c:spPr>"
    )
    anchor = data_labels_element.find(qn("c:txPr"))
    if anchor is None:
        anchor = next(
            (c for c in data_labels_element if c.tag not in (qn("c:delete"), qn("c:numFmt"), qn("c:dLbl"))), None
        )
    if anchor is not None:
        anchor.addprevious(sp_pr)
    else:
        data_labels_element.append(sp_pr)


#: CT_AreaSer children a line series (CT_LineSer) has no place for, or that would draw it.
_AREA_ONLY_SER_TAGS = ("c:pictureOptions", "c:dPt", "c:spPr", "c:trendline", "c:errBars")
#: Where ``c:dLblPos`` goes among the group of a ``c:dLbls`` (everything after it).
_DLBLS_AFTER_POS = (
    "c:showLegendKey",
    "c:showVal",
    "c:showCatName",
    "c:showSerName",
    "c:showPercent",
    "c:showBubbleSize",
    "c:separator",
    "c:showLeaderLines",
    "c:leaderLines",
    "c:extLst",
)


def set_label_position(data_labels_element: etree._Element, position: str) -> None:
    """Set ``c:dLblPos`` (``t``, ``b``, ``inEnd``, …) of a ``c:dLbls`` or ``c:dLbl``, in schema order."""
    for old in data_labels_element.findall(qn("c:dLblPos")):
        data_labels_element.remove(old)
    pos = _parse_oxml(f'<c:dLblPos {nsdecls("c")} val="{position}"/>')
    _insert_before(data_labels_element, pos, _DLBLS_AFTER_POS)


#: Children of a ``c:dLbls`` a single point's ``c:dLbl`` repeats (CT_DLbl's group, in schema order).
_DLBL_GROUP = ("c:numFmt", "c:spPr", "c:txPr", "c:dLblPos", *_DLBLS_AFTER_POS[:7])


def set_point_label_position(data_labels_element: etree._Element, index: int, position: str) -> None:
    """Move the label of point ``index`` to ``position`` (``t``, ``b``, …), the series' others staying put.

    A point's ``c:dLbl`` replaces the series' settings for that label
    entirely, so it copies the number format, box and text properties of
    the ``c:dLbls`` around it.
    """
    for old in data_labels_element.findall(qn("c:dLbl")):
        if _attr(_found(old.find(qn("c:idx")), "c:idx"), "val") == str(index):
            data_labels_element.remove(old)
    label = _parse_oxml(f'<c:dLbl {nsdecls("c")}><c:idx val="{index}"/></c:dLbl>')
    for tag in _DLBL_GROUP:
        for child in data_labels_element.findall(qn(tag)):
            label.append(etree.fromstring(etree.tostring(child)))
    set_label_position(label, position)
    before = [
        d
        for d in data_labels_element.findall(qn("c:dLbl"))
        if int(_attr(_found(d.find(qn("c:idx")), "c:idx"), "val")) > index
    ]
    if before:
        before[0].addprevious(label)
    else:
        data_labels_element.insert(len(data_labels_element.findall(qn("c:dLbl"))), label)


def move_area_labels_to_lines(chart: Chart) -> list[etree._Element]:
    """Carry each area series' data labels on an invisible line series, so they can sit above the points.

    Office places area labels only in the middle of the area (``c:dLblPos``
    is not allowed there): a label lands inside the fill, on the plot's edge
    for the first and last category, or on the baseline for a low value. A
    line series can put them above (``t``). The line copies the area series
    and points at the same workbook cells (``c:tx``, ``c:cat``, ``c:val``),
    so editing the data moves label and area together; it has no line and
    no marker, and no legend entry. Returns the new ``c:ser`` elements.
    """
    plot_area = _plot_area(chart)
    area = plot_area.find(qn("c:areaChart"))
    if area is None:
        return []
    series = area.findall(qn("c:ser"))
    used = [
        int(_attr(e, "val"))
        for e in plot_area.iter(qn("c:idx"))
        if _found(e.getparent(), "parent of c:idx").tag == qn("c:ser")
    ]
    line = _new_plot("c:lineChart", _ax_ids(area), None)
    added = []
    for offset, ser in enumerate(series):
        labels = ser.find(qn("c:dLbls"))
        if labels is None:
            continue
        clone = etree.fromstring(etree.tostring(ser))
        ser.remove(labels)
        for tag in _AREA_ONLY_SER_TAGS:
            for child in clone.findall(qn(tag)):
                clone.remove(child)
        index = max(used, default=-1) + 1 + offset
        _found(clone.find(qn("c:idx")), "c:idx").set("val", str(index))
        order = _found(clone.find(qn("c:order")), "c:order")
        order.set("val", str(index))
        anchor = clone.find(qn("c:tx"))
        if anchor is None:
            anchor = order
        invisible = _parse_oxml(f"<c:spPr {nsdecls('c', 'a')}><a:ln><a:noFill/></a:ln></c:spPr>")
        anchor.addnext(invisible)
        invisible.addnext(_parse_oxml(f'<c:marker {nsdecls("c")}><c:symbol val="none"/></c:marker>'))
        set_label_position(_found(clone.find(qn("c:dLbls")), "c:dLbls"), "t")
        _insert_before(clone, _parse_oxml(f'<c:smooth {nsdecls("c")} val="0"/>'), ("c:extLst",))
        _insert_series(line, clone)
        added.append(clone)
    if added:
        area.addnext(line)
        legend = chart._chartSpace.chart.find(qn("c:legend"))
        if legend is not None:
            for clone in added:  # each before c:layout: in order
                idx = _attr(_found(clone.find(qn("c:idx")), "c:idx"), "val")
                entry = _parse_oxml(
                    f'<c:legendEntry {nsdecls("c")}><c:idx val="{idx}"/><c:delete val="1"/></c:legendEntry>'
                )
                _insert_before(legend, entry, ("c:layout", "c:overlay", "c:spPr", "c:txPr", "c:extLst"))
    return added


# --------------------------------------------------------------------------- reproducible packages

#: The W3CDTF dates XlsxWriter stamps into ``docProps/core.xml`` with the wall clock.
_CORE_DATE_RE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as a naive UTC time (a naive one is taken as UTC), so no output depends on the machine's zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.replace(tzinfo=None)


def zip_timestamp(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry date (zip stores only 1980 to 2107: a spec dated 9999 is stamped 2107-12-31)."""
    moment = min(max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A zip entry header that depends only on the name and ``stamp`` (not on the OS or umask)."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def _stamps(moment: dt.datetime) -> tuple[tuple[int, int, int, int, int, int], bytes]:
    """The zip entry date and the W3CDTF ``dcterms`` date that ``moment`` stands for, both in UTC."""
    utc = _utc(moment)
    return zip_timestamp(utc), utc.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def _zip_entries(entries: Iterable[tuple[str, bytes]], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of ``entries`` in the order given, every entry with the same fixed header."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(_entry(name, stamp), data)
    return out.getvalue()


def _office_order(names: Iterable[str]) -> list[str]:
    """``[Content_Types].xml`` first (as Office expects), the rest in name order."""
    return sorted(names, key=lambda n: (n != "[Content_Types].xml", n))


def _rewrite_zip(
    blob: bytes, stamp: tuple[int, int, int, int, int, int], transform: Callable[[str, bytes], bytes]
) -> bytes:
    """Copy a zip entry by entry through ``transform``, in its order, every entry with the same fixed header."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        return _zip_entries(((name, transform(name, source.read(name))) for name in source.namelist()), stamp)


def _stable_workbook(blob: bytes, stamp: tuple[int, int, int, int, int, int], iso: bytes) -> bytes:
    """An xlsx with fixed entry headers and ``iso`` as its ``dcterms:created``/``modified`` dates."""

    def fix_dates(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return _CORE_DATE_RE.sub(lambda m: m.group(1) + iso + m.group(3), data)

    return _rewrite_zip(blob, stamp, fix_dates)


class _CollectedPackage(_PhysPkgWriter):
    """python-pptx's physical package writer interface, keeping each item's bytes instead of zipping."""

    def __init__(self) -> None:
        self.items: dict[str, bytes] = {}

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.items[pack_uri.membername] = blob


def reproducible_package(presentation: Presentation, moment: dt.datetime) -> bytes:
    """The presentation as a .pptx whose bytes depend only on its content and ``moment``.

    python-pptx's package writer serialises the parts (content types,
    relationships, part blobs) into memory; they are zipped once, with fixed
    entry headers, ``[Content_Types].xml`` first (as Office expects) and the
    rest in name order, embedded workbooks normalised (python-pptx #702).
    """
    package = presentation.part.package
    collected = _CollectedPackage()
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    writer._write_content_types_stream(collected)
    writer._write_pkg_rels(collected)
    writer._write_parts(collected)
    stamp, iso = _stamps(moment)
    items = collected.items
    return _zip_entries(
        (
            (name, _stable_workbook(items[name], stamp, iso) if name.endswith(".xlsx") else items[name])
            for name in _office_order(items)
        ),
        stamp,
    )


def normalise_xlsx(blob: bytes, when: dt.datetime) -> bytes:
    """Rewrite an xlsx so its bytes depend only on its content and ``when``.

    XlsxWriter stamps ``dcterms:created``/``modified`` in ``docProps/core.xml``
    with the current time; every zip entry is rewritten with ``when`` as its
    date and a fixed compression, in the original entry order (the same code
    :func:`reproducible_package` runs on the deck's embedded workbooks).
    """
    return _stable_workbook(blob, *_stamps(when))


def workbook_blob(chart_part: ChartPart) -> bytes | None:
    """The embedded workbook's bytes (for tests)."""
    xlsx_part = chart_part.chart_workbook.xlsx_part
    return None if xlsx_part is None else xlsx_part.blob
