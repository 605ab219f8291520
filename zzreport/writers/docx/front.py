"""The cover, the contents and the closing summary, as the PDF sets them.

The cover (its own first page, no running header or footer): organisation,
title, subtitle, the author/date line, the lead in a shaded box, the source.
The contents are a real Word contents field (``TOC \\o "1-3" \\h \\z \\u``)
filled in already with the headings, each linked to its heading's bookmark
and its page given by a ``PAGEREF`` field, so the contents read right
before anything refreshes them; ``w:updateFields`` asks Word and WPS to
refresh them (page numbers) when the document opens. Only Word knows the
pages: the writer never guesses one.
"""

from __future__ import annotations

from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from zzreport import ir
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.blocks import boxed, bullet_items
from zzreport.writers.docx.context import TARGET, WordContext, bookmark_name
from zzreport.writers.docx.text import paragraphs_of

#: The contents field's instruction: headings 1–3, entries as links, no page numbers in web view, outline levels.
TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '


def cover(ctx: WordContext) -> None:
    meta, colors = ctx.document.meta, ctx.theme.colors
    top = ctx.paragraph(st.COVER_META)
    top.paragraph_format.space_before = Pt(60)
    top.paragraph_format.space_after = Pt(0)
    oxml.set_paragraph_border(top, "top", st.hex_of(colors.primary), 48, space=24)
    if meta.organisation:
        ctx.paragraph(st.EYEBROW, meta.organisation).paragraph_format.space_after = Pt(14)
    ctx.paragraph(st.TITLE, meta.title)
    if meta.subtitle:
        ctx.paragraph(st.SUBTITLE, meta.subtitle)
    line = "　".join(d for d in (meta.author, meta.date_text, meta.as_of_text) if d)
    if line:
        ctx.paragraph(st.COVER_META, line)
    if meta.lead:
        leads = []
        for spans in paragraphs_of(meta.lead):
            lead = ctx.paragraph(st.NORMAL)
            lead.paragraph_format.first_line_indent = Pt(22)
            ctx.setter.spans(lead, spans, size=11)
            leads.append(lead)
        boxed(leads, colors.primary, colors.surface)
        leads[0].paragraph_format.space_before = Pt(20)
    if meta.source_line:
        ctx.paragraph(st.COVER_META, meta.source_line).paragraph_format.space_before = Pt(24)


def contents_entries(document: ir.Document) -> list[tuple[int, str, str]]:
    """``(level, title, bookmark)`` of every heading the document will hold, in order, before it is built.

    The contents come before the sections, so their entries are known
    first; the bookmarks are numbered in the order the builders then meet
    the headings (:meth:`WordContext.next_bookmark`).
    """
    titles: list[tuple[int, str]] = []

    def visit(blocks: tuple[ir.Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, ir.Heading):
                titles.append((min(max(block.level, 2), 3), block.text))
            elif isinstance(block, ir.ReviewPlan):
                for part in (block.review, block.plan):
                    if part is not None:
                        visit(tuple(b for b in part if b.shown_in(TARGET)))

    for section in document.sections:
        titles.append((1, section.title))
        visit(section.blocks_for(TARGET, takeaway_shown=True))
    if document.meta.summary:
        titles.append((1, document.labels.summary))
    return [(level, text, bookmark_name(n)) for n, (level, text) in enumerate(titles, start=1)]


def contents(ctx: WordContext) -> None:
    """The contents title, then the contents field holding one entry per heading of the document."""
    entries = contents_entries(ctx.document)
    title = ctx.paragraph(st.CONTENTS_TITLE, ctx.document.labels.contents)
    title.paragraph_format.page_break_before = True
    setter = ctx.setter
    right = ctx.width // 635
    paragraphs: list[Paragraph] = []
    for level, text, bookmark in entries:
        entry = ctx.paragraph(st.CONTENTS[level])
        oxml.add_tab_stops(entry, [("right", right, "dot")])
        if not paragraphs:
            _field_start(ctx, entry, TOC_INSTRUCTION, dirty=True)
        runs = [setter.run(entry, text, "heading"), setter.run(entry, "\t", "heading")]
        begin = setter.run(entry, "", "heading")
        oxml.mark_field_char(begin, "begin")
        instruction = setter.run(entry, "", "heading")
        oxml.mark_instruction(instruction, f" PAGEREF {bookmark} \\h ")
        separate = setter.run(entry, "", "heading")
        oxml.mark_field_char(separate, "separate")
        # No page number is known until the document is laid out: the result is left empty for the update.
        end = setter.run(entry, "", "heading")
        oxml.mark_field_char(end, "end")
        oxml.link_runs(entry, [*runs, begin, instruction, separate, end], bookmark)
        paragraphs.append(entry)
    if not paragraphs:
        only = ctx.paragraph(st.CONTENTS[1])
        _field_start(ctx, only, TOC_INSTRUCTION, dirty=True)
        paragraphs.append(only)
    oxml.mark_field_char(setter.run(paragraphs[-1], "", "heading"), "end")
    after = ctx.word.add_paragraph()
    after.add_run().add_break(WD_BREAK.PAGE)


def _field_start(ctx: WordContext, paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    setter = ctx.setter
    oxml.mark_field_char(setter.run(paragraph, "", "heading"), "begin", dirty=dirty)
    oxml.mark_instruction(setter.run(paragraph, "", "heading"), instruction)
    oxml.mark_field_char(setter.run(paragraph, "", "heading"), "separate")


def summary(ctx: WordContext) -> None:
    """The closing points (要点回顾) as a last heading 1 and its bullets, when the spec gives them."""
    points = ctx.document.meta.summary
    if not points:
        return
    title = ctx.paragraph(st.HEADINGS[1], ctx.document.labels.summary)
    oxml.add_bookmark(title, *ctx.next_bookmark())
    bullet_items([(p, []) for p in points], ctx)


def section_opener(section: ir.Section, ctx: WordContext) -> None:
    """The section's eyebrow (关键词 · 01), its title as heading 1, the takeaway, and the rule under them."""
    colors = ctx.theme.colors
    eyebrow = ctx.paragraph(st.EYEBROW, section.eyebrow or section.number_text)
    oxml.set_paragraph_border(eyebrow, "left", st.hex_of(colors.primary), 24, space=6)
    title = ctx.paragraph(st.HEADINGS[1], section.title)
    oxml.add_bookmark(title, *ctx.next_bookmark())
    last = title
    if section.takeaway:
        last = ctx.paragraph(st.TAKEAWAY, section.takeaway)
    oxml.set_paragraph_border(last, "bottom", st.hex_of(colors.primary), 10, space=6)
    last.paragraph_format.space_after = Pt(14)
