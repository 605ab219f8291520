"""Native, editable PowerPoint charts from :class:`~zzreport.figures.model.FigureData`.

A chart in the deck is a real PowerPoint chart (with its data in an embedded
workbook), so whoever receives the deck can restyle it or correct a number.
It must still read exactly like the PDF's figure: the same numbers (Office
format codes built from the same :class:`NumberFormat`), the same colours,
and Chinese text in the slide font rather than whatever PowerPoint falls back
to. Only the public python-pptx API is used here; the XML it cannot reach
lives in :mod:`zzreport.writers.pptx.oxml_chart`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.chart.plot import BarPlot
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.text.text import Font
from pptx.util import Length, Pt

from zzreport.figures.model import FigureData, SeriesData
from zzreport.fonts.fontset import FontSet
from zzreport.resolve.numbers import SCALES, pick_scale
from zzreport.spec.models import NumberFormat, Theme
from zzreport.writers.pptx import oxml_chart

#: The python-pptx chart type drawn for each figure kind (combo starts as clustered columns).
CHART_TYPES: dict[str, XL_CHART_TYPE] = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "stacked-column": XL_CHART_TYPE.COLUMN_STACKED,
    "stacked-bar": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "area": XL_CHART_TYPE.AREA,
    "pie": XL_CHART_TYPE.PIE,
    "donut": XL_CHART_TYPE.DOUGHNUT,
    "combo": XL_CHART_TYPE.COLUMN_CLUSTERED,
}

#: Data-label position per kind; ``None`` where PowerPoint allows none (area, doughnut) and
#: stacked charts, whose labels sit inside the segments.
LABEL_POSITIONS: dict[str, XL_LABEL_POSITION | None] = {
    "column": XL_LABEL_POSITION.OUTSIDE_END,
    "bar": XL_LABEL_POSITION.OUTSIDE_END,
    "stacked-column": XL_LABEL_POSITION.CENTER,
    "stacked-bar": XL_LABEL_POSITION.CENTER,
    "line": XL_LABEL_POSITION.ABOVE,
    "area": None,
    # Outside the slices: best fit puts dark label text inside dark slices, where it can't be read.
    "pie": XL_LABEL_POSITION.OUTSIDE_END,
    "donut": None,
}

#: Kinds whose data labels sit on the coloured fill, so they are drawn in white (area labels straddle
#: the edge of the fill at the first and last category, so they stay dark).
LABELS_ON_FILL = frozenset({"stacked-column", "stacked-bar", "donut"})

TICK_SIZE = Pt(12)
LABEL_SIZE = Pt(12)
LEGEND_SIZE = Pt(12)
AXIS_TITLE_SIZE = Pt(12)
LINE_WIDTH = Pt(2.25)
GRIDLINE = RGBColor(0xD9, 0xD9, 0xD9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
#: The embedded workbooks' timestamp when neither ``when`` nor ``SOURCE_DATE_EPOCH`` is given
#: (the zip epoch, which XlsxWriter already uses for its entries).
DEFAULT_WHEN = datetime(1980, 1, 1, tzinfo=timezone.utc)


# --------------------------------------------------------------------------- number formats


def _needed_decimals(value: float) -> int:
    """Decimals :func:`zzreport.resolve.numbers.format_number` writes for ``decimals=None`` (at most 2)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return len(text.partition(".")[2])


def resolve_scale(fmt: NumberFormat, values: Sequence[float | None] = ()) -> str:
    """The concrete scale (``none``/``万``/``亿``) a chart uses for ``fmt``.

    ``auto`` picks one scale for all ``values`` from the largest magnitude:
    an axis has one scale, where the PDF's labels may pick one per value.
    """
    if fmt.scale != "auto":
        return fmt.scale
    magnitudes = [abs(v) for v in values if v is not None]
    return pick_scale(max(magnitudes)) if magnitudes else "none"


def chart_values(values: Sequence[float | None], fmt: NumberFormat) -> tuple[float | None, ...]:
    """The numbers written into the chart (and its workbook) for ``values`` shown with ``fmt``.

    Office format codes cannot divide by 10⁴ (a trailing ``,`` divides by 10³
    only), so 万/亿 are applied to the data: the chart holds 52.9 and the
    format code appends ``"万"``. With automatic decimals the values are
    rounded to two decimals, as the PDF writes them, so ``General`` shows the
    same digits.
    """
    scale = resolve_scale(fmt, values)
    factor = SCALES.get(scale, 1.0)
    out: list[float | None] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        scaled = value / factor
        out.append(round(scaled, 2) if fmt.decimals is None else round(scaled, 10))
    return tuple(out)


def office_number_format(fmt: NumberFormat, values: Sequence[float | None] = ()) -> str:
    """An Office number format code that shows what :func:`~zzreport.resolve.numbers.format_number` writes.

    ``values`` are the raw (unscaled) numbers the code will show; they decide
    an ``auto`` scale and, with thousands separators, the automatic decimals.
    The chart must hold :func:`chart_values` (already divided by 10⁴/10⁸).

    ==========================  =============================  ==========
    NumberFormat                code                           52.9 shows
    ==========================  =============================  ==========
    decimals=None               ``General``                    52.9
    decimals=1                  ``0.0``                        52.9
    decimals=0, thousands       ``#,##0``                      53
    decimals=None, thousands    ``#,##0.0`` (from the values)  52.9
    percent, decimals=1         ``0.0"%"``                     52.9%
    scale=万, decimals=1        ``0.0"万"``                    52.9万
    sign, decimals=1            ``+0.0;-0.0;0.0``              +52.9
    ==========================  =============================  ==========

    Why not simpler codes: ``0.##`` leaves a trailing ``.`` on whole numbers
    (``18.``), so automatic decimals use ``General`` (which shows as few as the
    value needs, like the PDF); ``General`` cannot group digits, so with
    ``thousands`` the decimals come from the data (the most any value needs,
    at most 2). Percent values are already percentages (11.8 means 11.8%), so
    the sign is a literal ``"%"`` — a bare ``%`` would multiply by 100. Zero
    gets its own section without a sign, as ``format_number`` writes ``0``.
    """
    scale = resolve_scale(fmt, values)
    if fmt.decimals is not None:
        decimals = fmt.decimals
    elif fmt.thousands:
        shown = [v for v in chart_values(values, fmt.model_copy(update={"scale": scale})) if v is not None]
        decimals = max((_needed_decimals(v) for v in shown), default=0)
    else:
        decimals = None
    if decimals is None:
        core = "General"
    else:
        core = ("#,##0" if fmt.thousands else "0") + ("." + "0" * decimals if decimals else "")
    suffix = (scale if scale in SCALES else "") + ("%" if fmt.percent else "")
    if suffix:
        core += f'"{suffix}"'
    if fmt.sign:
        return f"+{core};-{core};{core}"
    return core


# --------------------------------------------------------------------------- styling helpers


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def _style_font(font: Font, fonts: FontSet, size: Length, color: str, bold: bool = False) -> None:
    font.size = size
    font.bold = bold
    font.color.rgb = _rgb(color)
    oxml_chart.set_east_asian_font(font, fonts.family("slide"))


def _set_axis_title(axis, text: str, fonts: FontSet, theme: Theme) -> None:
    if not text:
        axis.has_title = False
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            _style_font(run.font, fonts, AXIS_TITLE_SIZE, theme.colors.muted)
    oxml_chart.set_text_frame_east_asian(frame, fonts.family("slide"))


def _style_value_axis(axis, code: str, title: str, fonts: FontSet, theme: Theme, gridlines: bool) -> None:
    axis.tick_labels.number_format = code
    axis.tick_labels.number_format_is_linked = False
    _style_font(axis.tick_labels.font, fonts, TICK_SIZE, theme.colors.text)
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.fill.background()
    axis.has_major_gridlines = gridlines
    if gridlines:
        axis.major_gridlines.format.line.color.rgb = GRIDLINE
        axis.major_gridlines.format.line.width = Pt(0.75)
    _set_axis_title(axis, title, fonts, theme)


def _style_category_axis(chart: Chart, fig: FigureData, fonts: FontSet, theme: Theme) -> None:
    axis = chart.category_axis
    _style_font(axis.tick_labels.font, fonts, TICK_SIZE, theme.colors.text)
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.color.rgb = _rgb(theme.colors.muted)
    axis.has_major_gridlines = False
    # Labels at the low end of the value axis: with negative values they would otherwise sit on the zero line.
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if fig.kind in ("bar", "stacked-bar"):
        # Bars list categories bottom-up by default; readers expect reading order top to bottom.
        # Reversing the axis would also move the value axis to the top, so it crosses at the maximum.
        axis.reverse_order = True
        oxml_chart.set_axis_crosses(oxml_chart.value_axes(chart)[0], "max")
    _set_axis_title(axis, fig.x_title, fonts, theme)


def _style_series(series, data: SeriesData, kind: str) -> None:
    color = _rgb(data.color)
    if kind == "line":
        series.format.line.color.rgb = color
        series.format.line.width = LINE_WIDTH
        series.smooth = False
        series.marker.style = XL_MARKER_STYLE.CIRCLE
        series.marker.size = 7
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = color
        series.marker.format.line.color.rgb = color
        return
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = color
    if kind in ("column", "bar", "stacked-column", "stacked-bar"):
        series.invert_if_negative = False


def _style_labels(series, code: str, kind: str, fonts: FontSet, theme: Theme) -> None:
    labels = series.data_labels
    labels.show_value = True
    labels.number_format = code
    labels.number_format_is_linked = False
    position = LABEL_POSITIONS[kind]
    if position is not None:
        labels.position = position
    color = theme.colors.background if kind in LABELS_ON_FILL else theme.colors.text
    _style_font(labels.font, fonts, LABEL_SIZE, color)


# --------------------------------------------------------------------------- the chart


def _axis_formats(fig: FigureData) -> dict[str, NumberFormat]:
    """One concrete format (scale resolved) per value axis, from the first series on it."""
    out: dict[str, NumberFormat] = {}
    for axis in ("primary", "secondary"):
        on_axis = [s for s in fig.series if s.axis == axis]
        if not on_axis:
            continue
        values = [v for s in on_axis for v in s.values]
        scale = resolve_scale(on_axis[0].format, values)
        out[axis] = on_axis[0].format.model_copy(update={"scale": scale})
    return out


def _series_format(data: SeriesData, axis_formats: dict[str, NumberFormat]) -> NumberFormat:
    """A series' own format on its axis' scale (an axis shows one scale; labels must agree with it)."""
    return data.format.model_copy(update={"scale": axis_formats[data.axis].scale})


def _without_lonely_secondary(fig: FigureData) -> FigureData:
    """Move series to the primary axis when none is on it: a secondary axis needs a primary one beside it."""
    if any(s.axis == "primary" for s in fig.series):
        return fig
    return replace(fig, series=tuple(replace(s, axis="primary") for s in fig.series))


def _when_default() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else DEFAULT_WHEN


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
    """Add ``fig`` to ``slide`` as a native chart and return its graphic frame.

    ``when`` stamps the embedded workbook (default: ``SOURCE_DATE_EPOCH``,
    else 1980-01-01) so the same figure always gives the same bytes. The
    chart has no title of its own: the slide title carries it. Raises
    :class:`ValueError` for ``scorecard``, which is not a chart type (the
    deck writer draws KPI cards).
    """
    if fig.kind not in CHART_TYPES:
        raise ValueError(f"figure kind {fig.kind!r} has no PowerPoint chart type; draw it as KPI cards instead")
    fig = _without_lonely_secondary(fig)
    axis_formats = _axis_formats(fig)
    formats = [_series_format(s, axis_formats) for s in fig.series]

    data = CategoryChartData(number_format="General")
    data.categories = list(fig.categories)
    for series, fmt in zip(fig.series, formats, strict=True):
        data.add_series(series.name, chart_values(series.values, fmt))
    frame = slide.shapes.add_chart(CHART_TYPES[fig.kind], left, top, width, height, data)
    chart = frame.chart

    chart.has_title = False
    _style_font(chart.font, fonts, TICK_SIZE, theme.colors.text)
    oxml_chart.set_display_blanks_as(chart, "gap")

    secondary = None
    if fig.kind == "combo":
        secondary = oxml_chart.make_combo(chart, [(s.type, s.axis) for s in fig.series])

    for series in _ordered(chart):
        model, fmt = fig.series[series.index], formats[series.index]
        kind = model.type if fig.kind == "combo" else fig.kind
        if fig.is_pie:
            _color_slices(series, theme)
        else:
            _style_series(series, model, kind)
        if fig.labels:
            _style_labels(series, office_number_format(fmt, model.values), kind, fonts, theme)
    _highlight(chart, fig, theme)
    for plot in chart.plots:
        plot.vary_by_categories = fig.is_pie
        if isinstance(plot, BarPlot):
            plot.gap_width = 60 if fig.kind.startswith("stacked") else 80

    if not fig.is_pie:
        _style_category_axis(chart, fig, fonts, theme)
        primary = axis_formats["primary"]
        primary_values = [v for s in fig.series if s.axis == "primary" for v in s.values]
        _style_value_axis(
            oxml_chart.value_axes(chart)[0],
            office_number_format(primary, primary_values),
            fig.y_title,
            fonts,
            theme,
            True,
        )
        if fig.kind == "area" and fig.labels:
            oxml_chart.set_cross_between(oxml_chart.value_axes(chart)[0], "between")
        if secondary is not None:
            secondary_values = [v for s in fig.series if s.axis == "secondary" for v in s.values]
            code = office_number_format(axis_formats["secondary"], secondary_values)
            _style_value_axis(secondary, code, fig.y2_title, fonts, theme, False)

    chart.has_legend = fig.legend
    if fig.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        _style_font(chart.legend.font, fonts, LEGEND_SIZE, theme.colors.text)

    oxml_chart.apply_east_asian_everywhere(chart, fonts.family("slide"))
    oxml_chart.set_descr(frame, fig.alt, fig.title)
    oxml_chart.fix_workbook_timestamp(chart.part, when or _when_default())
    return frame


def _ordered(chart: Chart) -> list:
    """The chart's series sorted by ``c:idx`` (the order of ``fig.series``, whichever plot holds them)."""
    return sorted((s for plot in chart.plots for s in plot.series), key=lambda s: s.index)


def _color_slices(series, theme: Theme) -> None:
    palette = theme.colors.palette
    for i, point in enumerate(series.points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(palette[i % len(palette)])
        point.format.line.color.rgb = WHITE
        point.format.line.width = Pt(1.5)


def _highlight(chart: Chart, fig: FigureData, theme: Theme) -> None:
    """Draw the highlighted category's column/bar in the accent colour (single-series charts)."""
    if fig.highlight is None or fig.is_pie or len(fig.series) != 1 or fig.kind in ("line", "area"):
        return
    point = chart.plots[0].series[0].points[fig.highlight]
    point.format.fill.solid()
    point.format.fill.fore_color.rgb = _rgb(theme.colors.accent)
