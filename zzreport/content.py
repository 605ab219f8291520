"""What a reader sees in a report, item by item, under keys that stay the same from edition to edition.

A scheduled job rebuilds a report when its data change; whoever reviews
that commit must see which numbers changed, not that a PDF's sha256 did.
The manifest therefore records every named value (``values:``), KPI card,
table cell and figure data point as the outputs print it (the resolved, formatted text) with the
number behind it, and ``zzreport diff`` pairs two editions' records by key.

A key names an item by what it is, never by where it sits, so inserting a
card or a row does not make every later one look changed:

- a named value: its name;
- a card: its section's id and its label;
- a table cell: its section's id, the table (title, else caption, else its
  label 表N), the row (the text of its first cell; the total row by its
  label) and the column's header;
- a figure point: its section's id, the figure (title, else caption, else
  its label 图N), the series' name and the category.

Where two items would share a key (two cards with one label in a section),
the second and later ones get ``#2``, ``#3`` … after the last part, in
reading order.

A table's and a figure's entries also carry its number label (``ref``: 表1,
图1), which no comparison counts as a change: a title that changes each
edition (one with the month in it) would otherwise make every point of the
figure look removed and added again, so a diff pairs what is left over by
that label instead (see :func:`zzreport.diff.compare`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zzreport import ir
from zzreport.ir.document import Document, Section

#: The kinds of item, in the order a manifest and a diff list them.
KINDS = ("values", "cards", "tables", "figures")

#: The key field naming the table or figure an entry belongs to, for the kinds that have one.
NAME_FIELDS = {"tables": "table", "figures": "figure"}

#: The field holding a table's or figure's number label (表1, 图1): where it sits, not what it says.
REF = "ref"

#: The fields of each kind that make up its key, in order.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "values": ("name",),
    "cards": ("section", "label"),
    "tables": ("section", "table", "row", "column"),
    "figures": ("section", "figure", "series", "category"),
}


@dataclass(frozen=True)
class Item:
    """One thing the reader sees: its key parts, the text as printed and the number behind it."""

    key: tuple[str, ...]
    text: str
    value: float | None
    #: More of what the reader sees, printed beside the value (a card's change line, its period).
    extra: tuple[tuple[str, str | float | None], ...] = ()
    #: The number label of the table or figure (表1, 图1); "" for a card.
    ref: str = ""


def content_record(document: Document) -> dict[str, list[dict[str, Any]]]:
    """The manifest's ``content``: every card, table cell and figure point of ``document``, keyed."""
    record: dict[str, list[dict[str, Any]]] = {}
    kinds = (
        ("values", _values(document)),
        ("cards", _cards(document)),
        ("tables", _cells(document)),
        ("figures", _points(document)),
    )
    for kind, items in kinds:
        record[kind] = [_entry(kind, item) for item in _unique(items)]
    return record


def key_of(kind: str, entry: dict[str, Any]) -> tuple[str, ...]:
    """The key of a manifest entry of ``kind`` (see :data:`KEY_FIELDS`)."""
    return tuple(str(entry.get(name, "")) for name in KEY_FIELDS[kind])


def _entry(kind: str, item: Item) -> dict[str, Any]:
    """A manifest entry: key parts, text, number (an integer written as one), the extras that are not empty."""
    entry: dict[str, Any] = dict(zip(KEY_FIELDS[kind], item.key, strict=True))
    entry["text"] = item.text
    entry["value"] = _number(item.value)
    entry.update((name, _number(value)) for name, value in item.extra if value not in ("", None))
    if item.ref:
        entry[REF] = item.ref
    return entry


def _number(value: Any) -> Any:
    """18.0 as 18, so the manifest reads as the spec and the CSV wrote it; other values as they are."""
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


def _unique(items: Iterator[Item]) -> Iterator[Item]:
    """``items`` with ``#2``, ``#3`` … after the last key part of a key seen before."""
    seen: dict[tuple[str, ...], int] = {}
    for item in items:
        count = seen.get(item.key, 0) + 1
        seen[item.key] = count
        if count > 1:
            item = Item((*item.key[:-1], f"{item.key[-1]}#{count}"), item.text, item.value, item.extra, item.ref)
        yield item


def _blocks(document: Document) -> Iterator[tuple[Section, ir.Block]]:
    """Every block with the section it is in, in reading order (a pair's review before its plan)."""
    for section in document.sections:
        stack: list[ir.Block] = list(reversed(section.blocks))
        while stack:
            block = stack.pop()
            yield section, block
            if isinstance(block, ir.ReviewPlan):
                stack.extend(reversed([*(block.review or ()), *(block.plan or ())]))


def _values(document: Document) -> Iterator[Item]:
    """The named values (``values:``), by name: ``{name}`` as the texts print it, its number and change."""
    for name, value in document.values.items():
        extra = (("change", value.change_text), ("change_value", value.change))
        yield Item((name,), value.text, value.number, extra)


def _cards(document: Document) -> Iterator[Item]:
    for section, block in _blocks(document):
        if isinstance(block, ir.KpiGroup):
            for card in block.items:
                change = card.change
                yield Item(
                    (section.id, card.label),
                    card.display,
                    card.value,
                    (
                        ("change", change.text if change else ""),
                        ("change_value", change.value if change else None),
                        ("period", card.period),
                    ),
                )


def _name(title: str, caption: str, label: str) -> str:
    return title or caption or label


def _cells(document: Document) -> Iterator[Item]:
    for section, block in _blocks(document):
        if not isinstance(block, ir.Table):
            continue
        table = _name(block.title, block.caption, block.label)
        # The first column names the row; with one column only, each cell is its own row.
        first = 1 if len(block.columns) > 1 else 0
        rows = [*block.rows, *((block.total,) if block.total is not None else ())]
        for row in rows:
            label = row[0].text if row else ""
            for column, cell in zip(block.columns[first:], row[first:], strict=True):
                key = (section.id, table, label, column.header or column.name)
                yield Item(key, cell.text, cell.value, ref=block.label)


def _points(document: Document) -> Iterator[Item]:
    for section, block in _blocks(document):
        if not isinstance(block, ir.Figure):
            continue
        data = block.data
        figure = _name(data.title, data.caption, block.label)
        for series in data.series:
            for category, value, text in zip(data.categories, series.values, series.labels, strict=True):
                yield Item((section.id, figure, series.name, category), text, value, ref=block.label)
