"""A structural check of the PDF/A-2b rules a reportlab + pikepdf PDF can break (ISO 19005-2).

No veraPDF here: each rule is read off the file with pikepdf, and each
problem is one line naming the clause, the object and what is wrong, so a
failing test says what to fix. It covers what zzreport's writer can get
wrong (annotation flags, metadata, fonts, output intent, actions,
transparency, filters, colour spaces), not the whole standard.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from lxml import etree

#: Actions ISO 19005-2 6.6.1 forbids.
FORBIDDEN_ACTIONS = frozenset(
    {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState", "/Rendition", "/Trans",
     "/GoTo3DView", "/JavaScript"}
)  # fmt: skip
#: Annotation types 6.3.1 forbids (and FileAttachment, which 2b allows only for PDF/A attachments).
FORBIDDEN_ANNOTATIONS = frozenset({"/3D", "/Sound", "/Screen", "/Movie", "/FileAttachment", "/RichMedia"})
#: The blend modes of ISO 32000-1 11.3.5 (6.2.10: no other).
BLEND_MODES = frozenset(
    {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten", "/ColorDodge",
     "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color",
     "/Luminosity"}
)  # fmt: skip
PRINT, HIDDEN, INVISIBLE, NOVIEW, TOGGLE_NOVIEW = 4, 2, 1, 32, 256

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def pdfa2b_problems(path: str | Path, conformance: str = "B") -> list[str]:
    """Every PDF/A-2 rule of this check that the PDF at ``path`` breaks (empty: none).

    ``conformance`` is the level the XMP must claim: B, or A for a tagged PDF
    (whose tagging :mod:`tests.writers.pdf.tagged_rules` checks).
    """
    raw = Path(path).read_bytes()
    problems = _header(raw)
    with pikepdf.open(path) as pdf:
        problems += _document(pdf)
        problems += _metadata(pdf, conformance)
        for number, page in enumerate(pdf.pages, start=1):
            problems += _annotations(page.obj, number)
            problems += _resources(page.obj, f"page {number}", set())
            if "/Group" in page.obj:
                problems += _group(page.obj.Group, f"page {number}")
            if pikepdf.parse_content_stream(page, "k K"):
                problems.append(f"6.2.4.3: page {number} paints in DeviceCMYK under an RGB output intent")
        for obj in pdf.objects:
            problems += _object(obj)
    return problems


def _header(raw: bytes) -> list[str]:
    match = re.match(rb"%PDF-1\.([0-7])\r?\n%([^\r\n]{4})", raw)
    if match is None or not all(b >= 128 for b in match.group(2)):
        return ["6.1.2: the header is not %PDF-1.n (n <= 7) followed by a comment of four bytes above 127"]
    return []


def _document(pdf: pikepdf.Pdf) -> list[str]:
    root, problems = pdf.Root, []
    if pdf.is_encrypted:
        problems.append("6.1.3: the file is encrypted")
    if "/ID" not in pdf.trailer:
        problems.append("6.1.3: the trailer has no /ID")
    if "/AA" in root:
        problems.append("6.6.2: the catalogue has additional actions (/AA)")
    if "/OpenAction" in root and isinstance(root.OpenAction, pikepdf.Dictionary):
        problems += _action(root.OpenAction, "the catalogue's /OpenAction")
    names = root.get("/Names")
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if names is not None and key in names:
            problems.append(f"6.6.1/6.8: the name tree {key} is present")
    intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1 or "/DestOutputProfile" not in intents[0]:
        problems.append("6.2.3: not exactly one GTS_PDFA1 output intent with a destination profile")
    else:
        profile = intents[0].DestOutputProfile
        data = profile.read_bytes()
        if data[36:40] != b"acsp" or int(profile.get("/N", 0)) != {b"RGB ": 3, b"GRAY": 1, b"CMYK": 4}.get(data[16:20]):
            problems.append("6.2.3: the output intent's profile is not an ICC profile whose /N matches its colours")
    return problems


def _when(text: str) -> dt.datetime | None:
    """An XMP date or a PDF date string as an instant (None when it is neither)."""
    if text.startswith("D:"):
        m = re.fullmatch(r"D:(\d{14})(Z|[+-]\d\d'\d\d'?)?", text)
        if m is None:
            return None
        zone = (m.group(2) or "Z").replace("'", "")
        stamp = m.group(1) + ("+0000" if zone == "Z" else zone)
        return dt.datetime.strptime(stamp, "%Y%m%d%H%M%S%z")
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _metadata(pdf: pikepdf.Pdf, conformance: str) -> list[str]:
    root = pdf.Root
    if "/Metadata" not in root:
        return ["6.6.2.1: the catalogue has no /Metadata stream"]
    stream = root.Metadata
    problems = []
    if "/Filter" in stream:
        problems.append("6.6.2.1: the metadata stream is filtered")
    data = stream.read_bytes()
    header = re.search(rb"<\?xpacket begin=[^?]*\?>", data)
    if header is None or b"bytes=" in header.group(0) or b"encoding=" in header.group(0):
        problems.append("6.6.2.1: the XMP packet has no xpacket header, or one with bytes/encoding attributes")
    tree = etree.fromstring(data[data.index(b"<x:xmpmeta") : data.rindex(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")])

    def values(prop: str) -> list[str]:
        """The property's value(s), wherever in the packet's descriptions it is (simple, or an Alt/Seq/Bag)."""
        prefix, name = prop.split(":")
        tag = f"{{{NS[prefix]}}}{name}"
        found: list[str] = []
        for desc in tree.iter(f"{RDF}Description"):
            if desc.get(tag) is not None:
                found.append(desc.get(tag) or "")
            for el in desc.iter(tag):
                items = list(el.iter(f"{RDF}li"))
                if items:  # an Alt keeps its x-default first
                    items.sort(key=lambda li: li.get(XML_LANG) != "x-default")
                    found += [li.text or "" for li in items]
                else:
                    found.append(el.text or "")
        return found

    if values("pdfaid:part") != ["2"] or [v.upper() for v in values("pdfaid:conformance")] != [conformance]:
        problems.append(f"6.6.4: the XMP does not say pdfaid:part 2, conformance {conformance}")
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    pairs = {
        "/Title": "dc:title",
        "/Author": "dc:creator",
        "/Subject": "dc:description",
        "/Keywords": "pdf:Keywords",
        "/Creator": "xmp:CreatorTool",
        "/Producer": "pdf:Producer",
    }
    for key, prop in pairs.items():
        if key in info and str(info[key]):
            got = values(prop)
            if not got or got[0] != str(info[key]) or (prop == "dc:creator" and len(got) != 1):
                problems.append(f"6.6.3: Info {key} {str(info[key])!r} but XMP {prop} {got!r}")
    for key, prop in {"/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate"}.items():
        if key in info:
            got = values(prop)
            if len(got) != 1 or _when(got[0]) is None or _when(got[0]) != _when(str(info[key])):
                problems.append(f"6.6.3: Info {key} {str(info[key])!r} but XMP {prop} {got!r}")
    if "/Trapped" in info:
        problems.append("6.6.3: Info /Trapped has no XMP counterpart here")
    return problems


def _action(action: pikepdf.Dictionary, where: str) -> list[str]:
    problems, seen = [], 0
    while isinstance(action, pikepdf.Dictionary) and seen < 100:
        if str(action.get("/S")) in FORBIDDEN_ACTIONS:
            problems.append(f"6.6.1: {where} is a {action.S} action")
        action, seen = action.get("/Next"), seen + 1
    return problems


def _annotations(page: pikepdf.Dictionary, number: int) -> list[str]:
    problems = []
    for index, annot in enumerate(page.get("/Annots", [])):
        where = f"page {number} annotation {index} ({annot.get('/Subtype')})"
        kind = str(annot.get("/Subtype"))
        if kind in FORBIDDEN_ANNOTATIONS:
            problems.append(f"6.3.1: {where} is of a forbidden type")
        flags = int(annot.get("/F", 0))
        if kind != "/Popup" and (not flags & PRINT or flags & (HIDDEN | INVISIBLE | NOVIEW | TOGGLE_NOVIEW)):
            problems.append(f"6.3.2: {where} has /F {flags}, not the print flag (4) alone of the visibility flags")
        if "/AA" in annot:
            problems.append(f"6.6.2: {where} has additional actions (/AA)")
        if "/A" in annot:
            problems += _action(annot.A, where)
        rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
        visible = rect[2] - rect[0] > 0 and rect[3] - rect[1] > 0
        if kind not in ("/Link", "/Popup") and visible:
            ap = annot.get("/AP")
            if ap is None or set(ap.keys()) != {"/N"}:
                problems.append(f"6.3.3: {where} has no appearance stream (/AP with /N only)")
            else:
                problems += _resources(ap.N, where, set())
    return problems


def _resources(holder: pikepdf.Object, where: str, seen: set[tuple[int, int]]) -> list[str]:
    """Fonts, graphics states and forms reachable from ``holder``'s /Resources, recursively."""
    if holder.is_indirect:
        if holder.objgen in seen:
            return []
        seen.add(holder.objgen)
    resources = holder.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return []
    problems = []
    for name, font in resources.get("/Font", {}).items():
        problems += _font(font, f"{where} font {name}")
    for name, state in resources.get("/ExtGState", {}).items():
        problems += _graphics_state(state, f"{where} graphics state {name}")
    for name, xobject in resources.get("/XObject", {}).items():
        if xobject.get("/Subtype") == "/Form":
            if "/Group" in xobject:
                problems += _group(xobject.Group, f"{where} form {name}")
            problems += _resources(xobject, f"{where} form {name}", seen)
    for name, pattern in resources.get("/Pattern", {}).items():
        problems += _resources(pattern, f"{where} pattern {name}", seen)
    return problems


def _font(font: pikepdf.Dictionary, where: str) -> list[str]:
    kind = str(font.get("/Subtype"))
    if kind == "/Type3":
        return []
    target = font.DescendantFonts[0] if kind == "/Type0" else font
    descriptor = target.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        return [f"6.2.11.4: {where} ({font.get('/BaseFont')}) is not embedded"]
    return []


def _graphics_state(state: pikepdf.Dictionary, where: str) -> list[str]:
    problems = []
    if "/TR" in state or ("/TR2" in state and state.TR2 != "/Default"):
        problems.append(f"6.2.5: {where} has a transfer function")
    if "/HTP" in state or "/HTO" in state:
        problems.append(f"6.2.5: {where} has a halftone phase or origin")
    modes = state.get("/BM")
    for mode in modes if isinstance(modes, pikepdf.Array) else [modes] if modes is not None else []:
        if str(mode) not in BLEND_MODES:
            problems.append(f"6.2.10: {where} blends with {mode}")
    return problems


def _group(group: pikepdf.Dictionary, where: str) -> list[str]:
    if group.get("/S") == "/Transparency" and "/CS" not in group:
        return [f"6.2.10: {where} is a transparency group without a blending colour space (/CS)"]
    return []


def _filters(obj: pikepdf.Stream) -> Iterator[str]:
    found = obj.get("/Filter")
    for name in found if isinstance(found, pikepdf.Array) else [found] if found is not None else []:
        yield str(name)


def _object(obj: pikepdf.Object) -> list[str]:
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        return []
    where = f"object {obj.objgen[0]}"
    problems = []
    if isinstance(obj, pikepdf.Stream):
        if any(f in ("/LZWDecode", "/Crypt") for f in _filters(obj)):
            problems.append(f"6.1.7: {where} uses the LZW or Crypt filter")
        if "/F" in obj:
            problems.append(f"6.1.7: {where} is an external stream (/F)")
    subtype = obj.get("/Subtype")
    if subtype == "/Image" and ("/Alternates" in obj or "/OPI" in obj or obj.get("/Interpolate") is True):
        problems.append(f"6.2.8: {where} image has /Alternates, /OPI or /Interpolate true")
    if subtype == "/PS" or (subtype == "/Form" and ("/Ref" in obj or "/PS" in obj)):
        problems.append(f"6.2.9: {where} is a PostScript or reference XObject")
    if obj.get("/S") == "/Transparency" and obj.get("/Type") == "/Group" and "/CS" not in obj:
        problems.append(f"6.2.10: {where} is a transparency group without a blending colour space (/CS)")
    if obj.get("/Type") in (None, "/Action") and "/S" in obj and str(obj.S) in FORBIDDEN_ACTIONS:
        problems.append(f"6.6.1: {where} is a {obj.S} action")
    return problems
