"""A KPI card as every output prints it: each line decided once in resolve (:mod:`zzreport.resolve.cards`).

The PDF card, the deck card and the scorecard tile all print these strings
as they are; a writer chooses sizes, colours for the roles named here, and
where the lines go, never the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The theme colour a change is drawn in: rising in ``up`` (red), falling in ``down`` (green), as Chinese
#: reports colour them, whether or not the direction is the good one; no change in ``muted``.
ChangeRole = Literal["up", "down", "muted"]


@dataclass(frozen=True)
class ChangeData:
    """The change line: arrow, what it compares and the signed value, as printed ("▲ 同比 +112.9%")."""

    text: str
    direction: Literal["up", "down", "flat"]
    role: ChangeRole
    #: Whether the direction is the good one (``better`` of the spec); a writer may mark a bad change.
    good: bool
    #: The number behind ``text`` (112.9 for +112.9%), for the manifest's record of what changed.
    value: float | None = None


@dataclass(frozen=True)
class KpiCard:
    """One card's lines: label, value in its parts, change, period, note and the target badge word."""

    label: str
    prefix: str  # qualifier before the number (超)
    number: str  # "52.9万", or a text value (全国第一)
    infix: str  # qualifier between number and unit (多)
    unit: str
    suffix: str  # qualifier after the unit (以上)
    #: Whether ``number`` is a number (set at the number size) or a phrase (may be set smaller and wrap).
    numeric: bool
    #: The period as printed ("2024年", "1~11月"); empty when there is none or the column title states it.
    period: str
    change: ChangeData | None
    #: The badge word of a target card ("目标"); empty for a result.
    badge: str
    note: str
    source: str
    #: The number behind ``number`` (529000 for 52.9万), None for a phrase; the manifest records it.
    value: float | None = None

    @property
    def display(self) -> str:
        """The value as one string, as a reader says it: 超过1.4万家, 5800多家, 1000家以上."""
        return f"{self.prefix}{self.number}{self.infix}{self.unit}{self.suffix}"

    @property
    def target(self) -> bool:
        """Whether the card states a goal rather than a result (it carries a badge)."""
        return bool(self.badge)
