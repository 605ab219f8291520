"""What every slide kind draws with: the deck's state, text boxes, flat shapes, title band, footer.

:class:`SlideBase` holds the document, the template and its grid, the
measurer and the running slide number; the slide kinds (one module each)
build on its primitives, so a title band or a footer looks the same on
every slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu

from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document, KpiGroup, ReviewPlan, Span, Spans
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.images import picture_source
from zzreport.writers.pptx.layout import GAP, Box, fit_size, inches
from zzreport.writers.pptx.notes import NotesPages
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.template import DeckTemplate
from zzreport.writers.pptx.text import (
    TITLE_LEADING,
    Measurer,
    TextPara,
    TextRun,
    para,
    prepare_frame,
    write_paragraphs,
)

FOOTER_SIZE = 11.0  # furniture (source line, slide number), not content


class SlideBase:
    """The deck's state and the primitives every slide kind uses."""

    def __init__(self, document: Document, template: DeckTemplate, when: dt.datetime, fonts: FontSet) -> None:
        self.doc = document
        self.tpl = template
        self.prs = template.prs
        self.geo = template.geometry
        self.when = when
        self.fonts = fonts
        self.face = fonts.family("slide")
        self.m = Measurer(fonts)
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

    def card_style(self) -> card_mod.CardStyle:
        number = getattr(self, "number_size", card_mod.NUMBER_SIZE)
        return card_mod.CardStyle(self.c, self.small, max(self.minimum, 15), number, self.minimum)

    def new_slide(self, layout: SlideLayout | None = None) -> Slide:
        slide = self.prs.slides.add_slide(layout or self.tpl.blank_layout)
        # Each new shape's id is then one more than the last, instead of a search of the whole slide
        # for its highest id: every shape is added through this collection (a chart frame, added
        # beside it, moves the count past itself: see oxml.append_chart_frame).
        slide.shapes.turbo_add_enabled = True
        self.number += 1
        for ph in list(slide.placeholders):  # unused placeholders would show prompt text
            if layout is None or ph.placeholder_format.idx != 0:
                oxml.remove_shape(ph)
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
        self,
        text: str | Spans,
        box: Box,
        largest: float,
        *,
        bold: bool,
        color: str,
        leading: float = TITLE_LEADING,
        align: str = "left",
    ) -> TextPara:
        """``text`` at the largest size (down to the theme minimum) whose lines fit ``box``."""

        def make(size: float) -> TextPara:
            return para(text, size, color=color, bold=bold, leading=leading, align=align)

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
        parts = [meta.footer or (meta.source_line if with_source else ""), meta.date_text]
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

    def caption_paras(self, label: str, caption: str, source_line: str) -> list[TextPara]:
        """The caption (after the bold ``label``, if any) and the finished source line, as paragraphs."""
        paras = []
        if caption or (label and source_line):
            paras.append(
                para(
                    (Span(label + "  ", True), Span(caption)) if label else caption,
                    self.small,
                    color=self.c.muted,
                    leading=1.3,
                )
            )
        if source_line:
            paras.append(para(source_line, self.small, color=self.c.muted, leading=1.3))
        return paras

    def _with_caption(self, slide: Slide, paras: list[TextPara], box: Box | None = None) -> Box:
        """Draw the caption at the bottom of ``box`` (the content box); return the box left above it."""
        box = box or self.geo.content
        if not paras:
            return box
        height = self.m.height(paras, box.width)
        self.text_box(slide, Box(box.left, box.bottom - height, box.width, height), paras, name="Caption")
        return Box(box.left, box.top, box.width, box.height - height - GAP)

    def _picture(self, slide: Slide, path, box: Box):
        source = picture_source(path, self.doc.assets.reference_root)
        pic = slide.shapes.add_picture(source if not isinstance(source, Path) else str(source), Emu(box.left),
                                       Emu(box.top))  # fmt: skip
        scale = min(box.width / pic.width, box.height / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(box.left + (box.width - pic.width) // 2)
        pic.top = Emu(box.top + (box.height - pic.height) // 2)
        return pic
