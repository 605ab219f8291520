"""``where:`` on figure and table data: only the rows of a CSV whose columns have the given values.

A report per city reads one CSV of every city's months, each slice its own
rows (``where: {城市: "{slice.城市}"}``, the placeholder filled in before
this runs). The filter is an exact match of each named column's text, as
the file writes it: nothing is evaluated, trimmed or compared as a number,
so ``2025-10`` never matches ``2025-1``. A column the file does not have
and a filter no row passes are located errors, never an empty chart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from zzreport.errors import Location, Problem, SpecError
from zzreport.loading.validate import suggest
from zzreport.resolve.data import CsvTable

#: Shown values of a column in a message, at most.
SHOWN = 12


def select_rows(data: CsvTable, where: Mapping[str, str], location: Callable[[str], Location]) -> CsvTable:
    """The rows of ``data`` whose column ``name`` is ``value`` for every ``name: value`` of ``where``.

    ``location(name)`` is where the spec gives the filter on ``name``. The
    header and each kept row's line stay as in the file, so a later error
    still names the cell's own line and column.
    """
    if not where:
        return data
    problems: list[Problem] = []
    wanted: list[tuple[int, str]] = []
    for name, value in where.items():
        try:
            wanted.append((data.column(name, location(name)), value))
        except SpecError as exc:
            problems += exc.problems
    if problems:
        raise SpecError(problems)
    kept = [r for r, row in enumerate(data.rows) if all(row[i] == value for i, value in wanted)]
    if not kept:
        conditions = ", ".join(f"{name} = {value}" for name, value in where.items())
        first_name, first_value = next(iter(where.items()))
        column = data.header.index(first_name)
        seen = list(dict.fromkeys(row[column] for row in data.rows))
        shown = ", ".join(seen[:SHOWN]) + (" …" if len(seen) > SHOWN else "")
        raise SpecError.single(
            location(first_name),
            f"no row of {data.name} has {conditions}{suggest(first_value, [v for v in seen if v != first_value])}; "
            f"its values of {first_name} are: {shown or '(none: the file has no rows)'}",
        )
    return CsvTable(data.path, data.header, tuple(data.rows[r] for r in kept), tuple(data.lines[r] for r in kept))
