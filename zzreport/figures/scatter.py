"""Scatter charts: one point per category on two value axes (investment against output by district).

The spec writes two series over the categories: the first gives each
point's x, the second its y; the categories name the points, and their
names stand beside them (``labels: false`` leaves them out). ``highlight``
draws one point larger, in the accent colour. The axes are titled
``x_title`` and ``y_title`` or, without them, by the series' names with
their units. A point missing either value is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zzreport.errors import Problem
from zzreport.figures.cartesian import PAD, LabelJob, Placer, Spot
from zzreport.figures.kind import ChartKind, CheckInput
from zzreport.figures.kit import (
    ASCENT,
    AXIS_WIDTH,
    DATA_SIZE,
    GRID_WIDTH,
    TICK_SIZE,
    TITLE_SIZE,
    Box,
    Kit,
    mix,
)
from zzreport.figures.model import Axis, FigureData, SeriesData
from zzreport.figures.scene import Circle, Line, Scene, Text
from zzreport.figures.ticks import fit_axis, pinned_axis

#: Point radius, and the highlighted point's.
RADIUS = 3.2
HIGHLIGHT_RADIUS = 4.6
#: Horizontal ticks are at least this many points wider than their labels; vertical ones this many sizes apart.
MIN_TICK_SPACE = 10.0
MIN_TICK_GAP = 2.2


def points(fig: FigureData) -> list[tuple[int, float, float]]:
    """(category index, x, y) of every point with both values."""
    xs, ys = fig.series[0].values, fig.series[1].values
    return [(j, x, y) for j, (x, y) in enumerate(zip(xs, ys, strict=True)) if x is not None and y is not None]


def _range(values: Sequence[float]) -> tuple[float, float]:
    """The data's range, widened to zero when the data reaches much of the way there (as line charts do)."""
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if lo >= 0 and hi - lo > 0.4 * hi:
        lo = 0.0
    elif hi <= 0 and hi - lo > 0.4 * -lo:
        hi = 0.0
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    pad = (hi - lo) * 0.04  # room for the points' discs at the ends
    return (lo - pad if lo != 0 else lo, hi + pad if hi != 0 else hi)


def axis_title(fig: FigureData, which: int) -> str:
    """The x (0) or y (1) axis' title: the spec's, else the series' name, with its unit (投资（亿元）)."""
    s: SeriesData = fig.series[which]
    title = (fig.x_title, fig.y_title)[which] or s.name
    unit = "" if s.format.percent and s.unit == "%" else s.unit
    return f"{title}（{unit}）" if unit and unit not in title else title


@dataclass
class _Frame:
    x_axis: Axis
    y_axis: Axis
    x0: float
    x1: float
    y0: float
    y1: float


def _frame(fig: FigureData, kit: Kit, width: float, height: float | None) -> _Frame:
    height = height or round(min(max(width * 0.6, 180.0), width), 2)
    pts = points(fig)
    fx, fy = fig.series[0].format, fig.series[1].format
    x_lo, x_hi = _range([x for _, x, _ in pts])
    y_lo, y_hi = _range([y for _, _, y in pts])
    header_h = TITLE_SIZE + 10  # the y title clear of the top tick's label
    foot_h = TICK_SIZE + PAD + 2 + TITLE_SIZE + 6
    most_x = most_y = 7
    for _ in range(16):
        y_axis = pinned_axis(fit_axis(y_lo, y_hi, fy, most_y), *fig.pinned("primary"), fy, most_y)
        x_axis = fit_axis(x_lo, x_hi, fx, most_x)
        left = max(kit.width(t, TICK_SIZE) for t in y_axis.labels) + PAD + 1
        right = kit.width(x_axis.labels[-1], TICK_SIZE) / 2 + 2
        x0, x1 = left, width - right
        y0, y1 = foot_h, height - header_h
        widest = max(kit.width(t, TICK_SIZE) for t in x_axis.labels) + MIN_TICK_SPACE
        fit_x = max(1, int((x1 - x0) // widest))
        fit_y = max(1, int((y1 - y0) // (TICK_SIZE * MIN_TICK_GAP)))
        if len(x_axis.ticks) - 1 > fit_x and most_x > 1:
            most_x = min(fit_x, most_x - 1)
            continue
        if len(y_axis.ticks) - 1 > fit_y and most_y > 1:
            most_y = min(fit_y, most_y - 1)
            continue
        break
    return _Frame(x_axis, y_axis, x0, x1, y0, y1)


def value_axes(kind: ChartKind, fig: FigureData, kit: Kit, width: float) -> dict[str, Axis]:
    """The y axis (``primary``) and the x axis (``x``) the print layout draws at ``width``."""
    f = _frame(fig, kit, width, None)
    return {"primary": f.y_axis, "x": f.x_axis}


def layout_scatter(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    """Gridlines both ways, a disc per point, its name beside it where it overlaps nothing."""
    colors = kit.colors
    f = _frame(fig, kit, width, height)
    total_h = f.y1 + TITLE_SIZE + 10
    scene = Scene(width, total_h)

    def xpos(v: float) -> float:
        return f.x0 + f.x_axis.frac(v) * (f.x1 - f.x0)

    def ypos(v: float) -> float:
        return f.y0 + f.y_axis.frac(v) * (f.y1 - f.y0)

    for tick, label in zip(f.y_axis.ticks, f.y_axis.labels, strict=True):
        y = ypos(tick)
        scene.add(Line(f.x0, y, f.x1, y, colors.grid, GRID_WIDTH))
        scene.add(Text(f.x0 - PAD, y - 0.38 * TICK_SIZE, label, TICK_SIZE, colors.muted, "end"))
    tick_base = f.y0 - PAD - ASCENT * TICK_SIZE
    for tick, label in zip(f.x_axis.ticks, f.x_axis.labels, strict=True):
        x = xpos(tick)
        scene.add(Line(x, f.y0, x, f.y1, colors.grid, GRID_WIDTH))
        scene.add(Text(x, tick_base, label, TICK_SIZE, colors.muted, "middle"))
    scene.add(Line(f.x0, f.y0, f.x1, f.y0, colors.axis, AXIS_WIDTH))
    scene.add(Line(f.x0, f.y0, f.x0, f.y1, colors.axis, AXIS_WIDTH))

    color = fig.series[0].color if len(fig.series) < 2 else fig.series[1].color
    placer = Placer(kit, Box(0.0, f.y0 + 1, width, f.y1 + TITLE_SIZE))
    pts = points(fig)
    drawn: list[tuple[int, float, float, float]] = []
    for j, x, y in pts:  # the highlighted point last, over the others
        if j != fig.highlight:
            drawn.append((j, xpos(x), ypos(y), RADIUS))
    drawn += [(j, xpos(x), ypos(y), HIGHLIGHT_RADIUS) for j, x, y in pts if j == fig.highlight]
    for j, px, py, r in drawn:
        fill = colors.accent if j == fig.highlight else color
        scene.add(Circle(px, py, r, fill, colors.background, 0.6))
        placer.block(Box(px - r, py - r, px + r, py + r))
    if fig.labels:
        for j, px, py, r in sorted(drawn, key=lambda d: d[3], reverse=True):  # the highlighted name first
            mid = py - 0.38 * DATA_SIZE
            gap = r + 2
            spots: list[Spot] = [
                (px + gap, mid, "start"),
                (px - gap, mid, "end"),
                (px, py + gap + 0.12 * DATA_SIZE, "middle"),
                (px, py - gap - ASCENT * DATA_SIZE, "middle"),
            ]
            ink = colors.text if j == fig.highlight else mix(colors.text, colors.background, 0.15)
            placer.place(scene, LabelJob(spots, fig.categories[j], ink, False))

    scene.add(Text(0.0, total_h - 2 - ASCENT * TITLE_SIZE, axis_title(fig, 1), TITLE_SIZE, colors.muted))
    x_title_base = tick_base - TICK_SIZE * 0.12 - 4 - ASCENT * TITLE_SIZE
    scene.add(Text((f.x0 + f.x1) / 2, x_title_base, axis_title(fig, 0), TITLE_SIZE, colors.muted, "middle"))
    return scene


def _x_and_y(data: CheckInput) -> list[Problem]:
    if len(data.series) == 2:
        return []
    return [Problem(data.at_series, "a scatter figure takes two series: the points' x values, then their y values")]


SCATTER = ChartKind("scatter", "xy", "散点图", layout_scatter, value_axes, checks=(_x_and_y,))
