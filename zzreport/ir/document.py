"""The resolved report: sections, metadata, assets and the output plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from zzreport.errors import Location
from zzreport.ir.fonts import FontPlan
from zzreport.ir.nodes import (
    Block,
    BulletList,
    Figure,
    Headline,
    Node,
    Paragraph,
    ReviewPlan,
    Spans,
    Table,
    Target,
)
from zzreport.ir.theme import Continued, Labels, Theme
from zzreport.ir.values import Value

#: A value's path in the document: field names and indexes from the :class:`Document` down,
#: e.g. ``("sections", 0, "blocks", 2, "items", 1, "unit")``.
DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Section:
    id: str
    number: int
    tag: str
    title: str
    takeaway: str
    notes: str
    blocks: tuple[Block, ...]
    where: Location
    #: The number as contents, dividers and openers print it ("01"); "" for a section no spec gives.
    number_text: str = ""
    #: The title on the slides the section continues onto ("标题（续）"); "" for a section no spec gives.
    continued_title: str = ""
    #: The action title of the section's first content slide: its takeaway, else its title.
    headline: Headline | None = None
    #: Tag and number as a divider or the section's first slide shows them: "关键词 · 01".
    eyebrow: str = ""

    def blocks_for(self, target: Target, *, takeaway_shown: bool = False) -> tuple[Block, ...]:
        """The blocks shown in ``target``; with ``takeaway_shown`` (the output shows the takeaway itself),
        without the paragraph or bullet that repeats it."""
        blocks = tuple(b for b in self.blocks if b.shown_in(target))
        return without_takeaway_repeats(blocks) if takeaway_shown else blocks


def without_takeaway_repeats(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` less what resolve marked as repeating the section's takeaway (a list left empty goes too)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.repeats_takeaway:
            continue
        if isinstance(block, BulletList) and any(item.repeats_takeaway for item in block.items):
            items = tuple(item for item in block.items if not item.repeats_takeaway)
            if not items:
                continue
            block = replace(block, items=items)
        elif isinstance(block, ReviewPlan):
            review = without_takeaway_repeats(block.review) if block.review is not None else None
            plan = without_takeaway_repeats(block.plan) if block.plan is not None else None
            block = replace(block, review=review, plan=plan)
        out.append(block)
    return tuple(out)


@dataclass(frozen=True)
class Meta:
    title: str
    subtitle: str
    organisation: str
    author: str
    date: dt.date | None
    as_of: dt.date | None
    language: str
    keywords: tuple[str, ...]
    source: str
    footer: str
    lead: Spans
    summary: tuple[Spans, ...]
    date_text: str  # "2025年1月2日", or ""
    as_of_text: str  # "数据截至2024年12月31日", or ""
    source_line: str  # "来源：河南日报", or "" (cover, running footer)
    #: The executive summary's points: the report's ``summary`` (the words before a first "：" in bold),
    #: else each section's title and takeaway.
    key_points: tuple[Spans, ...] = ()
    #: Speaker notes of the slides no section owns.
    notes: DeckNotes = field(default_factory=lambda: DeckNotes())


@dataclass(frozen=True)
class DeckNotes:
    """Speaker notes of the cover (and lead), the executive summary and the contents."""

    cover: str = ""
    summary: str = ""
    contents: str = ""


@dataclass(frozen=True)
class Assets:
    """Absolute, checked paths of the files the theme names."""

    logo: Path | None = None
    template: Path | None = None
    fonts: dict[str, Path] = field(default_factory=dict)
    #: The folder an SVG's references must stay inside (``None``: ``--allow-outside``).
    reference_root: Path | None = None


@dataclass(frozen=True)
class OutputPlan(Mapping[str, str]):
    """Format -> file name, for each format the spec builds, in the writer registry's order.

    A mapping rather than a field per format, so a new format needs no edit
    here; a format the spec turns off is absent. Immutable, like the rest of
    the document.
    """

    files: tuple[tuple[str, str], ...] = ()

    def __getitem__(self, fmt: str) -> str:
        for name, file in self.files:
            if name == fmt:
                return file
        raise KeyError(fmt)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.files)

    def __len__(self) -> int:
        return len(self.files)


@dataclass(frozen=True)
class Document:
    """The resolved report."""

    meta: Meta
    theme: Theme
    labels: Labels
    #: The fixed words that head a page or slide, as one they continue onto shows them (目录（续）).
    continued: Continued
    outputs: OutputPlan
    sections: tuple[Section, ...]
    assets: Assets
    spec_path: Path
    inputs: tuple[Path, ...]  # every file read: spec, data, images, template, logo
    #: The faces of each role and the fallbacks (a writer builds its FontSet from it).
    font_plan: FontPlan
    #: The named values of ``values:``, by name, as resolved (number, unit, shown text, change).
    values: Mapping[str, Value] = field(default_factory=dict)
    #: The params this build used (``--set`` or the defaults), as ``{params.name}`` prints them.
    params: Mapping[str, str] = field(default_factory=dict)
    #: The key of the slice this document is, of a spec with ``slices`` (its outputs are ``<spec>-<key>``).
    slice: str | None = None
    #: Where the texts came from (see :mod:`zzreport.resolve.places`): the spec's line and key of a
    #: text, by its path in the document. Not the document's value, so not compared or dumped.
    places: Mapping[DocPath, Location] = field(default_factory=dict, compare=False, repr=False)

    def with_block(self, block: Block, section: str | int, index: int | None = None) -> Document:
        """A copy of this document with ``block`` inserted into a section, at ``index`` of its blocks (the end).

        How a program adds to a resolved document what a spec cannot say (a
        figure drawn by its own code, :func:`zzreport.MatplotlibFigure`):
        ``section`` is a section's ``id`` or its index. The document is frozen,
        so it is left as it was; the places recorded for the section's later
        blocks move with them, so a missing glyph is still reported at its line.
        """
        at = self._section_index(section)
        blocks = self.sections[at].blocks
        where = len(blocks) if index is None else index
        if not -len(blocks) <= where <= len(blocks):
            raise IndexError(f"section {self.sections[at].id!r} has {len(blocks)} blocks: no index {index}")
        if where < 0:
            where += len(blocks)
        changed = replace(self.sections[at], blocks=(*blocks[:where], block, *blocks[where:]))
        sections = (*self.sections[:at], changed, *self.sections[at + 1 :])
        places = {_moved(path, at, where): location for path, location in self.places.items()}
        return replace(self, sections=sections, places=places)

    def _section_index(self, section: str | int) -> int:
        if isinstance(section, int):
            if not -len(self.sections) <= section < len(self.sections):
                raise IndexError(f"the document has {len(self.sections)} sections: no index {section}")
            return section % len(self.sections)
        for i, candidate in enumerate(self.sections):
            if candidate.id == section:
                return i
        known = ", ".join(repr(s.id) for s in self.sections) or "none"
        raise KeyError(f"no section with id {section!r} (the document's sections: {known})")

    def figures(self) -> Iterator[Figure]:
        for node in walk(self):
            if isinstance(node, Figure):
                yield node

    def tables(self) -> Iterator[Table]:
        for node in walk(self):
            if isinstance(node, Table):
                yield node


def _moved(path: DocPath, section: int, index: int) -> DocPath:
    """``path`` as it reads once a block is inserted at ``index`` of section ``section``'s blocks."""
    if len(path) >= 4 and path[:3] == ("sections", section, "blocks"):
        block = path[3]
        if isinstance(block, int) and block >= index:
            return (*path[:3], block + 1, *path[4:])
    return path


def walk(document: Document) -> Iterator[Node]:
    """Every block of the document, depth-first, pair blocks' children included."""
    stack: list[Node] = [b for s in reversed(document.sections) for b in reversed(s.blocks)]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ReviewPlan):
            children = [*(node.review or ()), *(node.plan or ())]
            stack.extend(reversed(children))
