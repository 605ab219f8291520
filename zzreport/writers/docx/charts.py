"""Figures in the Word document as native charts: the deck's DrawingML chart parts, with their workbooks.

The chart itself (axes, number codes, labels, colours, fonts, combo parts,
waterfall bases, scatter labels) is made by the code that makes the deck's,
:func:`zzreport.drawingml.parts.chart_parts`; this module only places it:
a chart part under ``/word/charts/`` related from the paragraph's part, its
workbook an embedded package under ``/word/embeddings/`` related from the
chart part (so Word's and WPS's "Edit Data" open it), and an inline drawing
in a new run of the paragraph. Parts are added through python-docx's public
OPC API and named by the package's lowest free number, so a build always
names them alike.
"""

from __future__ import annotations

from datetime import datetime

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.text.paragraph import Paragraph

from zzreport.drawingml.parts import chart_parts
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Figure, Theme
from zzreport.writers.docx.oxml import chart as oxml

#: Where Word itself keeps a document's charts and their workbooks.
CHART_PARTNAME = "/word/charts/chart%d.xml"
WORKBOOK_PARTNAME = "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"


def add_chart(
    paragraph: Paragraph,
    figure: Figure,
    theme: Theme,
    fonts: FontSet,
    width: int,
    height: int,
    *,
    when: datetime | None = None,
) -> None:
    """Append ``figure`` to ``paragraph`` as an inline native chart of ``width`` × ``height`` EMU.

    ``when`` stamps the embedded workbook, as the deck's (the document's
    date; by default ``SOURCE_DATE_EPOCH``, else 1980-01-01).
    Its alt text (``wp:docPr/@descr``) is the figure's alt, else its title,
    as on the deck's chart frame; its name is the caption's first line.
    Raises :class:`ValueError` for a kind with no chart type (``scorecard``:
    the writer draws KPI cards), before anything is added.
    """
    fig = figure.data
    made = chart_parts(fig, theme, fonts, width, height, when)
    story = paragraph.part
    package = story.package
    chart = XmlPart.load(package.next_partname(CHART_PARTNAME), CT.DML_CHART, made.chart_xml, package)
    workbook = Part(package.next_partname(WORKBOOK_PARTNAME), CT.SML_SHEET, made.workbook, package)
    oxml.set_workbook_rid(chart.element, chart.relate_to(workbook, RT.PACKAGE))
    rid = story.relate_to(chart, RT.CHART)
    oxml.append_inline_chart(
        paragraph.add_run(), rid, width, height, story.next_id, figure.title_line, fig.alt or fig.title, fig.title
    )
