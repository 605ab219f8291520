"""Tagged PDF while drawing: marked content in the page streams, and the structure it belongs to.

reportlab writes no structure, so the writer records it itself. A flowable
that draws content asks the page's :class:`Recorder` for a region
(:meth:`Recorder.content`): the recorder writes ``/P <</MCID n>> BDC`` before
it and ``EMC`` after it through reportlab's public ``Canvas.addLiteral``, and
notes that marked-content id ``n`` of this page belongs to the structure
element of the flowable's :class:`Tag`. What is not content (running heads,
rules, backgrounds, the leader dots) is drawn in :meth:`Recorder.artifact`;
anything painted outside both (a table's backgrounds and rules, a list's
bullets, which reportlab draws) is made an artifact by the canvas itself
(:class:`TaggingCanvas`), one painting operation at a time. Every region
opens and closes inside one ``draw`` (never across a ``q``/``Q`` or a
``BT``/``ET``): the pairs stay balanced, as ISO 32000 wants.

Elements are made when their first content is drawn, so the tree's order is
the drawing order, which is the story's, which is the spec's. ``multiBuild``
draws the document several times; the report template resets the recorder
before each pass, so only the last pass's record stands.
:mod:`zzreport.writers.pdf.structure` turns the record into the PDF's
structure tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas


@dataclass(eq=False)
class Tag:
    """What a flowable's content is: a structure role, its parent, and the attributes the role takes.

    Parts of one thing (the two halves of a paragraph split by a page break,
    the lines of a card) share one tag, so they become one element.
    """

    role: str
    parent: Tag | None = None
    alt: str = ""  # Figure: the text a screen reader says instead of the picture
    scope: str = ""  # TH: "Column" or "Row"
    title: str = ""  # Link, TOCI: the annotation's /Contents
    lang: str = ""  # Span: the language of a run in another language than the document's


@dataclass(frozen=True)
class Mark:
    """One marked-content sequence: a page (from 0) and its MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class LinkMark:
    """A link annotation drawn on ``page``, the ``index``-th link of that page, belonging to an element."""

    page: int
    index: int


@dataclass(eq=False)
class Element:
    """A structure element as recorded: role, attributes, and kids in reading order."""

    role: str
    tag: Tag | None = None
    kids: list[Element | Mark | LinkMark] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None
    bbox_page: int = -1

    @property
    def alt(self) -> str:
        return self.tag.alt if self.tag else ""

    @property
    def scope(self) -> str:
        return self.tag.scope if self.tag else ""

    @property
    def title(self) -> str:
        return self.tag.title if self.tag else ""

    @property
    def lang(self) -> str:
        return self.tag.lang if self.tag else ""


#: Artifact kinds (ISO 32000-1 14.8.2.2): pagination artifacts name their subtype.
HEADER = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
FOOTER = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
PAGINATION = "/Artifact <</Type /Pagination>> BDC"
LAYOUT = "/Artifact <</Type /Layout>> BDC"


class Recorder:
    """The marked content of one layout pass and the elements it belongs to (see the module's docstring).

    ``language`` is the document's (``zh-CN``): in a Chinese, Japanese or
    Korean document, runs of Latin words in paragraphs are marked English
    (:attr:`foreign`): each such run is a ``Span`` element of its own with
    ``/Lang``, between the paragraph's other marked-content sequences (not
    nested in one: extractors built on pdfminer lose nested content's
    MCIDs), so a screen reader switches its voice for it.
    """

    def __init__(self, language: str = "") -> None:
        primary = language.split("-")[0].lower()
        #: The language of Latin runs in this document's paragraphs, or "" when they need no mark.
        self.foreign = "en" if primary in CJK_LANGUAGES else ""
        self.reset()

    def reset(self) -> None:
        """Forget the pass before: a new pass draws every page again."""
        self.root = Element("Document")
        self._elements: dict[int, Element] = {}
        self._tags: list[Tag] = []  # keeps the tags alive, so their ids stay theirs during the pass
        self._mcids: dict[int, int] = {}
        self._links: dict[int, int] = {}
        self._drawn: set[int] = set()
        self._drawn_keep: list[object] = []
        self._open = 0
        #: The tag of the open content region (None in an artifact, or outside regions).
        self.current: Tag | None = None

    @property
    def idle(self) -> bool:
        """Whether no region is open: what is painted now is neither content nor a declared artifact."""
        return self._open == 0

    def element(self, tag: Tag) -> Element:
        """The element of ``tag``, made (with its ancestors) at its first use, after its earlier siblings."""
        found = self._elements.get(id(tag))
        if found is None:
            parent = self.element(tag.parent) if tag.parent is not None else self.root
            found = Element(tag.role, tag)
            parent.kids.append(found)
            self._elements[id(tag)] = found
            self._tags.append(tag)
        return found

    def repeated(self, flowable: object | None) -> bool:
        """Whether ``flowable`` was drawn before in this pass (a table's header row on a later page)."""
        if flowable is None:
            return False
        if id(flowable) in self._drawn:
            return True
        self._drawn.add(id(flowable))
        self._drawn_keep.append(flowable)
        return False

    def begin(self, canv: Canvas, tag: Tag, box: tuple[float, float] | None = None) -> None:
        """Open a marked-content sequence of ``tag``'s element (no region may be open); :meth:`end` closes it."""
        page = canv.getPageNumber() - 1
        mcid = self._mcids.get(page, 0)
        self._mcids[page] = mcid + 1
        element = self.element(tag)
        element.kids.append(Mark(page, mcid))
        if box is not None and element.bbox is None:
            x0, y0 = canv.absolutePosition(0, 0)
            x1, y1 = canv.absolutePosition(*box)
            element.bbox = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            element.bbox_page = page
        canv.addLiteral(f"/{tag.role} <</MCID {mcid}>> BDC")
        self._open += 1
        self.current = tag

    def end(self, canv: Canvas) -> None:
        """Close the region :meth:`begin` opened."""
        self._open -= 1
        self.current = None
        canv.addLiteral("EMC")

    def switch(self, canv: Canvas, tag: Tag) -> None:
        """Close the open content region and open one of ``tag`` in its place (a run in another language)."""
        self.end(canv)
        self.begin(canv, tag)

    @contextmanager
    def content(
        self, canv: Canvas, tag: Tag, flowable: object | None = None, *, box: tuple[float, float] | None = None
    ) -> Iterator[None]:
        """Mark what is drawn inside as content of ``tag``'s element.

        ``box`` (width, height at the current origin) records the element's
        bounding box on the page (a figure's). A flowable drawn a second time
        in one pass (a repeated header row) is an artifact the second time.
        Inside an open region nothing new is opened: the content belongs there.
        """
        if self._open:
            yield
            return
        if self.repeated(flowable):
            with self.artifact(canv, PAGINATION):
                yield
            return
        self.begin(canv, tag, box)
        try:
            yield
        finally:
            self.end(canv)

    @contextmanager
    def artifact(self, canv: Canvas, kind: str = "/Artifact BMC") -> Iterator[None]:
        """Mark what is drawn inside as an artifact (``kind``: the opening operator, e.g. :data:`HEADER`)."""
        if self._open:
            yield
            return
        canv.addLiteral(kind)
        self._open += 1
        try:
            yield
        finally:
            self._open -= 1
            canv.addLiteral("EMC")

    def link(self, canv: Canvas, tag: Tag) -> None:
        """Note that the link annotation drawn next on this page belongs to ``tag``'s element."""
        page = canv.getPageNumber() - 1
        index = self._links.get(page, 0)
        self._links[page] = index + 1
        self.element(tag).kids.append(LinkMark(page, index))


#: Primary language subtags written in CJK scripts, in whose text a Latin word is another language.
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})


#: A run of Latin words: letters, then letters, digits and word-inner marks (R&D, COVID-19), words joined by spaces.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&'’.\-]*(?: +[A-Za-z][A-Za-z0-9&'’.\-]*)*")


def latin_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` in parts, each with whether it is a run of Latin words (two Latin letters or more).

    A number with a unit letter (5.5G, A4) is not: a Chinese voice reads it as well as an English one.
    """
    parts: list[tuple[str, bool]] = []
    start = 0
    for match in LATIN_RUN.finditer(text):
        if sum(ch.isascii() and ch.isalpha() for ch in match.group()) < 2:
            continue
        if match.start() > start:
            parts.append((text[start : match.start()], False))
        parts.append((match.group(), True))
        start = match.end()
    if start < len(text) or not parts:
        parts.append((text[start:], False))
    return parts


def recorder(canv: object) -> Recorder | None:
    """The recorder of the canvas being drawn on, or None (tagging off, or another canvas)."""
    found = getattr(canv, "tagger", None)
    return found if isinstance(found, Recorder) else None


@contextmanager
def content(canv: Canvas, tag: Tag | None, flowable: object | None = None, **kwargs: Any) -> Iterator[None]:
    """:meth:`Recorder.content` on ``canv``'s recorder; nothing when tagging is off or ``tag`` is None."""
    found = recorder(canv)
    if found is None or tag is None:
        yield
        return
    with found.content(canv, tag, flowable, **kwargs):
        yield


@contextmanager
def artifact(canv: Canvas, kind: str = "/Artifact BMC") -> Iterator[None]:
    """:meth:`Recorder.artifact` on ``canv``'s recorder; nothing when tagging is off."""
    found = recorder(canv)
    if found is None:
        yield
        return
    with found.artifact(canv, kind):
        yield


#: The canvas methods that paint; each one called outside any region is wrapped in an artifact.
PAINTING = (
    "drawString",
    "drawRightString",
    "drawCentredString",
    "drawText",
    "line",
    "lines",
    "rect",
    "roundRect",
    "circle",
    "ellipse",
    "wedge",
    "drawPath",
    "drawImage",
    "drawInlineImage",
    "doForm",
    "grid",
)


class TaggingCanvas(Canvas):
    """A canvas that makes whatever is painted outside a region an artifact (see the module's docstring).

    ``tagger`` is None when the document is not tagged: then it is
    reportlab's canvas, byte for byte.
    """

    tagger: Recorder | None = None


def _painting(name: str) -> Any:
    base = getattr(Canvas, name)

    def paint(self: TaggingCanvas, *args: Any, **kwargs: Any) -> Any:
        tagger = self.tagger
        if tagger is None or not tagger.idle:
            return base(self, *args, **kwargs)
        with tagger.artifact(self):
            return base(self, *args, **kwargs)

    paint.__name__ = name
    paint.__doc__ = base.__doc__
    return paint


for _name in PAINTING:
    setattr(TaggingCanvas, _name, _painting(_name))
