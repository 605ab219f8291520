"""SVG pictures: a picture whose ``a:blip`` carries the SVG beside its PNG.

Office 2016 and later (and LibreOffice, WPS) draw a picture from the SVG
part named by the blip's ``asvg:svgBlip`` extension
(``{96DAC541-7B7A-43D3-8B79-37D633B846F1}``, [MS-ODRAWXML] 2.3.9.1) and keep
the PNG the blip itself points at as the fallback for applications without
SVG. python-pptx adds only the PNG picture; the SVG part and its extension
are added here.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.shapes.picture import Picture

from zzreport.writers.pptx.oxml.base import found, qn
from zzreport.writers.pptx.oxml.order import get_or_add

#: The extension of ``a:blip`` that names a picture's SVG.
SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
#: The namespace of ``asvg:svgBlip``.
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_CONTENT_TYPE = "image/svg+xml"


def add_svg(picture: Picture, svg: bytes) -> str:
    """Give ``picture`` (a PNG picture) ``svg`` as its drawing, the PNG staying as its fallback.

    The SVG becomes an ``image/svg+xml`` part of the slide; returns its relationship id.
    """
    slide_part = picture.part
    package = slide_part.package
    part = Part(package.next_image_partname("svg"), SVG_CONTENT_TYPE, package, svg)
    rel_id = slide_part.relate_to(part, RT.IMAGE)
    blip = found(picture.element.find(f"{qn('p:blipFill')}/{qn('a:blip')}"), "a:blip")
    extensions = get_or_add(blip, "a:extLst")
    ext = etree.SubElement(extensions, qn("a:ext"), uri=SVG_BLIP_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), rel_id)
    return rel_id
