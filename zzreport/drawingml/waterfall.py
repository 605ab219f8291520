"""A waterfall as a native, editable chart: stacked columns over an invisible base.

PowerPoint 2016 has a waterfall chart type of its own (``cx:chart``), but
WPS and LibreOffice do not open it, and python-pptx cannot write it. The
classic construction opens everywhere: a stacked column chart whose first
series (the base) has no fill and no line, so each visible column floats at
the running total. The visible series are three, so each keeps its colour
through Edit Data: the start and totals (the author's series name, in the
theme's ``accent``), the rises (in the theme's ``up``) and the falls (``down``), each
blank where the column is of another role. The workbook thus holds the
steps (a fall as its size, labelled −3 by its number format). Labels are
Office data labels of the visible series' values, in Office number formats,
so they follow an edit; they sit in the columns' centres, the only place a
stacked column allows besides its ends.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION, XL_TICK_MARK
from pptx.util import Length, Pt

from zzreport.drawingml import charts, oxml
from zzreport.drawingml.number_codes import (
    axis_number_format,
    chart_values,
    needs_scaled_data,
    office_number_format,
    resolve_scale,
)
from zzreport.drawingml.oxml.chart import (
    set_point_label_color,
    set_point_label_offset,
    show_every_category,
)
from zzreport.drawingml.workbook import PlainCellChartData
from zzreport.figures.cartesian import value_axis_title
from zzreport.figures.kit import ink_on
from zzreport.figures.model import FigureData
from zzreport.figures.waterfall import Role, steps
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Theme
from zzreport.resolve.numbers import MINUS

#: The helper series' names in the workbook (the base, the rises, the falls; the totals take the author's)
#: where the figure brings none: the spec's ``labels:`` defaults.
HELPER_NAMES = ("基数", "增加", "减少")


def waterfall_series(fig: FigureData) -> list[tuple[str, Role | None, tuple[float | None, ...]]]:
    """(name, role, values) of the chart's series in order: the base, the totals, the rises, the falls.

    Values are raw numbers (a fall as its positive size); ``None`` leaves a
    cell blank where the column is of another role.
    """
    base_name, rise_name, fall_name = fig.helper_names if len(fig.helper_names) == 3 else HELPER_NAMES
    columns = steps(fig.series[0].values)
    base = tuple(c.lo if c.role in ("rise", "fall") else 0.0 for c in columns)

    def of(roles: tuple[Role, ...]) -> tuple[float | None, ...]:
        return tuple(c.hi - c.lo if c.role in roles else None for c in columns)

    return [
        (base_name, None, base),
        (fig.series[0].name, "total", of(("start", "total"))),
        (rise_name, "rise", of(("rise",))),
        (fall_name, "fall", of(("fall",))),
    ]


def draw_waterfall(
    make: charts.ChartMaker,
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    width: Length,
    height: Length,
    when: datetime,
) -> Chart:
    """Draw ``fig`` (a waterfall) in the chart part ``make`` returns: stacked columns over an invisible base."""
    model = fig.series[0]
    parts = waterfall_series(fig)
    every = [v for _, _, values in parts for v in values if v is not None]
    scale = resolve_scale(model.format, every)
    scaled = needs_scaled_data(model.format, every)
    fmt = replace(model.format, scale=scale)

    data = PlainCellChartData(number_format="General", when=when)
    data.categories = list(fig.categories)
    for name, _, values in parts:
        data.add_series(name, chart_values(values, fmt, scaled))
    chart = make(XL_CHART_TYPE.COLUMN_STACKED, data)
    chart.has_title = False
    chart.has_legend = False
    size = charts.text_size(width)
    text = Pt(size)
    charts.style_font(chart.font, fonts, text, theme.colors.text)
    oxml.set_display_blanks_as(chart, "gap")

    axis_plan = fig.axis_plan()["primary"]
    span = chart_values((axis_plan.hi - axis_plan.lo,), fmt, scaled)[0] or 1.0
    chart_pt = height / 12700
    plot_pt = max(chart_pt - charts.TITLE_ROW * size - 2 * size, 1.0)  # about the plot's height
    colors = {"total": theme.colors.accent, "rise": theme.colors.up, "fall": theme.colors.down}
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 100
    plot.vary_by_categories = False
    for series, (_, role, values) in zip(plot.series, parts, strict=True):
        series.invert_if_negative = False
        if role is None:  # the base: no fill, no outline, no labels
            series.format.fill.background()
            series.format.line.fill.background()
            continue
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = charts.rgb(colors[role])
        if not fig.labels:
            continue
        present = [v for v in values if v is not None]
        if role == "rise":
            code = office_number_format(replace(fmt, sign=True), present, scaled)
        elif role == "fall":  # the cells hold a fall's size: the code writes the minus
            code = f'"{MINUS}"' + office_number_format(fmt, present, scaled)
        else:
            code = office_number_format(fmt, present, scaled)
        labels = series.data_labels
        labels.show_value = True
        labels.number_format = code
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.CENTER
        charts.style_font(labels.font, fonts, text, ink_on(colors[role], theme.colors.text))
        for j, v in enumerate(values):  # a column too short for its label: the label above it, in the text colour
            if v is not None and (bar := v / span * plot_pt) < size * 1.4:
                set_point_label_color(labels, j, theme.colors.text)
                lift = bar / 2 + size * 0.8 + 2  # from the column's centre to above its top
                set_point_label_offset(labels, j, 0.0, -lift / chart_pt)

    axis = chart.category_axis
    charts.style_font(axis.tick_labels.font, fonts, charts.column_category_size(fig, fonts, width), theme.colors.text)
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.color.rgb = charts.rgb(theme.colors.muted)
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    show_every_category(axis)
    value_axis = oxml.value_axes(chart)[0]
    lo, hi = fig.pinned("primary")
    if lo is not None:
        value_axis.minimum_scale = lo
    if hi is not None:
        value_axis.maximum_scale = hi
    ticks = axis_plan.ticks
    title = value_axis_title(fig, "primary")
    charts.style_value_axis(value_axis, axis_number_format(fmt, ticks, scaled), title, fonts, theme, True, text)
    if title:
        oxml.set_title_position(value_axis, 0.0, 0.01)
    top_room = (charts.TITLE_ROW * size if title else 6) / (height / 12700)
    oxml.set_plot_area_layout(chart, 0.0, top_room, 1.0, max(0.3, 1 - top_room - 4 / (height / 12700)), "outer")

    charts.finish_chart(chart, fonts)
    return chart
