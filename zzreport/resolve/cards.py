"""KPI cards: every line a card prints, decided once for the PDF card, the deck card and the scorecard.

Before, each writer put the lines together itself and they drifted: the PDF
wrote "同比 +112.9% ▲", the deck "▲ +112.9%  同比"; the PDF added 年 to a
bare year, the deck did not; the PDF hid a period its column title gave when
the title contained it, the deck when it was the title's first word; card
notes printed only in the deck. Here each is decided once:

- the change line is arrow, label, signed value: "▲ 同比 +112.9%", drawn in
  the theme's ``up`` or ``down`` colour by direction (the Chinese convention:
  rising red, falling green), ``muted`` when flat; whether the direction is
  the good one travels along for a writer that marks it;
- a period that is a bare number is a year and printed "2024年";
- a period the column title already states ("2024 回顾" over a 2024 card) is
  left off the card, as a reader needs it only once;
- the target badge word is the report's ``labels.target``;
- a note is printed wherever the card is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from zzreport import ir
from zzreport.ir.cards import ChangeRole
from zzreport.language import models as m
from zzreport.resolve.numbers import format_change, quantity

#: The arrow before a change, by direction.
ARROWS = {"up": "▲", "down": "▼", "flat": "■"}
#: The colour role a change is drawn in, by direction.
ROLES: dict[str, ChangeRole] = {"up": "up", "down": "down", "flat": "muted"}


def kpi_cards(kpis: Sequence[m.Kpi], labels: m.Labels) -> tuple[ir.KpiCard, ...]:
    """The cards of a ``kpis`` block."""
    return tuple(kpi_card(kpi, labels) for kpi in kpis)


def kpi_card(kpi: m.Kpi, labels: m.Labels) -> ir.KpiCard:
    """One card's printed lines: the value in its parts (qualifier placed as Chinese writes it), change, period."""
    if isinstance(kpi.value, str):  # pragma: no cover - resolve fills `value: "{name}"` in first
        raise TypeError(f"the card's value {kpi.value!r} was not filled in")
    if kpi.value is not None:
        q = quantity(kpi.value, kpi.unit, kpi.qualifier, kpi.format)
        prefix, number, infix, unit, suffix = q.prefix, q.number, q.infix, q.unit, q.suffix
    else:  # a phrase (全国第一): a qualifier goes before it
        prefix, number, infix, unit, suffix = kpi.qualifier, kpi.text or "", "", kpi.unit, ""
    return ir.KpiCard(
        label=kpi.label,
        prefix=prefix,
        number=number,
        infix=infix,
        unit=unit,
        suffix=suffix,
        numeric=kpi.value is not None,
        period=period_text(kpi.period),
        change=change_line(kpi.change, kpi.better) if kpi.change is not None else None,
        badge=labels.target if kpi.target else "",
        note=kpi.note,
        source=kpi.source,
        value=kpi.value,
    )


def change_line(change: m.Change, better: Literal["up", "down"] = "up") -> ir.ChangeData:
    """ "▲ 同比 +112.9%": arrow, what is compared (may be empty), the signed value (持平 for none)."""
    value = change.value
    direction: Literal["up", "down", "flat"] = "up" if value > 0 else "down" if value < 0 else "flat"
    words = [ARROWS[direction], change.label, format_change(value, change.unit)]
    return ir.ChangeData(
        text=" ".join(word for word in words if word),
        direction=direction,
        role=ROLES[direction],
        good=direction == "flat" or direction == better,
        value=value,
    )


def period_text(period: str) -> str:
    """A period as printed: a bare number is a year ("2024" → "2024年"); "1~11月" and "前11个月" as written."""
    return f"{period}年" if period.isdigit() else period


def stated_in(title: str, period: str) -> bool:
    """Whether the column ``title`` already states ``period`` (a printed period): "2024 回顾" states "2024年"."""
    if not period:
        return False
    return period in title or any(period_text(word) == period for word in title.split())


def without_stated_periods(pair: ir.ReviewPlan) -> ir.ReviewPlan:
    """``pair`` with each card's period left off where its column's title states it."""
    return replace(
        pair, review=_drop_periods(pair.review, pair.review_title), plan=_drop_periods(pair.plan, pair.plan_title)
    )


def _drop_periods(blocks: tuple[ir.Block, ...] | None, title: str) -> tuple[ir.Block, ...] | None:
    if blocks is None:
        return None
    out: list[ir.Block] = []
    for block in blocks:
        if isinstance(block, ir.KpiGroup):
            items = tuple(replace(c, period="") if stated_in(title, c.period) else c for c in block.items)
            block = replace(block, items=items)
        out.append(block)
    return tuple(out)
