"""The document model (IR): what every writer consumes.

Resolved from a spec: defaults applied, numbers formatted, words composed
(captions, source lines, headers, dates), data files read, paths made absolute
and checked. Plain frozen dataclasses: no pydantic model, no font object, no
YAML. Writers read only this and only place what it says. Every node keeps the
:class:`Location` it came from, and the document the place of each text
(``Document.places``), so later checks (glyph coverage) point at the author's line.

The package holds the node classes (:mod:`.nodes`), the KPI card
(:mod:`.cards`), the theme and fixed words (:mod:`.theme`), the font plan
(:mod:`.fonts`), the document (:mod:`.document`) and its text dump
(:mod:`.dump`); everything is re-exported here.
"""

from __future__ import annotations

from zzreport.ir.cards import ChangeData, KpiCard
from zzreport.ir.document import (
    Assets,
    DeckNotes,
    DocPath,
    Document,
    Meta,
    OutputPlan,
    Section,
    walk,
    without_takeaway_repeats,
)
from zzreport.ir.dump import dump
from zzreport.ir.fonts import FontFace, FontPlan, RoleFont
from zzreport.ir.nodes import (
    BLOCK_TYPES,
    Block,
    Bullet,
    BulletList,
    Callout,
    Cell,
    Figure,
    Graphic,
    Heading,
    Headline,
    Image,
    KpiGroup,
    Node,
    Paragraph,
    Quote,
    ReviewPlan,
    Span,
    Spans,
    Table,
    TableColumn,
    Target,
)
from zzreport.ir.theme import Colors, Continued, Labels, Margins, Page, PageLabel, Slides, Theme
from zzreport.ir.values import Value

__all__ = [
    "BLOCK_TYPES",
    "Assets",
    "Block",
    "Bullet",
    "BulletList",
    "Callout",
    "Cell",
    "ChangeData",
    "Colors",
    "Continued",
    "DeckNotes",
    "DocPath",
    "Document",
    "Figure",
    "FontFace",
    "FontPlan",
    "Graphic",
    "Heading",
    "Headline",
    "Image",
    "KpiCard",
    "KpiGroup",
    "Labels",
    "Margins",
    "Meta",
    "Node",
    "OutputPlan",
    "Page",
    "PageLabel",
    "Paragraph",
    "Quote",
    "ReviewPlan",
    "RoleFont",
    "Section",
    "Slides",
    "Span",
    "Spans",
    "Table",
    "TableColumn",
    "Target",
    "Theme",
    "Value",
    "dump",
    "walk",
    "without_takeaway_repeats",
]
