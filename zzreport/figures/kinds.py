"""The registry of chart kinds: one line per kind, in the order the spec's reference lists them.

Each kind is a :class:`~zzreport.figures.kind.ChartKind` defined beside its
layout (cartesian kinds in :mod:`~zzreport.figures.cartesian`, pie and donut
in :mod:`~zzreport.figures.radial`). Resolve looks a spec's ``kind`` up here
once; everything after asks the object, never the name.
"""

from __future__ import annotations

from zzreport.figures import cartesian, histogram, radial, scatter, waterfall
from zzreport.figures.kind import ChartKind, one_series
from zzreport.figures.kit import Kit
from zzreport.figures.model import FigureData
from zzreport.figures.scene import Scene
from zzreport.figures.scorecard import layout_scorecard


def _tiles(kind: ChartKind, fig: FigureData, kit: Kit, width: float, height: float | None) -> Scene:
    """Scorecard tiles: one KPI tile per category (:mod:`~zzreport.figures.scorecard`)."""
    return layout_scorecard(fig, kit, width, height)


SCORECARD = ChartKind("scorecard", "tiles", "记分卡", _tiles, checks=(one_series,))

KINDS: dict[str, ChartKind] = {
    kind.name: kind
    for kind in (
        cartesian.COLUMN,
        cartesian.BAR,
        cartesian.STACKED_COLUMN,
        cartesian.STACKED_BAR,
        cartesian.LINE,
        cartesian.AREA,
        radial.PIE,
        radial.DONUT,
        cartesian.COMBO,
        SCORECARD,
        waterfall.WATERFALL,
        scatter.SCATTER,
        histogram.HISTOGRAM,
    )
}


def kind_of(fig: FigureData) -> ChartKind:
    """The kind object of a resolved figure."""
    return KINDS[fig.kind]
