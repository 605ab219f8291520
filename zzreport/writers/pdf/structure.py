"""The tagged PDF's structure tree, made with pikepdf from what :mod:`zzreport.writers.pdf.tagging` recorded.

The page streams already carry the marked content (``/P <</MCID n>> BDC``);
this adds what ties it to meaning (ISO 32000-1 14.7, PDF/UA-1): the
``StructTreeRoot`` with one ``StructElem`` per recorded element, in reading
order, the ``ParentTree`` that maps each page's MCIDs (and each link
annotation) back to its element, ``/StructParents`` on the pages,
``/StructParent`` and ``/Contents`` on the link annotations, ``/Tabs /S``
on pages with annotations, Figures' ``/Alt`` and ``/BBox``, header cells'
``/Scope``. Heading levels are made to nest without a skipped level (a
spec may put a level-3 heading straight under a section title): the level
a reader's tool navigates by is the outline's, one deeper at most.
"""

from __future__ import annotations

import pikepdf

from zzreport.writers.pdf.tagging import Element, LinkMark, Mark, Recorder

#: The XMP extension schema PDF/A (ISO 19005-2 6.6.2.3) asks for the PDF/UA identifier, which is not among
#: the schemas XMP predefines.
PDFUA_EXTENSION = (
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
    'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
    '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">'
    "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
    "<pdfaProperty:category>internal</pdfaProperty:category>"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
    "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"
)


def add_pdfua_extension(pdf: pikepdf.Pdf) -> None:
    """Declare the ``pdfuaid`` schema in the XMP (after pikepdf has written the properties)."""
    metadata = pdf.Root.Metadata
    xml = metadata.read_bytes().decode("utf-8")
    end = xml.rindex("</rdf:RDF>")
    metadata.write((xml[:end] + PDFUA_EXTENSION + xml[end:]).encode("utf-8"))


def even_headings(root: Element) -> None:
    """Lower every heading that skips a level below the one before it (H1 then H3 becomes H1, H2)."""
    last = 0
    stack = [root]
    while stack:
        element = stack.pop()
        role = element.role
        if len(role) == 2 and role[0] == "H" and role[1].isdigit():
            level = min(int(role[1]), last + 1)
            element.role, last = f"H{level}", level
        stack.extend(kid for kid in reversed(element.kids) if isinstance(kid, Element))


def write_structure(pdf: pikepdf.Pdf, tagger: Recorder) -> None:
    """Add the structure tree of ``tagger``'s record to ``pdf`` (see the module's docstring)."""
    pages = [page.obj for page in pdf.pages]
    links = [[a for a in page.get("/Annots", []) if a.get("/Subtype") == pikepdf.Name.Link] for page in pages]
    by_page: dict[int, dict[int, pikepdf.Object]] = {}
    by_key: dict[int, pikepdf.Object] = {}
    next_key = len(pages)
    even_headings(tagger.root)
    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))

    def first_page(element: Element) -> int | None:
        for kid in element.kids:
            found = kid.page if isinstance(kid, (Mark, LinkMark)) else first_page(kid)
            if found is not None:
                return found
        return None

    def make(element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        nonlocal next_key
        node = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + element.role), P=parent)
        )
        page = first_page(element)
        if page is not None:
            node.Pg = pages[page]
        kids: list[object] = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(make(kid, node))
            elif isinstance(kid, Mark):
                by_page.setdefault(kid.page, {})[kid.mcid] = node
                if kid.page == page:
                    kids.append(kid.mcid)
                else:
                    kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[kid.page], MCID=kid.mcid))
            elif kid.index < len(links[kid.page]):
                annot = links[kid.page][kid.index]
                annot.StructParent = next_key
                annot.Contents = pikepdf.String(element.title)
                by_key[next_key] = node
                next_key += 1
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=pages[kid.page]))
        node.K = pikepdf.Array(kids)
        if element.alt:
            node.Alt = pikepdf.String(element.alt)
        if element.lang:
            node.Lang = pikepdf.String(element.lang)
        if element.bbox is not None:
            node.A = pikepdf.Dictionary(O=pikepdf.Name.Layout, BBox=pikepdf.Array([round(v, 2) for v in element.bbox]))
        elif element.scope:
            node.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name("/" + element.scope))
        return node

    document = make(tagger.root, tree_root)
    nums: list[object] = []
    for index, page_obj in enumerate(pages):
        marks = by_page.get(index)
        if marks:
            page_obj.StructParents = index
            nums += [index, pikepdf.Array([marks[mcid] for mcid in range(max(marks) + 1)])]
        if page_obj.get("/Annots"):
            page_obj.Tabs = pikepdf.Name.S
    for key, node in by_key.items():
        nums += [key, node]
    tree_root.K = document
    tree_root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
    tree_root.ParentTreeNextKey = next_key
    pdf.Root.StructTreeRoot = tree_root
