"""A chart part and its embedded workbook, made from python-pptx's public part classes.

python-pptx's ``slide.shapes.add_chart`` makes the chart part from the
chart data's XML, relates its workbook to it and places it on a slide in one
step. The first two steps are the chart itself, the same for every Office
format; :func:`new_chart_part` does just those, naming each part with the
caller's ``name`` (the deck names parts without walking its package; a
scratch package names them plainly), so whoever places the chart relates
it from its own part.
"""

from __future__ import annotations

from collections.abc import Callable

from pptx.chart.data import ChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart

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
