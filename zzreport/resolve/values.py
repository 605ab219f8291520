"""Named values, params and the ``{…}`` placeholders of every text: numbers written once.

A scheduled job replaces a CSV and rebuilds; a KPI card or a sentence that
wrote its number by hand then contradicts the chart beside it. Here every
``{name}`` of the spec's texts is filled in, once, before anything else is
resolved, so the PDF, the deck and any later writer receive finished text,
and a KPI card's ``value: "{name}"`` takes the number, unit, format and
change the text prints (one formatting function, :func:`quantity`, for both).

Names live in namespaces (:class:`Names`): the report's ``values`` are bare
names (``{nev}``, ``{nev.change}``); ``params`` and any namespace a caller
passes in (a batch's ``slice``: ``{slice.城市}``) are ``{namespace.name}``
and print their text. Nothing is evaluated: a placeholder is a name, and
an unknown one is a located error with the closest names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from zzreport import ir
from zzreport.errors import Location, Problem, SpecError
from zzreport.language import models as m
from zzreport.loading.validate import suggest
from zzreport.loading.yaml_source import KeyPath, format_path
from zzreport.resolve.data import CsvTable, NumberError, parse_number
from zzreport.resolve.numbers import SCALES, format_change, format_number, quantity
from zzreport.resolve.placeholders import TemplateError, substitute
from zzreport.resolve.rows import select_rows

#: What ``{name.<field>}`` may ask of a named value.
VALUE_FIELDS = ("value", "change", "amount", "trend")
#: The namespace of the report's params (``{params.month}``).
PARAMS = "params"
#: Keys of a spec whose texts are not filled in: the values and params themselves (resolved here, from
#: params only), the page label (its own ``{page}`` template), and the output file names (named by the plan).
NOT_FILLED: tuple[KeyPath, ...] = (
    ("values",),
    ("params",),
    ("slices",),
    ("theme", "page", "page_number"),
    ("outputs",),
)

Where = Callable[[KeyPath], Location]
ReadCsv = Callable[[str, KeyPath, m.Encoding], CsvTable]


@dataclass(frozen=True)
class Names:
    """Everything a placeholder may name: the named values, and namespaces of texts (params, slice …)."""

    values: Mapping[str, ir.Value]
    namespaces: Mapping[str, Mapping[str, str]]
    #: Values that could not be resolved (already reported): their placeholders print nothing, unreported.
    broken: frozenset[str] = frozenset()

    def lookup(self, name: str, position: int) -> str:
        """The text ``{name}`` prints, or :class:`TemplateError` saying what is known instead."""
        head, dot, field = name.partition(".")
        token = f"`{{{name}}}` at position {position}"
        if head in self.namespaces:
            names = self.namespaces[head]
            if field in names:
                return names[field]
            hint = suggest(field, names)
            if head == PARAMS:
                known = f"; the params are: {', '.join(names)}" if names else "; the spec declares no `params`"
                raise TemplateError(f"{token}: no param named `{field}`{hint}{known}")
            known = f"; it has: {', '.join(names)}" if names else ""
            raise TemplateError(f"{token}: `{head}` has no `{field}`{hint}{known}")
        value = self.values.get(head)
        if value is None and head in self.broken:
            return ""
        if value is None:
            declared = [*self.values, *sorted(self.broken)]
            choices = [*declared, *(f"{space}.{key}" for space, keys in self.namespaces.items() for key in keys)]
            hint = suggest(name, choices) or suggest(head, declared)
            known = f"; the values are: {', '.join(declared)}" if declared else "; the spec has no `values`"
            raise TemplateError(
                f"{token}: no value named `{head}`{hint}{known} (write `{{{{` and `}}}}` for literal braces)"
            )
        if not dot:
            return value.text
        if field == "value":
            return value.number_text
        if field not in VALUE_FIELDS:
            fields = ", ".join(f"`.{f}`" for f in VALUE_FIELDS)
            raise TemplateError(f"{token}: a value has {fields}{suggest(field, VALUE_FIELDS)}")
        if value.change is None:
            raise TemplateError(f"{token}: the value `{head}` has no `change`")
        return {"change": value.change_text, "amount": value.amount_text, "trend": value.trend}[field]

    def fill(self, text: str, where: Location) -> str:
        """``text`` with its placeholders filled in, or :class:`SpecError` with each problem at ``where``."""
        filled, problems = substitute(text, self.lookup)
        if problems:
            raise SpecError([Problem(where, problem) for problem in problems])
        return filled


# --------------------------------------------------------------------------- params


def param_texts(
    declared: Mapping[str, m.Param], given: Mapping[str, str | float], where: Where
) -> tuple[dict[str, str], list[Problem]]:
    """Each param's text (``--set`` or its default) and the problems of what was set."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for name in given:
        if name not in declared:
            known = f"; the spec's params are: {', '.join(declared)}" if declared else "; the spec declares no `params`"
            problems.append(
                Problem(where(("params",)), f"--set {name}: unknown param `{name}`{suggest(name, declared)}{known}")
            )
    for name, param in declared.items():
        value = given.get(name, param.default)
        if param.type == "date" and not (isinstance(value, str) and m.iso_date(value)):
            problems.append(
                Problem(
                    where(("params", name)),
                    f"--set {name}: param `{name}` is a date ({m.DATE_FORMS}), got {value!r}",
                )
            )
        if param.type == "number" and isinstance(value, str):
            try:
                number = parse_number(value)
            except NumberError:
                number = None
            if number is None:
                problems.append(
                    Problem(where(("params", name)), f"--set {name}: param `{name}` is a number, got {value!r}")
                )
                texts[name] = value  # as given, so its placeholders are not reported again
                continue
            value = number
        texts[name] = value if isinstance(value, str) else format_number(float(value))
    return texts, problems


# --------------------------------------------------------------------------- named values


def resolve_values(
    report: m.Report, names: Names, where: Where, read_csv: ReadCsv, max_number: float
) -> tuple[dict[str, ir.Value], list[Problem]]:
    """Each named value resolved (its CSV cells read), and every problem found."""
    values: dict[str, ir.Value] = {}
    problems: list[Problem] = []
    for name, spec in report.values.items():
        path: KeyPath = ("values", name)
        if name in names.namespaces:
            problems.append(
                Problem(where(path), f"`{name}` names the `{{{name}.…}}` placeholders; give the value another name")
            )
            continue
        try:
            values[name] = _value(name, spec, path, names, where, read_csv, report.labels, max_number)
        except SpecError as exc:
            problems += exc.problems
    return values, problems


def _value(
    name: str,
    spec: m.NamedValue,
    path: KeyPath,
    names: Names,
    where: Where,
    read_csv: ReadCsv,
    labels: m.Labels,
    max_number: float,
) -> ir.Value:
    problems: list[Problem] = []
    #: A file already reported (read by another block first) fails with no problem of its own.
    failed = False
    number = change = None
    origin = where((*path, "value"))
    try:
        if spec.data is not None:
            number, origin = cell_number(spec.data, (*path, "data"), names, where, read_csv, max_number)
        else:
            number = spec.value
    except SpecError as exc:
        failed = True
        problems += exc.problems
    if spec.change is not None:
        try:
            if spec.change.data is not None:
                change, _ = cell_number(spec.change.data, (*path, "change", "data"), names, where, read_csv, max_number)
            else:
                change = spec.change.value
        except SpecError as exc:
            failed = True
            problems += exc.problems
    if failed:
        raise SpecError(problems)
    assert number is not None
    shown = quantity(number, spec.unit, spec.qualifier, spec.format)
    if change is None:
        return ir.Value(number, spec.unit, str(shown), shown.number, where=origin)
    unit = spec.change.unit if spec.change else "%"
    trend = labels.trend_up if change > 0 else labels.trend_down if change < 0 else labels.trend_flat
    amount = format_change(abs(change), unit).lstrip("+")
    return ir.Value(
        number, spec.unit, str(shown), shown.number, change, unit, format_change(change, unit), amount, trend, origin
    )


def cell_number(
    cell: m.DataCell, path: KeyPath, names: Names, where: Where, read_csv: ReadCsv, max_number: float
) -> tuple[float, Location]:
    """The number in the one CSV cell ``cell`` picks, and the cell's place; located errors otherwise."""
    file = names.fill(cell.file, where((*path, "file")))
    table = read_csv(file, (*path, "file"), cell.encoding)
    column = table.column(cell.column, where((*path, "column")))
    if cell.row is not None:  # the first column's value
        at: KeyPath = (*path, "row")
        wanted = {table.header[0]: names.fill(cell.row, where(at))}
        rows = select_rows(table, wanted, lambda _: where(at))
    else:
        at = (*path, "where")
        wanted = {key: names.fill(text, where((*at, key))) for key, text in cell.where.items()}
        rows = select_rows(table, wanted, lambda key: where((*at, key)))
    if len(rows.rows) != 1:
        said = ", ".join(f"{key} = {value}" for key, value in wanted.items())
        lines = ", ".join(str(line) for line in rows.lines)
        raise SpecError.single(
            where(at), f"{len(rows.rows)} rows of {table.name} have {said} (lines {lines}); a value is one cell"
        )
    text = rows.rows[0][column]
    place = rows.cell_location(0, column)
    try:
        number = parse_number(text, max_number)
    except NumberError as exc:
        raise SpecError.single(place, f"{exc} for `{format_path(path[:2])}`") from None
    if number is None:
        raise SpecError.single(place, f"the cell is empty; `{format_path(path[:2])}` needs a number")
    if cell.scale in SCALES:  # exactly: 13.1 in 万 is 131000, not 131000.00000000001
        number = float(Decimal(repr(number)) * Decimal(int(SCALES[cell.scale])))
    return number, place


# --------------------------------------------------------------------------- filling in the spec


def fill_report(report: m.Report, names: Names, where: Where) -> tuple[m.Report, list[Problem]]:
    """``report`` with every text's placeholders filled in and each ``value: "{name}"`` card expanded."""
    problems: list[Problem] = []

    def text(value: str, path: KeyPath) -> str:
        try:
            return names.fill(value, where(path))
        except SpecError as exc:
            problems.extend(exc.problems)
            return value

    def model(node: BaseModel, path: KeyPath) -> BaseModel:
        if isinstance(node, m.Kpi) and isinstance(node.value, str):
            node = _card(node, names, report.values, where((*path, "value")), problems)
        updates = {}
        for key in type(node).model_fields:
            if (*path, key) in NOT_FILLED:
                continue
            old = getattr(node, key)
            new = anything(old, (*path, key))
            if new is not old:
                updates[key] = new
        return node.model_copy(update=updates) if updates else node

    def anything(value: Any, path: KeyPath) -> Any:
        if isinstance(value, str):
            return text(value, path)
        if isinstance(value, BaseModel):
            return model(value, path)
        if isinstance(value, list):
            items = [anything(item, (*path, i)) for i, item in enumerate(value)]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if isinstance(value, dict):
            entries = {key: anything(item, (*path, key)) for key, item in value.items()}
            return entries if any(entries[k] is not value[k] for k in value) else value
        return value

    filled = model(report, ())
    assert isinstance(filled, m.Report)
    filled._origin = report.origin
    return filled, problems


def _card(
    kpi: m.Kpi, names: Names, specs: Mapping[str, m.NamedValue], where: Location, problems: list[Problem]
) -> m.Kpi:
    """A card whose ``value`` is ``"{name}"``: the value's number, and its unit, qualifier, format and change
    wherever the card does not give its own."""
    assert isinstance(kpi.value, str)
    name = kpi.value[1:-1]
    value = names.values.get(name)
    if value is None:
        if name in names.broken:
            return kpi.model_copy(update={"value": 0.0})
        try:
            names.lookup(name, 1)
        except TemplateError as exc:
            problems.append(Problem(where, str(exc)))
        else:  # a param or slice name: a card's number comes from a named value only
            problems.append(
                Problem(where, f"`{kpi.value}` is not a named value; a card's `value` names one of `values`")
            )
        return kpi.model_copy(update={"value": 0.0})
    spec = specs.get(name)
    given = kpi.model_fields_set
    updates: dict[str, Any] = {"value": value.number}
    if spec is not None:
        for key in ("unit", "qualifier", "format"):
            if key not in given:
                updates[key] = getattr(spec, key)
    if "change" not in given and value.change is not None:
        label = spec.change.label if spec is not None and spec.change is not None else "同比"
        updates["change"] = m.Change(value=value.change, unit=value.change_unit, label=label)
    return kpi.model_copy(update=updates)
