"""Embedded fonts of a Word document: ``fontTable.xml`` entries, ``.odttf`` parts, settings; its text and typefaces.

Word (Options › Save › "Embed fonts in the file") writes, as ECMA-376
part 1 §17.8 lays down:

* one ``w:font`` per family in the font table part (``w:name`` the
  typeface runs name in ``w:rFonts``), its children in schema order
  (CT_Font: ``altName``, ``panose1``, ``charset``, ``family``,
  ``notTrueType``, ``pitch``, ``sig``, ``embedRegular``, ``embedBold``,
  ``embedItalic``, ``embedBoldItalic``); each ``w:embed*`` names its face's
  part (``r:id``), the key it is obfuscated with (``w:fontKey``) and
  whether it is a subset (``w:subsetted``);
* each face a part ``/word/fonts/fontN.odttf`` (content type
  ``application/vnd.openxmlformats-officedocument.obfuscatedFont``,
  relationship type ``…/relationships/font`` from the font table part);
* ``w:embedTrueTypeFonts`` in the settings, and ``w:saveSubsetFonts`` when
  only the characters used are embedded (Word's "Embed only the characters
  used in the document", which it keeps on its next save).

python-docx has no API for any of this and reads the font table as an
opaque part: its XML is parsed and written back here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import nsmap, qn
from lxml import etree

#: The part name template of an embedded face, as Word names them.
FONT_PARTNAME = "/word/fonts/font%d.odttf"
#: The content type of an obfuscated face (ECMA-376 part 1 §15.2.13).
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
#: The styles a family may embed, in schema order, as ``w:embed…`` element names.
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
#: CT_Font's children in schema order.
_FONT_CHILDREN = tuple(
    qn(f"w:{name}")
    for name in (
        "altName",
        "panose1",
        "charset",
        "family",
        "notTrueType",
        "pitch",
        "sig",
        *(f"embed{s}" for s in STYLES),
    )
)
#: CT_Settings' children up to ``saveSubsetFonts``, in schema order (the rest follow them).
_SETTINGS_HEAD = tuple(
    qn(f"w:{name}")
    for name in (
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
    )
)
#: ``w:family`` by the family nibble of a LOGFONT's pitch and family byte.
_FAMILIES = {0x10: "roman", 0x20: "swiss", 0x30: "modern", 0x40: "script", 0x50: "decorative"}
#: ``w:pitch`` by its low bits.
_PITCHES = {1: "fixed", 2: "variable"}
_R_ID = qn("r:id")


@dataclass(frozen=True)
class EmbeddedFace:
    """One embedded face as the font table names it: the ``r:id`` of its part and its key."""

    rid: str
    key: str
    subset: bool


@dataclass(frozen=True)
class EmbeddedFamily:
    """One family to list: its Windows classes and its faces by style (``Regular``, ``Bold`` …)."""

    name: str
    panose: str  # ten bytes as 20 hex digits, "" to leave out
    pitch_family: int
    charset: int
    unicode_ranges: tuple[int, int, int, int]
    code_pages: tuple[int, int]
    faces: Mapping[str, EmbeddedFace]


def _font_table_part(document: Document) -> Part:
    """The document's font table part, added (empty) when the template has none."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return rel.target_part
    root = etree.Element(qn("w:fonts"), nsmap={"w": nsmap["w"], "r": nsmap["r"]})
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, _serialized(root), document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)
    return part


def _serialized(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_font_part(document: Document, data: bytes) -> str:
    """Add ``data`` (an obfuscated face) as the next ``/word/fonts/fontN.odttf``; the ``r:id`` relating it."""
    table = _font_table_part(document)
    package = document.part.package
    part = Part(package.next_partname(FONT_PARTNAME), OBFUSCATED_FONT, data, package)
    return table.relate_to(part, RT.FONT)


def _insert_in_order(parent: etree._Element, child: etree._Element, order: Sequence[str]) -> None:
    """Put ``child`` after the last sibling that comes before it in ``order`` (first when none does).

    ``order`` may be the head of the schema's sequence only: the children it
    does not name all follow it.
    """
    earlier = set(order[: order.index(child.tag) + 1])
    position = 0
    for index, sibling in enumerate(parent):
        if sibling.tag in earlier:
            position = index + 1
    parent.insert(position, child)


def _hex(value: int) -> str:
    return f"{value:08X}"


def _entry(fonts: etree._Element, family: EmbeddedFamily) -> etree._Element:
    """The family's ``w:font``, its classes and faces set (an entry the template has is updated)."""
    entry = next((font for font in fonts.iterfind(qn("w:font")) if font.get(qn("w:name")) == family.name), None)
    if entry is None:
        entry = etree.SubElement(fonts, qn("w:font"), {qn("w:name"): family.name})
    for child in list(entry):
        if child.tag in _FONT_CHILDREN and child.tag not in (qn("w:altName"), qn("w:notTrueType")):
            entry.remove(child)
    added: list[etree._Element] = []
    if family.panose:
        added.append(etree.Element(qn("w:panose1"), {qn("w:val"): family.panose}))
    added.append(etree.Element(qn("w:charset"), {qn("w:val"): f"{family.charset:02X}"}))
    added.append(etree.Element(qn("w:family"), {qn("w:val"): _FAMILIES.get(family.pitch_family & 0xF0, "auto")}))
    added.append(etree.Element(qn("w:pitch"), {qn("w:val"): _PITCHES.get(family.pitch_family & 0x03, "default")}))
    usb, csb = family.unicode_ranges, family.code_pages
    signature = {qn(f"w:usb{i}"): _hex(usb[i]) for i in range(4)}
    signature.update({qn(f"w:csb{i}"): _hex(csb[i]) for i in range(2)})
    added.append(etree.Element(qn("w:sig"), signature))
    for style in STYLES:
        face = family.faces.get(style)
        if face is not None:
            attributes = {_R_ID: face.rid, qn("w:fontKey"): face.key}
            if face.subset:
                attributes[qn("w:subsetted")] = "1"
            added.append(etree.Element(qn(f"w:embed{style}"), attributes))
    for child in added:
        _insert_in_order(entry, child, _FONT_CHILDREN)
    return entry


def set_embedded_fonts(document: Document, families: Sequence[EmbeddedFamily], *, subset: bool) -> None:
    """List ``families`` in the font table and switch embedding on in the settings (nothing when none is given)."""
    if not families:
        return
    table = _font_table_part(document)
    root = table.element if isinstance(table, XmlPart) else etree.fromstring(table.blob)
    for family in families:
        _entry(root, family)
    if not isinstance(table, XmlPart):
        table._blob = _serialized(root)
    settings = document.settings.element
    _set_flag(settings, "embedTrueTypeFonts", True)
    _set_flag(settings, "saveSubsetFonts", subset)


def _set_flag(settings: etree._Element, name: str, on: bool) -> None:
    tag = qn(f"w:{name}")
    found = settings.find(tag)
    if found is not None:
        settings.remove(found)
    if on:
        _insert_in_order(settings, etree.Element(tag), _SETTINGS_HEAD)


def font_table(document: Document) -> etree._Element:
    """The font table's root as it stands (for readers and tests)."""
    table = _font_table_part(document)
    return table.element if isinstance(table, XmlPart) else etree.fromstring(table.blob)


# --------------------------------------------------------------------------- what the document holds

#: Elements whose ``w:val`` a reader sees as text (a list level's 第%1章, （%1）); other ``w:val`` s are settings.
_SHOWN_VALUES = {qn("w:lvlText")}
#: Numerals a list level's number format writes, beyond ASCII digits: the numbers Word draws in the font.
_NUMERALS = {
    "chineseCounting": "〇一二三四五六七八九十",
    "chineseCountingThousand": "〇一二三四五六七八九十百千万亿",
    "chineseLegalSimplified": "零壹贰叁肆伍陆柒捌玖拾佰仟万亿",
    "ideographDigital": "〇一二三四五六七八九",
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "decimalFullWidth": "０１２３４５６７８９",
    "decimalFullWidth2": "０１２３４５６７８９",
    "decimalEnclosedCircleChinese": "".join(chr(code) for code in range(0x2460, 0x2474)),
    "decimalEnclosedCircle": "".join(chr(code) for code in range(0x2460, 0x2474)),
}
#: Run font attributes (``w:rFonts``) and the DrawingML ones of charts (``a:latin`` … ``typeface``).
_TYPEFACE_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("ascii", "hAnsi", "eastAsia", "cs"))
_DRAWING_FONTS = {qn(f"a:{name}") for name in ("latin", "ea", "cs")}


def _xml_roots(document: Document) -> Iterator[tuple[str, etree._Element]]:
    """The root of every XML part of the document's story (``/word/…``), with its part name."""
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if not name.startswith("/word/") or not part.content_type.endswith("xml"):
            continue
        if isinstance(part, XmlPart):
            yield name, part.element
        else:
            yield name, etree.fromstring(part.blob)


def document_characters(document: Document) -> set[str]:
    """Every character the document's body, headers, footers, notes, lists and charts hold as text.

    Read from the finished XML, not from the spec, so nothing the writer
    adds (captions, labels, field results, list numbers) is missed: text
    nodes, chart number formats, list level texts and the numerals of their
    number formats. Control characters are left out.
    """
    chars: set[str] = set()
    for _, root in _xml_roots(document):
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue  # comments, processing instructions
            if element.text:
                chars.update(element.text)
            value = element.get("formatCode")
            if value:
                chars.update(value)
            if element.tag in _SHOWN_VALUES:
                chars.update(element.get(qn("w:val"), ""))
            elif element.tag == qn("w:numFmt"):
                chars.update(_NUMERALS.get(element.get(qn("w:val"), ""), ""))
    return {char for char in chars if char.isprintable() or char == " "}


def document_typefaces(document: Document) -> set[str]:
    """Every typeface a run, style or chart of the document names (not the font table's or theme's lists)."""
    names: set[str] = set()
    for partname, root in _xml_roots(document):
        if partname.endswith("/fontTable.xml") or partname.startswith("/word/theme/"):
            continue
        for element in root.iter(qn("w:rFonts"), *_DRAWING_FONTS):
            if element.tag == qn("w:rFonts"):
                names.update(filter(None, (element.get(name) for name in _TYPEFACE_ATTRIBUTES)))
            else:
                names.update(filter(None, [element.get("typeface")]))
    return names


__all__ = [
    "FONT_PARTNAME",
    "OBFUSCATED_FONT",
    "STYLES",
    "EmbeddedFace",
    "EmbeddedFamily",
    "add_font_part",
    "document_characters",
    "document_typefaces",
    "font_table",
    "set_embedded_fonts",
]
