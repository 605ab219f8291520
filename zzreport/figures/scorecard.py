"""Scorecards: a grid of KPI tiles (label, big value, unit), as vector shapes and real text.

A tile is a KPI card (:class:`~zzreport.ir.KpiCard`, made by :func:`tiles`),
so the deck, which draws a scorecard as a row of its cards, prints the same
label, value and unit as this drawing.

Tiles are at least ~110 pt wide so a four-character unit and a value like
52.9万 still read at display size; the value shrinks (never below the label
size) rather than spill out of its tile, and a long label wraps in balanced
lines.
"""

from __future__ import annotations

import math

from zzreport.figures.kit import ASCENT, DESCENT, Kit, block_height
from zzreport.figures.model import FigureData
from zzreport.figures.scene import Rect, Scene, Text
from zzreport.ir.cards import KpiCard

LABEL_SIZE = 8.5
VALUE_SIZE = 22.0
MIN_VALUE_SIZE = 10.0
UNIT_RATIO = 0.5  # the unit is set at half the value's size, on the same baseline
MIN_TILE = 110.0
GAP = 8.0
PAD = 9.0
MISSING = "—"


def tiles(fig: FigureData) -> tuple[KpiCard, ...]:
    """The scorecard's tiles as KPI cards: category, the value as printed, its unit ("—" for a missing value).

    A percent value is printed with its sign ("95%"), so the series' "%" unit
    is not repeated after it.
    """
    if not fig.series:
        return ()
    s = fig.series[0]
    unit = "" if s.format.percent and s.unit == "%" else s.unit
    return tuple(
        KpiCard(
            label=category,
            prefix="",
            number=text if value is not None else MISSING,
            infix="",
            unit=unit if value is not None else "",
            suffix="",
            numeric=value is not None,
            period="",
            change=None,
            badge="",
            note="",
            source="",
        )
        for category, text, value in zip(fig.categories, s.labels, s.values, strict=True)
    )


def tile_grid(count: int, width: float) -> tuple[int, int]:
    """Rows and columns of ``count`` tiles across ``width`` points: as many columns as tiles of at least
    :data:`MIN_TILE` fit (four at most), the rows balanced (5 tiles as 3 + 2, not 4 + 1).

    One rule for every output that sets tiles on a page, so the print and
    the Word document break a scorecard into the same rows.
    """
    max_cols = max(1, min(count, int((width + GAP) // (MIN_TILE + GAP)), 4))
    rows = math.ceil(count / max_cols) if count else 0
    return rows, math.ceil(count / rows) if rows else 0


def layout_scorecard(fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    colors = kit.colors
    s = fig.series[0]
    n = len(fig.categories)
    rows, cols = tile_grid(n, width)
    tile_w = (width - GAP * (cols - 1)) / cols
    inner = tile_w - 2 * PAD

    cards = tiles(fig)
    labels = [kit.wrap(card.label, inner, LABEL_SIZE) for card in cards]
    size = VALUE_SIZE
    for card in cards:
        natural = kit.width(card.number, VALUE_SIZE, True) + kit.width(card.unit, VALUE_SIZE * UNIT_RATIO)
        natural += 2 if card.unit else 0
        if natural > inner:
            size = min(size, VALUE_SIZE * inner / natural)
    size = max(size, MIN_VALUE_SIZE)
    label_h = max(block_height(len(lines), LABEL_SIZE) for lines in labels)
    tile_h = PAD + label_h + 7 + (ASCENT + DESCENT) * size + PAD + 3
    grid_h = rows * tile_h + (rows - 1) * GAP
    height = max(height or grid_h, grid_h)
    scene = Scene(width, height)
    top0 = height - (height - grid_h) / 2

    for j in range(n):
        row, col = divmod(j, cols)
        x = col * (tile_w + GAP)
        top = top0 - row * (tile_h + GAP)
        highlighted = j == fig.highlight
        bar = colors.accent if highlighted else s.color
        scene.add(Rect(x, top - tile_h, tile_w, tile_h, colors.surface))
        scene.add(Rect(x, top - 3, tile_w, 3, bar))
        kit.draw_lines(scene, labels[j], x + PAD, top - 3 - PAD, LABEL_SIZE, colors.muted)
        baseline = top - tile_h + PAD + DESCENT * size
        value_color = colors.accent if highlighted else colors.text
        card = cards[j]
        scene.add(Text(x + PAD, baseline, card.number, size, value_color, "start", True))
        if card.unit:
            ux = x + PAD + kit.width(card.number, size, True) + 2
            scene.add(Text(ux, baseline, card.unit, size * UNIT_RATIO, colors.muted))
    return scene
