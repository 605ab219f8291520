"""The print-ready PDF writer.

Layout runs through reportlab's platypus with our own CJK paragraph; the
story is cover, table of contents, then one section per page run. Running
headers and the ``第 N 页 / 共 M 页`` footer are drawn after layout, when the
page count is known. The result is then finished as PDF/A-2b (XMP, sRGB
output intent, document info, /Lang) by :mod:`zzreport.writers.pdf.pdfa`,
or, tagged (``theme.page.tagged``, the default), as PDF/A-2a and PDF/UA-1
with the structure :mod:`zzreport.writers.pdf.tagging` records while drawing.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from typing import Any, BinaryIO

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import ActionFlowable

from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document
from zzreport.version import __version__
from zzreport.writers.base import WriteContext, WriteOptions, WriteResult, build_timestamp
from zzreport.writers.pdf.blocks import BlockContext, boxed, build_block, bullet_list, picture
from zzreport.writers.pdf.contents import Contents
from zzreport.writers.pdf.flowables import (
    Anchor,
    FittedToFrame,
    RoomFor,
    SectionOpener,
    Tagged,
    bind_keep_with_next,
    fitted,
    keep_with,
)
from zzreport.writers.pdf.layout import PageGeometry
from zzreport.writers.pdf.paragraph import PassCanvas
from zzreport.writers.pdf.pdfa import finish_pdf
from zzreport.writers.pdf.running import draw_footer, draw_header
from zzreport.writers.pdf.styles import PdfStyles, TextStyle, make_styles
from zzreport.writers.pdf.tagging import FOOTER, HEADER, Recorder, Tag, artifact
from zzreport.writers.pdf.text import TextMaker

#: Flowables that put nothing on the page a reader would see.
_INVISIBLE = (Spacer, CondPageBreak, ActionFlowable, Anchor)

#: Height of the cover's colour band inside the trim, in points (it runs on into the bleed).
COVER_BAND = 18.0

#: Space between the cover's last line and contents set below it (``theme.page.contents_on_cover``).
COVER_CONTENTS_GAP = 36.0

#: Share of the text frame that must be left for a section to start on the same page: room for its
#: title and a few lines. What must follow the title (a figure, a row of cards) is kept with it anyway,
#: so a larger share only empties pages (at 0.4, a third of a page was left blank before most sections).
SECTION_ROOM = 0.2


class _ReportTemplate(BaseDocTemplate):
    """Feeds the table of contents, remembers each page's section, and knows the page count.

    ``multiBuild`` lays the story out until the table of contents is stable;
    each pass draws its footers with the page count of the pass before, and
    a pass only counts as final once that count was the right one, so
    ``共 M 页`` is always true while pages are written in order (bookmarks
    and links need that).
    """

    def __init__(self, *args: Any, tagger: Recorder | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger
        self.current_section = ""
        self.total_pages = 0
        self._pages_last_pass = 0
        self.drawing_discarded = False

    def beforeDocument(self) -> None:
        self.current_section = ""
        self.page_section = ""
        self.total_pages = self._pages_last_pass
        self.canv.showOutline()  # open the bookmarks panel: the outline mirrors the sections

    def beforePage(self) -> None:
        self._page_has_content = False

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        # The first pass is never the last (its page total is unknown until it ends: see
        # pages_settled), so its pages are thrown away; paragraphs and cards only take their place.
        self.drawing_discarded = self._pages_last_pass == 0
        if self.tagger is not None:
            self.tagger.reset()  # only the last pass's marked content is in the file
        kwargs["canvasmaker"] = functools.partial(PassCanvas, discarded=self.drawing_discarded, tagger=self.tagger)
        super().build(flowables, *args, **kwargs)
        self._pages_last_pass = self.page

    def pages_settled(self) -> bool:
        """Whether the pass just built drew its footers with its own page count (else one more pass)."""
        return self.total_pages == self.page

    def afterFlowable(self, flowable: Flowable) -> None:
        self._track_section(flowable)
        if not self._page_has_content and not isinstance(flowable, _INVISIBLE):
            # The running header names the section a reader meets at the top of the page.
            self.page_section = self.current_section
            self._page_has_content = True

    def _track_section(self, flowable: Flowable) -> None:
        if isinstance(flowable, FittedToFrame):
            flowable = flowable.inner
        if isinstance(flowable, Anchor) and flowable.level == 0:
            self.current_section = flowable.title
        if isinstance(flowable, SectionOpener):
            section = flowable.section
            self.current_section = section.title
            label = f"{section.number_text}　{_toc_title(section.title)}"
            self.notify("TOCEntry", (0, label, self.page, flowable.key))
        elif isinstance(flowable, Anchor) and flowable.toc:
            self.notify("TOCEntry", (flowable.level, _toc_title(flowable.title), self.page, flowable.key))


#: The most characters of a title the table of contents shows: an entry is one row of a
#: table, which cannot break across pages.
TOC_TITLE_CHARS = 120


def _toc_title(title: str) -> str:
    return title if len(title) <= TOC_TITLE_CHARS else title[: TOC_TITLE_CHARS - 1] + "…"


class PdfWriter:
    """Writes the document as an A4 (or theme-sized) print-ready PDF."""

    format = "pdf"
    suffix = ".pdf"

    def write(self, document: Document, out: BinaryIO, context: WriteContext) -> WriteResult:
        with context.session.active():  # measuring code finds its caches in the session
            raw, pages, tagger = render(document, context.options)
            data = finish_pdf(raw, document, build_timestamp(document, context), tagger)
            out.write(data)
            return WriteResult(self.format, pages)


def render(document: Document, options: WriteOptions) -> tuple[bytes, int, Recorder | None]:
    """Lay out and draw the document: the PDF bytes (before PDF/A finishing), the page count, and the
    recorded structure (None when ``theme.page.tagged`` is off)."""
    theme = document.theme
    styles = make_styles(theme)
    maker = TextMaker(
        FontSet.from_plan(document.font_plan),
        hanging_punctuation=theme.page.hanging_punctuation,
        half_width_line_start=theme.page.line_start_punctuation == "half",
    )
    geometry = PageGeometry.from_theme(theme.page)
    meta = document.meta
    body_font = maker.font_name("body")

    buffer = io.BytesIO()
    doc = _ReportTemplate(
        buffer,
        pagesize=geometry.media,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
        title=meta.title,
        author=meta.author or meta.organisation,
        subject=meta.subtitle,
        keywords=", ".join(meta.keywords),
        creator=f"zzreport {__version__}",
        lang=meta.language,
        invariant=1,
        initialFontName=body_font,
        initialFontSize=10.5,
        trimBox=geometry.trim_box if geometry.bleed else None,
        bleedBox=geometry.bleed_box if geometry.bleed else None,
        tagger=Recorder(meta.language) if theme.page.tagged else None,
    )
    x, y, w, h = geometry.frame

    def on_page_end(kind: str) -> Any:
        def callback(canv: Canvas, template_doc: _ReportTemplate) -> None:
            info = {"kind": kind, "section": template_doc.page_section}
            _decorate_page(canv, document, styles, maker, geometry, info, template_doc.total_pages)

        return callback

    def draw_cover_band(canv: Canvas, _doc: Any) -> None:
        canv.saveState()
        canv.setFillColor(styles.color("primary"))
        canv.rect(*geometry.top_band(COVER_BAND), stroke=0, fill=1)
        canv.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate(
                "cover",
                [Frame(x, y, w, h, id="cover", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)],
                onPage=draw_cover_band,
                onPageEnd=on_page_end("cover"),
                autoNextPageTemplate="body",
            ),
            PageTemplate(
                "body",
                [Frame(x, y, w, h, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)],
                onPageEnd=on_page_end("body"),
            ),
        ]
    )
    ctx = BlockContext(maker, styles, theme, document.labels, w, figure_cache=options.figure_cache)
    ctx.extra["frame_height"] = h
    ctx.extra["reference_root"] = document.assets.reference_root
    contents = _contents(document, ctx, doc.pages_settled)
    if theme.page.contents_on_cover:
        # Below the cover when the whole contents fit there, else on the next page as usual.
        front: list[Flowable] = [RoomFor(contents, COVER_CONTENTS_GAP), Spacer(1, COVER_CONTENTS_GAP), *contents]
    else:
        front = [PageBreak(), *contents]
    story = [*_cover(document, ctx), NextPageTemplate("body"), *front]
    story.append(PageBreak())
    for index, section in enumerate(document.sections):
        ctx.section = section
        ctx.heading_count = 0
        opener = SectionOpener(section, maker, styles)
        if index:
            # A section starts on a fresh page only when little of this one is left; the space
            # above it is dropped at the top of a page.
            story.append(CondPageBreak(h * SECTION_ROOM))
            opener.spaceBefore = 26
        opening = fitted(opener, w, h)
        # The opener prints the takeaway, so a paragraph or bullet that only repeats it is left out.
        flowables = [build_block(block, ctx) for block in section.blocks_for("pdf", takeaway_shown=True)]
        if flowables and flowables[0] and isinstance(flowables[0][0], KeepTogether):
            # A first block kept together (a figure, a row of cards) moves to the next page whole when
            # the rest of this one is too short: the section's number and title go with it rather than
            # stay alone at the page's foot (keepWithNext cannot bind a KeepTogether, a nested one can).
            opening = keep_with([opening], flowables[0].pop(0))
        story.append(opening)
        for parts in flowables:
            story += parts
    story += _summary(document, ctx)

    doc.multiBuild(bind_keep_with_next(story), maxPasses=8)
    return buffer.getvalue(), doc.page, doc.tagger


def _cover(document: Document, ctx: BlockContext) -> list[Flowable]:
    meta, s, maker = document.meta, ctx.styles, ctx.maker
    story: list[Flowable] = [Spacer(1, 60)]
    if document.assets.logo is not None:
        logo = picture(document.assets.logo, ctx.width * 0.3, ctx, max_height=48)
        logo.hAlign = "LEFT"
        story = [Spacer(1, 24), Tagged(logo, None), Spacer(1, 24)]  # the organisation's name is printed: decoration
    if meta.organisation:
        story.append(maker.paragraph(meta.organisation, s.eyebrow, align="left", space_after=14))
    title = maker.paragraph(meta.title, s.cover_title, align="left", space_after=10)
    title.tag = Tag("H1")
    story.append(title)
    if meta.subtitle:
        story.append(maker.paragraph(meta.subtitle, s.cover_subtitle, align="left", space_after=18))
    line = "　".join(d for d in (meta.author, meta.date_text, meta.as_of_text) if d)
    if line:
        story.append(maker.paragraph(line, s.cover_meta, align="left", space_after=30))
    if meta.lead:
        lead = list(maker.paragraphs(meta.lead, s.lead, indent=True, space_after=4))
        story += [Spacer(1, 20), boxed(lead, ctx, s.color("primary"), s.color("surface"))]
    if meta.source_line:
        story.append(maker.paragraph(meta.source_line, s.cover_meta, align="left", space_before=24))
    return story


def _contents(document: Document, ctx: BlockContext, settled: Callable[[], bool]) -> list[Flowable]:
    s = ctx.styles
    title = ctx.maker.paragraph(document.labels.contents, s.section_title, align="left", space_after=16)
    title.tag = Tag("H1")
    colors = document.theme.colors
    levels = [TextStyle("heading", 12, 26, colors.text), TextStyle("heading", 10, 18, colors.muted)]
    toc = Contents(settled, ctx.maker, levels, [0.0, 28.0])
    return [Anchor("contents", document.labels.contents, level=0), title, toc]


def _summary(document: Document, ctx: BlockContext) -> list[Flowable]:
    points = document.meta.summary
    if not points:
        return []
    s, maker = ctx.styles, ctx.maker
    story: list[Flowable] = [CondPageBreak(SECTION_ROOM * ctx.extra["frame_height"])]
    anchor = Anchor("summary", document.labels.summary, level=0, toc=True)
    title = maker.paragraph(document.labels.summary, s.section_title, align="left", space_before=26, space_after=14)
    title.tag = Tag("H1")
    anchor.keepWithNext = title.keepWithNext = True
    story += [anchor, title, bullet_list([(p, []) for p in points], ctx)]
    return story


def _decorate_page(
    canv: Canvas,
    document: Document,
    styles: PdfStyles,
    maker: TextMaker,
    geometry: PageGeometry,
    info: dict[str, str],
    total: int,
) -> None:
    canv.saveState()
    if geometry.crop_marks:
        canv.setStrokeColorRGB(0, 0, 0)
        canv.setLineWidth(0.25)
        for x1, y1, x2, y2 in geometry.crop_mark_lines():
            canv.line(x1, y1, x2, y2)
    if info["kind"] != "cover":
        with artifact(canv, HEADER):
            draw_header(canv, document, styles, maker, geometry, info.get("section", ""))
        with artifact(canv, FOOTER):
            draw_footer(canv, document, styles, maker, geometry, total)
    canv.restoreState()
