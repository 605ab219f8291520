"""Every raw-XML operation of the deck writer, as named helpers.

python-pptx covers most of DrawingML, but not East Asian typefaces (``a:ea``),
CJK line-breaking flags, theme fonts and colours, ``descr`` alt text, slide
number fields, bullets, table borders or reproducible packaging. Keeping those
pokes here (as python-pptx keeps its own in ``oxml/``) means the rest of the
writer only talks to python-pptx's typed API and to these names.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
from collections.abc import Iterable

from lxml import etree
from pptx.oxml.ns import qn

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NSMAP = {"a": A_NS, "p": P_NS}

#: Children of ``a:rPr`` that must come after ``a:ea`` (CT_TextCharacterProperties order).
_AFTER_EA = ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")
#: Children of ``a:rPr`` that must come after ``a:latin``.
_AFTER_LATIN = ("a:ea", *_AFTER_EA)
#: Children of ``a:pPr`` that must come after the bullet elements.
_AFTER_BULLET = ("a:tabLst", "a:defRPr", "a:extLst")
#: Children of ``a:tcPr`` in schema order (borders first, then the fill).
_TCPR_ORDER = ("a:lnL", "a:lnR", "a:lnT", "a:lnB", "a:lnTlToBr", "a:lnBlToTr", "a:cell3D")
_TCPR_FILLS = ("a:noFill", "a:solidFill", "a:gradFill", "a:blipFill", "a:pattFill", "a:grpFill")

_CJK_RE = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han character or CJK punctuation (needs ``a:ea`` and ``zh-CN``)."""
    return bool(_CJK_RE.search(text))


def _insert_before(parent: etree._Element, child: etree._Element, successors: Iterable[str]) -> None:
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def _get_or_insert(parent: etree._Element, tag: str, successors: Iterable[str]) -> etree._Element:
    found = parent.find(qn(tag))
    if found is None:
        found = etree.SubElement(parent, qn(tag))
        parent.remove(found)
        _insert_before(parent, found, successors)
    return found


# --------------------------------------------------------------------------- runs and paragraphs


def set_run_fonts(rPr: etree._Element, typeface: str, lang: str) -> None:
    """Set ``a:latin`` and ``a:ea`` to ``typeface`` (in schema order) and the run language.

    ``font.name`` in python-pptx writes only ``a:latin``; Chinese characters are
    drawn with ``a:ea``, and without it LibreOffice picks a Japanese face.
    """
    rPr.set("lang", lang)
    if lang.lower().startswith("zh"):
        rPr.set("altLang", "en-US")
    latin = _get_or_insert(rPr, "a:latin", _AFTER_LATIN)
    latin.set("typeface", typeface)
    set_run_east_asian(rPr, typeface)


#: PANOSE-1 numbers (OS/2 table) of the faces we ship, for font substitution.
_PANOSE = {"Noto Sans SC": "020B0200000000000000"}
#: ``charset`` of a Simplified Chinese face: GB2312 (134) as the schema's signed byte.
GB2312_CHARSET = "-122"


def set_east_asian_font(ea: etree._Element, typeface: str) -> None:
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
    ea = _get_or_insert(rPr, "a:ea", _AFTER_EA)
    set_east_asian_font(ea, typeface)


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


def add_slide_number_field(paragraph: etree._Element, number: int, seed: str) -> etree._Element:
    """Append ``<a:fld type="slidenum">`` showing ``number``; returns its ``a:rPr`` to style.

    The field id is derived from ``seed`` so the bytes are reproducible.
    PowerPoint and LibreOffice replace the text with the live slide number.
    """
    field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"zzreport:{seed}")).upper() + "}"
    fld = etree.Element(qn("a:fld"), id=field_id, type="slidenum")
    rPr = etree.SubElement(fld, qn("a:rPr"), lang="en-US")
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = paragraph.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(fld)
    else:
        paragraph.append(fld)
    return rPr


def set_descr(shape_element: etree._Element, text: str) -> None:
    """Alt text: ``descr`` on the shape's ``p:cNvPr`` (what screen readers and the Alt Text pane show)."""
    cNvPr = shape_element.find("./*/" + qn("p:cNvPr"))
    if cNvPr is not None:
        cNvPr.set("descr", text)


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


# --------------------------------------------------------------------------- theme


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
            set_east_asian_font(east, ea)
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


def parse_xml(blob: bytes) -> etree._Element:
    return etree.fromstring(blob)


def serialize_xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- slides and layouts


def slide_id_list(presentation_element: etree._Element) -> etree._Element:
    return presentation_element.find(qn("p:sldIdLst"))


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
    layout_element.find(qn("p:cSld")).set("name", name)


def set_custom_slide_size(presentation_element: etree._Element) -> None:
    """Drop ``p:sldSz/@type``: python-pptx's default says ``screen4x3`` even after a resize to 16:9.

    Without the attribute the size is "custom", which is what PowerPoint
    itself writes for 13.333" × 7.5".
    """
    size = presentation_element.find(qn("p:sldSz"))
    if size is not None:
        size.attrib.pop("type", None)


def remove_shape(shape_element: etree._Element) -> None:
    shape_element.getparent().remove(shape_element)


# --------------------------------------------------------------------------- packaging


def zip_timestamp(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip entry date (zip cannot store dates before 1980)."""
    moment = max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


_CORE_DATE_RE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _stable_inner_zip(blob: bytes, stamp: tuple[int, int, int, int, int, int], iso: str) -> bytes:
    """An embedded workbook with fixed entry times and fixed ``dcterms`` dates."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE_RE.sub(rb"\g<1>" + iso.encode() + rb"\g<3>", data)
            target.writestr(_entry(info.filename, stamp), data)
    return out.getvalue()


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def reproducible_zip(blob: bytes, moment: dt.datetime) -> bytes:
    """Rewrite an OPC package with fixed entry dates, attributes and order.

    ``[Content_Types].xml`` stays first (as Office expects), the rest follow
    in name order; embedded workbooks get the same treatment, so identical
    documents give identical bytes (python-pptx #702).
    """
    stamp = zip_timestamp(moment)
    iso = moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(blob))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            data = source.read(name)
            if name.endswith(".xlsx"):
                data = _stable_inner_zip(data, stamp, iso)
            target.writestr(_entry(name, stamp), data)
    return out.getvalue()
