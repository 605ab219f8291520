"""Slices: one report per row of a CSV, each with its own ``{slice.<column>}`` texts and output names.

A monthly briefing per city is one spec and one CSV with a row per city
(``slices: {file: data/cities.csv, key: 城市}``). A build chooses one slice
by its key (:attr:`zzreport.resolve.ResolveOptions.slice`); its row's
cells are the ``slice`` namespace of the placeholders (``{slice.城市}``,
``where: {城市: "{slice.城市}"}``), and its outputs and manifest are named
``<spec>-<key>``. The command line builds every slice of such a spec
(:mod:`zzreport.app.batch`), or the one ``--slice KEY`` names.

A key names files, so it must be one: not empty, unique in its column, no
path separator, no leading dot, and nothing a file system refuses. Each
problem is located at its cell of the CSV.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from zzreport.errors import Location, Problem, SpecError
from zzreport.language import models as m
from zzreport.loading.validate import suggest
from zzreport.loading.yaml_source import KeyPath, format_path
from zzreport.resolve.data import CsvTable, UndecodableFile, read_csv
from zzreport.resolve.paths import resolve_asset
from zzreport.resolve.values import PARAMS, Names, param_texts

#: The placeholder namespace of a slice's row: ``{slice.城市}``.
SLICE = "slice"
#: Keys shown in a message, at most.
SHOWN = 12
#: Characters no key may hold: it becomes part of a file name on every system.
_NOT_IN_A_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')

Where = Callable[[KeyPath], Location]
ReadCsv = Callable[[str, KeyPath, m.Encoding], CsvTable]


@dataclass(frozen=True)
class Slice:
    """One row of a spec's slices: its key and every cell by its column's name."""

    key: str
    row: dict[str, str]


def stem(name: str, key: str | None) -> str:
    """The outputs' and manifest's name of a build: ``name`` (the spec's), with ``-<key>`` for a slice."""
    return name if key is None else f"{name}-{key}"


def read_slices(spec: m.Slices, csv: ReadCsv, where: Where, params: Mapping[str, str]) -> list[Slice]:
    """Every slice of the CSV ``spec`` names, in the file's order; bad keys are located errors, all at once.

    The file's path takes ``{params.…}`` (``params``: each param's text), and
    no other placeholder: the slices are what the other names come from.
    """
    file = Names({}, {PARAMS: params}).fill(spec.file, where(("slices", "file")))
    data = csv(file, ("slices", "file"), spec.encoding)
    column = data.column(spec.key, where(("slices", "key")))
    problems: list[Problem] = []
    found: list[Slice] = []
    seen: dict[str, int] = {}
    for r, row in enumerate(data.rows):
        key = row[column]
        at = data.cell_location(r, column)
        if not key.strip():
            problems.append(Problem(at, f"the slice key ({spec.key}) is empty; every row needs its own"))
        elif key != key.strip() or key.startswith(".") or _NOT_IN_A_NAME.search(key):
            problems.append(
                Problem(
                    at,
                    f"the slice key {key!r} names the outputs, so it cannot start with a dot, begin or end with "
                    'a space, or hold / \\ : * ? " < > | or control characters',
                )
            )
        elif key in seen:
            problems.append(
                Problem(at, f"the slice key {key} is also on line {data.lines[seen[key]]}; each row needs its own")
            )
        else:
            seen[key] = r
            found.append(Slice(key, dict(zip(data.header, row, strict=True))))
    if problems:
        raise SpecError(problems)
    if not found:
        raise SpecError.single(where(("slices", "file")), f"{data.name} has no rows: there is no slice to build")
    return found


def choose(slices: list[Slice], key: str | None, spec: m.Slices, where: Where) -> Slice:
    """The slice ``key`` names, or a located error listing the keys there are."""
    keys = [s.key for s in slices]
    shown = ", ".join(keys[:SHOWN]) + (" …" if len(keys) > SHOWN else "")
    if key is None:
        raise SpecError.single(
            where(("slices",)),
            f"the spec makes one report per row of {spec.file} (`slices`); choose one by its {spec.key} "
            f"(zzreport build builds them all, --slice KEY one): {shown}",
        )
    for candidate in slices:
        if candidate.key == key:
            return candidate
    raise SpecError.single(
        where(("slices", "key")),
        f"no slice {key!r}: no row of {spec.file} has {spec.key} = {key}{suggest(key, keys)}; its slices are: {shown}",
    )


def report_params(report: m.Report, given: Mapping[str, str | float]) -> dict[str, str]:
    """Each param's text as the build of ``report`` with ``given`` set prints it (names it lacks ignored).

    Problems of ``given`` are left to the build, which reports them with the spec's others.
    """
    texts, _ = param_texts(report.params, {k: v for k, v in given.items() if k in report.params}, _nowhere)
    return texts


def _nowhere(path: KeyPath) -> Location:
    return Location("")


def slice_keys(report: m.Report, allow_outside: bool = False, params: Mapping[str, str] | None = None) -> list[str]:
    """The keys of ``report``'s slices in the file's order (empty: no ``slices``), without resolving it.

    ``params`` are the param texts its file's path takes (default: the declared defaults).

    For a batch, which builds one report per key (:mod:`zzreport.app.batch`);
    the file is found under the same confinement as every file a spec names.
    Raises :class:`SpecError` (located) when the file or a key is wrong.
    """
    source = report.origin
    if report.slices is None or source is None:
        return []
    base = source.file.resolve().parent

    def csv(relative: str, path: KeyPath, encoding: m.Encoding) -> CsvTable:
        where = source.locate(path)
        file = resolve_asset(base, relative, where, allow_outside=allow_outside, what="data file")
        try:
            return read_csv(file, where, encoding)
        except UndecodableFile as exc:  # worded as the resolver words it: the key to set, and where
            key = ("slices",)
            raise SpecError(
                [Problem(exc.location, exc.message((f"{format_path(key)} ({source.locate(key)})",)))]
            ) from None

    texts = report_params(report, {}) if params is None else params
    return [found.key for found in read_slices(report.slices, csv, source.locate, texts)]
