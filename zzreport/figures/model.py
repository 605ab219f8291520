"""The resolved figure model that every writer draws from.

Numbers are final here (floats, ``None`` for a gap) and every label the
reader sees is already formatted, so the PDF chart and the deck's native
chart show the same text. Each cartesian figure carries its *axis plan*:
the value axes the print layout draws at the page's text width, decided
once in resolve, so the deck pins its native axes to them instead of
laying the figure out again. All of it is plain frozen data: no spec
model, no font.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from zzreport.resolve.numbers import FormatLike

#: Where a kind puts its data: on a category axis and value axes, round a centre, in tiles, or on two value
#: axes (scatter: a point per category at its x and y).
Extent = Literal["cartesian", "radial", "tiles", "xy"]


@dataclass(frozen=True)
class NumberStyle:
    """How a figure's numbers are written (the spec's ``format``, as plain data).

    The fields are those of the spec's ``NumberFormat`` and
    :func:`~zzreport.resolve.numbers.format_number` reads either: scale
    (``none``/``万``/``亿``/``auto``), decimals (``None``: as few as the value
    needs), thousands separators, sign, percent.
    """

    decimals: int | None = None
    scale: str = "none"
    thousands: bool = False
    sign: bool = False
    percent: bool = False

    @classmethod
    def of(cls, fmt: FormatLike) -> NumberStyle:
        """The style of any number format (the spec's, or a style already)."""
        if isinstance(fmt, NumberStyle):
            return fmt
        return cls(fmt.decimals, fmt.scale, fmt.thousands, fmt.sign, fmt.percent)


@dataclass(frozen=True)
class Axis:
    """A value axis: its range and ticks, labels as printed.

    ``lo`` and ``hi`` are the first and last tick, except where the spec pins
    the highest end between ticks (see :func:`~zzreport.figures.ticks.pinned_axis`).
    """

    lo: float
    hi: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]

    @property
    def step(self) -> float:
        """The distance between ticks (an axis has two ticks at least)."""
        return self.ticks[1] - self.ticks[0]

    def frac(self, value: float) -> float:
        """Position of ``value`` along the axis, 0 at ``lo`` and 1 at ``hi``."""
        return (value - self.lo) / (self.hi - self.lo)


@dataclass(frozen=True)
class AxisPlan:
    """One planned value axis, by the name its series use (``primary``/``secondary``)."""

    name: str
    axis: Axis


@dataclass(frozen=True)
class AxisPin:
    """The ends of a value axis the spec pins, by the name its series use (``primary``/``secondary``)."""

    name: str
    lo: float | None = None
    hi: float | None = None


@dataclass(frozen=True)
class SeriesData:
    """One resolved series."""

    name: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]
    color: str
    type: str  # "column" | "line" (combo charts), else the figure's kind
    axis: str  # "primary" | "secondary"
    unit: str
    format: NumberStyle


@dataclass(frozen=True)
class FigureData:
    """A chart ready to draw."""

    kind: str  # the name of a kind in :data:`zzreport.figures.kinds.KINDS`
    extent: Extent  # the kind's extent, so a writer can tell a pie from a column chart without its name
    number: int
    title: str
    caption: str
    source: str
    alt: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[SeriesData, ...]
    format: NumberStyle
    x_title: str
    y_title: str
    y2_title: str
    labels: bool
    legend: bool
    highlight: int | None  # index of the highlighted category
    #: The value axes the print layout draws at the page's text width (cartesian kinds; see the module doc).
    axes: tuple[AxisPlan, ...] = ()
    #: The spec's pinned ends of the value axes by axis name (``y_min``/``y_max``, ``y2_min``/``y2_max``):
    #: (lowest, highest), ``None`` where the axis chooses. Both writers honour them.
    pins: tuple[AxisPin, ...] = ()
    #: The names of the series a deck's workbook holds beside the author's, as ``labels:`` words them
    #: (a waterfall's base, rises, falls: :attr:`~zzreport.figures.kind.ChartKind.helper_labels`).
    helper_names: tuple[str, ...] = ()

    @property
    def is_pie(self) -> bool:
        """Whether the figure is drawn round a centre (pie, donut): no axes, one slice per category."""
        return self.extent == "radial"

    @property
    def has_secondary_axis(self) -> bool:
        return any(s.axis == "secondary" for s in self.series)

    def pinned(self, axis: str) -> tuple[float | None, float | None]:
        """The pinned (lowest, highest) of ``axis``; ``None`` where it is automatic."""
        return next(((p.lo, p.hi) for p in self.pins if p.name == axis), (None, None))

    def axis_plan(self) -> dict[str, Axis]:
        """The planned value axes by name (empty for kinds without value axes)."""
        return {plan.name: plan.axis for plan in self.axes}
