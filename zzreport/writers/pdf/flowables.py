"""Custom flowables of the printed report: section openers, period bands, KPI cards.

Each draws real text through the FontSet (per-character fallback) and,
where it opens a part of the document, registers a bookmark, an outline
entry and a table-of-contents entry.
"""

from __future__ import annotations

import sys

from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import CondPageBreak, Flowable, KeepInFrame, KeepTogether

from zzreport import session
from zzreport.fonts.linebreak import Run, break_lines
from zzreport.ir import Section
from zzreport.writers.pdf.paragraph import RunStyle
from zzreport.writers.pdf.styles import PdfStyles, TextStyle
from zzreport.writers.pdf.tagging import Tag, artifact, content, latin_runs, recorder
from zzreport.writers.pdf.text import TextMaker


def draw_string(
    canv: Canvas,
    maker: TextMaker,
    text: str,
    style: TextStyle,
    x: float,
    y: float,
    *,
    anchor: str = "left",
    color: str | Color | None = None,
    bold: bool | None = None,
) -> float:
    """Draw one line of text at baseline ``y`` with per-character font fallback and the CJK–Latin space
    (``TextMaker.placed``); returns its width, which ``TextMaker.width`` measures beforehand."""
    parts, total = maker.placed(text, style, bold)
    if anchor == "right":
        x -= total
    elif anchor == "center":
        x -= total / 2
    fill = color if color is not None else style.color
    canv.setFillColor(HexColor(fill) if isinstance(fill, str) else fill)
    tagger = recorder(canv)
    current = tagger.current if tagger is not None and tagger.foreign else None
    for name, part, dx in parts:
        canv.setFont(name, style.size)
        if tagger is None or current is None:
            canv.drawString(x + dx, y, part)
            continue
        # Tagged: a run of Latin words in Chinese text is a Span with /Lang inside the open element.
        offset = 0.0
        for run, latin in latin_runs(part):
            if latin:
                tagger.switch(canv, Tag("Span", current, lang=tagger.foreign))
            canv.drawString(x + dx + offset, y, run)
            if latin:
                tagger.switch(canv, current)
            offset += stringWidth(run, name, style.size)
    return total


#: Opening marks whose full-width glyph carries its ink in the right half of the em.
_HANGING_OPENERS = "“‘（《「『【〔〈"


def hang(text: str, size: float) -> float:
    """How far to pull ``text`` left so an opening mark at its start aligns its ink with the edge.

    A full-width “ or （ at the start of a flush-left line leaves half an em
    of blank space, so the line looks indented; CJK typesetting hangs it.
    """
    return 0.5 * size if text[:1] in _HANGING_OPENERS else 0.0


def _wrapped_size(key: tuple[object, ...], lines: tuple[str, ...]) -> int:
    """The text twice (the key's and the lines'), and a tuple slot per line."""
    return 2 * sys.getsizeof(key[1]) + 64 * len(lines) + 64


def wrap_lines(maker: TextMaker, text: str, style: TextStyle, width: float) -> list[str]:
    """``text`` broken into lines of at most ``width`` by the shared line breaker.

    Kept in the active session's ``pdf-wrapped`` memo by (faces, text, size,
    width): the same labels are wrapped at every layout pass.
    """
    if not text:
        return []

    def measure(part: str, run_style: object) -> float:
        return maker.fonts.width(part, style.role, style.size, style.bold)

    def wrap() -> tuple[str, ...]:
        lines = break_lines([Run(text, RunStyle("", style.size))], width, measure, em=style.size)
        return tuple(line.text for line in lines)

    key = (maker.fonts.chain_files(style.role, style.bold), text, style.size, width)
    return list(session.memo("pdf-wrapped", _wrapped_size).get(key, wrap))


def bookmark_here(canv: Canvas, key: str, top: float) -> None:
    """A destination at this spot of the page (not the page's top): links land on the heading."""
    _x, y = canv.absolutePosition(0, top)
    canv.bookmarkPage(key, fit="XYZ", left=0, top=y + 6, zoom=0)


class Anchor(Flowable):
    """A zero-size mark: bookmark + outline entry (+ TOC entry via ``toc``)."""

    def __init__(self, key: str, title: str, level: int, toc: bool = False) -> None:
        super().__init__()
        self.key, self.title, self.level, self.toc = key, title, level, toc
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        bookmark_here(self.canv, self.key, 0)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


class SectionOpener(Flowable):
    """关键词 eyebrow, section number and title, and the one-line takeaway."""

    def __init__(self, section: Section, maker: TextMaker, styles: PdfStyles) -> None:
        super().__init__()
        self.section, self.maker, self.styles = section, maker, styles
        self.keepWithNext = True  # never alone at the foot of a page
        self.spaceAfter = 6
        self.key = f"section-{section.id}"
        self.tags = (Tag("P"), Tag("H1"), Tag("P"))  # the eyebrow, the title, the takeaway
        self._title: list[str] = []
        self._takeaway: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        s = self.styles
        self.width = avail_width
        self._title = wrap_lines(self.maker, self.section.title, s.section_title, avail_width)
        self._takeaway = wrap_lines(self.maker, self.section.takeaway, s.takeaway, avail_width)
        self.height = (
            s.eyebrow.leading + 6 + len(self._title) * s.section_title.leading
            + (len(self._takeaway) * s.takeaway.leading + 4 if self._takeaway else 0) + 14
        )  # fmt: skip
        return self.width, self.height

    def draw(self) -> None:
        s, canv = self.styles, self.canv
        bookmark_here(canv, self.key, self.height)
        canv.addOutlineEntry(self.section.title, self.key, level=0, closed=False)
        y = self.height - s.eyebrow.size
        number = self.section.number_text
        eyebrow = f"{self.section.tag}  {number}" if self.section.tag else number
        canv.setFillColor(s.color("primary"))
        canv.rect(0, y - 2, 3, s.eyebrow.size + 2, stroke=0, fill=1)
        eyebrow_tag, title_tag, takeaway_tag = self.tags
        with content(canv, eyebrow_tag):
            draw_string(canv, self.maker, eyebrow, s.eyebrow, 8, y)
        y -= s.eyebrow.leading + 6
        for line in self._title:
            y -= s.section_title.size
            with content(canv, title_tag):
                draw_string(canv, self.maker, line, s.section_title, 0, y)
            y -= s.section_title.leading - s.section_title.size
        for line in self._takeaway:
            y -= s.takeaway.size + 2
            with content(canv, takeaway_tag):
                draw_string(canv, self.maker, line, s.takeaway, 0, y)
            y -= s.takeaway.leading - s.takeaway.size - 2
        canv.setStrokeColor(s.color("primary"))
        canv.setLineWidth(1.2)
        canv.line(0, 4, self.width, 4)


class PeriodBand(Flowable):
    """The marker that opens a review (2024 回顾) or plan (2025 目标) part."""

    def __init__(self, label: str, color: Color, maker: TextMaker, styles: PdfStyles) -> None:
        super().__init__()
        self.label, self.color, self.maker, self.styles = label, color, maker, styles
        self.keepWithNext = True
        self.spaceBefore, self.spaceAfter = 10, 6
        self.tag = Tag("P")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.styles.band.leading + 6
        return self.width, self.height

    def draw(self) -> None:
        canv, style = self.canv, self.styles.band
        text_width = self.maker.width(self.label, style)
        canv.setFillColor(self.color)
        canv.roundRect(0, 0, text_width + 20, self.height, 3, stroke=0, fill=1)
        with content(canv, self.tag):
            draw_string(canv, self.maker, self.label, style, 10, (self.height - style.size) / 2 + 1.5, color=white)
        canv.setStrokeColor(self.color)
        canv.setLineWidth(0.8)
        canv.line(text_width + 26, self.height / 2, self.width, self.height / 2)


class FittedToFrame(KeepInFrame):
    """A flowable that cannot split (a section opening, a row of KPI cards), shrunk to fit one page.

    Only used when it is taller than a page (a title of thousands of
    characters): reportlab would stop with a LayoutError. ``inner`` is the
    flowable itself, for the template that tracks sections.
    """

    def __init__(self, inner: Flowable, width: float, height: float) -> None:
        super().__init__(width, height, [inner], mode="shrink")
        self.inner = inner
        self.keepWithNext = inner.getKeepWithNext()


def fitted(flowable: Flowable, width: float, height: float) -> Flowable:
    """``flowable``, or a :class:`FittedToFrame` of it when it is taller than ``height``."""
    if flowable.wrap(width, height)[1] <= height:
        return flowable
    return FittedToFrame(flowable, width, height)


#: The least a figure is scaled to stay on the page where its group would leave a gap.
FIGURE_MIN_SCALE = 0.8
#: Points kept free when a group is fitted by shrinking its figure (rounding in the frame's sums).
_FIT_SLACK = 2.0


class ScaledFlowable(Flowable):
    """``inner`` drawn at ``scale``, centred, without touching ``inner``: the story is laid out again on
    every pass of ``multiBuild``, and a figure shrunk on one pass must be whole on the next."""

    def __init__(self, inner: Flowable, scale: float) -> None:
        super().__init__()
        self.inner, self.scale = inner, scale
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = self.inner.wrap(availWidth / self.scale, availHeight / self.scale)
        self.width, self.height = width * self.scale, height * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


class FigureGroup(KeepTogether):
    """A figure with what goes with it (a heading before, its title and notes after), kept on one page.

    Where the whole group does not fit the rest of a page but would with its
    figure scaled to no less than :data:`FIGURE_MIN_SCALE`, the figure is
    scaled just enough and the group stays, rather than moving to the next
    page and leaving the rest of this one blank. Otherwise it behaves as
    reportlab's KeepTogether.
    """

    def __init__(self, before: list[Flowable], figure: Flowable, after: list[Flowable]) -> None:
        self.before, self.figure, self.after = list(before), figure, list(after)
        super().__init__([*self.before, figure, *self.after])

    def with_before(self, lead: list[Flowable]) -> FigureGroup:
        """This group with ``lead`` (a heading, a section's opening) bound before it."""
        return FigureGroup([*lead, *self.before], self.figure, self.after)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = [*self.before, self.figure, *self.after]
        heights = [p.wrapOn(self.canv, availWidth, 0x7FFFFFFF)[1] for p in parts]
        spaces = [p.getSpaceBefore() + p.getSpaceAfter() for p in parts]
        total = sum(heights) + sum(spaces[1:]) + parts[0].getSpaceAfter()  # a frame drops the first space
        figure_height = heights[len(self.before)]
        excess = total - availHeight + _FIT_SLACK
        if total > availHeight and figure_height > 0:
            scale = 1 - excess / figure_height
            if scale >= FIGURE_MIN_SCALE:
                return [*self.before, ScaledFlowable(self.figure, scale), *self.after]
        return list(super().split(availWidth, availHeight))


class Kept(KeepTogether):
    """Flowables kept on one page (rows of cards) that a heading before them can join.

    reportlab's KeepTogether cannot be nested: its ``wrap`` reports a huge
    height to force a split, so a KeepTogether holding one always broke
    before it, heading and all. :meth:`with_before` makes one flat group.
    """

    def __init__(self, parts: list[Flowable]) -> None:
        self.parts = list(parts)
        super().__init__(self.parts)

    def with_before(self, lead: list[Flowable]) -> Kept:
        """This group with ``lead`` (a heading, a section's opening) bound before it."""
        return Kept([*lead, *self.parts])


def keep_with(lead: list[Flowable], group: Flowable) -> Flowable:
    """``lead`` bound to the page of ``group`` (a KeepTogether): a figure group keeps its power to shrink."""
    if isinstance(group, (FigureGroup, Kept)):
        return group.with_before(lead)
    return KeepTogether([*lead, group])


def bind_keep_with_next(story: list[Flowable]) -> list[Flowable]:
    """``story`` with every run of ``keepWithNext`` flowables bound to the flowable after it.

    reportlab's own keepWithNext never binds a :class:`KeepTogether` (a figure
    with its caption, a row of cards): a heading before one was left alone
    at a page's foot with its chart on the next page. Here such a run and the
    group after it are kept together (:func:`keep_with`); runs before anything
    else are left to reportlab, which binds them.
    """
    out: list[Flowable] = []
    run: list[Flowable] = []
    for flowable in story:
        if run and isinstance(flowable, KeepTogether):
            out.append(keep_with(run, flowable))
            run = []
        elif flowable.getKeepWithNext() and not isinstance(flowable, KeepTogether):
            run.append(flowable)
        else:
            out += [*run, flowable]
            run = []
    return out + run


class RoomFor(CondPageBreak):
    """A page break unless the rest of the page holds ``flowables`` (and ``extra`` points) whole.

    For what must stay top-level in the story, as the contents must
    (``multiBuild`` finds its indexing flowables there, not inside a
    KeepTogether): their height is measured at each layout pass, when it
    is known.
    """

    def __init__(self, flowables: list[Flowable], extra: float = 0.0) -> None:
        super().__init__(0)
        self.flowables, self.extra = flowables, extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        needed = self.extra
        for flowable in self.flowables:
            needed += flowable.wrapOn(self.canv, availWidth, 0x7FFFFFFF)[1] + flowable.getSpaceBefore()
        self.height = needed
        return super().wrap(availWidth, availHeight)


class Tagged(Flowable):
    """``inner`` (a chart, a picture: reportlab's own flowables) drawn as the content of ``tag``.

    With ``tag`` None it is drawn as an artifact (a decoration such as the
    cover's logo). The box it is drawn in becomes the element's bounding
    box (a Figure's BBox). Otherwise it is ``inner``: same size, alignment
    and spacing.
    """

    def __init__(self, inner: Flowable, tag: Tag | None) -> None:
        super().__init__()
        self.inner, self.tag = inner, tag
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(availWidth, availHeight)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        if self.tag is None:
            with artifact(self.canv):
                self.inner.drawOn(self.canv, 0, 0)
            return
        with content(self.canv, self.tag, box=(self.width, self.height)):
            self.inner.drawOn(self.canv, 0, 0)
