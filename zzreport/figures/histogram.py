"""Histograms: observations counted into bins, drawn as columns with no gaps over the bins' labels.

The spec writes one series of observations (a value per enterprise, per
district …). Without ``categories`` the bins come from the data: about
Sturges' number of them (1 + log₂ n) at a nice width, the edges on round
numbers; with ``categories`` they are the bins' edges, in increasing order
(``categories: [0, 50, 100, 200]`` gives three bins). A bin holds the values
from its lower edge up to, not including, its upper one; the last one
includes its upper edge. Each bin is labelled by its edges (50～100, in the
series' number format), and each column by its count. Empty values are not
counted; a value outside given edges is an error.

Resolve counts (:attr:`~zzreport.figures.kind.ChartKind.regroup`), so both
writers draw the counts as a column chart: the PDF with the columns
touching, the deck as clustered columns with no gap.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from zzreport.errors import Location, Problem, SpecError
from zzreport.figures.cartesian import layout_cartesian, value_axes
from zzreport.figures.kind import ChartKind, RegroupInput, one_series
from zzreport.figures.model import NumberStyle
from zzreport.figures.ticks import nice_axis
from zzreport.resolve.numbers import chart_number

#: Between a bin's edges in its label (50～100), as Chinese statistical tables write a range.
RANGE = "～"


def data_edges(values: Sequence[float], fmt: NumberStyle) -> tuple[float, ...]:
    """Bin edges for ``values``: about 1 + log₂ n bins (Sturges) on a nice step covering every value."""
    lo, hi = min(values), max(values)
    target = max(1, math.ceil(1 + math.log2(len(values))))
    axis = nice_axis(lo, hi, fmt, target)
    edges = [t for t in axis.ticks]
    while len(edges) > 2 and edges[1] <= lo:  # the axis may start a step below the data
        edges.pop(0)
    while len(edges) > 2 and edges[-2] >= hi:
        edges.pop()
    return tuple(edges)


def given_edges(categories: Sequence[str], at: Location) -> tuple[float, ...]:
    """The spec's edges read as numbers, refused unless there are two at least, each above the one before."""
    edges: list[float] = []
    for text in categories:
        try:
            edge = float(text)
        except ValueError:
            raise SpecError(
                [Problem(at, f"a histogram's categories are its bins' edges: `{text}` is not a number")]
            ) from None
        if not math.isfinite(edge):
            raise SpecError([Problem(at, f"a histogram's bin edge must be a finite number, got `{text}`")])
        edges.append(edge)
    if len(edges) < 2:
        raise SpecError([Problem(at, "a histogram's categories are its bins' edges: give two at least")])
    if any(b <= a for a, b in itertools.pairwise(edges)):
        raise SpecError([Problem(at, "a histogram's bin edges must increase from each to the next")])
    return tuple(edges)


def count(values: Sequence[float], edges: Sequence[float]) -> list[int]:
    """How many ``values`` fall in each bin (the last bin includes its upper edge)."""
    counts = [0] * (len(edges) - 1)
    for v in values:
        for i in range(len(counts)):
            if edges[i] <= v < edges[i + 1] or (i == len(counts) - 1 and v == edges[-1]):
                counts[i] += 1
                break
    return counts


def bin_labels(edges: Sequence[float], fmt: NumberStyle) -> list[str]:
    """Each bin's label: its edges in the series' format (0～50)."""
    return [f"{chart_number(a, fmt)}{RANGE}{chart_number(b, fmt)}" for a, b in itertools.pairwise(edges)]


def regroup(data: RegroupInput) -> tuple[list[str], list[list[float | None]]]:
    """The bins' labels and one series of counts, from the observations (see the module doc)."""
    if len(data.series) != 1:
        raise SpecError([Problem(data.at_series, "a histogram figure takes exactly one series: the values to count")])
    values = [v for v in data.series[0] if v is not None]
    if not values:
        raise SpecError([Problem(data.at_values(0), "a histogram needs at least one value to count")])
    if data.categories:
        edges = given_edges(data.categories, data.at_categories)
        outside = [v for v in values if not edges[0] <= v <= edges[-1]]
        if outside:
            raise SpecError(
                [
                    Problem(
                        data.at_values(0),
                        f"{outside[0]:g} lies outside the bins' edges ({edges[0]:g} to {edges[-1]:g})",
                    )
                ]
            )
    else:
        edges = data_edges(values, data.format)
    counts: list[float | None] = [float(c) for c in count(values, edges)]
    return bin_labels(edges, data.format), [counts]


HISTOGRAM = ChartKind(
    "histogram",
    "cartesian",
    "直方图",
    layout_cartesian,
    value_axes,
    checks=(one_series,),
    bars=True,
    gapless=True,
    regroup=regroup,
)
