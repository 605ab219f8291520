"""The blocks of a section: what every writer must handle.

Every node keeps the :class:`Location` it came from, so later checks (glyph
coverage) can point at the author's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

from zzreport.errors import Location
from zzreport.figures.model import FigureData
from zzreport.ir.cards import KpiCard

#: An output format's name, as the writer registry spells it (the IR never lists them).
Target = str


@dataclass(frozen=True)
class Span:
    """A run of inline text; ``bold`` comes from ``**…**`` in the spec."""

    text: str
    bold: bool = False


Spans = tuple[Span, ...]


@dataclass(frozen=True)
class Headline:
    """An action title: what a slide says (its point), and as the slides it continues onto show it."""

    text: str
    continued: str  # "标题（续）"


@dataclass(frozen=True)
class Node:
    where: Location
    targets: frozenset[str]
    #: The action title of the slide this block opens (the author's ``title:``), or None.
    headline: Headline | None = field(default=None, kw_only=True)
    #: Speaker notes for the first slide this block appears on.
    notes: str = field(default="", kw_only=True)

    def shown_in(self, target: Target) -> bool:
        return target in self.targets


@dataclass(frozen=True)
class Heading(Node):
    text: str
    level: int


@dataclass(frozen=True)
class Paragraph(Node):
    spans: Spans
    #: Says what the section's takeaway says: left out wherever an output already shows the takeaway.
    repeats_takeaway: bool = field(default=False, kw_only=True)


@dataclass(frozen=True)
class Bullet:
    spans: Spans
    children: tuple[Spans, ...] = ()
    #: Says what the section's takeaway says (see :attr:`Paragraph.repeats_takeaway`).
    repeats_takeaway: bool = False


@dataclass(frozen=True)
class BulletList(Node):
    items: tuple[Bullet, ...]


@dataclass(frozen=True)
class KpiGroup(Node):
    items: tuple[KpiCard, ...]


@dataclass(frozen=True)
class Figure(Node):
    data: FigureData
    label: str  # "图1"
    title_line: str  # the caption's first line: "图1　标题", or the label alone
    source_line: str  # "来源：…", or "" without a source


@dataclass(frozen=True)
class TableColumn:
    name: str
    align: Literal["left", "center", "right"]
    unit: str
    header: str  # as the header row prints it: "产值（亿元）"


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
    label: str  # "表1"
    title_line: str  # "表1　标题", or the label alone
    source_line: str  # "来源：…", or ""
    continued_title: str  # the title, else the label, on the pages it continues onto: "标题（续）"


@dataclass(frozen=True)
class Image(Node):
    path: Path
    alt: str
    caption: str
    source: str
    width: float
    source_line: str  # "来源：…", or ""


@dataclass(frozen=True)
class Graphic(Node):
    """A figure drawn by the library user's own code (a matplotlib figure), held already rendered.

    Plain bytes rather than the figure, so the document stays data that
    compares, hashes (for caches) and pickles (for the executor), and a
    writer never runs the user's plotting code: ``svg`` keeps its text as
    text, set in the bundled faces by their family names (the PDF draws it
    as vector graphics with those faces embedded); ``png`` is the picture
    shown where SVG is not drawn (the deck's fallback for applications
    without SVG). Made by :func:`zzreport.MatplotlibFigure`; a spec never
    makes one, since a spec never runs code.
    """

    svg: bytes
    png: bytes
    #: The figure's own width and height in points; outputs scale it keeping this ratio.
    size: tuple[float, float]
    alt: str
    caption: str
    #: The share of the column (the slide's content width) the figure takes.
    width: float = 1.0


@dataclass(frozen=True)
class Callout(Node):
    spans: Spans
    title: str
    tone: str


@dataclass(frozen=True)
class Quote(Node):
    spans: Spans
    source: str
    attribution: str  # the source as printed below the quotation: "——…", or ""


Block = Union[Heading, Paragraph, BulletList, KpiGroup, Figure, Table, Image, Graphic, Callout, Quote, "ReviewPlan"]


@dataclass(frozen=True)
class ReviewPlan(Node):
    review: tuple[Block, ...] | None
    plan: tuple[Block, ...] | None
    review_title: str
    plan_title: str
    continued_review_title: str  # the column's title where it continues on another slide: "2024 回顾（续）"
    continued_plan_title: str


#: Every block kind a writer must handle (a test checks each writer against it).
BLOCK_TYPES: tuple[type[Node], ...] = (
    Heading,
    Paragraph,
    BulletList,
    KpiGroup,
    Figure,
    Table,
    Image,
    Graphic,
    Callout,
    Quote,
    ReviewPlan,
)
