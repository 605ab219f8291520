"""Document-model blocks -> Word paragraphs, lists and tables, one function per block kind.

Registered in :data:`BLOCK_BUILDERS`; a test checks every kind of
:data:`zzreport.ir.BLOCK_TYPES` has one. Each follows the PDF's decision
for its block (:mod:`zzreport.writers.pdf.blocks`): body paragraphs
indented two characters, bullets in the primary colour, callouts and
quotes as shaded boxes with a bar at their left, a review/plan pair opened
by its coloured label and closed by a rule. Words come from the document
as they are; Word breaks the lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from zzreport import ir
from zzreport.drawingml.charts import CHART_TYPES
from zzreport.figures.kinds import kind_of
from zzreport.figures.pdf_drawing import figure_scene
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.cards import kpis, scorecard
from zzreport.writers.docx.charts import add_chart
from zzreport.writers.docx.context import FIRST_LINE_INDENT, TARGET, WordContext, captions
from zzreport.writers.docx.pictures import CAPTION_ROOM, EMU, figure_picture, graphic, image
from zzreport.writers.docx.styles import hex_of
from zzreport.writers.docx.tables import table
from zzreport.writers.docx.text import paragraphs_of

Builder = Callable[[Any, WordContext], None]


def heading(block: ir.Heading, ctx: WordContext) -> None:
    level = min(max(block.level, 2), 3)
    paragraph = ctx.paragraph(st.HEADINGS[level], block.text)
    oxml.add_bookmark(paragraph, *ctx.next_bookmark())


def paragraph(block: ir.Paragraph, ctx: WordContext) -> None:
    for spans in paragraphs_of(block.spans):
        body = ctx.paragraph(st.NORMAL)
        body.paragraph_format.first_line_indent = Pt(FIRST_LINE_INDENT)
        ctx.setter.spans(body, spans)


def bullet_items(items: list[tuple[ir.Spans, list[ir.Spans]]], ctx: WordContext) -> None:
    """Items of the document's bullet list (``●``, their children ``–``), each a paragraph of the list."""
    for spans, children in items:
        item = ctx.paragraph(st.NORMAL)
        oxml.set_list_item(item, ctx.bullets, 0)
        item.paragraph_format.space_after = Pt(2)
        ctx.setter.spans(item, _one_line(spans))
        for child in children:
            sub = ctx.paragraph(st.NORMAL)
            oxml.set_list_item(sub, ctx.bullets, 1)
            sub.paragraph_format.space_after = Pt(2)
            ctx.setter.spans(sub, _one_line(child))


def _one_line(spans: ir.Spans) -> ir.Spans:
    """A list item's spans as one paragraph: a line break inside an item is a space (one item, one paragraph)."""
    return tuple(ir.Span(span.text.replace("\n", " "), span.bold) for span in spans)


def bullets(block: ir.BulletList, ctx: WordContext) -> None:
    bullet_items([(b.spans, list(b.children)) for b in block.items], ctx)
    _space_after_last(ctx, 4)


def _space_after_last(ctx: WordContext, points: float) -> None:
    ctx.word.paragraphs[-1].paragraph_format.space_after = Pt(points)


def boxed(paragraphs: list[Paragraph], bar: str, background: str) -> None:
    """``paragraphs`` as one shaded box with a bar at its left (Word joins paragraphs bordered alike)."""
    for index, para in enumerate(paragraphs):
        oxml.set_paragraph_shading(para, hex_of(background))
        # Lines in the box's own colour above and below: the box's padding (Word shades a border's space).
        oxml.set_paragraph_border(para, "top", hex_of(background), 4, space=6)
        oxml.set_paragraph_border(para, "left", hex_of(bar), 24, space=10)
        oxml.set_paragraph_border(para, "bottom", hex_of(background), 4, space=6)
        fmt = para.paragraph_format
        fmt.left_indent = Pt(14)
        fmt.right_indent = Pt(6)
        fmt.keep_together = True
        if index < len(paragraphs) - 1:
            fmt.keep_with_next = True
    if paragraphs:
        paragraphs[0].paragraph_format.space_before = Pt(6)
        paragraphs[-1].paragraph_format.space_after = Pt(10)


def callout(block: ir.Callout, ctx: WordContext) -> None:
    bar = {"note": "accent", "highlight": "primary", "warning": "up"}[block.tone]
    colors = ctx.theme.colors
    paragraphs = []
    if block.title:
        title = ctx.paragraph(st.HEADINGS[3])
        # A box's title is no heading of the document: body outline level, so it stays out of the contents.
        title.style = ctx.style(st.BAND)
        ctx.setter.run(title, block.title, "heading", bold=True, size=11, color=colors.text)
        paragraphs.append(title)
    for spans in paragraphs_of(block.spans):
        body = ctx.paragraph(st.NORMAL)
        ctx.setter.spans(body, spans)
        paragraphs.append(body)
    boxed(paragraphs, getattr(colors, bar), colors.surface)


def quote(block: ir.Quote, ctx: WordContext) -> None:
    colors = ctx.theme.colors
    paragraphs = []
    for spans in paragraphs_of(block.spans):
        body = ctx.paragraph(st.NORMAL)
        ctx.setter.spans(body, spans, size=11)
        paragraphs.append(body)
    if block.source:
        source = ctx.paragraph(st.NOTE, block.attribution)
        source.alignment = st.alignment("right")
        source.paragraph_format.space_before = Pt(4)
        paragraphs.append(source)
    boxed(paragraphs, colors.muted, colors.background)


def band(label: str, color: str, ctx: WordContext) -> None:
    """The label that opens a review (2024 回顾) or plan (2025 目标) part: white words on a band of ``color``,
    a line of the colour running on to the right margin."""
    paragraph = ctx.paragraph(st.BAND)
    # The band's ends: a no-break space either side of the words, shaded like them.
    run = ctx.setter.run(paragraph, f"\u00a0{label}\u00a0", "heading", bold=True, color="#FFFFFF")
    oxml.set_run_shading(run, hex_of(color))
    oxml.set_paragraph_border(paragraph, "bottom", hex_of(color), 6, space=1)


def review_plan(block: ir.ReviewPlan, ctx: WordContext) -> None:
    colors = ctx.theme.colors
    for title, blocks, color in (
        (block.review_title, block.review, colors.primary),
        (block.plan_title, block.plan, colors.accent),  # targets in the accent colour, as in the PDF and the deck
    ):
        if blocks is None:
            continue
        band(title, color, ctx)
        for child in blocks:
            if child.shown_in(TARGET):
                build_block(child, ctx)
    # Close the pair, so what follows does not read as part of the plan.
    rule = ctx.paragraph(st.NOTE)
    oxml.set_paragraph_border(rule, "bottom", hex_of(colors.muted), 4, space=1)
    rule.paragraph_format.space_after = Pt(10)


def figure(block: ir.Figure, ctx: WordContext) -> None:
    """A native chart (the deck's chart part, with its workbook) at the text width, as tall as the PDF's layout
    makes it there, then its caption lines; scorecard tiles as a grid of cards (a table, its words text); a
    kind with neither as a picture of the PDF's drawing."""
    if kind_of(block.data).name in CHART_TYPES:
        holder = ctx.paragraph(st.NORMAL)
        holder.alignment = st.alignment("center")
        holder.paragraph_format.keep_with_next = True
        holder.paragraph_format.space_before = Pt(6)
        width, height = figure_size(block, ctx)
        add_chart(holder, block, ctx.theme, ctx.fonts, width, height, when=ctx.extra.get("moment"))
    elif block.data.extent == "tiles":
        scorecard(block, ctx)
    else:
        figure_picture(block, ctx)
    captions(ctx, block.title_line, block.data.caption, block.source_line)


def figure_size(block: ir.Figure, ctx: WordContext) -> tuple[int, int]:
    """The chart's width and height in EMU: the text width, and the height the PDF's layout gives it there
    (no taller than a page less its caption lines)."""
    width = ctx.width / EMU
    scene = figure_scene(block.data, ctx.fonts, ctx.theme, width, cache_dir=ctx.figure_cache)
    room = ctx.height / EMU - CAPTION_ROOM
    height = min(scene.height, room) if room > 0 else scene.height
    return int(width * EMU), int(height * EMU)


def page_break(ctx: WordContext) -> None:
    """A page break in a paragraph of its own (the next block starts a page)."""
    ctx.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build_block(block: ir.Block, ctx: WordContext) -> None:
    BLOCK_BUILDERS[type(block)](block, ctx)


BLOCK_BUILDERS: dict[type, Builder] = {
    ir.Heading: heading,
    ir.Paragraph: paragraph,
    ir.BulletList: bullets,
    ir.KpiGroup: kpis,
    ir.Figure: figure,
    ir.Table: table,
    ir.Image: image,
    ir.Graphic: graphic,
    ir.Callout: callout,
    ir.Quote: quote,
    ir.ReviewPlan: review_plan,
}
