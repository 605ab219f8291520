"""Pie and donut charts with outside labels on leader lines.

Every slice is labelled outside the circle, in a column on its side, and the
labels of a side are pushed apart vertically until none overlaps: small
neighbouring slices (a 2% and a 3%) get readable labels with leader lines
instead of text piled on text. Every label names its slice (the wrapped
category) above the value and share, legend or not: similar palette
colours (two blues) are hard to match to a legend, and the deck's native
pie shows the same text (:func:`slice_label_lines`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from zzreport.figures.cartesian import default_height
from zzreport.figures.kind import ChartKind, one_series, parts_of_a_whole
from zzreport.figures.kit import (
    ASCENT,
    DATA_SIZE,
    LINE_GAP,
    TITLE_SIZE,
    Kit,
    LegendItem,
    block_height,
    draw_legend,
    legend_height,
    legend_rows,
)
from zzreport.figures.model import FigureData, NumberStyle
from zzreport.figures.scene import Anchor, Poly, Scene, Text, Wedge
from zzreport.resolve.numbers import format_number

LABEL_SIZE = DATA_SIZE
#: The thinnest slice drawn, in degrees (a millionth of a degree is far below a hairline).
MIN_SWEEP = 1e-6
LEADER = 14.0  # from the circle to the label column
GAP = 2.0  # between stacked labels
SHARE = NumberStyle(decimals=1, percent=True)


@dataclass
class _Label:
    index: int
    mid: float  # angle in degrees
    lines: list[str]
    want: float  # wanted vertical centre
    y: float = 0.0  # placed vertical centre

    @property
    def height(self) -> float:
        return block_height(len(self.lines), LABEL_SIZE)


def _value_text(label: str, value: float, total: float, is_percent: bool) -> str:
    """The formatted value with its share (2100亿（45.1%）); a percentage alone is its own share.

    ``label`` is the slice's value as :func:`slice_values` writes it.
    """
    return label if is_percent else f"{label}（{format_number(100 * value / total, SHARE)}）"


def _decimals(label: str) -> int:
    """Decimals shown in a formatted number (52.9万 → 1, 18 → 0)."""
    match = re.search(r"\.(\d+)", label)
    return len(match.group(1)) if match else 0


def slice_values(fig: FigureData) -> dict[int, str]:
    """The formatted value of every drawn slice (positive values), with one decimal count for them all.

    With automatic decimals each number shows as few as it needs (128.5, 96),
    which reads uneven when slices are read side by side: the series then
    takes the most any slice needs (at most two, as
    :func:`~zzreport.resolve.numbers.format_number` writes), so it reads
    128.5 / 96.0 / 42.3. Only pie and donut labels do this; tables and text
    keep the number as written.
    """
    s = fig.series[0]
    present = [j for j, v in enumerate(s.values) if v is not None and v > 0]
    labels = {j: s.labels[j] for j in present}
    if s.format.decimals is None and labels:
        fmt = replace(s.format, decimals=max(_decimals(t) for t in labels.values()))
        labels = {j: format_number(s.values[j] or 0.0, fmt) for j in present}
    return labels


def slice_label_lines(fig: FigureData) -> dict[int, tuple[str, str]]:
    """(category, value with share) of every drawn slice (positive values), by category index.

    Shared with the deck so a slice's label reads the same in both outputs.
    """
    s = fig.series[0]
    values = slice_values(fig)
    total = sum(s.values[j] or 0.0 for j in values)
    return {
        j: (fig.categories[j], _value_text(text, s.values[j] or 0.0, total, s.format.percent))
        for j, text in values.items()
    }


def _spread(labels: list[_Label], lo: float, hi: float) -> None:
    """Place labels (sorted top to bottom) near their wanted centres, none overlapping, within [lo, hi]."""
    prev_bottom = hi
    for label in labels:
        label.y = min(label.want, prev_bottom - label.height / 2)
        prev_bottom = label.y - label.height / 2 - GAP
    overflow = lo - (labels[-1].y - labels[-1].height / 2) if labels else 0.0
    if overflow > 0:  # pushed out at the bottom: shift up, keeping the order and gaps
        next_top = lo
        for label in reversed(labels):
            label.y = max(label.y, next_top + label.height / 2)
            next_top = label.y + label.height / 2 + GAP


def layout_pie(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    """The layout of pies and donuts (:attr:`ChartKind.layout`): ``kind.hole`` is the donut's hole."""
    colors = kit.colors
    s = fig.series[0]
    height = height or default_height(width)
    scene = Scene(width, height)
    slice_colors = [colors.palette[j % len(colors.palette)] for j in range(len(fig.categories))]
    present = [j for j, v in enumerate(s.values) if v is not None and v > 0]
    total = sum(s.values[j] or 0.0 for j in present)

    unit = "" if s.format.percent and fig.unit == "%" else fig.unit
    header = f"单位：{unit}" if unit else ""
    header_h = TITLE_SIZE + 6 if header else 0.0
    items = [LegendItem(fig.categories[j], slice_colors[j], "rect") for j in present] if fig.legend else []
    legend_h = legend_height(len(legend_rows(kit, items, width))) + 6 if items else 0.0
    lo, hi = legend_h + 2, height - header_h - 2
    values = {j: text for j, (_, text) in slice_label_lines(fig).items()}
    # The label columns get what they need (categories up to ~7 characters a line), the circle the rest.
    wanted = max((kit.width(t, LABEL_SIZE) for t in values.values()), default=0.0) if fig.labels else 0.0
    if fig.labels and present:
        wanted = max(wanted, min(max(kit.width(fig.categories[j], LABEL_SIZE) for j in present), 7 * LABEL_SIZE))
    room = width / 2 - LEADER - 4 - wanted
    radius = max(min((hi - lo) / 2 - 8, width * 0.2, room), min(20.0, (hi - lo) / 2))
    cx, cy = width / 2, (lo + hi) / 2
    column_w = max(width / 2 - radius - LEADER - 4, 2 * LABEL_SIZE)

    labels: list[_Label] = []
    angle = 90.0
    for j in present:
        v = s.values[j] or 0.0
        sweep = 360.0 * v / total
        start, end = angle - sweep, angle
        angle = start
        if sweep >= 359.99:
            start, end = 0.0, 360.0
        inner = radius * kind.hole
        if sweep >= MIN_SWEEP:  # a thinner slice is invisible, and reportlab cannot draw its arc
            scene.add(Wedge(cx, cy, radius, inner, start, end, slice_colors[j], colors.background, 0.8))
        if not fig.labels:
            continue
        mid = (start + end) / 2
        lines = kit.wrap(fig.categories[j], column_w, LABEL_SIZE) + kit.wrap(values[j], column_w, LABEL_SIZE)
        want = cy + (radius + LEADER * 0.6) * math.sin(math.radians(mid))
        labels.append(_Label(j, mid, lines, want))

    for right in (True, False):
        side = sorted(
            (lb for lb in labels if (math.cos(math.radians(lb.mid)) >= -1e-9) == right),
            key=lambda lb: -lb.want,
        )
        _spread(side, lo, hi)
        for lb in side:
            rad = math.radians(lb.mid)
            ex, ey = cx + radius * math.cos(rad), cy + radius * math.sin(rad)
            kx, ky = cx + (radius + 6) * math.cos(rad), cy + (radius + 6) * math.sin(rad)
            tx = cx + (radius + LEADER) * (1 if right else -1)
            lx = tx - 2 if right else tx + 2
            scene.add(Poly((ex, ey, kx, ky, lx, lb.y), None, colors.muted, 0.5, False))
            top = lb.y + lb.height / 2
            anchor: Anchor = "start" if right else "end"
            for i, line in enumerate(lb.lines):
                baseline = top - ASCENT * LABEL_SIZE - i * LINE_GAP * LABEL_SIZE
                scene.add(Text(tx, baseline, line, LABEL_SIZE, colors.text, anchor))

    if header:
        scene.add(Text(0.0, height - 2 - ASCENT * TITLE_SIZE, header, TITLE_SIZE, colors.muted))
    if items:
        draw_legend(scene, kit, items, 0.0, width, legend_h - 4)
    return scene


# --------------------------------------------------------------------------- the kinds laid out here

PIE = ChartKind("pie", "radial", "饼图", layout_pie, checks=(one_series, parts_of_a_whole), legend_always=True)
DONUT = ChartKind(
    "donut", "radial", "环形图", layout_pie, checks=(one_series, parts_of_a_whole), hole=0.58, legend_always=True
)
