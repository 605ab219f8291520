"""What a chart kind is: one object holding everything that differs between kinds.

A kind is named in the spec (``kind: column``) and then never again: resolve
asks its object for the data checks, the alt text's noun and the axis plan,
the print layout asks it for the scene, and the traits below (horizontal,
stacked, drawn as bars …) replace every ``if kind == "…"`` the layouts had.
A new kind is one module that defines its :class:`ChartKind` plus one line
in :mod:`zzreport.figures.kinds` (and the spec's ``FigureKind`` value; a test
checks the two agree, and that every writer draws every kind).

This module imports no layout, so every layout module can import it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zzreport.errors import Location, Problem
from zzreport.figures.kit import Kit
from zzreport.figures.model import Axis, Extent, FigureData, NumberStyle
from zzreport.figures.scene import Scene


@dataclass(frozen=True)
class CheckInput:
    """What a kind's data checks see: the series' values and where the author wrote them."""

    kind: str
    series: Sequence[Sequence[float | None]]
    #: The ``series`` key (inline) or ``data.series`` (a CSV): where a wrong number of series is reported.
    at_series: Location
    #: Where series ``i``'s values are: a wrong value is reported there.
    at_values: Callable[[int], Location]


Check = Callable[[CheckInput], list[Problem]]


@dataclass(frozen=True)
class RegroupInput:
    """What a kind that counts its data (a histogram) sees before any other check: the spec's data."""

    kind: str
    #: The inline categories (a histogram's bin edges); empty when none are given or the data is a CSV.
    categories: Sequence[str]
    series: Sequence[Sequence[float | None]]
    at_series: Location
    at_values: Callable[[int], Location]
    at_categories: Location
    #: The first series' number format: how the new categories (bin labels) write their numbers.
    format: NumberStyle


#: The categories and series values a kind draws, made from the spec's (a histogram's bins and their counts);
#: raises :class:`~zzreport.errors.SpecError` with located problems.
Regroup = Callable[[RegroupInput], tuple[list[str], list[list[float | None]]]]
Layout = Callable[["ChartKind", FigureData, Kit, float, "float | None"], Scene]
#: The value axes a kind's print layout draws at a width (and the default height), by axis name.
AxesPlanner = Callable[["ChartKind", FigureData, Kit, float], dict[str, Axis]]


@dataclass(frozen=True)
class ChartKind:
    """One chart kind: its name, extent, traits, layout, data checks and alt-text noun."""

    name: str
    extent: Extent
    #: What the alt text calls the chart (柱状图, 饼图 …), after its title.
    alt_noun: str
    layout: Layout
    #: The value axes the layout draws (kinds with value axes): planned once in resolve for every writer.
    axes: AxesPlanner | None = None
    checks: tuple[Check, ...] = ()
    #: Categories run down the side and values across (bar charts).
    horizontal: bool = False
    #: A category's bars are stacked into one.
    stacked: bool = False
    #: Its series are drawn as bars or columns (not as lines).
    bars: bool = False
    #: Its columns float at a running total (waterfall): the deck stacks them over an invisible base.
    floating: bool = False
    #: Its columns touch, one bin beside the next (histograms): no gap in either writer.
    gapless: bool = False
    #: Made into the categories and values it draws before resolve checks them (histograms count into bins).
    regroup: Regroup | None = None
    #: Each value's label as printed, where a kind words them otherwise than its number (a waterfall's signed
    #: steps and computed totals); ``None``: the number in its format.
    point_labels: Callable[[Sequence[float | None], NumberStyle], tuple[str, ...]] | None = None
    #: The ``labels:`` words naming the series a deck's workbook holds beside the author's (a waterfall's
    #: base, rises and falls), as keys of the spec's ``labels``; resolve puts their words in the figure.
    helper_labels: tuple[str, ...] = ()
    #: Its lines are filled down to the baseline (area charts).
    filled: bool = False
    #: Each series is drawn as the kind its ``type`` names (combo charts: columns and lines).
    mixed: bool = False
    #: The hole in the middle, as a share of the radius (radial kinds: a donut's ring).
    hole: float = 0.0
    #: The legend shows by default even for one series (a pie's legend names its slices).
    legend_always: bool = False
    #: The kind drawing the same data with categories down the side, taken when the category labels would
    #: not fit under the columns (:func:`~zzreport.resolve.figures.plan_figure`); empty: none.
    sideways: str = ""
    #: Whether the category labels of ``fig`` are too many or too long for their slots at ``width``.
    crowded: Callable[[ChartKind, FigureData, Kit, float], bool] | None = None

    def lay_out(self, fig: FigureData, kit: Kit, width: float, height: float | None = None) -> Scene:
        """The figure laid out ``width`` points wide (``height``: the kind's default when None)."""
        return self.layout(self, fig, kit, width, height)

    def value_axes(self, fig: FigureData, kit: Kit, width: float) -> dict[str, Axis]:
        """The value axes the print layout draws at ``width`` (none for a kind without them)."""
        return {} if self.axes is None else self.axes(self, fig, kit, width)

    def crowds(self, fig: FigureData, kit: Kit, width: float) -> bool:
        """Whether ``fig``'s category labels would not fit its slots at ``width`` (a kind with ``sideways``)."""
        return bool(self.sideways) and self.crowded is not None and self.crowded(self, fig, kit, width)

    def check(self, data: CheckInput) -> list[Problem]:
        """Every problem this kind's checks find in the data, located at the author's line."""
        return [problem for check in self.checks for problem in check(data)]


# --------------------------------------------------------------------------- checks several kinds share


def one_series(data: CheckInput) -> list[Problem]:
    """Kinds that show one series (pie slices, tiles)."""
    if len(data.series) == 1:
        return []
    return [Problem(data.at_series, f"a {data.kind} figure takes exactly one series")]


def parts_of_a_whole(data: CheckInput) -> list[Problem]:
    """Kinds that show each value as a share of the total: none negative, and a total above zero."""
    if not data.series:
        return []
    values = [v for v in data.series[0] if v is not None]
    if any(v < 0 for v in values):
        return [Problem(data.at_values(0), f"a {data.kind} chart cannot show negative values")]
    if sum(values) <= 0:
        return [Problem(data.at_values(0), f"the values of a {data.kind} chart sum to zero")]
    return []
