"""A scatter figure as a native, editable XY scatter chart.

One series of points, x and y from the figure's two series, markers only.
The embedded workbook holds python-pptx's XY layout (x in column A, y in
column B under the series' name) and, in column C, each point's name, so
whoever edits the data sees which row is which district; every text cell is
a string, never a formula (see :mod:`~zzreport.drawingml.workbook`).
A point's name is its data label's text: an XY chart's labels can show only
numbers otherwise (Office 2013's "value from cells", ``c15:datalabelsRange``,
is unknown to WPS and LibreOffice), so a point added by Edit Data shows the
series' default label, its y value, until someone names it.
The highlighted point is larger, in the accent colour, as in the PDF.
"""

from __future__ import annotations

import io
from datetime import datetime

from pptx.chart.chart import Chart
from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.util import Length, Pt
from xlsxwriter import Workbook

from zzreport.drawingml import charts, oxml
from zzreport.drawingml.number_codes import axis_number_format, office_number_format
from zzreport.drawingml.oxml.chart import series_data_labels
from zzreport.drawingml.workbook import WORKBOOK_OPTIONS
from zzreport.figures.kit import mix
from zzreport.figures.model import FigureData
from zzreport.figures.scatter import axis_title, points
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Theme

MARKER_SIZE = 9
HIGHLIGHT_SIZE = 13


class PlainXyChartData(XyChartData):
    """XY chart data whose workbook holds only strings and numbers, and each point's name beside it."""

    def __init__(self, names: list[str], *, when: datetime) -> None:
        super().__init__(number_format="General")
        self._names = names
        self._when = when

    @property
    def xlsx_blob(self) -> bytes:
        out = io.BytesIO()
        workbook = Workbook(out, WORKBOOK_OPTIONS)
        worksheet = workbook.add_worksheet()
        text = workbook.add_format({"quote_prefix": True})
        row = 0
        for series in self:  # python-pptx's layout: a name row, then the points; a blank row between series
            worksheet.write_string(row, 1, series.name, text)
            for i, (x, y) in enumerate(zip(series.x_values, series.y_values, strict=True), start=row + 1):
                worksheet.write_number(i, 0, x)
                worksheet.write_number(i, 1, y)
                if series.index == 0 and i - row - 1 < len(self._names):
                    worksheet.write_string(i, 2, self._names[i - row - 1], text)
            row += len(series) + 2
        workbook.close()
        return oxml.normalise_xlsx(out.getvalue(), self._when)


def draw_scatter(
    make: charts.ChartMaker,
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    width: Length,
    height: Length,
    when: datetime,
) -> Chart:
    """Draw ``fig`` (a scatter figure) in the chart part ``make`` returns, as a native XY scatter chart."""
    pts = points(fig)
    data = PlainXyChartData([fig.categories[j] for j, _, _ in pts], when=when)
    series_data = data.add_series(fig.series[1].name)
    for _, x, y in pts:
        series_data.add_data_point(x, y)
    chart = make(XL_CHART_TYPE.XY_SCATTER, data)
    chart.has_title = False
    chart.has_legend = False
    size = charts.text_size(width)
    text = Pt(size)
    charts.style_font(chart.font, fonts, text, theme.colors.text)

    color = fig.series[1].color
    series = chart.plots[0].series[0]
    series.format.line.fill.background()  # markers only, no line joining the points
    series.marker.style = XL_MARKER_STYLE.CIRCLE
    series.marker.size = MARKER_SIZE
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = charts.rgb(color)
    series.marker.format.line.color.rgb = charts.rgb(theme.colors.background)
    label_color = mix(theme.colors.text, theme.colors.background, 0.15)
    if fig.labels:  # a point the deck has no name for (one added by Edit Data) is labelled by its y value
        defaults = series_data_labels(series)
        defaults.show_value = True
        defaults.number_format = office_number_format(fig.series[1].format, [y for _, _, y in pts], False)
        defaults.number_format_is_linked = False
        defaults.position = XL_LABEL_POSITION.RIGHT
        charts.style_font(defaults.font, fonts, text, label_color)
    for i, (j, _, _) in enumerate(pts):
        point = series.points[i]
        if j == fig.highlight:
            point.marker.style = XL_MARKER_STYLE.CIRCLE
            point.marker.size = HIGHLIGHT_SIZE
            point.marker.format.fill.solid()
            point.marker.format.fill.fore_color.rgb = charts.rgb(theme.colors.accent)
        if fig.labels:
            label = point.data_label
            label.text_frame.text = fig.categories[j]
            label.position = XL_LABEL_POSITION.RIGHT
            for paragraph in label.text_frame.paragraphs:
                for run in paragraph.runs:
                    ink = theme.colors.text if j == fig.highlight else label_color
                    charts.style_font(run.font, fonts, text, ink)
            oxml.set_text_frame_east_asian(label.text_frame, fonts.family("slide"))

    plan = fig.axis_plan()
    x_axis, y_axis = chart.category_axis, chart.value_axis  # in an XY chart both are value axes
    for axis, name, which in ((x_axis, "x", 0), (y_axis, "primary", 1)):
        s = fig.series[which]
        code = axis_number_format(s.format, plan[name].ticks)
        charts.style_value_axis(axis, code, axis_title(fig, which), fonts, theme, True, text)
        # Range and step stay automatic, as on every chart of the deck, so Edit Data rescales them.
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        axis.major_tick_mark = XL_TICK_MARK.NONE
        axis.format.line.color.rgb = charts.rgb(theme.colors.muted)
    oxml.set_title_position(y_axis, 0.0, 0.01)
    h_pt = height / 12700
    top_room = charts.TITLE_ROW * size / h_pt
    bottom_room = charts.TITLE_ROW * size / h_pt  # the x axis' title, under the tick labels
    oxml.set_plot_area_layout(chart, 0.0, top_room, 1.0, max(0.3, 1 - top_room - bottom_room), "outer")

    charts.finish_chart(chart, fonts)
    return chart
