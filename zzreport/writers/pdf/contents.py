"""The table of contents: entries set by the project's own text drawing, with measured leader dots.

reportlab's TableOfContents fills the gap before a page number with dots
on a grid that runs into the number (…….3, ……10) and starts wherever the
title ends. Here each entry is one row: the title (in lines when long), the
page number right-aligned in a column as wide as the widest number, and
dots between them on one grid for the whole contents (so they stand in
columns), stopping half an em before the number column and starting half
an em after the title. The whole row links to its destination.

It is an indexing flowable of ``multiBuild``: entries arrive through
``notify("TOCEntry", (level, text, page, key))`` during a pass and are
drawn on the next; ``isSatisfied`` also asks the page count (``settled``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Table, TableStyle
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import Flowable

from zzreport.writers.pdf.flowables import draw_string, wrap_lines
from zzreport.writers.pdf.styles import TextStyle
from zzreport.writers.pdf.tagging import Tag, artifact, content, recorder
from zzreport.writers.pdf.text import TextMaker

Entry = tuple[int, str, int, str | None]  # level, title, page, destination key
#: Leader dot pitch and the room kept free at either end of the leaders, in ems of the entry's size.
DOT_PITCH = 0.45
LEADER_GAP = 0.5


class ContentsEntry(Flowable):
    """One entry: title lines, leader dots on the shared grid, the page number; the row links to ``key``."""

    def __init__(
        self,
        entry: Entry,
        style: TextStyle,
        indent: float,
        number_width: float,
        maker: TextMaker,
        item: Tag | None = None,
    ) -> None:
        super().__init__()
        self.level, self.title, self.page, self.key = entry
        #: In the tagged PDF: the entry's TOCI holds a Reference, which holds a Link: the title, the page
        #: number and the link annotation (ISO 32000-1 14.8.4.3: a TOCI holds Lbl, Reference, P, TOC).
        self.link = Tag("Link", Tag("Reference", item), title=self.title)
        self.style, self.indent, self.number_width, self.maker = style, indent, number_width, maker
        self._lines: list[str] = []

    def _title_width(self, width: float) -> float:
        return width - self.indent - self.number_width - 3 * LEADER_GAP * self.style.size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._lines = wrap_lines(self.maker, self.title, self.style, max(self._title_width(avail_width), 1.0))
        self.height = self.style.leading * max(len(self._lines), 1)
        return self.width, self.height

    def leader_dots(self) -> list[float]:
        """x of each leader dot after the title's last line (on a grid anchored at the number column)."""
        size = self.style.size
        end = self.indent + (self.maker.width(self._lines[-1], self.style) if self._lines else 0.0)
        stop = self.width - self.number_width - LEADER_GAP * size
        pitch = DOT_PITCH * size
        dots, x = [], stop - self.maker.width(".", self.style)
        while x >= end + LEADER_GAP * size:
            dots.append(x)
            x -= pitch
        return dots[::-1]

    def draw(self) -> None:
        canv, style = self.canv, self.style
        baseline = self.height - style.size - (style.leading - style.size) / 2
        y = baseline
        for line in self._lines:
            with content(canv, self.link):
                draw_string(canv, self.maker, line, style, self.indent, y)
            y -= style.leading
        last = baseline - style.leading * (len(self._lines) - 1 if self._lines else 0)
        with artifact(canv):  # leaders guide the eye; a reader hears the title and the page
            for x in self.leader_dots():
                draw_string(canv, self.maker, ".", style, x, last)
        with content(canv, self.link):
            draw_string(canv, self.maker, str(self.page), style, self.width, last, anchor="right")
        if self.key:
            tagger = recorder(canv)
            if tagger is not None:
                tagger.link(canv, self.link)
            canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


class Contents(IndexingFlowable):
    """The table of contents of one document (see the module's docstring)."""

    def __init__(
        self, settled: Callable[[], bool], maker: TextMaker, styles: list[TextStyle], indents: list[float]
    ) -> None:
        super().__init__()
        self._settled, self.maker, self.styles, self.indents = settled, maker, styles, indents
        self._entries: list[Entry] = []
        self._shown: list[Entry] = []
        self._table: Table | None = None
        self.tag = Tag("TOC")

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            level, text, page, key = stuff
            self._entries.append((level, text, page, key))

    def beforeBuild(self) -> None:
        self._shown, self._entries = self._entries, []

    def isSatisfied(self) -> bool:
        return self._entries == self._shown and self._settled()

    def _style(self, level: int) -> tuple[TextStyle, float]:
        index = min(level, len(self.styles) - 1)
        return self.styles[index], self.indents[index]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        entries = self._shown or [(0, "", 0, None)]  # the first pass: one blank row of the right height
        widest = max(self.maker.width(str(page), self._style(level)[0]) for level, _, page, _ in entries)
        items = toc_items([level for level, *_ in entries], self.tag)
        rows = [
            [ContentsEntry(e, *self._style(e[0]), widest, self.maker, item)]
            for e, item in zip(entries, items, strict=True)
        ]
        font = ("FONTNAME", (0, 0), (-1, -1), self.maker.font_name("heading"))  # not reportlab's Helvetica
        self._table = Table(rows, colWidths=[avail_width], style=TableStyle([font, *_NO_PADDING]), hAlign="LEFT")
        self.width, self.height = self._table.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._table is None:
            self.wrap(avail_width, avail_height)
        assert self._table is not None
        return list(self._table.splitOn(self.canv, avail_width, avail_height))

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # the table draws the entries
        assert self._table is not None
        self._table.drawOn(canvas, x, y)


def toc_items(levels: list[int], toc: Tag) -> list[Tag]:
    """Each entry's TOCI: a deeper entry's sits in a TOC of its own inside the TOCI of the entry above it."""
    items: list[Tag] = []
    above: list[tuple[int, Tag]] = []  # the entries still open, each with the TOC its deeper entries go in
    for level in levels:
        while above and above[-1][0] >= level:
            above.pop()
        item = Tag("TOCI", above[-1][1] if above else toc)
        items.append(item)
        above.append((level, Tag("TOC", item)))
    return items


_NO_PADDING = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
