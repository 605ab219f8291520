"""A KPI card as every output prints it: the words and numbers, decided once in resolve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ChangeData:
    value: float
    text: str  # "+112.9%"
    label: str  # "同比"
    direction: Literal["up", "down", "flat"]
    good: bool


@dataclass(frozen=True)
class KpiCard:
    label: str
    prefix: str  # qualifier before the number (超)
    number: str  # "52.9万" or a text value (全国第一)
    infix: str  # qualifier between number and unit (多)
    unit: str
    suffix: str  # qualifier after the unit (以上)
    value: float | None
    period: str
    change: ChangeData | None
    target: bool
    note: str
    source: str

    @property
    def display(self) -> str:
        """The figure as one string: 超过1.4万家, 5800多家, 1000家以上."""
        return f"{self.prefix}{self.number}{self.infix}{self.unit}{self.suffix}"
