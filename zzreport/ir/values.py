"""Named values as resolved: each number of ``values:`` with the words every text prints for it.

The document carries them (``Document.values``) so that what a build decided
can be recorded and compared (the manifest, an edition diff) without
resolving the spec again, and so a writer that wants a value's words finds
the same ones the texts were filled with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zzreport.errors import Location


@dataclass(frozen=True)
class Value:
    """One named value: its number and unit, and what ``{name}``, ``{name.value}`` … print."""

    number: float
    unit: str
    #: ``{name}``: the number with unit and qualifier, as a KPI card shows it (52.9万辆, 5800多家).
    text: str
    #: ``{name.value}``: the number as the card prints it, without unit and qualifier (52.9万).
    number_text: str
    #: The change and its unit (112.9, ``%``), or None when the value has none.
    change: float | None = None
    change_unit: str = ""
    #: ``{name.change}``: the signed change (+112.9%, −0.3个百分点, 持平); empty without a change.
    change_text: str = ""
    #: ``{name.amount}``: the change without its sign, to follow ``{name.trend}`` (增长112.9%); 持平 for zero.
    amount_text: str = ""
    #: ``{name.trend}``: the word for the change's direction (增长 / 下降 / 持平); empty without a change.
    trend: str = ""
    #: Where the number came from: the CSV cell, or the spec's ``value:``.
    where: Location = field(default=Location(""), compare=False)
