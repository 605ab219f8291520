"""A chart part and its embedded workbook, made from python-pptx's public part classes; a chart as bytes.

python-pptx's ``slide.shapes.add_chart`` makes the chart part from the
chart data's XML, relates its workbook to it and places it on a slide in one
step. The first two steps are the chart itself, the same for every Office
format; :func:`new_chart_part` does just those, naming each part with the
caller's ``name`` (the deck names parts without walking its package; a
scratch package names them plainly), so whoever places the chart relates
it from its own part. :func:`chart_parts` gives a format with no python-pptx
package of its own the finished chart as bytes: its part's XML and its
workbook.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from pptx.chart.chart import Chart
from pptx.chart.data import ChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.util import Emu

from zzreport.drawingml.charts import draw_chart
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Theme

#: A free part name for a template (``"/ppt/charts/chart%d.xml"``), taken from then on.
PartName = Callable[[str], PackURI]


def new_chart_part(
    package: Package, name: PartName, chart_type: XL_CHART_TYPE, chart_data: ChartData | XyChartData
) -> ChartPart:
    """The chart part of ``chart_data`` drawn as ``chart_type`` in ``package``, its workbook related to it.

    The same steps in the same order as python-pptx's ``add_chart``: the
    chart part from the data's XML, then its embedded workbook, each named by
    ``name`` in that order.
    """
    chart_part = ChartPart.load(
        name(ChartPart.partname_template), CT.DML_CHART, package, chart_data.xml_bytes(chart_type)
    )
    workbook = chart_data.xlsx_blob
    xlsx_part = EmbeddedXlsxPart(
        name(EmbeddedXlsxPart.partname_template), EmbeddedXlsxPart.content_type, package, workbook
    )
    chart_part.chart_workbook.xlsx_part = xlsx_part
    return chart_part


class ChartParts(NamedTuple):
    """One chart as a format's writer places it: the chart part's XML and its embedded workbook (xlsx).

    The XML's ``c:externalData r:id`` is ``rId1``, the workbook's id in a
    chart part with no other relationship; a writer relating the workbook
    from its own chart part points it at the id it gets.
    """

    chart_xml: bytes
    workbook: bytes


def chart_parts(
    figure: FigureData, theme: Theme, fonts: FontSet, width: int, height: int, when: datetime | None = None
) -> ChartParts:
    """``figure`` as a native chart of ``width`` × ``height`` EMU, as bytes, drawn by the deck's own code
    (:func:`~zzreport.drawingml.charts.draw_chart`).

    python-pptx makes chart parts inside a package, so the chart is drawn in
    a scratch package made for this call (an empty python-pptx ``Package``,
    never opened or saved: no template, no slide, microseconds to make), its
    two parts named plainly. Raises :class:`ValueError` for a kind with no
    chart type (``scorecard``), as the deck does.
    """
    scratch = Package(io.BytesIO())
    made: list[ChartPart] = []

    def make(chart_type: XL_CHART_TYPE, data: ChartData | XyChartData) -> Chart:
        made.append(new_chart_part(scratch, lambda template: PackURI(template % 1), chart_type, data))
        return made[0].chart

    draw_chart(make, figure, fonts, theme, Emu(width), Emu(height), when)
    (part,) = made
    workbook = part.chart_workbook.xlsx_part
    assert workbook is not None  # new_chart_part relates it
    return ChartParts(part.blob, workbook.blob)
