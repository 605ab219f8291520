"""The Word document's chart XML: an inline drawing showing a chart part, and the chart's workbook link.

python-docx has an inline drawing for pictures only (``run.add_picture``);
a chart is the same ``wp:inline`` whose graphic is ``c:chart r:id`` (the
chart part related from the story) instead of a picture, as Word writes it.
The chart part's own XML (made by :mod:`zzreport.drawingml`) points at its
embedded workbook with ``c:externalData r:id``, set here to the id the
chart part gave the workbook.
"""

from __future__ import annotations

from typing import cast
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.shape import CT_Inline
from docx.text.run import Run
from lxml import etree

#: ``a:graphicData/@uri`` of a chart.
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def set_workbook_rid(chart_space: etree._Element, rid: str) -> None:
    """Point the chart's ``c:externalData`` at ``rid``, its embedded workbook's relationship."""
    external = chart_space.find(f"{{{_C}}}externalData")
    if external is None:
        raise ValueError("the chart part has no c:externalData")
    external.set(f"{{{_R}}}id", rid)


def append_inline_chart(
    run: Run, rid: str, cx: int, cy: int, shape_id: int, name: str, descr: str, title: str = ""
) -> etree._Element:
    """Append to ``run`` a ``w:drawing`` holding an inline chart (the part related as ``rid``) of ``cx`` × ``cy`` EMU.

    ``wp:docPr`` carries the drawing's unique ``id``, its ``name``, and its
    alt text: ``descr`` (what screen readers and Word's Alt Text pane show)
    and ``title``.
    """
    title_attribute = f" title={quoteattr(title)}" if title else ""
    inline = parse_xml(
        f'<wp:inline {nsdecls("wp", "a", "c", "r")} distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{int(cx)}" cy="{int(cy)}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{int(shape_id)}" name={quoteattr(name)} descr={quoteattr(descr)}{title_attribute}/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id={quoteattr(rid)}/></a:graphicData></a:graphic>'
        "</wp:inline>"
    )
    run._r.add_drawing(cast(CT_Inline, inline))
    return inline
