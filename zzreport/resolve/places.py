"""Where each text of the document came from: its path in the document, to its line and column in the spec.

Checks that run on the document after resolve (glyph coverage:
:mod:`zzreport.fonts.coverage`) must still point the author at the line
that holds the text, yet the document holds no YAML. So resolve, which
knows both shapes, records the places once, here: a document path (field
names and indexes from the :class:`~zzreport.ir.Document` down, e.g.
``("sections", 0, "blocks", 2, "items", 1, "unit")``) to the spec's
:class:`Location` of the value it came from (``sections[0].blocks[2].kpis[1].unit``).

A block's document path is its spec path (``sections``, ``blocks``,
``review`` and ``plan`` are named alike), so only the fields inside a block
are mapped. A text with no place of its own is located at its nearest
ancestor with one, else at its node's ``where``. Only texts the spec gives
are placed here; the cells a data file gives are placed by the resolver as it
reads them (only those that are not ASCII: the bundled faces cover ASCII).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from zzreport.errors import Location
from zzreport.ir.document import DocPath
from zzreport.language import models as m
from zzreport.loading.yaml_source import KeyPath
from zzreport.writers.registry import FORMATS

Locate = Callable[[KeyPath], Location]

#: The meta fields, each at the spec's top-level key of the same name.
_META = ("title", "subtitle", "organisation", "author", "source", "footer", "lead")
_SECTION = ("title", "tag", "takeaway", "notes")
#: A KPI card's fields and the spec key each comes from.
_KPI = {
    "label": "label",
    "unit": "unit",
    "period": "period",
    "note": "note",
    "source": "source",
    "prefix": "qualifier",
    "infix": "qualifier",
    "suffix": "qualifier",
}
_FIGURE = ("title", "caption", "source", "alt", "unit", "x_title", "y_title", "y2_title")


def spec_places(report: m.Report, locate: Locate) -> dict[DocPath, Location]:
    """The place of every text ``report`` gives, by its path in the document resolved from it."""
    places: dict[DocPath, Location] = {}

    def put(doc_path: DocPath, spec_path: KeyPath, text: object = None) -> None:
        """Place ``doc_path``; given the text, only when it can fail a check (the bundled faces cover ASCII)."""
        if isinstance(text, str) and (not text or (text.isascii() and text.isprintable())):
            return
        places[doc_path] = locate(spec_path)

    for name in _META:
        put(("meta", name), (name,), getattr(report, name))
    for i, point in enumerate(report.summary):
        put(("meta", "summary", i), ("summary", i), point)
        put(("meta", "key_points", i), ("summary", i), point)
    if not report.summary:  # the key points are then the sections' titles and takeaways
        takeaways = [s for s, section in enumerate(report.sections) if section.takeaway]
        for i, s in enumerate(takeaways):
            put(("meta", "key_points", i), ("sections", s, "takeaway"))
    for name in ("cover", "summary", "contents"):
        put(("meta", "notes", name), ("notes", name), getattr(report.notes, name))
    for i, keyword in enumerate(report.keywords):
        put(("meta", "keywords", i), ("keywords", i), keyword)
    for name in report.labels.model_fields_set:
        put(("labels", name), ("labels", name), getattr(report.labels, name))
    if "page_number" in report.theme.page.model_fields_set:
        put(("theme", "page", "page_number"), ("theme", "page", "page_number"), report.theme.page.page_number)
    for s, section in enumerate(report.sections):
        for name in _SECTION:
            put(("sections", s, name), ("sections", s, name), getattr(section, name))
        opening = "takeaway" if section.takeaway else "title"
        put(("sections", s, "headline"), ("sections", s, opening), getattr(section, opening))
        put(("sections", s, "eyebrow"), ("sections", s, "tag"), section.tag)
        _blocks(section.blocks, ("sections", s, "blocks"), put)
    return places


def output_places(locate: Locate) -> dict[DocPath, Location]:
    """Where the spec names each format's output (its file, or the spec's top when it is a default)."""
    return {("outputs", fmt): locate(("outputs", fmt)) for fmt in FORMATS}


class Put(Protocol):
    """Records the place of a document path (see :func:`spec_places`)."""

    def __call__(self, doc_path: DocPath, spec_path: KeyPath, text: object = None) -> None: ...


def _blocks(blocks: list[Any], path: KeyPath, put: Put) -> None:
    for index, block in enumerate(blocks):
        _block(block, (*path, index), put)


def _block(block: Any, p: KeyPath, put: Put) -> None:
    """The places inside one block at spec (and document) path ``p``."""
    put((*p, "headline"), (*p, "title"), block.title)
    put((*p, "notes"), (*p, "notes"), block.notes)
    if isinstance(block, m.HeadingBlock):
        put((*p, "text"), (*p, "heading"), block.heading)
    elif isinstance(block, m.BulletsBlock):
        for i, item in enumerate(block.bullets):
            put((*p, "items", i, "spans"), (*p, "bullets", i, "text"), item.text)
            for k, child in enumerate(item.items):
                put((*p, "items", i, "children", k), (*p, "bullets", i, "items", k), child)
    elif isinstance(block, m.KpisBlock):
        for i, kpi in enumerate(block.kpis):
            put((*p, "items", i), (*p, "kpis", i))  # for the words resolve adds (period, change, badge)
            for field, key in _KPI.items():
                put((*p, "items", i, field), (*p, "kpis", i, key), getattr(kpi, key))
            if kpi.text is not None:
                put((*p, "items", i, "number"), (*p, "kpis", i, "text"), kpi.text)
            if kpi.change is not None:
                put((*p, "items", i, "change"), (*p, "kpis", i, "change"))
    elif isinstance(block, m.FigureBlock):
        fig = block.figure
        put((*p, "data"), (*p, "figure"))
        for name in _FIGURE:
            put((*p, "data", name), (*p, "figure", name), getattr(fig, name, ""))
        if fig.data is not None:  # categories and series names read from the data file
            put((*p, "data", "categories"), (*p, "figure", "data"))
            put((*p, "data", "series"), (*p, "figure", "data"))
        for j, category in enumerate(fig.categories):
            put((*p, "data", "categories", j), (*p, "figure", "categories", j), category)
        for k, series in enumerate(fig.series):
            put((*p, "data", "series", k), (*p, "figure", "series", k))
            put((*p, "data", "series", k, "name"), (*p, "figure", "series", k, "name"), series.name)
            put((*p, "data", "series", k, "unit"), (*p, "figure", "series", k, "unit"), series.unit or "")
    elif isinstance(block, m.TableBlock):
        table = block.table
        for name in ("title", "caption", "source"):
            put((*p, name), (*p, "table", name), getattr(table, name))
        for c, column in enumerate(table.columns):
            put((*p, "columns", c, "name"), (*p, "table", "columns", c, "name"), column.name)
            put((*p, "columns", c, "unit"), (*p, "table", "columns", c, "unit"), column.unit)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                put((*p, "rows", r, c), (*p, "table", "rows", r, c), cell if isinstance(cell, str) else "")
        if table.total is not None:
            put((*p, "total"), (*p, "table", "total"))
    elif isinstance(block, m.ImageBlock):
        for name in ("alt", "caption", "source"):
            put((*p, name), (*p, "image", name), getattr(block.image, name))
    elif isinstance(block, m.CalloutBlock):
        put((*p, "title"), (*p, "callout", "title"), block.callout.title)
        put((*p, "spans"), (*p, "callout", "text"), block.callout.text)
    elif isinstance(block, m.QuoteBlock):
        put((*p, "spans"), (*p, "quote", "text"), block.quote.text)
        put((*p, "source"), (*p, "quote", "source"), block.quote.source)
    elif isinstance(block, m.PairBlock):
        for name, word in (("review_title", "review"), ("plan_title", "plan")):
            if getattr(block, name):
                put((*p, name), (*p, name), getattr(block, name))
            else:  # the fixed word, where the spec sets it
                put((*p, name), ("labels", word))
        for key in ("review", "plan"):
            children = getattr(block, key)
            if children is not None:
                _blocks(children, (*p, key), put)
