"""The document model (IR): what every writer consumes.

Resolved from a spec: defaults applied, numbers formatted, data files read,
paths made absolute and checked. Writers read only this; they never see YAML
or the spec models' shorthands. Every node keeps the :class:`Location` it came
from, so later checks (glyph coverage) can point at the author's line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Literal, Union

from zzreport.errors import Location
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.spec.models import Labels, Theme

#: An output format's name, as the writer registry spells it (the IR never lists them).
Target = str


@dataclass(frozen=True)
class Span:
    """A run of inline text; ``bold`` comes from ``**…**`` in the spec."""

    text: str
    bold: bool = False


Spans = tuple[Span, ...]


def plain(spans: Spans) -> str:
    """The spans' text without emphasis."""
    return "".join(s.text for s in spans)


@dataclass(frozen=True)
class Node:
    where: Location
    targets: frozenset[str]

    def shown_in(self, target: Target) -> bool:
        return target in self.targets


@dataclass(frozen=True)
class Heading(Node):
    text: str
    level: int


@dataclass(frozen=True)
class Paragraph(Node):
    spans: Spans


@dataclass(frozen=True)
class Bullet:
    spans: Spans
    children: tuple[Spans, ...] = ()


@dataclass(frozen=True)
class BulletList(Node):
    items: tuple[Bullet, ...]


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


@dataclass(frozen=True)
class KpiGroup(Node):
    items: tuple[KpiCard, ...]


@dataclass(frozen=True)
class Figure(Node):
    data: FigureData


@dataclass(frozen=True)
class TableColumn:
    name: str
    align: Literal["left", "center", "right"]
    unit: str


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None


@dataclass(frozen=True)
class Table(Node):
    number: int
    title: str
    caption: str
    source: str
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None


@dataclass(frozen=True)
class Image(Node):
    path: Path
    alt: str
    caption: str
    source: str
    width: float


@dataclass(frozen=True)
class Callout(Node):
    spans: Spans
    title: str
    tone: str


@dataclass(frozen=True)
class Quote(Node):
    spans: Spans
    source: str


Block = Union[Heading, Paragraph, BulletList, KpiGroup, Figure, Table, Image, Callout, Quote, "ReviewPlan"]


@dataclass(frozen=True)
class ReviewPlan(Node):
    review: tuple[Block, ...] | None
    plan: tuple[Block, ...] | None
    review_title: str
    plan_title: str


#: Every block kind a writer must handle (a test checks each writer against it).
BLOCK_TYPES: tuple[type[Node], ...] = (
    Heading,
    Paragraph,
    BulletList,
    KpiGroup,
    Figure,
    Table,
    Image,
    Callout,
    Quote,
    ReviewPlan,
)


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

    def blocks_for(self, target: Target) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.shown_in(target))


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
    outputs: OutputPlan
    sections: tuple[Section, ...]
    assets: Assets
    spec_path: Path
    inputs: tuple[Path, ...]  # every file read: spec, data, images, template, logo
    fonts: FontSet = field(default_factory=FontSet.default, compare=False)
    #: The parsed spec and the data files read, kept for located preflight checks.
    sources: tuple[object, ...] = field(default=(), compare=False, repr=False)

    def figures(self) -> Iterator[Figure]:
        for node in walk(self):
            if isinstance(node, Figure):
                yield node

    def tables(self) -> Iterator[Table]:
        for node in walk(self):
            if isinstance(node, Table):
                yield node


def walk(document: Document) -> Iterator[Node]:
    """Every block of the document, depth-first, pair blocks' children included."""
    stack: list[Node] = [b for s in reversed(document.sections) for b in reversed(s.blocks)]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ReviewPlan):
            children = [*(node.review or ()), *(node.plan or ())]
            stack.extend(reversed(children))


def dump(document: Document) -> str:
    """The document tree as indented text, for golden-file tests and debugging."""
    lines: list[str] = [f"Document {document.meta.title!r}"]

    def emit(value: object, indent: int) -> None:
        pad = "  " * indent
        if is_dataclass(value) and not isinstance(value, type):
            lines.append(f"{pad}{type(value).__name__}")
            for f in fields(value):
                if f.name in ("where", "targets"):
                    continue
                item = getattr(value, f.name)
                if is_dataclass(item) or (isinstance(item, tuple) and item and is_dataclass(item[0])):
                    lines.append(f"{pad}  {f.name}:")
                    emit(item, indent + 2)
                else:
                    lines.append(f"{pad}  {f.name}: {item!r}")
        elif isinstance(value, tuple):
            for item in value:
                emit(item, indent)
        else:
            lines.append(f"{pad}{value!r}")

    for section in document.sections:
        emit(section, 1)
    return "\n".join(lines) + "\n"
