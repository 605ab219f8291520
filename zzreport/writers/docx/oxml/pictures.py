"""Pictures: alt text (``descr``) and an SVG drawing beside its PNG fallback.

python-docx adds an inline PNG or JPEG picture but sets no description and
knows no SVG. Word 2016 and later, WPS and LibreOffice draw a picture from
the SVG part named by its blip's ``asvg:svgBlip`` extension
(``{96DAC541-7B7A-43D3-8B79-37D633B846F1}``, [MS-ODRAWXML] 2.3.9.1) and keep
the PNG the blip points at for applications without SVG.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.parts.story import StoryPart
from docx.shape import InlineShape
from lxml import etree

#: The extension of ``a:blip`` that names a picture's SVG.
SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
#: The namespace of ``asvg:svgBlip``.
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_CONTENT_TYPE = "image/svg+xml"


def set_descr(picture: InlineShape, descr: str, name: str = "") -> None:
    """The picture's alternative text (``wp:docPr/@descr``), and its name when given."""
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", descr)
    if name:
        doc_pr.set("name", name)


def add_svg(picture: InlineShape, document_part: StoryPart, svg: bytes) -> str:
    """Give ``picture`` (a PNG picture in ``document_part``) ``svg`` as its drawing, the PNG as its fallback.

    The SVG becomes an ``image/svg+xml`` part of the document; returns its relationship id.
    """
    package = document_part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    number = next(n for n in range(1, len(taken) + 2) if f"/word/media/image{n}.svg" not in taken)
    part = Part(PackURI(f"/word/media/image{number}.svg"), SVG_CONTENT_TYPE, svg, package)
    rel_id: str = document_part.relate_to(part, RT.IMAGE)
    blip = picture._inline.find(f".//{qn('a:blip')}")
    if blip is None:
        raise ValueError("a picture without a:blip")
    extensions = blip.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(extensions, qn("a:ext"), uri=SVG_BLIP_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), rel_id)
    return rel_id
