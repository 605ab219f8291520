"""A figure on a slide: the shared native chart (:mod:`zzreport.drawingml.charts`) in a graphic frame.

Every decision about the chart itself (axes, number formats, labels,
colours, fonts, combo parts, waterfall bases, scatter labels) is made by
:func:`zzreport.drawingml.charts.draw_chart`, the same for every Office
format; the deck only names its parts without walking the package, relates
the chart from the slide, frames it at its place and gives the frame the
figure's alt text.
"""

from __future__ import annotations

from datetime import datetime

from pptx.chart.chart import Chart
from pptx.chart.data import ChartData, XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Length

from zzreport.drawingml.charts import CHART_TYPES, draw_chart
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Theme
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.parts import add_chart as add_chart_part

__all__ = ["CHART_TYPES", "add_chart"]


def add_chart(
    slide: Slide,
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    left: Length,
    top: Length,
    width: Length,
    height: Length,
    when: datetime | None = None,
) -> GraphicFrame:
    """Add ``fig`` to ``slide`` as a native chart and return its graphic frame (see :func:`draw_chart`)."""
    frames: list[GraphicFrame] = []

    def make(chart_type: XL_CHART_TYPE, data: ChartData | XyChartData) -> Chart:
        frames.append(add_chart_part(slide, chart_type, left, top, width, height, data))
        return frames[0].chart

    draw_chart(make, fig, fonts, theme, width, height, when)
    oxml.set_descr(frames[0], fig.alt, fig.title)
    return frames[0]
