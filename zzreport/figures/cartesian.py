"""Charts on a category axis and one or two value axes: column, bar, stacked, line, area, combo.

Layout is computed from measured text, outside in: titles, legend and
category labels take the room they need, the plot gets the rest. Category
labels wrap to their slot (the width of one category) with the report's
line breaker, so they can never run into each other; when even wrapped
labels would not fit (very many categories) only every k-th one is shown.

``x_title`` names the category axis and ``y_title`` the value axis, also for
horizontal bars (as in PowerPoint's chart model). Value-axis titles and the
unit (单位：家) are set horizontally above the axis, the Chinese print habit,
instead of rotated along it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zzreport.errors import Problem
from zzreport.figures.kind import ChartKind, CheckInput
from zzreport.figures.kit import (
    ASCENT,
    AXIS_WIDTH,
    CATEGORY_SIZE,
    DATA_SIZE,
    DESCENT,
    GRID_WIDTH,
    TICK_SIZE,
    TITLE_SIZE,
    Box,
    Kit,
    LegendItem,
    block_height,
    draw_legend,
    draw_marker,
    ink_on,
    legend_height,
    legend_rows,
    mix,
    text_box,
)
from zzreport.figures.model import Axis, FigureData, NumberStyle, SeriesData
from zzreport.figures.scene import Anchor, Line, Poly, Rect, Scene, Text
from zzreport.figures.ticks import aligned_axis, axis_choices, fit_axis, pinned_axis

#: Category label sizes tried in turn before labels are thinned out.
LABEL_SIZES = (CATEGORY_SIZE, 7.5, 7.0)
MAX_LABEL_LINES = 3
#: Value-axis ticks are at least this many tick sizes apart (vertically), or
#: this many points wider than their labels (horizontally).
MIN_TICK_GAP = 2.2
MIN_TICK_SPACE = 8.0
PAD = 4.0


# --------------------------------------------------------------------------- values and axes


def _near_zero(lo: float, hi: float) -> bool:
    """Whether a line chart's axis should start at zero: the data spans much of the way there."""
    if lo >= 0:
        return hi - lo > 0.4 * hi
    if hi <= 0:
        return hi - lo > 0.4 * -lo
    return True


def _drawn(kind: ChartKind, s: SeriesData) -> ChartKind:
    """The kind a series is drawn as: the figure's, or in a combo chart the one its ``type`` names."""
    return COMBO_PARTS[s.type] if kind.mixed else kind


def _extent(kind: ChartKind, fig: FigureData, axis: str) -> tuple[float, float] | None:
    """The value range drawn on ``axis``, or None when no series uses it."""
    series = [s for s in fig.series if s.axis == axis]
    if not series:
        return None
    bars = [s for s in series if _drawn(kind, s).bars]
    others = [s for s in series if not _drawn(kind, s).bars]
    values: list[float] = []
    if bars and kind.stacked:
        for j in range(len(fig.categories)):
            column = [v for s in bars if (v := s.values[j]) is not None]
            values += [sum(v for v in column if v > 0), sum(v for v in column if v < 0)]
    else:
        values += [v for s in bars for v in s.values if v is not None]
    values += [v for s in others for v in s.values if v is not None]
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    if bars or any(_drawn(kind, s).filled for s in others) or _near_zero(lo, hi):
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    return lo, hi


def _axis_format(fig: FigureData, axis: str) -> NumberStyle:
    return next((s.format for s in fig.series if s.axis == axis), fig.format)


def _axis_unit(fig: FigureData, axis: str) -> str:
    series = next((s for s in fig.series if s.axis == axis), None)
    unit = fig.unit if axis == "primary" else (series.unit if series else "")
    if series and series.format.percent and unit == "%":
        return ""  # the ticks already read 20%
    return unit


def _axis_title(title: str, unit: str) -> str:
    """The text above a value axis: its title with the unit, or 单位：unit."""
    if title:
        return f"{title}（{unit}）" if unit and unit not in title else title
    return f"单位：{unit}" if unit else ""


def value_axis_title(fig: FigureData, axis: str) -> str:
    """The title of a value axis with its unit (产量（万辆）, 单位：家), as the PDF prints it above the axis."""
    return _axis_title(fig.y_title if axis == "primary" else fig.y2_title, _axis_unit(fig, axis))


def _labels_below(kind: ChartKind, fig: FigureData) -> bool:
    """Whether some point labels sit below their points: with two lines or more, the lower line's do."""
    return sum(1 for s in fig.series if not _drawn(kind, s).bars) >= 2


def _padded(extent: tuple[float, float], pad: float, below: bool = False) -> tuple[float, float]:
    """``extent`` widened by ``pad`` × its span on each side where data labels reach beyond the data.

    Data labels sit beyond a bar's end or above a point: without room inside
    the plot, the tallest bar's label would run into the unit line above it.
    A side pinned at zero (a bar's base) needs no room; the bottom of a
    floating line axis (an index around 100) does when the lower line's
    labels go below its points (``below``).
    """
    lo, hi = extent
    span = hi - lo
    return (lo - span * pad if lo < 0 or (below and lo > 0) else lo, hi + span * pad if hi != 0 else hi)


def _value_axes(
    kind: ChartKind, fig: FigureData, primary_name: str, most: int = 7, pad: float = 0.0
) -> tuple[Axis, Axis | None]:
    """The value axis, and for combo charts a secondary one whose ticks sit on the primary grid.

    Both must share the number of intervals; of 4–7 (at most ``most``), the
    count that leaves the least unused height on the two axes together wins.
    ``pad`` widens the data's extent (see :func:`_padded`) to leave room for labels.
    """
    below = _labels_below(kind, fig)
    extent = _pin(_padded(_extent(kind, fig, primary_name) or (0.0, 1.0), pad, below), fig.pinned(primary_name))
    fmt = _axis_format(fig, primary_name)
    if not (fig.has_secondary_axis and primary_name == "primary"):
        return pinned_axis(fit_axis(*extent, fmt, most), *fig.pinned(primary_name), fmt, most), None
    extent2 = _pin(_padded(_extent(kind, fig, "secondary") or (0.0, 1.0), pad, below), fig.pinned("secondary"))
    fmt2 = _axis_format(fig, "secondary")
    best: tuple[float, Axis, Axis] | None = None
    for axis in axis_choices(*extent, fmt, min(4, most), min(7, most)):
        axis2 = aligned_axis(*extent2, len(axis.ticks) - 1, fmt2)
        waste = 2 - (extent[1] - extent[0]) / (axis.hi - axis.lo) - (extent2[1] - extent2[0]) / (axis2.hi - axis2.lo)
        if best is None or waste < best[0] - 1e-9:
            best = (waste, axis, axis2)
    assert best is not None
    # Pinned ends win over the aligned grid: the secondary ticks may then fall between the primary's.
    return (
        pinned_axis(best[1], *fig.pinned("primary"), fmt, most),
        pinned_axis(best[2], *fig.pinned("secondary"), fmt2, most),
    )


def _pin(extent: tuple[float, float], pins: tuple[float | None, float | None]) -> tuple[float, float]:
    """``extent`` with the spec's pinned ends in place of the data's (the resolver checked the data fits)."""
    lo, hi = pins
    return (extent[0] if lo is None else lo, extent[1] if hi is None else hi)


def _label_pad(kind: ChartKind, fig: FigureData, axes: dict[str, Axis | None], want: float) -> float:
    """The ``pad`` (see :func:`_padded`) that leaves ``want`` × the axis length beyond the data for labels, or 0.

    0 when every axis already has that room. The pad is a share of the data's
    span, the room a share of the axis', hence the ratio of the two.
    """
    below = _labels_below(kind, fig)
    need = 0.0
    for name, axis in axes.items():
        extent = _extent(kind, fig, name) if axis is not None else None
        if axis is None or extent is None or extent[1] <= extent[0]:
            continue
        lo, hi = extent
        span = axis.hi - axis.lo
        if hi - lo < span * 1e-6:  # the axis was widened around (nearly) equal values: a pad of their span adds nothing
            continue
        short_hi = hi != 0 and (axis.hi - hi) / span < want
        short_lo = (lo < 0 or (below and lo > 0)) and (lo - axis.lo) / span < want
        if short_hi or short_lo:
            need = max(need, want * span / (hi - lo))
    return need


def _pos(axis: Axis, value: float, start: float, length: float) -> float:
    return start + axis.frac(value) * length


# --------------------------------------------------------------------------- category labels


@dataclass
class CategoryLabels:
    """Wrapped category labels: which ones are shown, their lines and size."""

    size: float
    shown: list[int]
    lines: dict[int, list[str]]

    @property
    def max_lines(self) -> int:
        return max((len(v) for v in self.lines.values()), default=0)

    def height(self) -> float:
        return block_height(self.max_lines, self.size)


def wrap_categories(
    kit: Kit, categories: tuple[str, ...], slot: float, max_lines: int, margins: tuple[float, float] = (0.0, 0.0)
) -> CategoryLabels:
    """Wrap labels to their slot, shrinking the size, then thinning out labels, until they fit.

    A label centred under its category may reach into the ``margins`` (room
    left and right of the plot) but never past the drawing's edge.
    """
    n = len(categories)

    def fit(indices: list[int], widths: dict[int, float], size: float, most: int) -> dict[int, list[str]] | None:
        lines: dict[int, list[str]] = {}
        for i in indices:  # give up at the first misfit: with hundreds of categories most tries fail
            if kit.width(categories[i], size) > most * widths[i]:
                return None
            wrapped = kit.wrap(categories[i], widths[i], size)
            if len(wrapped) > most or kit.lines_width(wrapped, size) > widths[i] + 1e-6:
                return None
            lines[i] = wrapped
        return lines

    everything = list(range(n))
    for size in LABEL_SIZES:
        lines = fit(everything, dict.fromkeys(everything, slot - PAD), size, max_lines)
        if lines is not None:
            return CategoryLabels(size, everything, lines)
    size = LABEL_SIZES[-1]
    left, right = margins
    widest = max(kit.width(c, size) for c in categories)
    for step in range(max(2, int((widest / 2 + PAD) // slot)), n + 1):
        shown = list(range(0, n, step))
        widths = {
            i: min(step * slot - PAD, 2 * (left + (i + 0.5) * slot), 2 * (right + (n - i - 0.5) * slot)) for i in shown
        }
        lines = fit(shown, widths, size, 2)
        if lines is not None:
            return CategoryLabels(size, shown, lines)
    return CategoryLabels(size, [], {})


# --------------------------------------------------------------------------- data labels


Spot = tuple[float, float, Anchor]  # x, baseline, anchor


@dataclass
class LabelJob:
    spots: list[Spot]
    text: str
    color: str
    on_line: bool  # a line's label: may sit on a bar, on a background halo
    #: A column's spot inside its own end in a colour readable on the fill: (spot, colour, the bar).
    inside: tuple[Spot, str, Box] | None = None
    #: Try ``inside`` before ``spots`` (combo columns), not only as the last resort.
    inside_first: bool = False


#: Room kept between a label and a series line (half the line's width and a hair).
LINE_CLEARANCE = 1.0
#: A line label's halo reaches this far beyond its text (horizontally, vertically).
HALO = (0.8, 0.2)


def _segment_hits(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Whether the segment (x1, y1)–(x2, y2) passes through ``box`` (Liang–Barsky clipping)."""
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - box.x0), (dx, box.x1 - x1), (-dy, y1 - box.y0), (dy, box.y1 - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


class Placer:
    """Data labels placed only where they overlap nothing already placed.

    Bars block bar labels (a grouped bar's label must not sit on its taller
    neighbour). A line's label may sit on a bar, but first looks for a spot
    that no series line crosses: a halo behind a label that a line runs
    through cuts a visible gap into the line. Only when no such spot is free
    does it cross a line, on a small halo of the background colour; it never
    covers a marker or another label.
    """

    def __init__(self, kit: Kit, bounds: Box) -> None:
        self.kit = kit
        self.bounds = bounds
        self.taken: list[Box] = []
        self.bars: list[Box] = []
        self.segments: list[tuple[float, float, float, float]] = []
        self.grid: list[float] = []  # heights of horizontal gridlines

    def block(self, box: Box) -> None:
        self.taken.append(box)

    def block_bar(self, box: Box) -> None:
        self.bars.append(box)

    def block_line(self, points: tuple[float, ...]) -> None:
        """A series line (x1, y1, x2, y2, …) that labels should not cross."""
        self.segments += [
            (points[i], points[i + 1], points[i + 2], points[i + 3]) for i in range(0, len(points) - 2, 2)
        ]

    def crosses_line(self, box: Box) -> bool:
        c = LINE_CLEARANCE
        wide = Box(box.x0 - c, box.y0 - c, box.x1 + c, box.y1 + c)
        return any(_segment_hits(*segment, wide) for segment in self.segments)

    def _free(self, box: Box, obstacles: list[Box]) -> bool:
        b = self.bounds
        inside = box.x0 >= b.x0 and box.x1 <= b.x1 and box.y0 >= b.y0 and box.y1 <= b.y1
        return inside and not any(box.overlaps(other, 0.5) for other in obstacles)

    def place(self, scene: Scene, job: LabelJob) -> bool:
        """Place a label at its first free spot; False when none is free (the label is left out)."""
        width = self.kit.width(job.text, DATA_SIZE)
        if job.inside_first and self._place_inside(scene, job, width):
            return True
        obstacles = self.taken if job.on_line else self.taken + self.bars
        boxes = [(spot, text_box(spot[0], spot[1], width, DATA_SIZE, spot[2])) for spot in job.spots]
        free = [(spot, box) for spot, box in boxes if self._free(box, obstacles)]
        if job.on_line:  # a spot clear of every line first; else the first free one, over a line
            free = [f for f in free if not self.crosses_line(f[1])] + [f for f in free if self.crosses_line(f[1])]
        if free:
            (x, baseline, anchor), box = free[0]
            if job.on_line and self._needs_halo(box):
                hx, hy = HALO
                halo = self.kit.colors.background
                scene.add(Rect(box.x0 - hx, box.y0 - hy, box.x1 - box.x0 + 2 * hx, box.y1 - box.y0 + 2 * hy, halo))
            scene.add(Text(x, baseline, job.text, DATA_SIZE, job.color, anchor))
            self.taken.append(box)
            return True
        return not job.inside_first and self._place_inside(scene, job, width)

    def _needs_halo(self, box: Box) -> bool:
        """Whether anything shows through the label: a line it crosses, a bar or a gridline it sits on."""
        return (
            self.crosses_line(box)
            or any(box.overlaps(bar) for bar in self.bars)
            or any(box.y0 < y < box.y1 for y in self.grid)
        )

    def _place_inside(self, scene: Scene, job: LabelJob, width: float) -> bool:
        """A column's label inside its end (combo charts, or when a line's marker or label took the spot beyond)."""
        if job.inside is None:
            return False
        (x, baseline, anchor), color, bar = job.inside
        box = text_box(x, baseline, width, DATA_SIZE, anchor)
        within = box.x0 >= bar.x0 and box.x1 <= bar.x1 and box.y0 >= bar.y0 and box.y1 <= bar.y1
        others = self.taken + [b for b in self.bars if b != bar]
        if not within or any(box.overlaps(other, 0.5) for other in others):
            return False
        scene.add(Text(x, baseline, job.text, DATA_SIZE, color, anchor))
        self.taken.append(box)
        return True


# --------------------------------------------------------------------------- the chart


#: Lines with more points than this get no markers (they would merge into a band).
MAX_MARKERS = 24


def _point_spots(px: float, py: float, others: list[float]) -> list[Spot]:
    """Where a line's label may go, best first: the upper line's above its points, the lower line's below.

    At each category the lines' order decides (a line that crosses another
    changes side there). Beside the centred spot come spots shifted left and
    right, so a label can step off a steep segment instead of sitting on it.
    """
    up = py + 4.5 + DESCENT * DATA_SIZE
    down = py - 4.5 - ASCENT * DATA_SIZE
    mid = py - 0.38 * DATA_SIZE
    above: list[Spot] = [(px, up, "middle"), (px + 3, up, "end"), (px - 3, up, "start"), (px, up + 4, "middle")]
    below: list[Spot] = [(px, down, "middle"), (px + 3, down, "end"), (px - 3, down, "start"), (px, down - 4, "middle")]
    sides: list[Spot] = [(px + 5, mid, "start"), (px - 5, mid, "end")]
    if all(y <= py for y in others):
        return above + sides + below
    if all(y >= py for y in others):
        return below + sides + above
    return sides + above + below


def _legend_items(kind: ChartKind, fig: FigureData) -> list[LegendItem]:
    items = []
    line_index = 0
    for s in fig.series:
        if _drawn(kind, s).bars or _drawn(kind, s).filled:
            items.append(LegendItem(s.name, s.color, "rect"))
        else:
            marker = line_index if len(fig.categories) <= MAX_MARKERS else -1
            items.append(LegendItem(s.name, s.color, "line", marker))
            line_index += 1
    return items


def _bar_colors(kind: ChartKind, fig: FigureData, s: SeriesData, accent: str) -> list[str]:
    """Each bar's fill: the series' colour, the highlighted category's in the accent (one series, side by side)."""
    single = kind.bars and not kind.stacked and len(fig.series) == 1
    return [accent if single and j == fig.highlight else s.color for j in range(len(fig.categories))]


def _baseline(axis: Axis) -> float:
    return min(max(0.0, axis.lo), axis.hi)


def layout_cartesian(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    """The layout of every kind of this module (:attr:`ChartKind.layout`)."""
    if kind.horizontal:
        return _horizontal(kind, fig, kit, width, height)
    return _vertical(kind, fig, kit, width, height)


def default_height(width: float) -> float:
    """0.55 × the width, but never so low that a narrow chart has no room for its plot."""
    return round(min(max(width * 0.55, 170.0), width), 2)


@dataclass
class _Frame:
    """Where a vertical chart's plot sits and which value axes it has (everything the axes depend on)."""

    height: float
    primary_name: str
    primary: Axis
    secondary: Axis | None
    x0: float
    x1: float
    slot: float
    cats: CategoryLabels
    y0: float
    plot_h: float
    header_h: float
    legend_h: float
    x_title_h: float
    left_title: str
    right_title: str
    legend_items: list[LegendItem]


def _vertical_frame(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> _Frame:
    """Fix the value axes and the plot box together: tick label widths and label room feed back into both."""
    n = len(fig.categories)
    height = height or default_height(width)
    left_title = _axis_title(fig.y_title, _axis_unit(fig, "primary"))
    right_title = _axis_title(fig.y2_title, _axis_unit(fig, "secondary")) if fig.has_secondary_axis else ""
    header_h = TITLE_SIZE + 6 if (left_title or right_title) else 2.0
    legend_items = _legend_items(kind, fig) if fig.legend else []
    legend_h = legend_height(len(legend_rows(kit, legend_items, width))) + 8 if legend_items else 0.0
    x_title_h = TITLE_SIZE + 6 if fig.x_title else 0.0
    headroom = DATA_SIZE * 1.4 if fig.labels else PAD

    primary_name = "primary" if _extent(kind, fig, "primary") else "secondary"
    # Labels beyond the bars' ends and above (or below) points need this much room inside the plot.
    label_room = DATA_SIZE + 5 if fig.labels and not kind.stacked else 0.0
    most, pad, widened = 7, 0.0, 0
    while True:  # fewer ticks when the plot is too low for them; the tick widths feed back into the layout
        primary, secondary = _value_axes(kind, fig, primary_name, most, pad)
        left = max(kit.width(t, TICK_SIZE) for t in primary.labels) + PAD + 1
        right = max(kit.width(t, TICK_SIZE) for t in secondary.labels) + PAD + 1 if secondary else 2.0
        x0, x1 = left, width - right
        slot = (x1 - x0) / n
        cats = wrap_categories(kit, fig.categories, slot, MAX_LABEL_LINES, (x0, width - x1))
        y0 = legend_h + x_title_h + cats.height() + PAD + 1
        plot_h = max(height - header_h - headroom - y0, 20.0)
        fit = max(1, int(plot_h // (TICK_SIZE * MIN_TICK_GAP)))
        if len(primary.ticks) - 1 > fit and most > 1:
            most = min(fit, most - 1)
            continue
        need = _label_pad(kind, fig, {primary_name: primary, "secondary": secondary}, label_room / plot_h)
        if need > pad + 1e-9 and widened < 3:  # a wider range may pick a longer step: try again, a few times
            pad, widened = need, widened + 1
            continue
        break
    return _Frame(
        height,
        primary_name,
        primary,
        secondary,
        x0,
        x1,
        slot,
        cats,
        y0,
        plot_h,
        header_h,
        legend_h,
        x_title_h,
        left_title,
        right_title,
        legend_items,
    )


def _vertical(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    colors = kit.colors
    n = len(fig.categories)
    frame = _vertical_frame(kind, fig, kit, width, height)
    height = frame.height
    scene = Scene(width, height)
    primary_name, primary, secondary = frame.primary_name, frame.primary, frame.secondary
    x0, x1, slot, cats, y0, plot_h = frame.x0, frame.x1, frame.slot, frame.cats, frame.y0, frame.plot_h
    legend_h, x_title_h, legend_items = frame.legend_h, frame.x_title_h, frame.legend_items
    left_title, right_title = frame.left_title, frame.right_title
    axes = {primary_name: primary, "secondary": secondary or primary}

    def ypos(axis: Axis, v: float) -> float:
        return _pos(axis, v, y0, plot_h)

    # Grid and tick labels.
    for tick, label in zip(primary.ticks, primary.labels, strict=True):
        y = ypos(primary, tick)
        scene.add(Line(x0, y, x1, y, colors.grid, GRID_WIDTH))
        scene.add(Text(x0 - PAD, y - 0.38 * TICK_SIZE, label, TICK_SIZE, colors.muted, "end"))
    if secondary:
        for tick, label in zip(secondary.ticks, secondary.labels, strict=True):
            y = ypos(secondary, tick)
            scene.add(Text(x1 + PAD, y - 0.38 * TICK_SIZE, label, TICK_SIZE, colors.muted, "start"))

    bounds = Box(0, y0, width, height)
    placer = Placer(kit, bounds)
    placer.grid = [ypos(primary, tick) for tick in primary.ticks]
    label_jobs: list[LabelJob] = []

    # Bars.
    bar_series = [s for s in fig.series if _drawn(kind, s).bars]
    stacked = kind.stacked
    groups = 1 if stacked else max(len(bar_series), 1)
    group_w = slot * (0.6 if groups == 1 else 0.76)
    bar_w = min(group_w / groups, 46.0)
    if kind.gapless:  # a histogram's bins touch, parted by a hairline of the background
        bar_w = slot / groups
    group_w = bar_w * groups
    pos_top = [0.0] * n
    neg_top = [0.0] * n
    for k, s in enumerate(bar_series):
        axis = axes[s.axis]
        base = ypos(axis, _baseline(axis))
        fills = _bar_colors(kind, fig, s, colors.accent)
        for j, v in enumerate(s.values):
            if v is None:
                continue
            cx = x0 + (j + 0.5) * slot
            bx = cx - group_w / 2 + (0 if stacked else k * bar_w)
            if stacked:
                start = pos_top[j] if v >= 0 else neg_top[j]
                end = start + v
                if v >= 0:
                    pos_top[j] = end
                else:
                    neg_top[j] = end
                ya, yb = ypos(axis, start), ypos(axis, end)
            else:
                ya, yb = base, ypos(axis, v)
            lo, hi = min(ya, yb), max(ya, yb)
            inset = 0.4 if not stacked and groups > 1 else 0.0
            if kind.gapless:
                scene.add(Rect(bx, lo, bar_w, hi - lo, fills[j], colors.background, 0.6))
            else:
                scene.add(Rect(bx + inset, lo, bar_w - 2 * inset, hi - lo, fills[j]))
            if stacked:
                scene.add(Line(bx, hi, bx + bar_w, hi, colors.background, 0.6))
            placer.block_bar(Box(bx, lo, bx + bar_w, hi))
            if not fig.labels or not s.labels[j]:
                continue
            text = s.labels[j]
            if stacked:
                mid = (lo + hi) / 2 - 0.38 * DATA_SIZE
                fits = kit.width(text, DATA_SIZE) <= bar_w - 2 and hi - lo >= DATA_SIZE + 2
                if fits:
                    scene.add(Text(bx + bar_w / 2, mid, text, DATA_SIZE, ink_on(fills[j], colors.text), "middle"))
                continue
            spots: list[Spot]
            inside: Spot
            if v >= 0:
                spots = [(bx + bar_w / 2, hi + 2 + DESCENT * DATA_SIZE, "middle")]
                inside = (bx + bar_w / 2, hi - 2 - ASCENT * DATA_SIZE, "middle")
            else:
                spots = [(bx + bar_w / 2, lo - 2 - ASCENT * DATA_SIZE, "middle")]
                inside = (bx + bar_w / 2, lo + 2 + DESCENT * DATA_SIZE, "middle")
            fallback = (inside, ink_on(fills[j], colors.text), Box(bx, lo, bx + bar_w, hi))
            # Combo columns: inside the end, leaving the room above for the line's labels (the deck puts them
            # inside the base instead, where no edit of the data moves a line label onto them).
            label_jobs.append(LabelJob(spots, text, colors.text, False, fallback, kind.mixed))

    # Zero line over the bars.
    base_y = ypos(primary, _baseline(primary))
    scene.add(Line(x0, base_y, x1, base_y, colors.axis, AXIS_WIDTH))

    # Areas under lines, then lines, so nothing hides a line.
    line_series = [s for s in fig.series if not _drawn(kind, s).bars]
    areas = sorted((s for s in line_series if _drawn(kind, s).filled), key=_mean, reverse=True)
    for s in areas:
        axis = axes[s.axis]
        base = ypos(axis, _baseline(axis))
        for run in _runs(s.values):
            pts: list[float] = []
            for j in run:
                pts += [x0 + (j + 0.5) * slot, ypos(axis, s.values[j] or 0.0)]
            poly = (pts[0], base, *pts, pts[-2], base)
            scene.add(Poly(poly, mix(s.color, colors.background, 0.62), None, 0, True))
    markers = n <= MAX_MARKERS
    for s in line_series:
        axis = axes[s.axis]
        for run in _runs(s.values):
            pts = []
            for j in run:
                pts += [x0 + (j + 0.5) * slot, ypos(axis, s.values[j] or 0.0)]
            if len(run) > 1:
                scene.add(Poly(tuple(pts), None, s.color, 1.6, False))
                placer.block_line(tuple(pts))
    # Markers over every line; each label tries first the side away from the other lines.
    points = {
        (k, j): (x0 + (j + 0.5) * slot, ypos(axes[s.axis], v))
        for k, s in enumerate(line_series)
        for j, v in enumerate(s.values)
        if v is not None
    }
    for (k, _), (px, py) in points.items():
        s = line_series[k]
        if markers:
            draw_marker(scene, k, px, py, s.color, colors.background)
        placer.block(Box(px - 3, py - 3, px + 3, py + 3))
    # Labels on dense lines would be a random, unreadable subset: only where each has room.
    line_labels = [t for s in line_series for t in s.labels]
    if fig.labels and max((kit.width(t, DATA_SIZE) for t in line_labels), default=0.0) <= 1.6 * slot:
        for (k, j), (px, py) in points.items():
            s = line_series[k]
            if not s.labels[j]:
                continue
            others = [y for (k2, j2), (_, y) in points.items() if j2 == j and k2 != k]
            label_jobs.append(LabelJob(_point_spots(px, py, others), s.labels[j], mix(s.color, colors.text, 0.4), True))

    # Category labels.
    top = y0 - PAD - 1
    for j in cats.shown:
        kit.draw_lines(scene, cats.lines[j], x0 + (j + 0.5) * slot, top, cats.size, colors.text, "middle")
    if fig.x_title:
        baseline = legend_h + x_title_h - 3 - ASCENT * TITLE_SIZE
        scene.add(Text((x0 + x1) / 2, baseline, fig.x_title, TITLE_SIZE, colors.muted, "middle"))

    # Data labels last, so they dodge every bar, marker and each other.
    for job in label_jobs:
        placer.place(scene, job)

    # Axis titles above the plot, legend at the foot.
    title_base = height - 2 - ASCENT * TITLE_SIZE
    if left_title:
        scene.add(Text(0.0, title_base, left_title, TITLE_SIZE, colors.muted))
    if right_title:
        scene.add(Text(width, title_base, right_title, TITLE_SIZE, colors.muted, "end"))
    if legend_items:
        draw_legend(scene, kit, legend_items, 0.0, width, legend_h - 4)
    return scene


def _horizontal_axis(kind: ChartKind, fig: FigureData, kit: Kit, width: float) -> tuple[Axis, float, float, float]:
    """A horizontal bar chart's value axis, the plot's left and right edge, and the category labels' width.

    The axis has as many ticks as fit side by side without their labels touching.
    """
    extent = _extent(kind, fig, "primary") or (0.0, 1.0)
    natural = max(kit.width(c, CATEGORY_SIZE) for c in fig.categories)
    label_w = min(natural, max(width * 0.3, 60.0))
    data_w = max((kit.width(t, DATA_SIZE) for s in fig.series for t in s.labels), default=0.0)
    most = 7
    while True:  # fewer ticks when their labels would touch
        fmt = _axis_format(fig, "primary")
        axis = pinned_axis(fit_axis(*_pin(extent, fig.pinned("primary")), fmt, most), *fig.pinned("primary"), fmt, most)
        tick_w = [kit.width(t, TICK_SIZE) for t in axis.labels]
        right = max(data_w + PAD if fig.labels and not kind.stacked else 0.0, tick_w[-1] / 2)
        x0, x1 = max(label_w + PAD + 2, tick_w[0] / 2 + 1), width - right - 2
        fit = max(1, int((x1 - x0) // (max(tick_w) + MIN_TICK_SPACE)))
        if len(axis.ticks) - 1 <= fit or most == 1:
            return axis, x0, x1, label_w
        most = min(fit, most - 1)


def value_axes(
    kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None = None
) -> dict[str, Axis]:
    """The value axes the PDF draws for ``fig`` at ``width`` × ``height``, by name (``primary``/``secondary``).

    The very computation the layout uses (ticks thinned for a low plot, the
    range widened for data labels), so the deck's native chart can pin its
    axes to the same minimum, maximum and step. When every series is on the
    secondary axis, the PDF draws that one alone, under ``secondary``.
    """
    if kind.horizontal:
        return {"primary": _horizontal_axis(kind, fig, kit, width)[0]}
    frame = _vertical_frame(kind, fig, kit, width, height)
    out = {frame.primary_name: frame.primary}
    if frame.secondary is not None:
        out["secondary"] = frame.secondary
    return out


#: Lines a category label may take under its column before the chart turns sideways.
CROWDED_LINES = 2


def crowded_categories(kind: ChartKind, fig: FigureData, kit: Kit, width: float) -> bool:
    """Whether the category labels under the columns would be thinned out, shrunk or stacked in more than
    :data:`CROWDED_LINES` lines at ``width``: measured with the fonts, by the layout's own wrapping."""
    cats = _vertical_frame(kind, fig, kit, width, None).cats
    return len(cats.shown) < len(fig.categories) or cats.size < CATEGORY_SIZE or cats.max_lines > CROWDED_LINES


def _horizontal(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    colors = kit.colors
    n = len(fig.categories)
    value_title = _axis_title(fig.y_title, _axis_unit(fig, "primary"))
    header_left = fig.x_title or value_title
    foot_title = value_title if fig.x_title else ""
    header_h = TITLE_SIZE + 6 if header_left else 2.0
    legend_items = _legend_items(kind, fig) if fig.legend else []
    legend_h = legend_height(len(legend_rows(kit, legend_items, width))) + 8 if legend_items else 0.0
    foot_h = TITLE_SIZE + 6 if foot_title else 0.0
    tick_h = TICK_SIZE + PAD + 2

    axis, x0, x1, label_w = _horizontal_axis(kind, fig, kit, width)

    fixed = header_h + tick_h + foot_h + legend_h + 2
    default_plot = (height or default_height(width)) - fixed
    sizes = LABEL_SIZES if height else LABEL_SIZES[:1]
    for size in sizes:
        lines = {i: kit.wrap(c, label_w, size) for i, c in enumerate(fig.categories)}
        need = max(block_height(len(v), size) for v in lines.values()) + 6
        if need * n <= default_plot + 1e-6 or size == sizes[-1]:
            break
    slot_min = max(need, 14.0)
    plot_h = max(default_plot, slot_min * n) if height is None else max(default_plot, 20.0)
    height = height or fixed + plot_h
    slot = plot_h / n
    shown = list(range(n))
    if slot < need:  # only with a fixed height too small for every label: thin them out
        step = int(need // slot) + 1
        shown = list(range(0, n, step))
    scene = Scene(width, height)
    y0 = legend_h + foot_h + tick_h
    y1 = y0 + plot_h

    def xpos(v: float) -> float:
        return _pos(axis, v, x0, x1 - x0)

    for tick, label in zip(axis.ticks, axis.labels, strict=True):
        x = xpos(tick)
        scene.add(Line(x, y0, x, y1, colors.grid, GRID_WIDTH))
        scene.add(Text(x, y0 - PAD - ASCENT * TICK_SIZE, label, TICK_SIZE, colors.muted, "middle"))

    placer = Placer(kit, Box(x0 - 1, y0, width, y1 + 1))
    label_jobs: list[LabelJob] = []
    stacked = kind.stacked
    groups = 1 if stacked else len(fig.series)
    group_h = slot * (0.62 if groups == 1 else 0.76)
    bar_h = min(group_h / groups, 30.0)
    group_h = bar_h * groups
    pos_end = [0.0] * n
    neg_end = [0.0] * n
    base_x = xpos(_baseline(axis))
    for k, s in enumerate(fig.series):
        fills = _bar_colors(kind, fig, s, colors.accent)
        for j, v in enumerate(s.values):
            if v is None:
                continue
            cy = y1 - (j + 0.5) * slot
            by = cy + group_h / 2 - (bar_h if stacked else (k + 1) * bar_h)
            if stacked:
                start = pos_end[j] if v >= 0 else neg_end[j]
                end = start + v
                if v >= 0:
                    pos_end[j] = end
                else:
                    neg_end[j] = end
                xa, xb = xpos(start), xpos(end)
            else:
                xa, xb = base_x, xpos(v)
            lo, hi = min(xa, xb), max(xa, xb)
            inset = 0.4 if not stacked and groups > 1 else 0.0
            scene.add(Rect(lo, by + inset, hi - lo, bar_h - 2 * inset, fills[j]))
            if stacked:
                scene.add(Line(hi, by, hi, by + bar_h, colors.background, 0.6))
            placer.block_bar(Box(lo, by, hi, by + bar_h))
            if not fig.labels or not s.labels[j]:
                continue
            text = s.labels[j]
            mid = by + bar_h / 2 - 0.38 * DATA_SIZE
            if stacked:
                if kit.width(text, DATA_SIZE) <= hi - lo - 3 and bar_h >= DATA_SIZE + 1:
                    scene.add(Text((lo + hi) / 2, mid, text, DATA_SIZE, ink_on(fills[j], colors.text), "middle"))
                continue
            spot: Spot = (hi + 3, mid, "start") if v >= 0 else (lo - 3, mid, "end")
            label_jobs.append(LabelJob([spot], text, colors.text, False))
    scene.add(Line(base_x, y0, base_x, y1, colors.axis, AXIS_WIDTH))

    size_used = size
    for j in shown:
        lines_j = lines[j]
        cy = y1 - (j + 0.5) * slot
        top = cy + block_height(len(lines_j), size_used) / 2
        kit.draw_lines(scene, lines_j, x0 - PAD - 2, top, size_used, colors.text, "end")

    for job in label_jobs:
        placer.place(scene, job)

    if header_left:
        scene.add(Text(0.0, height - 2 - ASCENT * TITLE_SIZE, header_left, TITLE_SIZE, colors.muted))
    if foot_title:
        baseline = legend_h + foot_h - 3 - ASCENT * TITLE_SIZE
        scene.add(Text((x0 + x1) / 2, baseline, foot_title, TITLE_SIZE, colors.muted, "middle"))
    if legend_items:
        draw_legend(scene, kit, legend_items, 0.0, width, legend_h - 4)
    return scene


def _mean(s: SeriesData) -> float:
    values = [v for v in s.values if v is not None]
    return sum(values) / len(values) if values else 0.0


def _runs(values: tuple[float | None, ...]) -> list[list[int]]:
    """Indices of the unbroken stretches between gaps (a line never bridges a missing value)."""
    runs: list[list[int]] = [[]]
    for j, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(j)
    return [r for r in runs if r]


# --------------------------------------------------------------------------- the kinds laid out here


def _two_series_at_least(data: CheckInput) -> list[Problem]:
    if len(data.series) >= 2:
        return []
    return [Problem(data.at_series, "a combo chart needs at least two series (columns and a line)")]


def _cartesian(name: str, alt_noun: str, **traits: Any) -> ChartKind:
    return ChartKind(name, "cartesian", alt_noun, layout_cartesian, value_axes, **traits)


COLUMN = _cartesian("column", "柱状图", bars=True, sideways="bar", crowded=crowded_categories)
BAR = _cartesian("bar", "条形图", bars=True, horizontal=True)
STACKED_COLUMN = _cartesian(
    "stacked-column", "堆积柱状图", bars=True, stacked=True, sideways="stacked-bar", crowded=crowded_categories
)
STACKED_BAR = _cartesian("stacked-bar", "堆积条形图", bars=True, stacked=True, horizontal=True)
LINE = _cartesian("line", "折线图")
AREA = _cartesian("area", "面积图", filled=True)
COMBO = _cartesian("combo", "组合图", mixed=True, checks=(_two_series_at_least,))
#: What a combo chart's series are drawn as, by their ``type`` (the spec's ``column`` or ``line``).
COMBO_PARTS = {"column": COLUMN, "line": LINE}
