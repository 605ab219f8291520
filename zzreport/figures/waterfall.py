"""Waterfall charts: a start, signed steps and totals, each step a column floating at the running total.

Briefings explain a change by its parts (contributions of industries to
growth, a budget from last year's to this year's). The spec writes one
series: the first value is the **start** (a column from zero), every
following number a **signed step** from the running total, and every empty
value (``null``, a blank CSV cell) a **total**: a column from zero to the sum
so far, computed, so no number is written twice. The categories name them
(2024年, 工业, 服务业, 2025年). Rises are drawn in the theme's ``up`` colour
(red, as Chinese reports colour them) and falls in ``down`` (green); the
start and the totals in its ``accent`` (dark blue). A step's label is signed
(+12.5, −3); a total's is its sum.

The running total must stay at or above zero: the deck draws the chart as
stacked columns over an invisible base (so PowerPoint, WPS and LibreOffice
all open it as a native chart), and a stack cannot float below zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from zzreport.errors import Problem
from zzreport.figures.cartesian import (
    MAX_LABEL_LINES,
    MIN_TICK_GAP,
    PAD,
    CategoryLabels,
    default_height,
    value_axis_title,
    wrap_categories,
)
from zzreport.figures.kind import ChartKind, CheckInput, one_series
from zzreport.figures.kit import ASCENT, AXIS_WIDTH, DATA_SIZE, DESCENT, GRID_WIDTH, TICK_SIZE, TITLE_SIZE, Kit
from zzreport.figures.model import Axis, FigureData, NumberStyle
from zzreport.figures.scene import Line, Rect, Scene, Text
from zzreport.figures.ticks import fit_axis, pinned_axis
from zzreport.resolve.numbers import chart_number

Role = Literal["start", "rise", "fall", "total"]


@dataclass(frozen=True)
class Step:
    """One column of a waterfall: what it is, where it floats, and the number its label shows."""

    role: Role
    lo: float
    hi: float
    #: The signed step (rises and falls) or the running total (the start and totals).
    value: float

    @property
    def level(self) -> float:
        """The running total after this column (where the connector to the next one runs)."""
        return self.lo if self.role == "fall" else self.hi


def steps(values: Sequence[float | None]) -> list[Step]:
    """The columns of a waterfall from its series (see the module doc); the first value must be a number."""
    out: list[Step] = []
    running = 0.0
    for j, v in enumerate(values):
        if v is None:
            out.append(Step("total", 0.0, running, running))
        elif j == 0:
            running = v
            out.append(Step("start", 0.0, v, v))
        else:
            before, running = running, running + v
            out.append(Step("rise" if v >= 0 else "fall", min(before, running), max(before, running), v))
    return out


def step_label(step: Step, fmt: NumberStyle) -> str:
    """A column's label as printed: a step signed (+12, −3), the start and totals as they are."""
    if step.role in ("rise", "fall"):
        return chart_number(step.value, replace(fmt, sign=True))
    return chart_number(step.value, fmt)


def step_color(step: Step, kit: Kit) -> str:
    """Rises in the theme's ``up``, falls in its ``down``, the start and totals in its ``accent``.

    Not the series' palette colour: the palette starts with the report's red,
    which would read as one more rise.
    """
    return {"rise": kit.colors.up, "fall": kit.colors.down}.get(step.role, kit.colors.accent)


def point_labels(values: Sequence[float | None], fmt: NumberStyle) -> tuple[str, ...]:
    """Every column's label (:func:`step_label`), the totals' too: resolve keeps them as the series' labels,
    so the PDF prints them and the alt text reads them (教育 +85.5亿元 … 本年预算 669.1亿元)."""
    if not values or values[0] is None:  # refused by the checks; nothing to word
        return tuple("" for _ in values)
    return tuple(step_label(step, fmt) for step in steps(values))


# --------------------------------------------------------------------------- checks


def _starts_with_a_number(data: CheckInput) -> list[Problem]:
    if not data.series or not data.series[0] or data.series[0][0] is not None:
        return []
    return [Problem(data.at_values(0), "a waterfall's first value is its start: give a number, not an empty value")]


def _never_below_zero(data: CheckInput) -> list[Problem]:
    if not data.series or not data.series[0] or data.series[0][0] is None:
        return []
    running = 0.0
    for j, v in enumerate(data.series[0]):
        running += v or 0.0
        if running < 0:
            return [
                Problem(
                    data.at_values(0),
                    f"a waterfall's running total must stay at or above zero; after value {j + 1} it is {running:g}",
                )
            ]
    return []


# --------------------------------------------------------------------------- the layout


@dataclass
class _Frame:
    height: float
    axis: Axis
    x0: float
    x1: float
    slot: float
    cats: CategoryLabels
    y0: float
    plot_h: float
    header_h: float
    title: str


def _frame(fig: FigureData, kit: Kit, width: float, height: float | None) -> _Frame:
    """The value axis and the plot box: tick widths, category labels and label room feed back into both."""
    n = len(fig.categories)
    height = height or default_height(width)
    title = value_axis_title(fig, "primary")
    header_h = TITLE_SIZE + 6 if title else 2.0
    s = fig.series[0]
    columns = steps(s.values)
    top = max((c.hi for c in columns), default=1.0) or 1.0
    headroom = DATA_SIZE * 1.4 if fig.labels else PAD
    pins = fig.pinned("primary")
    most, pad = 7, 0.0
    for _ in range(12):
        axis = pinned_axis(fit_axis(0.0, top * (1 + pad), s.format, most), *pins, s.format, most)
        left = max(kit.width(t, TICK_SIZE) for t in axis.labels) + PAD + 1
        x0, x1 = left, width - 2.0
        slot = (x1 - x0) / n
        cats = wrap_categories(kit, fig.categories, slot, MAX_LABEL_LINES, (x0, width - x1))
        y0 = cats.height() + PAD + 1
        plot_h = max(height - header_h - headroom - y0, 20.0)
        fit = max(1, int(plot_h // (TICK_SIZE * MIN_TICK_GAP)))
        if len(axis.ticks) - 1 > fit and most > 1:
            most = min(fit, most - 1)
            continue
        room = (DATA_SIZE + 5) / plot_h if fig.labels else 0.0
        if pins[1] is None and (axis.hi - top) / (axis.hi - axis.lo) < room:
            pad = pad + room
            continue
        break
    return _Frame(height, axis, x0, x1, slot, cats, y0, plot_h, header_h, title)


def value_axes(kind: ChartKind, fig: FigureData, kit: Kit, width: float) -> dict[str, Axis]:
    """The one value axis the print layout draws at ``width`` (the deck reads its decimals)."""
    return {"primary": _frame(fig, kit, width, None).axis}


def layout_waterfall(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    """Columns floating at the running total, a thin connector from each to the next, labels above."""
    colors = kit.colors
    f = _frame(fig, kit, width, height)
    scene = Scene(width, f.height)
    axis, x0, x1, slot, y0, plot_h = f.axis, f.x0, f.x1, f.slot, f.y0, f.plot_h

    def ypos(v: float) -> float:
        return y0 + axis.frac(v) * plot_h

    for tick, label in zip(axis.ticks, axis.labels, strict=True):
        y = ypos(tick)
        scene.add(Line(x0, y, x1, y, colors.grid, GRID_WIDTH))
        scene.add(Text(x0 - PAD, y - 0.38 * TICK_SIZE, label, TICK_SIZE, colors.muted, "end"))

    s = fig.series[0]
    columns = steps(s.values)
    bar_w = min(slot * 0.6, 46.0)
    for j, column in enumerate(columns):
        cx = x0 + (j + 0.5) * slot
        # A pinned ``y_min`` above zero cuts the start and totals at the plot's foot, as Office does.
        lo, hi = ypos(max(column.lo, axis.lo)), ypos(max(column.hi, axis.lo))
        scene.add(Rect(cx - bar_w / 2, lo, bar_w, max(hi - lo, 0.6), step_color(column, kit)))
        if j + 1 < len(columns):  # the connector: the running total carried to the next column
            y = ypos(column.level)
            scene.add(Line(cx + bar_w / 2, y, cx + slot - bar_w / 2, y, colors.axis, GRID_WIDTH, (2.0, 1.5)))
        if fig.labels:
            text = s.labels[j]
            scene.add(Text(cx, hi + 2 + DESCENT * DATA_SIZE, text, DATA_SIZE, colors.text, "middle"))
    base = ypos(min(max(0.0, axis.lo), axis.hi))
    scene.add(Line(x0, base, x1, base, colors.axis, AXIS_WIDTH))

    top = y0 - PAD - 1
    for j in f.cats.shown:
        kit.draw_lines(scene, f.cats.lines[j], x0 + (j + 0.5) * slot, top, f.cats.size, colors.text, "middle")
    if f.title:
        scene.add(Text(0.0, f.height - 2 - ASCENT * TITLE_SIZE, f.title, TITLE_SIZE, colors.muted))
    return scene


WATERFALL = ChartKind(
    "waterfall",
    "cartesian",
    "瀑布图",
    layout_waterfall,
    value_axes,
    checks=(one_series, _starts_with_a_number, _never_below_zero),
    bars=True,
    floating=True,
    point_labels=point_labels,
    helper_labels=("waterfall_base", "waterfall_rise", "waterfall_fall"),
)
