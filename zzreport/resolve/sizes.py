"""Size limits: how many sections and blocks a report has, and how long one text is.

A real report has tens of sections, hundreds of blocks and paragraphs of a
few hundred characters. A spec far past that (60,000 sections, a paragraph
of a megabyte) is refused here, at check time, at the key path of the value
that crosses the limit, so that neither writer is ever handed it: both are
linear in these sizes, but a deck of tens of thousands of slides still costs
minutes, and python-pptx adds each slide in time that grows with the deck.
Each limit names the flag that raises it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from zzreport.errors import Problem
from zzreport.language import models as m
from zzreport.loading.yaml_source import KeyPath, SourceDoc
from zzreport.resolve.data import CsvTable

#: Characters a line break counts as towards ``--max-total-chars``: about a line of text.
LINE_BREAK_COST = 50


def check_counts(report: m.Report, source: SourceDoc, max_sections: int, max_blocks: int) -> list[Problem]:
    """The section and block counts against their limits, each located at the first one over it."""
    problems: list[Problem] = []
    sections = len(report.sections)
    if sections > max_sections:
        problems.append(
            Problem(
                source.locate(("sections", max_sections)),
                f"the report has {sections} sections, over the limit of {max_sections} (raise it with --max-sections)",
            )
        )
    paths = list(_block_paths(report))
    if len(paths) > max_blocks:
        problems.append(
            Problem(
                source.locate(paths[max_blocks]),
                f"the report has {len(paths)} blocks, list items and KPI cards counted, over the limit of "
                f"{max_blocks} (raise it with --max-blocks)",
            )
        )
    return problems


def _block_paths(report: m.Report) -> Iterator[KeyPath]:
    """The key path of every block, in order, the blocks inside a review/plan pair after the pair."""
    for s, section in enumerate(report.sections):
        yield from _blocks(section.blocks, ("sections", s, "blocks"))


def _blocks(blocks: list[Any], path: KeyPath) -> Iterator[KeyPath]:
    """Each block, and each list item and KPI card in it: each starts a line or a card of its own."""
    for b, block in enumerate(blocks):
        yield (*path, b)
        if isinstance(block, m.BulletsBlock):
            for i, item in enumerate(block.bullets):
                yield (*path, b, "bullets", i)
                yield from ((*path, b, "bullets", i, "items", c) for c in range(len(item.items)))
        elif isinstance(block, m.KpisBlock):
            yield from ((*path, b, "kpis", k) for k in range(len(block.kpis)))
        elif isinstance(block, m.PairBlock):
            for side in ("review", "plan"):
                inner = getattr(block, side)
                if inner:
                    yield from _blocks(inner, (*path, b, side))


def check_text_lengths(source: SourceDoc, max_chars: int, max_total: int) -> list[Problem]:
    """Every text of the spec (a paragraph, a bullet, a cell, a title …) longer than ``max_chars``,
    and the text where all of them together pass ``max_total`` (a deck's slides grow with it).

    Towards the total a line break counts as :data:`LINE_BREAK_COST` characters: it starts a
    line (a paragraph) of its own, however few characters there are.
    """
    problems: list[Problem] = []
    total = 0
    crossed: KeyPath | None = None
    for path, text in _strings(source.data, ()):
        length = len(text)
        if length > max_chars:
            problems.append(Problem(source.locate(path), _message(length, max_chars)))
        total += length + LINE_BREAK_COST * text.count("\n")
        if crossed is None and total > max_total:
            crossed = path
    if crossed is not None:
        problems.append(
            Problem(
                source.locate(crossed),
                f"the report's texts have {total} characters in all (a line break counting as "
                f"{LINE_BREAK_COST}), over the limit of {max_total} (raise it with --max-total-chars)",
            )
        )
    return problems


def check_csv_text_lengths(tables: Iterable[CsvTable], max_chars: int) -> list[Problem]:
    """Every cell of the data files read longer than ``max_chars``, located in its file."""
    problems: list[Problem] = []
    for table in tables:
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                if len(text) > max_chars:
                    problems.append(Problem(table.cell_location(r, c), _message(len(text), max_chars)))
    return problems


def _strings(data: Any, root: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """The path of every string in parsed YAML data, and the string, in document order."""
    stack: list[tuple[KeyPath, Any]] = [(root, data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, (list, tuple)):
            stack.extend(((*path, index), value[index]) for index in range(len(value) - 1, -1, -1))


def _message(length: int, max_chars: int) -> str:
    return f"this text has {length} characters, over the limit of {max_chars} (raise it with --max-text-chars)"
