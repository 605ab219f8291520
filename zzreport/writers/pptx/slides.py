"""The slides of a deck, one builder method per slide kind.

Every slide is placed on the shared :class:`~zzreport.writers.pptx.layout.Geometry`
grid (0.5" margins, title band, content box, footer line). Content that does
not fit is continued on slides whose title ends with "（续）"; text is never
shrunk below the theme's minimum size. Speaker notes of a section go on every
slide of that section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu

from zzreport.ir import (
    BulletList,
    Callout,
    Document,
    Figure,
    Heading,
    Image,
    KpiCard,
    KpiGroup,
    Node,
    Paragraph,
    Quote,
    ReviewPlan,
    Section,
    Span,
    Spans,
    Table,
)
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.charts import add_chart
from zzreport.writers.pptx.images import picture_source
from zzreport.writers.pptx.layout import (
    GAP,
    BlockItem,
    Box,
    BoxPayload,
    CardsPayload,
    Item,
    TextItem,
    fit_size,
    groups,
    inches,
    paginate,
    stack_height,
)
from zzreport.writers.pptx.notes import NotesPages
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.tables import TableStyle, draw_table, measure_table, split_rows
from zzreport.writers.pptx.template import DeckTemplate
from zzreport.writers.pptx.text import (
    INSET_X,
    INSET_Y,
    TITLE_LEADING,
    Measurer,
    TextPara,
    TextRun,
    para,
    prepare_frame,
    split_paragraph_breaks,
    write_paragraphs,
)

FOOTER_SIZE = 11.0  # furniture (source line, slide number), not content
BOX_PAD = inches(0.12)  # extra padding inside callout and quote boxes
LEAD_TITLE = "导语"
TONES = {"highlight": "primary", "note": "accent", "warning": "up"}
COLUMN_HEADER = inches(0.5)  # the "2024 回顾" / "2025 目标" band
COLUMN_GAP = inches(0.15)  # between the band and its column
#: A page whose stack is shorter than this share of the content box is loosened and centred …
ROOMY_BELOW = 0.7
#: … up to this share of the box.
ROOMY_FILL = 0.8


class DeckBuilder:
    """Adds the document's slides to a template, in order."""

    def __init__(self, document: Document, template: DeckTemplate, when: dt.datetime) -> None:
        self.doc = document
        self.tpl = template
        self.prs = template.prs
        self.geo = template.geometry
        self.when = when
        self.fonts = document.fonts
        self.face = document.fonts.family("slide")
        self.m = Measurer(document.fonts)
        self.c = document.theme.colors
        self.labels = document.labels
        self.minimum = document.theme.slides.min_font_size
        self.body = max(document.theme.slides.body_font_size, self.minimum)
        self.small = max(14.0, self.minimum)
        self.notes = ""
        self.notes_pages = NotesPages()
        self.number = 0
        self.number_size = self._deck_number_size()
        self.lead_on_cover = False

    def _deck_number_size(self) -> float:
        """One value size for every KPI card of the deck (see :func:`~.cards.deck_number_size`).

        Each group is measured at the width it will get (a review/plan column
        or the whole content box), so "8 家" on one slide is as big as "8 家"
        on the next.
        """
        style = self.card_style()
        sizes: list[float] = []
        content = self.geo.content.width
        for section in self.doc.sections:
            for block in section.blocks_for("pptx"):
                if isinstance(block, KpiGroup):
                    sizes.extend(card_mod.value_sizes(block.items, content, style, self.m))
                elif isinstance(block, ReviewPlan):
                    sides = [s for s in (block.review, block.plan) if s]
                    width = self.geo.columns(max(1, len(sides)))[0].width
                    for side in sides:
                        for b in side:
                            if isinstance(b, KpiGroup) and b.shown_in("pptx"):
                                sizes.extend(card_mod.value_sizes(b.items, width, style, self.m))
        return card_mod.deck_number_size(sizes, style.number)

    # ------------------------------------------------------------------ primitives

    def new_slide(self, layout: SlideLayout | None = None) -> Slide:
        slide = self.prs.slides.add_slide(layout or self.tpl.blank_layout)
        # Each new shape's id is then one more than the last, instead of a search of the whole slide
        # for its highest id: every shape on the slide is added through this collection.
        slide.shapes.turbo_add_enabled = True
        self.number += 1
        for ph in list(slide.placeholders):  # unused placeholders would show prompt text
            if layout is None or ph.placeholder_format.idx != 0:
                oxml.remove_shape(ph._element)
        if self.notes:
            frame = self.notes_pages.text_frame(slide)
            paras = [para(t, 12, color="#000000") for t in self.notes.split("\n")]
            write_paragraphs(frame, paras, self.face)
        return slide

    def text_box(
        self, slide: Slide, box: Box, paras: Sequence[TextPara], *, anchor: str = "top", name: str = ""
    ) -> None:
        shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        if name:
            shape.name = name
        prepare_frame(shape.text_frame, anchor=anchor)
        write_paragraphs(shape.text_frame, paras, self.face, self.m)

    def rect(self, slide: Slide, box: Box, color: str, *, name: str = "", shape=MSO_SHAPE.RECTANGLE) -> None:
        flat_shape(slide, box, color, name=name, kind=shape)

    def fitted(
        self, text: str | Spans, box: Box, largest: float, *, bold: bool, color: str, **opts: object
    ) -> TextPara:
        """``text`` at the largest size (down to the theme minimum) whose lines fit ``box``."""

        def make(size: float) -> TextPara:
            options = {"leading": TITLE_LEADING, **opts}
            return para(text, size, color=color, bold=bold, **options)  # type: ignore[arg-type]

        size, _ = fit_size(lambda s: self.m.height([make(s)], box.width) <= box.height, largest, self.minimum)
        return make(size)

    def title(self, slide: Slide, text: str) -> None:
        """The title band: an accent bar and the title, fitted to one or two lines."""
        g = self.geo
        box = g.title
        paragraph = self.fitted(text, box, 28, bold=True, color=self.c.text)
        if self.tpl.corporate and slide.shapes.title is not None:
            frame = slide.shapes.title.text_frame
            prepare_frame(frame, anchor="middle")
            write_paragraphs(frame, [paragraph], self.face, self.m)
            return
        bar_height = min(box.height - inches(0.24), inches(0.5))
        self.rect(
            slide,
            Box(g.margin, box.top + (box.height - bar_height) // 2, inches(0.08), bar_height),
            self.c.primary,
            name="Title bar",
        )
        self.text_box(slide, box, [paragraph], anchor="middle", name="Title")
        self.rect(
            slide,
            Box(g.margin, g.content.top - inches(0.14), g.content.width, inches(0.015)),
            "#D9D9D9",
            name="Title rule",
        )

    def footer(self, slide: Slide, *, with_source: bool = True) -> None:
        """Source and date on the left, the live slide number on the right (layouts' footers are not copied).

        ``with_source=False`` on a figure or table slide that states its own
        source under the figure: one "来源" line per slide, not two.
        """
        g = self.geo
        meta = self.doc.meta
        parts = [meta.footer or (f"{self.labels.source}：{meta.source}" if meta.source and with_source else "")]
        if meta.date:
            parts.append(f"{meta.date.year}年{meta.date.month}月{meta.date.day}日")
        text = "  ·  ".join(p for p in parts if p)
        number_width = inches(0.9)
        left_box = Box(g.footer.left, g.footer.top, g.footer.width - number_width, g.footer.height)
        line = TextPara((TextRun(text, FOOTER_SIZE, False, self.c.muted),), leading=TITLE_LEADING)
        while text and not self.m.fits_one_line(line, left_box.width):
            text = text[:-2] + "…"
            line = TextPara((TextRun(text, FOOTER_SIZE, False, self.c.muted),), leading=TITLE_LEADING)
        if text:
            self.text_box(slide, left_box, [line], anchor="middle", name="Footer")
        number = TextPara(
            (TextRun(str(self.number), FOOTER_SIZE, True, self.c.muted, field="slidenum"),),
            leading=TITLE_LEADING,
            align="right",
        )
        self.text_box(
            slide,
            Box(g.footer.right - number_width, g.footer.top, number_width, g.footer.height),
            [number],
            anchor="middle",
            name="Slide number",
        )

    def content_slide(self, title: str, *, with_source: bool = True) -> Slide:
        layout = self.tpl.content_layout if self.tpl.corporate else None
        slide = self.new_slide(layout)
        self.title(slide, title)
        self.footer(slide, with_source=with_source)
        return slide

    # ------------------------------------------------------------------ cover, agenda, divider, summary

    def cover(self) -> None:
        meta = self.doc.meta
        self.notes = ""
        if self.tpl.corporate and self.tpl.cover_layout is not self.tpl.content_layout:
            self._corporate_cover()
            return
        slide = self.new_slide()
        g = self.geo
        self.rect(slide, Box(0, 0, inches(0.3), g.height), self.c.primary, name="Cover band")
        left = inches(1.1)
        width = g.width - left - inches(1.1)
        byline = "  ·  ".join(p for p in (meta.organisation, meta.author, _date(meta.date)) if p)
        stack: list[tuple[list[TextPara], int]] = []
        title = self.fitted(meta.title, Box(0, 0, width, inches(2.2)), 44, bold=True, color=self.c.text)
        stack.append(([title], self.m.height([title], width)))
        if meta.subtitle:
            sub = self.fitted(meta.subtitle, Box(0, 0, width, inches(1.2)), 26, bold=False, color=self.c.primary)
            stack.append(([sub], self.m.height([sub], width)))
        rule = inches(0.35)
        ruled = len(stack)  # the short rule goes between the title block and the details
        details = [para(byline, 18, color=self.c.muted, leading=TITLE_LEADING)] if byline else []
        if meta.as_of:
            details.append(para(_as_of(meta.as_of), 16, color=self.c.muted, leading=TITLE_LEADING, space_before=6))
        if details:
            stack.append((details, self.m.height(details, width)))
        lead = self._cover_lead()
        gap = inches(0.45)
        total = sum(h for _, h in stack) + (rule if details else 0)
        if lead and total + gap + self.m.height(lead, width) <= g.height - 2 * inches(0.6):
            self.lead_on_cover = True
            stack.append((lead, self.m.height(lead, width)))
            total += gap + stack[-1][1]
        top = max(inches(0.6), (g.height - total) // 2)
        for i, (paras, h) in enumerate(stack):
            if i == ruled and details:
                self.rect(
                    slide,
                    Box(left + INSET_X, top + rule // 3, inches(1.2), inches(0.06)),
                    self.c.primary,
                    name="Cover rule",
                )
                top += rule
            elif paras is lead:
                top += gap
            self.text_box(slide, Box(left, top, width, h), paras, name="Cover lead" if paras is lead else f"Cover {i}")
            top += h
        if self.doc.assets.logo is not None:
            self._picture(
                slide, self.doc.assets.logo, Box(g.width - inches(2.6), inches(0.5), inches(2.1), inches(0.8))
            )

    def _corporate_cover(self) -> None:
        meta = self.doc.meta
        slide = self.prs.slides.add_slide(self.tpl.cover_layout)
        self.number += 1
        parts = (meta.subtitle, meta.organisation, meta.author, _date(meta.date), _as_of(meta.as_of))
        byline = "  ·  ".join(p for p in parts if p)
        texts = {0: (meta.title, 40, True), 1: (byline, 22, False)}
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            if idx not in texts or not texts[idx][0]:
                oxml.remove_shape(ph._element)
                continue
            text, size, bold = texts[idx]
            box = Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
            p = self.fitted(text, box, size, bold=bold, color=self.c.text, align="center")
            prepare_frame(ph.text_frame, anchor="middle")
            write_paragraphs(ph.text_frame, [p], self.face, self.m)

    def _cover_lead(self) -> list[TextPara]:
        """The lead at the size it takes on the cover (under the title block)."""
        lead = self.doc.meta.lead
        if not lead or not any(s.text.strip() for s in lead):
            return []
        size = max(self.minimum, 16)
        base = para(lead, size, color=self.c.text, leading=1.6, space_before=size * 0.5, align="justify")
        return split_paragraph_breaks(base)

    def lead(self) -> None:
        """The report's lead (导语): on the cover when it fits there, else on a slide of its own after it."""
        lead = self.doc.meta.lead
        if self.lead_on_cover or not lead or not any(s.text.strip() for s in lead):
            return
        self.notes = ""
        size = self.body + 2
        base = para(lead, size, color=self.c.text, leading=1.6, space_before=size * 0.6, align="justify")
        items: list[Item] = [TextItem(p) for p in split_paragraph_breaks(base)]
        box = self.geo.content
        pages = paginate(items, box.width, box.height, self.m)
        for i, page in enumerate(pages):
            slide = self.content_slide(LEAD_TITLE + (self.labels.continued if i else ""))
            height = stack_height(page, box.width, self.m)
            top = box.top + max(0, (box.height - height) // 3)  # optically centred, a little high
            self.draw_stack(slide, page, Box(box.left, top, box.width, box.bottom - top))

    def agenda(self) -> None:
        sections: list[Section] = list(self.doc.sections)
        if not sections:
            return
        if self.has_summary():  # the closing 要点回顾 slide is part of the deck too
            sections.append(
                Section("summary", len(sections) + 1, "", self.labels.summary, "", "", (), sections[-1].where)
            )
        self.notes = ""
        g = self.geo
        cols = 1 if len(sections) <= 4 else 2
        col_boxes = g.columns(cols, inches(0.5))
        badge = inches(0.62)
        text_width = col_boxes[0].width - badge - inches(0.2)
        entries = []
        for s in sections:
            paras = [para(s.tag, self.small, color=self.c.muted, leading=1.25)] if s.tag else []
            paras.append(para(s.title, 22, color=self.c.text, bold=True, leading=TITLE_LEADING))
            entries.append(paras)
        height = max(max(self.m.height(p, text_width) for p in entries), badge)
        step = height + inches(0.18)
        per_col = max(1, (g.content.height + inches(0.18)) // step)
        per_col = min(per_col, -(-len(sections) // cols))
        per_slide = per_col * cols
        for page_start in range(0, len(sections), per_slide):
            title = self.labels.contents + (self.labels.continued if page_start else "")
            slide = self.content_slide(title)
            for k, s in enumerate(sections[page_start : page_start + per_slide]):
                col = col_boxes[k // per_col]
                top = col.top + (k % per_col) * step
                box = Box(col.left, top + (height - badge) // 2, badge, badge)
                number = TextPara(
                    (TextRun(f"{s.number:02d}", 20, True, self.c.background),), leading=TITLE_LEADING, align="center"
                )
                shape = flat_shape(slide, box, self.c.primary, name=f"Agenda number {s.number}")
                prepare_frame(shape.text_frame, anchor="middle", inset_x=0, inset_y=0)
                write_paragraphs(shape.text_frame, [number], self.face)
                self.text_box(
                    slide,
                    Box(col.left + badge + inches(0.2), top, text_width, height),
                    entries[page_start + k],
                    anchor="middle",
                    name=f"Agenda {s.number}",
                )

    def divider(self, section: Section) -> None:
        slide = self.new_slide()
        g = self.geo
        self.rect(slide, Box(0, 0, g.width, g.height), self.c.primary, name="Divider background")
        left = inches(1.1)
        width = g.width - 2 * left
        light = self.c.background
        eyebrow = " · ".join(p for p in (section.tag, f"{section.number:02d}") if p)
        stack = [para(eyebrow, 20, color=light, leading=TITLE_LEADING)]
        stack.append(self.fitted(section.title, Box(0, 0, width, inches(1.9)), 48, bold=True, color=light))
        if section.takeaway:
            stack.append(
                self.fitted(section.takeaway, Box(0, 0, width, inches(1.6)), 24, bold=False, color=light, leading=1.4)
            )
        heights = [self.m.height([p], width) for p in stack]
        rule = inches(0.4)
        total = sum(heights) + (rule if section.takeaway else 0)
        top = max(inches(0.5), (g.height - total) // 2)
        for i, (p, h) in enumerate(zip(stack, heights, strict=True)):
            if i == 2:
                self.rect(
                    slide, Box(left + INSET_X, top + rule // 3, inches(1.2), inches(0.06)), light, name="Divider rule"
                )
                top += rule
            self.text_box(slide, Box(left, top, width, h), [p], name=f"Divider {i}")
            top += h

    def summary_points(self) -> list[Spans]:
        points: list[Spans] = list(self.doc.meta.summary)
        if not points:
            points = [(Span(f"{s.title}：", True), Span(s.takeaway)) for s in self.doc.sections if s.takeaway]
        return points

    def has_summary(self) -> bool:
        return bool(self.summary_points())

    def summary(self) -> None:
        points = self.summary_points()
        if not points:
            return
        self.notes = ""
        size = max(self.minimum, self.body - 2)  # a summary slide holds many points; keep them on one slide
        items: list[Item] = [TextItem(self._bullet(_bold_lead(p), 0, size, 0.6)) for p in points]
        self.flow(self.labels.summary, items)

    # ------------------------------------------------------------------ flow content

    def _bullet(self, spans: Spans, level: int, size: float, before: float = 0.45) -> TextPara:
        char = "■" if level == 0 else "–"
        p = para(
            spans,
            size if level == 0 else max(self.minimum, size - 2),
            color=self.c.text,
            bullet=char,
            bullet_color=self.c.primary if level == 0 else self.c.muted,
            level=level,
            space_before=size * before,
        )
        return p

    def block_items(
        self, block: Node, width: int, size: float, *, condensed: bool = False, period: str = ""
    ) -> list[Item]:
        """The stack items of one flowing block at ``width`` (``condensed``: paragraphs as bullets)."""
        if isinstance(block, Heading):
            hsize = size + 4 if block.level <= 2 else size + 1
            return [
                TextItem(
                    para(
                        block.text, hsize, color=self.c.text, bold=True, leading=TITLE_LEADING, space_before=size * 0.8
                    ),
                    keep_with_next=True,
                )
            ]
        if isinstance(block, Paragraph):
            if condensed:
                base = self._bullet(block.spans, 0, size)
            else:
                base = para(
                    block.spans,
                    size,
                    color=self.c.text,
                    space_before=size * 0.6,
                    align="justify",
                )
            return [TextItem(p) for p in split_paragraph_breaks(base)]
        if isinstance(block, BulletList):
            items: list[Item] = []
            for bullet in block.items:
                items.append(TextItem(self._bullet(bullet.spans, 0, size)))
                items.extend(TextItem(self._bullet(child, 1, size, 0.2)) for child in bullet.children)
            return items
        if isinstance(block, KpiGroup):
            return self.card_items(block.items, width, period)
        if isinstance(block, Callout):
            return [self.box_item("callout", self._callout_paras(block, size), width, TONES.get(block.tone, "primary"))]
        if isinstance(block, Quote):
            return [self.box_item("quote", self._quote_paras(block, size), width, "muted")]
        raise TypeError(f"{type(block).__name__} is not a flowing block")

    def card_style(self, implied_period: str = "") -> card_mod.CardStyle:
        number = getattr(self, "number_size", card_mod.NUMBER_SIZE)
        return card_mod.CardStyle(
            self.c, self.small, max(self.minimum, 15), number, self.minimum, self.labels.target, implied_period
        )

    def card_items(self, kpis: Sequence[KpiCard], width: int, implied_period: str = "") -> list[Item]:
        """One block per row of cards, the rows of a group chained so they stay on one slide if they can."""
        style = self.card_style(implied_period)
        rows = card_mod.build_rows(kpis, width, style, self.m)
        return [
            BlockItem("cards", row.height, CardsPayload(row, style), keep_with_next=i < len(rows) - 1)
            for i, row in enumerate(rows)
        ]

    def _callout_paras(self, block: Callout, size: float) -> tuple[TextPara, ...]:
        tone = getattr(self.c, TONES.get(block.tone, "primary"))
        paras = [para(block.title, size, color=tone, bold=True, leading=TITLE_LEADING)] if block.title else []
        body = para(block.spans, size, color=self.c.text, space_before=size * 0.3)
        return tuple(paras + split_paragraph_breaks(body))

    def _quote_paras(self, block: Quote, size: float) -> tuple[TextPara, ...]:
        # The text as written, no added quotation marks, and "——source" as the PDF prints them.
        body = para(block.spans, size + 2, color=self.c.text, leading=1.45)
        paras = split_paragraph_breaks(body)
        if block.source:
            paras.append(
                para(f"——{block.source}", self.small, color=self.c.muted, align="right", space_before=size * 0.4)
            )
        return tuple(paras)

    def box_item(self, kind: str, paras: tuple[TextPara, ...], width: int, tone: str, pad: int = BOX_PAD) -> BlockItem:
        """A callout or quote box; ``pad`` is its extra inner padding (more on a roomy slide)."""
        inner = width - inches(0.1)  # room for the coloured edge

        def rebuild(ps: tuple[TextPara, ...]) -> BlockItem:
            height = self.m.height(ps, inner, INSET_X + pad, INSET_Y + pad)
            return BlockItem(
                kind, height, BoxPayload(tone, pad), ps, rebuild, text_inset=width - inner + 2 * (INSET_X + pad)
            )

        return rebuild(paras)

    def draw_stack(self, slide: Slide, items: Sequence[Item], box: Box) -> None:
        """Draw items top-down in ``box`` exactly as :func:`stack_height` measured them."""
        top = box.top
        left_off: list[str] = []
        for group in groups(items):
            first = group[0]
            if isinstance(first, TextItem):
                paras = [i.para for i in group if isinstance(i, TextItem)]
                height = self.m.height(paras, box.width)
                self.text_box(slide, Box(box.left, top, box.width, height), paras, name="Text")
            elif isinstance(first.payload, CardsPayload):
                cards = first.payload
                left_off.extend(card_mod.draw_row(slide, cards.row, box.left, top, cards.style, self.face, self.m))
                height = first.height
            else:
                height = first.height
                self._draw_box(slide, first, first.payload, Box(box.left, top, box.width, height))
            top += height + GAP
        if left_off:
            self.add_notes(slide, left_off)

    def add_notes(self, slide: Slide, lines: Sequence[str]) -> None:
        """Append ``lines`` (card notes too long for their card) to the slide's speaker notes."""
        frame = self.notes_pages.text_frame(slide)
        texts = [t for t in frame.text.split("\n") if t] + list(lines)
        write_paragraphs(frame, [para(t, 12, color="#000000") for t in texts], self.face)

    def _draw_box(self, slide: Slide, item: BlockItem, look: BoxPayload, box: Box) -> None:
        pad = look.pad
        tone = getattr(self.c, look.tone)
        edge = inches(0.1)
        if item.kind == "callout":
            self.rect(slide, box, self.c.surface, name="Callout")
        self.rect(slide, Box(box.left, box.top, inches(0.06), box.height), tone, name=f"{item.kind.title()} edge")
        shape = slide.shapes.add_textbox(Emu(box.left + edge), Emu(box.top), Emu(box.width - edge), Emu(box.height))
        shape.name = item.kind.title()
        prepare_frame(shape.text_frame, inset_x=INSET_X + pad, inset_y=INSET_Y + pad)
        write_paragraphs(shape.text_frame, item.paras, self.face, self.m)

    def flow(self, title: str, items: Sequence[Item]) -> None:
        """Content slides for a stack of items, continued on "（续）" slides as needed."""
        box = self.geo.content
        pages = paginate(items, box.width, box.height, self.m)
        for i, page in enumerate(pages):
            slide = self.content_slide(title + (self.labels.continued if i else ""))
            if page and all(isinstance(item, BlockItem) and item.kind == "cards" for item in page):
                page = self._roomy_cards([item for item in page if isinstance(item, BlockItem)], box)
                height = stack_height(page, box.width, self.m)
                self.draw_stack(slide, page, Box(box.left, box.top + (box.height - height) // 2, box.width, height))
            else:
                page, height = self._roomy(page, box)
                top = box.top + (box.height - height) // 2 if height < box.height * ROOMY_BELOW else box.top
                self.draw_stack(slide, page, Box(box.left, top, box.width, box.bottom - top))

    def _roomy(self, page: Sequence[Item], box: Box) -> tuple[list[Item], int]:
        """A page that leaves much of its slide empty, loosened: more leading, spacing and box padding.

        Text keeps its size (never above the body size, never below the theme
        minimum); what grows is the air around it, as far as it stays inside
        :data:`ROOMY_FILL` of the box, so two lonely bullets or a single quote
        use the slide instead of hanging off its top. Returns the items and
        their stack height.
        """
        items = list(page)
        height = stack_height(items, box.width, self.m)
        if not items or height >= box.height * ROOMY_BELOW:
            return items, height
        for step in (1.0, 0.75, 0.5, 0.25):
            looser = [self._loosen(item, step, box.width) for item in items]
            taller = stack_height(looser, box.width, self.m)
            if taller <= box.height * ROOMY_FILL:
                return looser, taller
        return items, height

    def _loosen(self, item: Item, step: float, width: int) -> Item:
        """``item`` with ``step`` (0–1) of the extra air :meth:`_roomy` may add."""
        if isinstance(item, TextItem):
            return replace(item, para=self._loosen_para(item.para, step))
        if item.kind in ("callout", "quote") and isinstance(item.payload, BoxPayload):
            paras = tuple(self._loosen_para(p, step) for p in item.paras)
            return self.box_item(item.kind, paras, width, item.payload.tone, BOX_PAD + int(inches(0.22) * step))
        return item

    def _loosen_para(self, p: TextPara, step: float) -> TextPara:
        """More leading (body text only) and up to twice the space before."""
        leading = p.leading + 0.3 * step if p.leading >= 1.3 else p.leading
        size = p.size
        runs = p.runs
        if p.bullet and p.level == 0 and size < self.body:  # points set smaller to fit many (summary) grow back
            grown = min(self.body, size + 2 * step)
            runs = tuple(replace(r, size=r.size + grown - size) for r in p.runs)
        return replace(p, runs=runs, leading=leading, space_before=p.space_before * (1 + step))

    def _roomy_cards(self, rows: list[BlockItem], box: Box) -> list[Item]:
        """A slide of nothing but KPI cards: taller cards (up to 1.4×), the group centred, not a top strip."""
        height = stack_height(rows, box.width, self.m)
        spare = box.height - height
        total = sum(item.height for item in rows)
        scale = min(1.4, 1 + spare * 0.6 / total) if total else 1.0
        out: list[Item] = []
        for item in rows:
            if not isinstance(item.payload, CardsPayload):
                raise TypeError(f"a {item.kind} block among the rows of cards")
            row = item.payload.row
            taller = replace(row, height=int(row.height * scale))
            out.append(replace(item, height=taller.height, payload=replace(item.payload, row=taller)))
        return out

    # ------------------------------------------------------------------ sections

    def section(self, section: Section) -> None:
        self.notes = section.notes
        self.divider(section)
        pending: list[Item] = []
        title = section.title
        width = self.geo.content.width

        def flush() -> None:
            if any(not (isinstance(i, TextItem) and i.keep_with_next) for i in pending):
                self.flow(title, pending)
            pending.clear()

        blocks = section.blocks_for("pptx")
        for k, block in enumerate(blocks):
            if isinstance(block, (Figure, Table, Image, ReviewPlan)):
                flush()
                tail = self._short_tail(blocks[k + 1 :]) if isinstance(block, Image) else None
                if isinstance(block, Image) and tail is not None:
                    self.image(block, section, tail)
                    return
                self.standalone(block, section)
            else:
                pending.extend(self.block_items(block, width, self.body))
        flush()

    def _short_tail(self, rest: Sequence[Node]) -> list[Item] | None:
        """The section's closing text after a picture, when short enough to go under it (no slide for one sentence)."""
        if not rest or any(isinstance(b, (Figure, Table, Image, ReviewPlan, KpiGroup)) for b in rest):
            return None
        width = self.geo.content.width
        items = [i for b in rest for i in self.block_items(b, width, self.body)]
        return items if stack_height(items, width, self.m) <= self.geo.content.height // 5 else None

    def standalone(self, block: Node, section: Section) -> None:
        if isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Image):
            self.image(block, section)
        elif isinstance(block, ReviewPlan):
            self.review_plan(block, section)

    # ------------------------------------------------------------------ review and plan

    def review_plan(self, block: ReviewPlan, section: Section) -> None:
        """Two columns, 2024 review left and 2025 plan right, continued side by side.

        When one side runs longer, its rest continues at full width under its
        own header, so no slide shows a column header with nothing under it.
        A continuation that would hold a single leftover item is avoided by
        setting the columns a point or two smaller (never below the theme's minimum).
        """
        sides: list[tuple[str, Sequence[Node], str]] = [
            (block.review_title, block.review or (), self.c.primary),
            (block.plan_title, block.plan or (), self.c.accent),
        ]
        sides = [s for s in sides if s[1]]
        if not sides:
            return
        later = [b for _, blocks, _ in sides for b in blocks if isinstance(b, (Figure, Table, Image, ReviewPlan))]
        largest = max(self.minimum, self.body - 2)
        plan = self._plan_columns(sides, largest)
        size = largest
        while _sparse_tail(plan) and size > self.minimum:
            size = max(self.minimum, size - 1)
            smaller = self._plan_columns(sides, size)
            if _slide_count(smaller) < _slide_count(plan):
                plan = smaller
                break
        self._draw_columns(sides, plan, section.title)
        for b in later:
            self.standalone(b, section)

    def _side_items(self, label: str, blocks: Sequence[Node], width: int, size: float) -> list[Item]:
        period = label.split()[0] if label.split() else ""
        items: list[Item] = []
        for b in blocks:
            if not isinstance(b, (Figure, Table, Image, ReviewPlan)):
                items.extend(self.block_items(b, width, size, condensed=True, period=period))
        return items

    def _plan_columns(self, sides: list[tuple[str, Sequence[Node], str]], size: float) -> list[list[list[Item]]]:
        """Per slide, per side, the items to draw; a side alone on a slide is laid out at full width."""
        header = COLUMN_HEADER + COLUMN_GAP
        columns = self.geo.columns(len(sides))
        stacks = [
            paginate(self._side_items(label, blocks, col.width, size), col.width, col.height - header, self.m)
            for (label, blocks, _), col in zip(sides, columns, strict=True)
        ]
        stacks = [[page for page in pages if page] or [[]] for pages in stacks]
        if len(sides) > 1 and any(self._group_too_tall(pages) for pages in stacks):
            # A KPI group too tall for its column: each side at full width, one after the other.
            box = self.geo.content
            apart: list[list[list[Item]]] = []
            for k, (label, blocks, _) in enumerate(sides):
                items = self._side_items(label, blocks, box.width, size)
                for page in paginate(items, box.width, box.height - header, self.m):
                    if page:
                        apart.append([page if j == k else [] for j in range(len(sides))])
            return self._stack_short_pages(apart)
        together = min(len(pages) for pages in stacks)
        slides: list[list[list[Item]]] = [[pages[i] for pages in stacks] for i in range(together)]
        if len(sides) > 1:
            box = self.geo.content
            for k, pages in enumerate(stacks):
                if len(pages) <= together:
                    continue
                # The rest at full width (text re-wraps itself; card rows are rebuilt wider).
                rest = self._widen([item for page in pages[together:] for item in page], box.width)
                for page in paginate(rest, box.width, box.height - header, self.m):
                    if page:
                        slides.append([page if j == k else [] for j in range(len(sides))])
        return slides

    def _stack_short_pages(self, slides: list[list[list[Item]]]) -> list[list[list[Item]]]:
        """Put one side's last page and the next side's first page on one slide when both fit there.

        Sides laid out one after the other at full width would otherwise leave
        a slide holding two leftover bullets under its header, mostly empty.
        """
        box = self.geo.content
        header = COLUMN_HEADER + COLUMN_GAP
        out: list[list[list[Item]]] = []
        for pages in slides:
            previous = out[-1] if out else None
            if previous is not None and not isinstance(previous, _Stacked):
                k = next(j for j, page in enumerate(previous) if page)
                j = next(j for j, page in enumerate(pages) if page)
                heights = [stack_height(side[i], box.width, self.m) for side, i in ((previous, k), (pages, j))]
                if j > k and sum(heights) + 2 * header + GAP <= box.height:
                    merged = _Stacked([previous[i] or pages[i] for i in range(len(pages))])
                    out[-1] = merged
                    continue
            out.append(pages)
        return out

    @staticmethod
    def _group_too_tall(pages: list[list[Item]]) -> bool:
        """Whether a KPI group of this column was cut across slides (its rows are chained)."""
        return any(page and isinstance(page[-1], BlockItem) and page[-1].keep_with_next for page in pages[:-1])

    def _widen(self, items: list[Item], width: int) -> list[Item]:
        """``items`` laid out for a column, re-laid for ``width``: each chain of card rows becomes one wider group."""
        out: list[Item] = []
        cards: list[KpiCard] = []
        style: card_mod.CardStyle | None = None
        for item in items:
            if isinstance(item, BlockItem) and isinstance(item.payload, CardsPayload):
                style = item.payload.style
                cards.extend(item.payload.row.cards)
                if not item.keep_with_next:
                    out.extend(self.card_items(cards, width, style.implied_period))
                    cards = []
            else:
                out.append(item)
        if cards and style is not None:
            out.extend(self.card_items(cards, width, style.implied_period))
        return out

    def _draw_columns(
        self, sides: list[tuple[str, Sequence[Node], str]], plan: list[list[list[Item]]], title: str
    ) -> None:
        columns = self.geo.columns(len(sides))
        shown: set[int] = set()
        for number, pages in enumerate(plan):
            slide = self.content_slide(title + (self.labels.continued if number else ""))
            if isinstance(pages, _Stacked):  # whole sides, one under the other, at full width
                top = self.geo.content.top
                for k, ((label, _, color), items) in enumerate(zip(sides, pages, strict=True)):
                    if not items:
                        continue
                    box = Box(self.geo.content.left, top, self.geo.content.width, COLUMN_HEADER)
                    self._column_header(slide, label + (self.labels.continued if k in shown else ""), color, box)
                    shown.add(k)
                    top += COLUMN_HEADER + COLUMN_GAP
                    height = stack_height(items, box.width, self.m)
                    self.draw_stack(slide, items, Box(box.left, top, box.width, height))
                    top += height + GAP
                continue
            alone = len(sides) > 1 and sum(1 for page in pages if page) == 1
            for k, ((label, _, color), col, items) in enumerate(zip(sides, columns, pages, strict=True)):
                if not items and (alone or number):
                    continue  # never a header with nothing under it
                box = self.geo.content if alone else col
                if alone:  # a side alone at full width: loosened when it leaves the slide empty (header stays on top)
                    header = COLUMN_HEADER + COLUMN_GAP
                    items, _ = self._roomy(items, Box(box.left, box.top, box.width, box.height - header))
                self._column_header(slide, label + (self.labels.continued if k in shown else ""), color, box)
                shown.add(k)
                top = box.top + COLUMN_HEADER + COLUMN_GAP
                self.draw_stack(slide, items, Box(box.left, top, box.width, box.bottom - top))

    def _column_header(self, slide: Slide, label: str, color: str, col: Box) -> None:
        head = TextPara((TextRun(label, 20, True, self.c.background),), leading=TITLE_LEADING)
        shape = flat_shape(slide, replace(col, height=COLUMN_HEADER), color, name=label)
        prepare_frame(shape.text_frame, anchor="middle", inset_x=inches(0.16))
        write_paragraphs(shape.text_frame, [head], self.face, self.m)

    # ------------------------------------------------------------------ figures, tables, images

    def caption_paras(self, label: str, caption: str, source: str) -> list[TextPara]:
        paras = []
        if caption or (label and source):
            paras.append(
                para(
                    (Span(label + "  ", True), Span(caption)) if label else caption,
                    self.small,
                    color=self.c.muted,
                    leading=1.3,
                )
            )
        if source:
            paras.append(para(f"{self.labels.source}：{source}", self.small, color=self.c.muted, leading=1.3))
        return paras

    def _with_caption(self, slide: Slide, paras: list[TextPara], box: Box | None = None) -> Box:
        """Draw the caption at the bottom of ``box`` (the content box); return the box left above it."""
        box = box or self.geo.content
        if not paras:
            return box
        height = self.m.height(paras, box.width)
        self.text_box(slide, Box(box.left, box.bottom - height, box.width, height), paras, name="Caption")
        return Box(box.left, box.top, box.width, box.height - height - GAP)

    def figure(self, block: Figure) -> None:
        fig = block.data
        slide = self.content_slide(fig.title or f"{self.labels.figure}{fig.number}", with_source=not fig.source)
        label = f"{self.labels.figure}{fig.number}"
        area = self._with_caption(slide, self.caption_paras(label, fig.caption, fig.source))
        if fig.kind == "scorecard":
            self._scorecard(slide, fig, area)
            return
        frame = add_chart(
            slide,
            fig,
            self.fonts,
            self.doc.theme,
            Emu(area.left),
            Emu(area.top),
            Emu(area.width),
            Emu(area.height),
            when=self.when,
        )
        frame.name = f"{label} {fig.title}"
        oxml.set_descr(frame._element, fig.alt or fig.title)

    def _scorecard(self, slide: Slide, fig, area: Box) -> None:
        series = fig.series[0] if fig.series else None
        kpis = [
            KpiCard(
                label=cat,
                prefix="",
                number=series.labels[i] if series else "",
                infix="",
                unit=series.unit or fig.unit if series else fig.unit,
                suffix="",
                value=None,
                period="",
                change=None,
                target=False,
                note="",
                source="",
            )
            for i, cat in enumerate(fig.categories)
        ]
        # Tiles, not a strip: labels at the body size, rows up to twice as tall (text centred in
        # them) until the group fills about half the area, the group centred in it.
        style = replace(self.card_style(), label=max(self.body, self.minimum))
        rows = card_mod.build_rows(kpis, area.width, style, self.m)
        natural = sum(row.height for row in rows) + GAP * (len(rows) - 1)
        scale = min(2.0, max(1.0, area.height * 0.5 / natural)) if natural else 1.0
        items: list[Item] = []
        for i, row in enumerate(rows):
            taller = int(row.height * scale)
            row = replace(row, height=taller, pad_top=(taller - row.height) // 2)
            items.append(BlockItem("cards", taller, CardsPayload(row, style), keep_with_next=i < len(rows) - 1))
        height = stack_height(items, area.width, self.m)
        self.draw_stack(
            slide, items, Box(area.left, area.top + max(0, (area.height - height) // 2), area.width, height)
        )

    def table(self, block: Table) -> None:
        """A table centred on the slide, "表 N 标题" above it and caption and source below (表上图下, as in the PDF).

        The text is set as large as the body size allows without needing more
        slides than at the smallest table size, so a short table fills its slide
        instead of sitting in a corner.
        """
        box = self.geo.content
        label = f"{self.labels.table}{block.number}"
        heading = para(
            (Span(label + "\u3000", True), Span(block.title)) if block.title else ((Span(label, True),)),
            self.small,
            color=self.c.text,
            leading=1.3,
            align="center",
        )
        notes = self.caption_paras("", block.caption, block.source)
        smallest = max(self.minimum, 16)

        def laid_out(size: float):
            style = TableStyle(self.c, size)
            layout = measure_table(block, box.width, style, self.m)
            width = sum(layout.widths)
            above = self.m.height([heading], width) + GAP // 2
            below = self.m.height(notes, width) + GAP // 2 if notes else 0
            return style, layout, above, below, split_rows(layout, box.height - above - below)

        # The largest size (body size down to the theme minimum) that needs the fewest slides;
        # above the usual table size only when nothing spills onto another slide for it.
        fewest = min(len(laid_out(smallest)[4]), len(laid_out(self.minimum)[4]))
        size = self.minimum
        for candidate in sorted({max(self.body, smallest), smallest + 2, smallest, self.minimum}, reverse=True):
            if len(laid_out(candidate)[4]) <= fewest:
                size = candidate
                break
        style, layout, above, below, pages = laid_out(size)
        width = sum(layout.widths)
        left = box.left + (box.width - width) // 2
        title = block.title or label
        for i, rows in enumerate(pages):
            slide = self.content_slide(title + (self.labels.continued if i else ""), with_source=not block.source)
            last = i == len(pages) - 1
            body = layout.header + sum(layout.rows[r] for r in rows) + (layout.total if last else 0)
            total = above + body + below
            top = box.top + max(0, (box.height - total) // 3) if len(pages) == 1 else box.top
            head = self.m.height([heading], width)
            self.text_box(slide, Box(left, top, width, head), [heading], name="Table title")
            table_box = Box(left, top + above, width, body)
            draw_table(slide, block, layout, rows, table_box, style, self.face, with_total=last, m=self.m)
            if notes:
                cap = Box(left, table_box.bottom + GAP // 2, width, self.m.height(notes, width))
                self.text_box(slide, cap, notes, name="Caption")

    def image(self, block: Image, section: Section, tail: Sequence[Item] = ()) -> None:
        """The picture under the section's title, its caption and source under it (and a short ``tail`` of text)."""
        slide = self.content_slide(section.title, with_source=not block.source)
        content = self.geo.content
        if tail:
            height = stack_height(tail, content.width, self.m)
            self.draw_stack(slide, tail, Box(content.left, content.bottom - height, content.width, height))
            content = Box(content.left, content.top, content.width, content.height - height - GAP)
        area = self._with_caption(slide, self.caption_paras("", block.caption, block.source), content)
        width = int(area.width * block.width)
        box = Box(area.left + (area.width - width) // 2, area.top, width, area.height)
        pic = self._picture(slide, block.path, box)
        oxml.set_descr(pic._element, block.alt)

    def _picture(self, slide: Slide, path, box: Box):
        source = picture_source(path, self.doc.assets.reference_root)
        pic = slide.shapes.add_picture(source if not isinstance(source, Path) else str(source), Emu(box.left),
                                       Emu(box.top))  # fmt: skip
        scale = min(box.width / pic.width, box.height / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(box.left + (box.width - pic.width) // 2)
        pic.top = Emu(box.top + (box.height - pic.height) // 2)
        return pic


class _Stacked(list):
    """A review/plan slide whose sides are drawn one under the other at full width (see ``_stack_short_pages``)."""


def _slide_count(plan: list[list[list[Item]]]) -> int:
    return len(plan)


def _sparse_tail(plan: list[list[list[Item]]]) -> bool:
    """Whether the last slide of a review/plan holds a single item (worth pulling back)."""
    return len(plan) > 1 and sum(len(page) for page in plan[-1]) <= 1


def _as_of(day: dt.date | None) -> str:
    """ "数据截至2024年12月31日", worded as the PDF's cover has it."""
    return f"数据截至{day.year}年{day.month}月{day.day}日" if day else ""


def _date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _bold_lead(spans: Spans) -> Spans:
    """ "创新发展：…" → the words before the first "：" in bold, as a ministry summary reads."""
    if not spans or any(s.bold for s in spans):
        return spans
    text = spans[0].text
    head, sep, rest = text.partition("：")
    if not sep or len(head) > 12:
        return spans
    return (Span(head + sep, True), Span(rest), *spans[1:])
