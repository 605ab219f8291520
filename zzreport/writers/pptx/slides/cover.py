"""The cover slide (ours or the corporate template's title layout) and the lead (导语)."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER

from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import Box, Item, TextItem, inches, paginate, stack_height
from zzreport.writers.pptx.master import COVER_LEFT
from zzreport.writers.pptx.notes import notes_of
from zzreport.writers.pptx.slides.flow import FlowSlides, one_text
from zzreport.writers.pptx.template import TITLES
from zzreport.writers.pptx.text import (
    INSET_X,
    TITLE_LEADING,
    TextPara,
    para,
    prepare_frame,
    split_paragraph_breaks,
    write_paragraphs,
)


class CoverSlides(FlowSlides):
    """The cover, and the lead on it or on a slide of its own."""

    def cover(self) -> None:
        meta = self.doc.meta
        self.notes = notes_of(meta.notes.cover)
        if self.tpl.corporate and self.tpl.cover_layout is not self.tpl.content_layout:
            self._corporate_cover()
            return
        slide = self.new_slide(self.tpl.cover_layout, keep=TITLES | {PP_PLACEHOLDER.SUBTITLE})
        g = self.geo
        left = COVER_LEFT  # the band on the left edge is the title layout's
        width = g.width - 2 * COVER_LEFT
        byline = "  ·  ".join(p for p in (meta.organisation, meta.author, meta.date_text) if p)
        stack: list[tuple[list[TextPara], int]] = []
        title = self.fitted(meta.title, Box(0, 0, width, inches(2.2)), 44, bold=True, color=self.c.text)
        stack.append(([title], self.m.height([title], width)))
        if meta.subtitle:
            sub = self.fitted(meta.subtitle, Box(0, 0, width, inches(1.2)), 26, bold=False, color=self.c.primary)
            stack.append(([sub], self.m.height([sub], width)))
        placeholders = [TITLES, {PP_PLACEHOLDER.SUBTITLE}][: len(stack)]
        rule = inches(0.35)
        ruled = len(stack)  # the short rule goes between the title block and the details
        details = [para(byline, 18, color=self.c.muted, leading=TITLE_LEADING)] if byline else []
        if meta.as_of_text:
            details.append(para(meta.as_of_text, 16, color=self.c.muted, leading=TITLE_LEADING, space_before=6))
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
            box = Box(left, top, width, h)
            if i < len(placeholders):  # the title and subtitle in the title layout's placeholders
                self.placed_text(slide, placeholders[i], box, paras, name=f"Cover {i}")
            else:
                self.text_box(slide, box, paras, name="Cover lead" if paras is lead else f"Cover {i}")
            top += h
        if not meta.subtitle:
            self.placed_text(slide, (PP_PLACEHOLDER.SUBTITLE,), None, [])
        if self.doc.assets.logo is not None:
            self._picture(
                slide, self.doc.assets.logo, Box(g.width - inches(2.6), inches(0.5), inches(2.1), inches(0.8))
            )

    def _corporate_cover(self) -> None:
        meta = self.doc.meta
        slide = self.prs.slides.add_slide(self.tpl.cover_layout)
        self.number += 1
        self.take_notes(slide)
        parts = (meta.subtitle, meta.organisation, meta.author, meta.date_text, meta.as_of_text)
        byline = "  ·  ".join(p for p in parts if p)
        texts = {0: (meta.title, 40, True), 1: (byline, 22, False)}
        for ph in list(slide.placeholders):
            idx = ph.placeholder_format.idx
            if idx not in texts or not texts[idx][0]:
                oxml.remove_shape(ph)
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
        """The report's lead: on the cover when it fits there, else on its own slides titled ``labels.lead``."""
        lead = self.doc.meta.lead
        if self.lead_on_cover or not lead or not any(s.text.strip() for s in lead):
            return
        self.notes = []
        size = self.body + 2
        base = para(lead, size, color=self.c.text, leading=1.6, space_before=size * 0.6, align="justify")
        items: list[Item] = [TextItem(p) for p in split_paragraph_breaks(base)]
        box = self.geo.content
        pages = paginate(items, box.width, box.height, self.m)
        for i, page in enumerate(pages):
            slide = self.content_slide(self.doc.continued.lead if i else self.labels.lead, body=one_text(page))
            height = stack_height(page, box.width, self.m)
            top = box.top + max(0, (box.height - height) // 3)  # optically centred, a little high
            self.draw_stack(slide, page, Box(box.left, top, box.width, box.bottom - top))
