"""The resolved figure model that every writer draws from.

Numbers are final here (floats, ``None`` for a gap) and every label the
reader sees is already formatted, so the PDF chart and the deck's native
chart show the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

from zzreport.language.models import FigureKind, NumberFormat


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
    format: NumberFormat


@dataclass(frozen=True)
class FigureData:
    """A chart ready to draw."""

    kind: FigureKind
    number: int
    title: str
    caption: str
    source: str
    alt: str
    unit: str
    categories: tuple[str, ...]
    series: tuple[SeriesData, ...]
    format: NumberFormat
    x_title: str
    y_title: str
    y2_title: str
    labels: bool
    legend: bool
    highlight: int | None  # index of the highlighted category

    @property
    def is_pie(self) -> bool:
        return self.kind in ("pie", "donut")

    @property
    def has_secondary_axis(self) -> bool:
        return any(s.axis == "secondary" for s in self.series)
