"""A structural check of tagged PDF (PDF/UA-1, PDF/A-2a) as zzreport writes it, read off the file with pikepdf.

Each problem is one line naming the page or element and what is wrong. It
checks what the writer can get wrong: content outside marked content,
marked content that does not nest with ``q``/``Q`` and ``BT``/``ET``,
MCIDs the ParentTree does not map back to their element, Figures without
Alt, headings that skip a level, tables without header cells, link
annotations without StructParent or Contents, and the catalogue and XMP
keys. Not the whole of ISO 14289 (no veraPDF here).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf

#: Operators that paint (ISO 32000-1 8.2): each must be inside content or an artifact.
PAINTING = frozenset({"BT", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"})
PAIRS = {"EMC": ("BDC", "BMC"), "Q": ("q",), "ET": ("BT",)}
#: The kids ISO 32000-1 14.8.4 allows the grouping elements zzreport writes.
ALLOWED_KIDS = {
    "TOC": {"TOCI", "TOC", "Caption"},
    "TOCI": {"Lbl", "Reference", "NonStruct", "P", "TOC"},
    "L": {"LI", "L", "Caption"},
    "LI": {"Lbl", "LBody"},
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TR": {"TH", "TD"},
}


def _stream_problems(page_number: int, page: pikepdf.Page) -> tuple[list[str], set[int]]:
    """Problems of one page's content stream, and the MCIDs it holds."""
    problems: list[str] = []
    mcids: set[int] = set()
    stack: list[tuple[str, str]] = []  # (operator, "mcid" | "artifact" | "other")
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC", "q", "BT"):
            kind = "other"
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                marked = [k for _, k in stack if k in ("mcid", "artifact")]
                if tag == "/Artifact":
                    kind = "artifact"
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    kind = "mcid"
                    mcid = int(props.MCID)
                    if mcid in mcids:
                        problems.append(f"page {page_number}: MCID {mcid} used twice")
                    mcids.add(mcid)
                if kind != "other" and marked:
                    problems.append(f"page {page_number}: {tag} marked content inside {marked[-1]} content")
            stack.append((op, kind))
            if op == "BT" and not any(k in ("mcid", "artifact") for _, k in stack):
                problems.append(f"page {page_number}: a text object outside marked content")
            continue
        if op in PAIRS:
            if not stack or stack[-1][0] not in PAIRS[op]:
                opened = stack[-1][0] if stack else "nothing"
                problems.append(f"page {page_number}: {op} closes {opened}: marked content and q/Q, BT/ET cross")
                return problems, mcids
            stack.pop()
            continue
        if op in PAINTING and op != "BT" and not any(k in ("mcid", "artifact") for _, k in stack):
            problems.append(f"page {page_number}: {op} paints outside marked content")
    if stack:
        problems.append(f"page {page_number}: {[op for op, _ in stack]} left open")
    return problems, mcids


def _roles(node: pikepdf.Object) -> str:
    return str(node.get("/S", ""))[1:]


def _kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    kids = node.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every structure element, in tree (reading) order."""
    out: list[pikepdf.Object] = []

    def walk(node: pikepdf.Object) -> None:
        for kid in _kids(node):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def tagged_problems(path: str | Path) -> list[str]:
    """Every rule of this check that the PDF at ``path`` breaks (empty: none)."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if not (root.get("/MarkInfo") and bool(root.MarkInfo.get("/Marked"))):
            problems.append("catalogue: /MarkInfo does not say /Marked true")
        if not str(root.get("/Lang", "")):
            problems.append("catalogue: no /Lang")
        if not (root.get("/ViewerPreferences") and bool(root.ViewerPreferences.get("/DisplayDocTitle"))):
            problems.append("catalogue: /ViewerPreferences lacks /DisplayDocTitle true")
        if "/StructTreeRoot" not in root:
            return [*problems, "catalogue: no /StructTreeRoot"]
        with pdf.open_metadata() as xmp:
            if xmp.get("pdfuaid:part") != "1":
                problems.append("XMP: no pdfuaid:part 1")
            if str(xmp.get("pdfaid:conformance", "")).upper() != "A":
                problems.append("XMP: pdfaid:conformance is not A")
        nums = list(root.StructTreeRoot.ParentTree.get("/Nums", []))
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages, start=1):
            found, mcids = _stream_problems(number, page)
            problems += found
            if mcids:
                if "/StructParents" not in page.obj:
                    problems.append(f"page {number}: marked content but no /StructParents")
                    continue
                parents = parent_tree.get(int(page.obj.StructParents))
                if parents is None or len(parents) != len(mcids) or mcids != set(range(len(mcids))):
                    problems.append(f"page {number}: the ParentTree does not list its {len(mcids)} MCIDs")
                    continue
                for mcid in sorted(mcids):
                    if not _holds(parents[mcid], mcid, page.obj):
                        problems.append(f"page {number}: MCID {mcid}'s ParentTree element does not hold it")
            annots = list(page.obj.get("/Annots", []))
            if annots and page.obj.get("/Tabs") != "/S":
                problems.append(f"page {number}: annotations but no /Tabs /S")
            for annot in annots:
                if annot.get("/Subtype") != "/Link":
                    continue
                if "/StructParent" not in annot or int(annot.StructParent) not in parent_tree:
                    problems.append(f"page {number}: a link annotation without a StructParent in the ParentTree")
                if not str(annot.get("/Contents", "")):
                    problems.append(f"page {number}: a link annotation without /Contents")
        last = 0
        for element in elements(pdf):
            role = _roles(element)
            if role == "Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("a Figure without /Alt")
            if len(role) == 2 and role[0] == "H" and role[1].isdigit():
                if int(role[1]) > last + 1:
                    problems.append(f"heading {role} after H{last}: a level skipped")
                last = int(role[1])
            if role == "Table":
                cells = [_roles(e) for e in _descendants(element)]
                if "TH" not in cells:
                    problems.append("a Table without header cells (TH)")
            if role == "TH" and "/Scope" not in element.get("/A", {}):
                problems.append("a TH without /Scope")
            if role in ALLOWED_KIDS:
                kids = {_roles(k) for k in _kids(element) if isinstance(k, pikepdf.Dictionary) and "/S" in k}
                if kids - ALLOWED_KIDS[role]:
                    problems.append(f"a {role} holds {sorted(kids - ALLOWED_KIDS[role])}")
    return problems


def _descendants(node: pikepdf.Object) -> list[pikepdf.Object]:
    out = []
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            out += [kid, *_descendants(kid)]
    return out


def _holds(element: pikepdf.Object, mcid: int, page: pikepdf.Object) -> bool:
    """Whether ``element`` lists MCID ``mcid`` of ``page`` among its kids."""
    for kid in _kids(element):
        if isinstance(kid, int) and kid == mcid and element.get("/Pg") is not None and element.Pg.objgen == page.objgen:
            return True
        mcr = isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR"
        if mcr and int(kid.MCID) == mcid and kid.Pg.objgen == page.objgen:
            return True
    return False


def marked_texts(path: str | Path) -> dict[tuple[int, int], str]:
    """{(page index, MCID): the text drawn inside that marked content}, as pdfplumber reads the pages."""
    texts: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, int(char["mcid"]))
                    texts[key] = texts.get(key, "") + char["text"]
    return texts


def tagged_text(path: str | Path) -> list[str]:
    """The text of each element that holds marked content, in structure-tree order, as a tag-aware
    extractor reads it: a ``Span`` inside (a run in another language) is read in its place."""
    texts = marked_texts(path)
    out: list[str] = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(p.obj for p in pdf.pages)}

        def text_of(element: pikepdf.Object) -> tuple[str, bool]:
            page = element.get("/Pg")
            parts, marked = [], False
            for kid in _kids(element):
                if isinstance(kid, int) and page is not None:
                    parts.append(texts.get((pages[page.objgen], kid), ""))
                    marked = True
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    parts.append(texts.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
                    marked = True
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Span":
                    parts.append(text_of(kid)[0])
            return "".join(parts), marked

        def walk(node: pikepdf.Object) -> None:
            for kid in _kids(node):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    text, marked = text_of(kid)
                    if marked:
                        out.append(text)
                    else:
                        walk(kid)

        walk(pdf.Root.StructTreeRoot)
    return out


def spans(path: str | Path) -> list[tuple[str, str, str]]:
    """(the parent's role, /Lang, text) of each Span element, in tree order."""
    texts = marked_texts(path)
    out = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: index for index, page in enumerate(p.obj for p in pdf.pages)}
        for element in elements(pdf):
            if element.S != "/Span":
                continue
            page = pages[element.Pg.objgen]
            text = "".join(texts.get((page, kid), "") for kid in _kids(element) if isinstance(kid, int))
            out.append((_roles(element.P), str(element.get("/Lang", "")), text))
    return out
