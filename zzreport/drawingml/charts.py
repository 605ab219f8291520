"""Native, editable Office charts from :class:`~zzreport.figures.model.FigureData`, for every Office format.

A chart in an Office file is a real DrawingML chart (with its data in an
embedded workbook), so whoever receives the file can restyle it or correct a
number. It must still read exactly like the PDF's figure: the same numbers
(Office format codes built from the same
:class:`~zzreport.figures.model.NumberStyle`), the same colours, and Chinese
text in the slide font rather than whatever Office falls back to. Every
decision is made here, once: :func:`draw_chart` styles the chart part a
writer's ``make`` hands it, and the writer places it (a graphic frame on a
slide, an inline drawing in a page). Only the public python-pptx API is used
here; the XML it cannot reach lives in :mod:`zzreport.drawingml.oxml`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone

from pptx.chart.chart import Chart
from pptx.chart.data import ChartData, XyChartData
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
from pptx.text.text import Font
from pptx.util import Length, Pt

from zzreport.drawingml import oxml
from zzreport.drawingml.number_codes import (
    axis_number_format,
    chart_values,
    needs_scaled_data,
    office_number_format,
    resolve_scale,
)
from zzreport.drawingml.oxml import (
    renumber_axis_ids,
    set_label_separator,
    set_point_label_color,
    show_every_category,
)
from zzreport.drawingml.workbook import PlainCellChartData
from zzreport.figures.cartesian import COMBO_PARTS, value_axis_title
from zzreport.figures.kind import ChartKind
from zzreport.figures.kinds import kind_of
from zzreport.figures.kit import ink_on, mix
from zzreport.figures.model import Axis, FigureData, NumberStyle, SeriesData
from zzreport.figures.radial import SHARE
from zzreport.fonts.fontset import FontSet
from zzreport.fonts.linebreak import cjk_latin_gaps
from zzreport.ir import Theme

#: Makes the chart part of the data drawn as the chart type, where the writer wants it, and returns its chart
#: (the deck: related from a slide, in a graphic frame; a scratch package: on its own).
ChartMaker = Callable[[XL_CHART_TYPE, ChartData | XyChartData], Chart]

#: The python-pptx chart type drawn for each figure kind (combo starts as clustered columns): the one
#: place the charts name kinds (a test checks that every kind drawn as a chart has one). Everything
#: else asks the kind's traits (:class:`~zzreport.figures.kind.ChartKind`).
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
    "waterfall": XL_CHART_TYPE.COLUMN_STACKED,  # over an invisible base (drawingml/waterfall.py)
    "scatter": XL_CHART_TYPE.XY_SCATTER,  # drawingml/scatter.py
    "histogram": XL_CHART_TYPE.COLUMN_CLUSTERED,  # with no gap
}

#: How far an area's fill is tinted towards the background (the PDF's value): light fill, full-colour line.
AREA_TINT = 0.62

#: The size of a chart's text (ticks, data labels, legend, axis titles) in a chart at least
#: :data:`FULL_TEXT_WIDTH` wide, such as every slide's (888 pt on a 16:9 slide, 648 pt on a 4:3 one).
TEXT_SIZE = 12.0
FULL_TEXT_WIDTH = 600.0
#: The smallest chart text of a narrower chart (a page's, 470 pt at an A4 text width): 小五, the size of
#: Chinese documents' notes.
MIN_TEXT_SIZE = 9.0
#: Rows of the layout, in text sizes: above the plot for the value-axis titles and units, below it for a
#: one-row legend, below a horizontal bar chart's plot for its tick labels.
TITLE_ROW = 1.9
LEGEND_ROW = 2.2
TICK_ROW = 1.9

#: A horizontal bar chart's category labels: at most this share of the chart's width, at least this size,
#: each line this many times its size high (what LibreOffice needs before it stops dropping labels).
LABEL_COLUMN = 0.4
MIN_CATEGORY_SIZE = 7.0
LINE_SPACING = 1.5
#: The space Office and LibreOffice set where a Chinese character meets a Latin letter or digit, in ems.
CJK_LATIN_SPACE = 0.25
#: The room between a bar chart's longest category label and its plot, in label sizes: LibreOffice's gap
#: before the axis, and the spacing it adds that zzreport's rule does not count (a label measured 172 pt wide
#: at 8 pt was drawn 179 pt wide); with 12 pt of room such a label was pushed against the chart's edge.
LABEL_GAP = 2.0
LINE_WIDTH = Pt(2.25)
GRIDLINE = RGBColor(0xD9, 0xD9, 0xD9)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
#: The embedded workbooks' timestamp when neither ``when`` nor ``SOURCE_DATE_EPOCH`` is given
#: (the zip epoch, which XlsxWriter already uses for its entries).
DEFAULT_WHEN = datetime(1980, 1, 1, tzinfo=timezone.utc)


# --------------------------------------------------------------------------- what a kind's traits mean here


def _is_line(kind: ChartKind) -> bool:
    """Whether ``kind`` draws its series as lines with markers (not bars, not filled areas, not slices)."""
    return kind.extent == "cartesian" and not (kind.bars or kind.filled or kind.mixed)


def series_kind(kind: ChartKind, series: SeriesData) -> ChartKind:
    """What ``series`` is drawn as: the kind its ``type`` names in a combo chart, else the figure's kind."""
    return COMBO_PARTS[series.type] if kind.mixed else kind


def label_position(kind: ChartKind, combo: bool = False) -> XL_LABEL_POSITION | None:
    """Where a series of ``kind`` (a combo's part when ``combo``) puts its data labels; ``None``: Office's own.

    Stacked segments hold their labels in the centre; PowerPoint allows no
    position for areas and doughnuts. Pie labels go outside the slices: best
    fit puts dark label text inside dark slices, where it can't be read. In a
    combo chart column labels sit inside the column's base and line labels
    above the point on a background box. The sides are per series, never per
    point: Office cannot dodge labels, and a side chosen per point for the
    data as built (below where above would cover the column's label inside
    its end) put a line label over a column's once Edit Data reversed the
    categories. A line label can now meet a column's only where the line
    runs within a label's height of the axis' foot.
    """
    if kind.extent == "radial":
        return None if kind.hole else XL_LABEL_POSITION.OUTSIDE_END
    if kind.filled:
        return None
    if kind.stacked:
        return XL_LABEL_POSITION.CENTER
    if kind.bars:
        return XL_LABEL_POSITION.INSIDE_BASE if combo else XL_LABEL_POSITION.OUTSIDE_END
    return XL_LABEL_POSITION.ABOVE


def labels_on_fill(kind: ChartKind, combo: bool = False) -> bool:
    """Whether the data labels of ``kind`` sit on its coloured fill (stacked segments, a donut's ring, combo columns).

    Their colour then follows the fill's lightness
    (:func:`~zzreport.figures.kit.ink_on`: white on dark red and blue, dark
    on amber). Area fills are tinted light, like the PDF's, so their labels
    stay dark.
    """
    return kind.stacked or kind.hole > 0 or (combo and kind.bars)


# --------------------------------------------------------------------------- styling helpers


def text_size(width: Length) -> float:
    """The size in points of a chart's text at ``width``: :data:`TEXT_SIZE` from :data:`FULL_TEXT_WIDTH` on,
    in proportion below it (to the half point), never below :data:`MIN_TEXT_SIZE`.

    The layout's rows and the label columns are reckoned in this size, so a
    chart as wide as a page's text is laid out as a slide's is at its own
    scale: the deck's 12 pt in a 470 pt chart was a third too large, so long
    bar labels ran past the 40 % column, column labels turned 45° and a
    right-hand axis title broke onto two lines.
    """
    scaled = TEXT_SIZE * min(1.0, width / 12700 / FULL_TEXT_WIDTH)
    return max(MIN_TEXT_SIZE, math.floor(scaled * 2) / 2)


def rgb(hex_color: str) -> RGBColor:
    """A ``#RRGGBB`` colour as python-pptx's (shared with the other chart modules)."""
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def style_font(font: Font, fonts: FontSet, size: Length, color: str, bold: bool = False) -> None:
    """Size, weight, colour and the slide font (East Asian too) of a chart text."""
    font.size = size
    font.bold = bold
    font.color.rgb = rgb(color)
    oxml.set_east_asian_font(font, fonts.family("slide"))


def _set_axis_title(axis, text: str, fonts: FontSet, theme: Theme, size: Length) -> None:
    if not text:
        axis.has_title = False
        return
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            style_font(run.font, fonts, size, theme.colors.muted)
    oxml.set_text_frame_east_asian(frame, fonts.family("slide"))


def style_value_axis(axis, code: str, title: str, fonts: FontSet, theme: Theme, gridlines: bool, size: Length) -> None:
    """Ticks in ``code``, no tick marks, light gridlines, and ``title`` set upright (see :func:`_place_titles`),
    all at ``size`` (:func:`text_size`)."""
    axis.tick_labels.number_format = code
    axis.tick_labels.number_format_is_linked = False
    style_font(axis.tick_labels.font, fonts, size, theme.colors.text)
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.fill.background()
    axis.has_major_gridlines = gridlines
    if gridlines:
        axis.major_gridlines.format.line.color.rgb = GRIDLINE
        axis.major_gridlines.format.line.width = Pt(0.75)
    _set_axis_title(axis, title, fonts, theme, size)
    oxml.set_axis_title_horizontal(axis)


def _style_category_axis(
    chart: Chart, fig: FigureData, kind: ChartKind, fonts: FontSet, theme: Theme, size: Length, title_size: Length
) -> None:
    axis = chart.category_axis
    style_font(axis.tick_labels.font, fonts, size, theme.colors.text)
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.minor_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.color.rgb = rgb(theme.colors.muted)
    axis.has_major_gridlines = False
    show_every_category(axis)
    # Labels at the low end of the value axis: with negative values they would otherwise sit on the zero line.
    axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if kind.horizontal:
        # Bars list categories bottom-up by default; readers expect reading order top to bottom.
        # Reversing the axis would also move the value axis to the top, so it crosses at the maximum.
        axis.reverse_order = True
        oxml.set_axis_crosses(oxml.value_axes(chart)[0], "max")
    _set_axis_title(axis, fig.x_title, fonts, theme, title_size)
    oxml.set_axis_title_horizontal(axis)


def _style_series(series, data: SeriesData, kind: ChartKind, theme: Theme) -> None:
    color = rgb(data.color)
    if _is_line(kind):
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
    if kind.filled:
        # A solid dark fill hides the gridlines and makes its labels unreadable: tint it, outline in full colour.
        series.format.fill.fore_color.rgb = rgb(area_fill(data.color, theme))
        series.format.line.color.rgb = color
        series.format.line.width = LINE_WIDTH
        return
    series.format.fill.fore_color.rgb = color
    if kind.bars:
        series.invert_if_negative = False
    if kind.gapless:  # touching bins parted by a hairline of the background, as in the PDF
        series.format.line.color.rgb = rgb(theme.colors.background)
        series.format.line.width = Pt(0.75)


def area_fill(color: str, theme: Theme) -> str:
    """An area's fill: its colour tinted towards the background (a solid dark fill hides the gridlines)."""
    return mix(color, theme.colors.background, AREA_TINT)


def label_color(kind: ChartKind, fill: str, theme: Theme, combo: bool = False) -> str:
    """The data labels' colour: by the fill's lightness where labels sit on it, else the text colour."""
    return ink_on(fill, theme.colors.text) if labels_on_fill(kind, combo) else theme.colors.text


def _style_labels(
    series, code: str, kind: ChartKind, fill: str, fonts: FontSet, theme: Theme, size: Length, combo: bool = False
) -> None:
    labels = series.data_labels
    labels.show_value = True
    labels.number_format = code
    labels.number_format_is_linked = False
    position = label_position(kind, combo)
    if position is not None:
        labels.position = position
    style_font(labels.font, fonts, size, label_color(kind, fill, theme, combo))
    if combo and _is_line(kind):
        oxml.set_data_labels_fill(labels, theme.colors.background)
    elif kind.filled:
        # On the area series itself (a second series carrying them was lost to Edit Data): Office centres
        # them in the fill, where a box in the fill's tint keeps the outline from crossing the edge labels.
        oxml.set_data_labels_fill(labels, area_fill(fill, theme))


def share_number_format() -> str:
    """The Office code of a slice's share (``0.0%``): a true percent code, since Office computes shares as
    fractions (0.45), unlike the series' percent values, which are already percentages (see
    :func:`office_number_format`)."""
    decimals = SHARE.decimals or 0
    return ("0." + "0" * decimals if decimals else "0") + "%"


def _slice_labels(series, fig: FigureData, theme: Theme) -> None:
    """Pie and donut labels as Office fields, so Edit Data recomputes them: the category over its share.

    Typed label text kept the old percentages after an edit and gave a new
    slice a bare number. Office formats every number of a label with one
    code (LibreOffice too: ``0.0`` writes a share as 0.4), so a label
    cannot show the PDF's ``128.5（45.0%）``; the share is what a pie is
    read for, so the deck shows the category and the share (``0.0%``, the
    PDF's share decimals). A series that is itself percentages shows its
    own values in its own code, as the PDF does. The category in the label
    identifies a slice without matching similar palette blues against the
    legend. Donut labels sit on the ring, in a colour chosen by the slice's
    lightness (a new slice takes the series' colour).
    """
    labels = series.data_labels
    labels.show_category_name = True
    if not fig.series[0].format.percent:
        labels.show_value = False
        labels.show_percentage = True
        labels.number_format = share_number_format()
        labels.number_format_is_linked = False
    set_label_separator(labels, "\n")
    if kind_of(fig).hole > 0:
        palette = theme.colors.palette
        for j in range(len(fig.categories)):
            set_point_label_color(labels, j, ink_on(palette[j % len(palette)], theme.colors.text))


# --------------------------------------------------------------------------- the chart


def _axis_formats(fig: FigureData) -> dict[str, tuple[NumberStyle, bool]]:
    """Per value axis: one concrete format (scale resolved, from the first series on it), and whether the
    chart holds its series divided by that scale (:func:`~.number_codes.needs_scaled_data` of any of them:
    the series of one axis must hold their numbers alike)."""
    out: dict[str, tuple[NumberStyle, bool]] = {}
    for axis in ("primary", "secondary"):
        on_axis = [s for s in fig.series if s.axis == axis]
        if not on_axis:
            continue
        values = [v for s in on_axis for v in s.values]
        scale = resolve_scale(on_axis[0].format, values)
        scaled = any(needs_scaled_data(s.format, s.values) for s in on_axis)
        out[axis] = (replace(on_axis[0].format, scale=scale), scaled)
    return out


def pdf_axes(fig: FigureData) -> dict[str, Axis]:
    """The value axes the PDF draws for ``fig``, by the deck's axis names (``primary``/``secondary``).

    They are the figure's axis plan (:attr:`FigureData.axes`), decided in
    resolve as the print layout draws them at the page's text width. A
    figure with every series on the secondary axis has its one axis on the
    right in the PDF, on the left in the deck (see
    :func:`_without_lonely_secondary`). The deck does not pin its axes to
    them (they stay automatic, so an edit rescales them); it reads them for
    the tick labels' decimals and to find the lowest of two lines
    (:func:`_points_below`).
    """
    axes = fig.axis_plan()
    if not axes:
        raise ValueError(f"figure {fig.number} ({fig.kind}) has no axis plan: resolve it with zzreport.resolve")
    if "primary" not in axes:
        return {"primary": axes["secondary"]}
    return axes


def _series_format(data: SeriesData, axis_formats: dict[str, tuple[NumberStyle, bool]]) -> NumberStyle:
    """A series' own format; on its axis' scale when the chart holds the axis' numbers divided by it."""
    fmt, scaled = axis_formats[data.axis]
    return replace(data.format, scale=fmt.scale) if scaled else data.format


def _without_lonely_secondary(fig: FigureData) -> FigureData:
    """Move series to the primary axis when none is on it: a secondary axis needs a primary one beside it."""
    if any(s.axis == "primary" for s in fig.series):
        return fig
    return replace(fig, series=tuple(replace(s, axis="primary") for s in fig.series))


def _when_default() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch.isdigit() else DEFAULT_WHEN


def draw_chart(
    make: ChartMaker,
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    width: Length,
    height: Length,
    when: datetime | None = None,
) -> Chart:
    """Draw ``fig`` as a native chart of ``width`` × ``height`` in the chart part ``make`` returns; return its chart.

    ``when`` stamps the embedded workbook (default: ``SOURCE_DATE_EPOCH``,
    else 1980-01-01) so the same figure always gives the same bytes. The
    chart has no title of its own: the slide title (or the caption) carries
    it, and its alt text goes on whatever the writer places it in. Raises
    :class:`ValueError` for ``scorecard``, which is not a chart type (the
    writers draw KPI cards).
    """
    kind = kind_of(fig)
    if kind.name not in CHART_TYPES:
        raise ValueError(f"figure kind {kind.name!r} has no Office chart type; draw it as KPI cards instead")
    if kind.floating:  # imported here: the waterfall module styles with this one's helpers
        from zzreport.drawingml.waterfall import draw_waterfall

        return draw_waterfall(make, fig, fonts, theme, width, height, when or _when_default())
    if kind.extent == "xy":  # imported here, as the waterfall's
        from zzreport.drawingml.scatter import draw_scatter

        return draw_scatter(make, fig, fonts, theme, width, height, when or _when_default())
    original, fig = fig, _without_lonely_secondary(fig)
    lonely = fig is not original  # every series was on the secondary axis, now drawn on the primary one
    axis_formats = _axis_formats(fig)
    formats = [_series_format(s, axis_formats) for s in fig.series]

    # Categories and series names are untrusted text: the workbook holds them as strings, never formulas.
    data = PlainCellChartData(number_format="General", when=when or _when_default())
    data.categories = list(fig.categories)
    for series, fmt in zip(fig.series, formats, strict=True):
        data.add_series(series.name, chart_values(series.values, fmt, axis_formats[series.axis][1]))
    chart = make(CHART_TYPES[kind.name], data)

    chart.has_title = False
    text = Pt(text_size(width))
    style_font(chart.font, fonts, text, theme.colors.text)
    oxml.set_display_blanks_as(chart, "gap")

    combo = kind.mixed
    secondary = None
    if combo:
        secondary = oxml.make_combo(chart, [(s.type, s.axis) for s in fig.series])

    scales = pdf_axes(original) if not fig.is_pie else {}
    below = _points_below(fig, scales) if fig.labels else {}
    for series in _ordered(chart):
        model, fmt = fig.series[series.index], formats[series.index]
        drawn = series_kind(kind, model)
        if fig.is_pie:
            _color_slices(series, theme)
        else:
            _style_series(series, model, drawn, theme)
        if fig.labels:
            code = office_number_format(fmt, model.values, axis_formats[model.axis][1])
            _style_labels(series, code, drawn, model.color, fonts, theme, text, combo)
            if fig.is_pie:
                _slice_labels(series, fig, theme)
            for j in below.get(series.index, ()):
                oxml.set_point_label_position(series.data_labels, j, "b")
    _highlight(chart, fig, theme)
    for plot in chart.plots:
        plot.vary_by_categories = fig.is_pie
        if isinstance(plot, BarPlot):
            plot.gap_width = 0 if kind.gapless else 60 if kind.stacked else 80

    chart.has_legend = fig.legend
    if fig.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        style_font(chart.legend.font, fonts, text, theme.colors.text)

    if not fig.is_pie:
        category_size = (
            bar_category_size(fig, fonts, width, height) if kind.horizontal else column_category_size(fig, fonts, width)
        )
        _style_category_axis(chart, fig, kind, fonts, theme, category_size, text)
        axes = [("primary", oxml.value_axes(chart)[0], True)]
        if secondary is not None:
            axes.append(("secondary", secondary, False))
        for name, axis, gridlines in axes:
            fmt, scaled = axis_formats[name]
            title = value_axis_title(fig, name)
            # Min, max and step stay automatic unless the spec pins an end: after Edit Data, PowerPoint and
            # LibreOffice rescale the axis, where a pinned maximum cut a tripled bar at the old top.
            _pin_value_axis(axis, original.pinned(name if not lonely else "secondary"))
            code = axis_number_format(fmt, scales[name].ticks, scaled)
            style_value_axis(axis, code, title, fonts, theme, gridlines, text)
        if kind.filled and fig.labels:
            # Categories in the middle of their band: at the plot's edges the first and last labels were cut.
            oxml.set_cross_between(oxml.value_axes(chart)[0], "between")
        _place_titles(chart, fig, fonts, secondary, width, height)

    finish_chart(chart, fonts)
    return chart


def finish_chart(chart: Chart, fonts: FontSet) -> None:
    """What every chart kind's drawing ends with, once its plots, axes and texts are final.

    Axis ids are renumbered last because a combo adds axes; every text body
    gets its East Asian face; the chart area is made clear, not left to
    each application's "automatic" look (a word processor frames it).
    """
    renumber_axis_ids(chart)
    oxml.set_chart_area_clear(chart)
    oxml.apply_east_asian_everywhere(chart, fonts.family("slide"))


def _pin_value_axis(axis, pins: tuple[float | None, float | None]) -> None:
    """Write the spec's pinned ends as ``c:min``/``c:max`` (the step stays automatic, as the PDF's ticks start at
    the lowest end)."""
    lo, hi = pins
    if lo is not None:
        axis.minimum_scale = lo
    if hi is not None:
        axis.maximum_scale = hi


def _points_below(fig: FigureData, scales: dict[str, Axis]) -> dict[int, list[int]]:
    """Points of lines whose label goes below the point rather than above, by series index.

    As the PDF places them: with two lines or more, at each category the
    lowest line's label goes below its point, away from the line above.
    Combo columns never move a line's label (see :func:`label_position`).
    """
    kind = kind_of(fig)
    lines = [k for k, s in enumerate(fig.series) if _is_line(series_kind(kind, s))]
    out: dict[int, list[int]] = {}
    if len(lines) >= 2:
        for j in range(len(fig.categories)):
            at = [(scales[fig.series[k].axis].frac(v), k) for k in lines if (v := fig.series[k].values[j]) is not None]
            if len(at) >= 2 and min(at)[0] < sorted(at)[1][0]:  # a tie has no lower line
                out.setdefault(min(at)[1], []).append(j)
    return out


def _place_titles(chart: Chart, fig: FigureData, fonts: FontSet, secondary, width: Length, height: Length) -> None:
    """Axis titles upright above the plot's top corners, the plot area laid out around them.

    As in the PDF: the value axis' title (or 单位：家) sits above the axis,
    left (the secondary axis' on the right); for horizontal bars the
    category title takes the top left and the value title stays under the
    ticks. The plot area is placed by hand, since an automatic layout knows
    nothing of titles pinned at the top. Horizontal bars get an ``inner``
    layout whose left margin fits the longest category label on one line
    (up to 40% of the chart), so labels are not broken mid-word into a
    narrow column.
    """
    w_pt, h_pt = width / 12700, height / 12700
    size = text_size(width)
    kind = kind_of(fig)
    horizontal = kind.horizontal
    value_axis = oxml.value_axes(chart)[0]
    top_left = chart.category_axis if horizontal and fig.x_title else value_axis
    top_titles = [a for a in (top_left, secondary) if a is not None and a.has_title]
    foot = horizontal and fig.x_title and value_axis.has_title
    top = (TITLE_ROW * size if top_titles else 6) / h_pt
    legend = (LEGEND_ROW * size if fig.legend else 4) / h_pt
    if top_left.has_title:
        oxml.set_title_position(top_left, 0.0, 0.01)
    if secondary is not None and secondary.has_title:
        text = secondary.axis_title.text_frame.text
        oxml.set_title_position(secondary, max(0.0, 1 - (_text_width(fonts, text, size) + 6) / w_pt), 0.01)
    if not horizontal:
        # ``outer``: the renderer fits tick and category labels inside this box; the x title goes below it.
        below = legend + (TITLE_ROW * size / h_pt if fig.x_title else 0.0)
        oxml.set_plot_area_layout(chart, 0.0, top, 1.0, max(0.3, 1 - top - below), "outer")
        return
    category = bar_category_size(fig, fonts, width, height).pt
    longest = max((_text_width(fonts, c, category) for c in fig.categories), default=0.0)
    left = min(longest + LABEL_GAP * category, LABEL_COLUMN * w_pt) / w_pt
    right = 0.02
    if fig.labels and not kind.stacked:  # labels beyond the bars' ends (stacked ones sit inside)
        widest = max((_text_width(fonts, t, size) for s in fig.series for t in s.labels), default=0.0)
        right = (widest + 10) / w_pt
    bottom = (TICK_ROW + (TITLE_ROW if foot else 0)) * size / h_pt + legend
    oxml.set_plot_area_layout(chart, left, top, max(0.3, 1 - left - right), max(0.3, 1 - top - bottom))


def _bar_rows(fig: FigureData, width: Length, height: Length) -> float:
    """The height in points of a horizontal bar chart's plot (see :func:`_place_titles`)."""
    size = text_size(width)
    foot = bool(fig.x_title and fig.y_title)
    rows = (TITLE_ROW + TICK_ROW + (TITLE_ROW if foot else 0)) * size + (LEGEND_ROW * size if fig.legend else 4)
    return max(height / 12700 - rows, 1.0)


def bar_category_size(fig: FigureData, fonts: FontSet, width: Length, height: Length) -> Length:
    """The category labels' size of a horizontal bar chart: the chart's text size (:func:`text_size`), smaller
    where a label is too long for the label column or the rows are too low for them.

    LibreOffice sets a bar chart's category label on one line, running past
    the chart's left edge when it is wider than the label column (up to 40%
    of the chart), so the size shrinks until the longest fits the column;
    and it drops every other label it finds crowded, ``c:tickLblSkip`` 1 or
    not (a 20-category chart showed 10), so each label must fit its row: its
    lines (where even the smallest size leaves it longer than the column,
    wrapped there, as PowerPoint does) at the size, with line spacing,
    within the row's height. Never below 7 pt.
    """
    row = _bar_rows(fig, width, height) / max(1, len(fig.categories))
    size = text_size(width)
    while size > MIN_CATEGORY_SIZE:
        column = LABEL_COLUMN * width / 12700 - LABEL_GAP * size
        lines = max((math.ceil(_text_width(fonts, c, size) / column) for c in fig.categories), default=1)
        if lines == 1 and size * LINE_SPACING <= row:
            break
        size -= 0.5
    return Pt(size)


def column_category_size(fig: FigureData, fonts: FontSet, width: Length) -> Length:
    """The category labels' size under columns, lines and areas: the chart's text size (:func:`text_size`),
    smaller where the longest label is wider than its category's share of the plot.

    A label wider than its share makes LibreOffice and PowerPoint turn every
    label 45°, so the size shrinks, never below 7 pt, until each fits its
    share less a character's gap. The plot is the chart's width less the
    value axes' tick labels (about four characters each; a combo chart has
    two).
    """
    size = text_size(width)
    if not fig.categories:
        return Pt(size)
    axes = 1 + any(s.axis == "secondary" for s in fig.series)
    while size > MIN_CATEGORY_SIZE:
        share = (width / 12700 - axes * 4 * size) / len(fig.categories) - size
        if max(_text_width(fonts, str(c), size) for c in fig.categories) <= share:
            break
        size -= 0.5
    return Pt(size)


def _text_width(fonts: FontSet, text: str, size: float) -> float:
    """Width in points of chart text (titles, labels) at ``size`` in the slide font, as Office and LibreOffice
    set it: with a quarter em where Chinese meets a Latin letter or digit (zzreport's one spacing rule,
    :func:`~zzreport.fonts.linebreak.cjk_latin_gaps`).

    Measured without it, a label of digits and Chinese ("1~11月") was drawn
    wider than the room made for it: pushed against the chart's edge.
    """
    return fonts.width(text, "slide", size) + len(cjk_latin_gaps(text)) * CJK_LATIN_SPACE * size


def _ordered(chart: Chart) -> list:
    """The chart's series sorted by ``c:idx`` (the order of ``fig.series``, whichever plot holds them)."""
    return sorted((s for plot in chart.plots for s in plot.series), key=lambda s: s.index)


def _color_slices(series, theme: Theme) -> None:
    palette = theme.colors.palette
    for i, point in enumerate(series.points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(palette[i % len(palette)])
        point.format.line.color.rgb = WHITE
        point.format.line.width = Pt(1.5)


def _highlight(chart: Chart, fig: FigureData, theme: Theme) -> None:
    """Draw the highlighted category's column/bar in the accent colour (single-series charts)."""
    if fig.highlight is None or len(fig.series) != 1 or not kind_of(fig).bars:
        return
    point = chart.plots[0].series[0].points[fig.highlight]
    point.format.fill.solid()
    point.format.fill.fore_color.rgb = rgb(theme.colors.accent)
