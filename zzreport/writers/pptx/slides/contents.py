"""The contents slide (目录): a numbered badge and title per section, continued as needed."""

from __future__ import annotations

from collections.abc import Sequence

from zzreport.ir import Section
from zzreport.writers.pptx.layout import Box, inches
from zzreport.writers.pptx.notes import notes_of
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.slides.base import SlideBase
from zzreport.writers.pptx.text import TITLE_LEADING, TextPara, TextRun, para, prepare_frame, write_paragraphs


class ContentsSlides(SlideBase):
    """The agenda of the deck's sections (the executive summary before it is not an entry)."""

    def agenda(self) -> None:
        """The 目录 slides; each entry is linked to its section once the deck is built (:meth:`link_agenda`)."""
        sections: list[Section] = list(self.doc.sections)
        if not sections:
            return
        self.notes = notes_of(self.doc.meta.notes.contents)
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
            slide = self.content_slide(self.doc.continued.contents if page_start else self.labels.contents)
            for k, s in enumerate(sections[page_start : page_start + per_slide]):
                col = col_boxes[k // per_col]
                top = col.top + (k % per_col) * step
                box = Box(col.left, top + (height - badge) // 2, badge, badge)
                number = TextPara(
                    (TextRun(s.number_text, 20, True, self.c.background),), leading=TITLE_LEADING, align="center"
                )
                shape = flat_shape(slide, box, self.c.primary, name=f"Agenda number {s.number}")
                prepare_frame(shape.text_frame, anchor="middle", inset_x=0, inset_y=0)
                write_paragraphs(shape.text_frame, [number], self.face)
                entry = self.text_box(
                    slide,
                    Box(col.left + badge + inches(0.2), top, text_width, height),
                    entries[page_start + k],
                    anchor="middle",
                    name=f"Agenda {s.number}",
                )
                self.agenda_links.append(((shape, entry), page_start + k))

    def link_agenda(self, parts: Sequence[Sequence[int]]) -> None:
        """Make each contents entry (badge and text) jump to the first slide of its part when clicked.

        ``parts`` are the slide ids of the deck's parts after the opening, in
        order: one per spec section (the key points precede the contents and
        are no entry). Links can only be set once the target slides exist, so
        this runs after the whole deck is built.
        """
        for shapes, k in self.agenda_links:
            ids = parts[k]
            if not ids:
                continue
            target = self.prs.slides.get(ids[0])
            for shape in shapes:
                shape.click_action.target_slide = target
