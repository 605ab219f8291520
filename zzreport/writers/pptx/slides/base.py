"""What every slide kind draws with: the deck's state, text boxes, flat shapes, title band, footer.

:class:`SlideBase` holds the document, the template and its grid, the
measurer and the running slide number; the slide kinds (one module each)
build on its primitives, so a title band or a footer looks the same on
every slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import LayoutPlaceholder, SlidePlaceholder
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu

from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document, KpiGroup, ReviewPlan, Span, Spans
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.images import picture_source
from zzreport.writers.pptx.layout import GAP, Box, fit_size
from zzreport.writers.pptx.master import FOOTER_SIZE, RULE_COLOR, footer_boxes, title_bar_box, title_rule_box
from zzreport.writers.pptx.notes import NotesPages
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.template import BODIES, TITLES, DeckTemplate, layout_placeholders
from zzreport.writers.pptx.text import (
    TITLE_LEADING,
    Measurer,
    TextPara,
    TextRun,
    para,
    prepare_frame,
    write_paragraphs,
)


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
        #: Speaker notes for the next slide made (each text a paragraph); :meth:`new_slide` takes them.
        self.notes: list[str] = []
        #: The section's tag and number for the next content slide's title area (sections without a divider).
        self.eyebrow = ""
        self.notes_pages = NotesPages()
        self.number = 0
        self.number_size = self._deck_number_size()
        self.lead_on_cover = False
        #: Each layout's placeholders, by its part (:meth:`_layout_placeholders`).
        self._layouts: dict[object, list[tuple[PP_PLACEHOLDER, LayoutPlaceholder]]] = {}
        #: Each layout's footer and slide number boxes, by its part and the placeholder's type (:meth:`_furniture`).
        self._furniture_boxes: dict[tuple[object, PP_PLACEHOLDER], Box] = {}
        #: The contents slide's entries: their shapes and the entry's place (see ``ContentsSlides.link_agenda``).
        self.agenda_links: list[tuple[tuple[BaseShape, ...], int]] = []

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

    def new_slide(self, layout: SlideLayout | None = None, *, keep: Collection[PP_PLACEHOLDER] = TITLES) -> Slide:
        """A slide from ``layout`` (default the blank one) keeping only its placeholders of the types in ``keep``.

        Placeholders the slide kind does not fill would show "Click to add
        text" in PowerPoint: they are removed here; one kept but left empty
        is removed by the slide kind (see :meth:`placed_text`).
        """
        slide = self.prs.slides.add_slide(layout or self.tpl.blank_layout)
        # Each new shape's id is then one more than the last, instead of a search of the whole slide
        # for its highest id: every shape is added through this collection (a chart frame, added
        # beside it, moves the count past itself: see oxml.append_chart_frame).
        slide.shapes.turbo_add_enabled = True
        self.number += 1
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type not in keep:
                oxml.remove_shape(ph)
        self.take_notes(slide)
        return slide

    def placed_text(
        self,
        slide: Slide,
        kinds: Collection[PP_PLACEHOLDER],
        box: Box | None,
        paras: Sequence[TextPara],
        *,
        anchor: str = "top",
        name: str = "",
    ) -> None:
        """``paras`` in the slide's placeholder of one of ``kinds`` (moved to ``box``), else in a text box there.

        With no ``paras`` the placeholder is removed, never left empty.
        ``box=None`` keeps the placeholder where its layout puts it.
        """
        ph = self._free_placeholder(slide, kinds, box)
        if not paras:
            if ph is not None:
                oxml.remove_shape(ph)
            return
        if ph is None:
            if box is not None:
                self.text_box(slide, box, paras, anchor=anchor, name=name)
            return
        if box is not None:
            ph.left, ph.top, ph.width, ph.height = Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        if name:
            ph.name = name
        prepare_frame(ph.text_frame, anchor=anchor)
        write_paragraphs(ph.text_frame, paras, self.face, self.m)

    def _free_placeholder(
        self, slide: Slide, kinds: Collection[PP_PLACEHOLDER], box: Box | None
    ) -> SlidePlaceholder | None:
        """The slide's placeholder of one of ``kinds`` that holds no text yet, on ``box``'s side.

        With one such placeholder on the layout (a title, a body) it is that
        one. A two-content layout has one per column: the one whose middle
        lies across ``box`` (the column being drawn), so a column's text never
        lands in the other column's placeholder; none there, None. The
        slide's placeholders are asked one at a time, up to the first that
        fits: python-pptx answers each question about a shape with an XPath
        over its XML.
        """
        free = (p for p in slide.placeholders if p.placeholder_format.type in kinds and not p.text_frame.text)
        on_layout = sum(1 for kind, _ in self._layout_placeholders(slide.slide_layout) if kind in kinds)
        if on_layout <= 1 or box is None:
            return next(free, None)
        return next((p for p in free if box.left <= p.left + p.width // 2 <= box.left + box.width), None)

    def _layout_placeholders(self, layout: SlideLayout) -> list[tuple[PP_PLACEHOLDER, LayoutPlaceholder]]:
        """``layout``'s placeholders and their types, read once per layout of the deck.

        Every text a slide places and every footer asks for them, and
        python-pptx finds a layout's placeholders by walking all its shapes
        with an XPath each. A layout does not change once the master is
        built (:mod:`zzreport.writers.pptx.master`), so the answer is kept.
        Measured with the lazy search of :meth:`_free_placeholder`: the two
        lookups cost a slice of ``benchmarks/batch.py`` 19 ms of CPU instead
        of 24 ms (warm worker, 30 slices).
        """
        found = self._layouts.get(layout.part)
        if found is None:
            found = [(p.placeholder_format.type, p) for p in layout_placeholders(layout)]
            self._layouts[layout.part] = found
        return found

    def remove_unfilled(self, slide: Slide, kinds: Collection[PP_PLACEHOLDER] = BODIES) -> None:
        """Remove the placeholders of ``kinds`` nothing was written into (a column of cards only)."""
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type in kinds and not ph.text_frame.text:
                oxml.remove_shape(ph)

    def take_notes(self, slide: Slide) -> None:
        """Put the pending speaker notes on ``slide`` (they are for this slide only)."""
        if self.notes:
            self.notes_pages.add(slide, self.notes, self.face)
            self.notes = []

    def text_box(
        self, slide: Slide, box: Box, paras: Sequence[TextPara], *, anchor: str = "top", name: str = ""
    ) -> Shape:
        shape = slide.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
        if name:
            shape.name = name
        prepare_frame(shape.text_frame, anchor=anchor)
        write_paragraphs(shape.text_frame, paras, self.face, self.m)
        return shape

    def body_text(self, slide: Slide, box: Box, paras: Sequence[TextPara]) -> None:
        """A stack's text: in the slide's body placeholder (moved to ``box``) when it has one, else a text box.

        PowerPoint's outline view and a reader's screen reader then find the
        slide's text as its body, under its title.
        """
        self.placed_text(slide, BODIES, box, paras, name="Text")

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

    def title(self, slide: Slide, text: str, *, eyebrow: str = "") -> None:
        """The slide's title in its layout's title placeholder, fitted to one or two lines (under a small ``eyebrow``).

        The accent bar and the rule under the title are our layouts' own
        shapes; a corporate layout without a title placeholder gets a text box
        with the bar and rule drawn on the slide.
        """
        g = self.geo
        above = [para(eyebrow, self.minimum, color=self.c.primary, bold=True, leading=TITLE_LEADING)] if eyebrow else []
        rest = replace(g.title, height=g.title.height - self.m.height(above, g.title.width)) if above else g.title
        paragraphs = [*above, self.fitted(text, rest, 28, bold=True, color=self.c.text)]
        if slide.shapes.title is not None:
            self.placed_text(slide, TITLES, None, paragraphs, anchor="middle", name="Title")
            return
        self.rect(slide, title_bar_box(g), self.c.primary, name="Title bar")
        self.text_box(slide, g.title, paragraphs, anchor="middle", name="Title")
        self.rect(slide, title_rule_box(g), RULE_COLOR, name="Title rule")

    def footer(self, slide: Slide, *, with_source: bool = True) -> None:
        """Source and date on the left, the live slide number on the right, in the layout's footer placeholders.

        python-pptx does not copy footer and slide-number placeholders from a
        layout (#64): they are cloned here, or, where a corporate layout has
        none, text boxes take their place. ``with_source=False`` on a figure or
        table slide that states its own source under the figure: one "来源"
        line per slide, not two.
        """
        meta = self.doc.meta
        parts = [meta.footer or (meta.source_line if with_source else ""), meta.date_text]
        text = "  ·  ".join(p for p in parts if p)
        left_box, number_box = footer_boxes(self.geo)
        footer = self._furniture(slide, PP_PLACEHOLDER.FOOTER) if text else None
        if footer is not None:
            left_box = footer
        line = TextPara((TextRun(text, FOOTER_SIZE, False, self.c.muted),), leading=TITLE_LEADING)
        while text and not self.m.fits_one_line(line, left_box.width):
            text = text[:-2] + "…"
            line = TextPara((TextRun(text, FOOTER_SIZE, False, self.c.muted),), leading=TITLE_LEADING)
        if text:
            self.placed_text(slide, (PP_PLACEHOLDER.FOOTER,), left_box, [line], anchor="middle", name="Footer")
        number = TextPara(
            (TextRun(str(self.number), FOOTER_SIZE, True, self.c.muted, field="slidenum"),),
            leading=TITLE_LEADING,
            align="right",
        )
        if self._furniture(slide, PP_PLACEHOLDER.SLIDE_NUMBER) is not None:
            self.placed_text(
                slide, (PP_PLACEHOLDER.SLIDE_NUMBER,), None, [number], anchor="middle", name="Slide number"
            )
        else:
            self.text_box(slide, number_box, [number], anchor="middle", name="Slide number")

    def _furniture(self, slide: Slide, kind: PP_PLACEHOLDER) -> Box | None:
        """Clone the slide's ``kind`` placeholder (footer, slide number) from its layout; its box, None if it has none.

        The clone has no position of its own: it sits where the layout's
        placeholder does, so the box is read from that one, once per layout
        (python-pptx finds an inherited position by searching the layout's
        shapes, for each of its four sides). Measured: building a slice of
        ``benchmarks/batch.py``'s slides takes 62 ms of CPU instead of 75 ms
        with the other lookups kept (warm worker, 20 slices).
        """
        source = next((p for found, p in self._layout_placeholders(slide.slide_layout) if found == kind), None)
        if source is None:
            return None
        slide.shapes.clone_placeholder(source)
        key = (slide.slide_layout.part, kind)
        box = self._furniture_boxes.get(key)
        if box is None:
            box = Box(int(source.left), int(source.top), int(source.width), int(source.height))
            self._furniture_boxes[key] = box
        return box

    def content_slide(self, title: str, *, with_source: bool = True, body: bool = False, two: bool = False) -> Slide:
        """A slide with its title, footer and slide number; the content is the caller's.

        ``body``: the slide's content is one stack of text, drawn with
        :meth:`body_text` into the body placeholder of the title-and-content
        layout; ``two``: two columns on the two-content layout, each
        column's text in its placeholder (the caller removes the ones left
        unfilled, :meth:`remove_unfilled`); otherwise the layout is
        title-only and the content placed shapes. A pending ``eyebrow`` (the
        tag and number of a section without a divider) goes above the title.
        """
        layout = self.tpl.two_layout if two else self.tpl.body_layout if body else self.tpl.content_layout
        slide = self.new_slide(layout, keep=TITLES | BODIES if body or two else TITLES)
        self.title(slide, title, eyebrow=self.eyebrow)
        self.eyebrow = ""
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
        """A picture of the file at ``path`` (or of the image bytes ``path`` is), centred in ``box`` at its ratio."""
        source = picture_source(path, self.doc.assets.reference_root) if isinstance(path, Path) else path
        pic = slide.shapes.add_picture(source if not isinstance(source, Path) else str(source), Emu(box.left),
                                       Emu(box.top))  # fmt: skip
        scale = min(box.width / pic.width, box.height / pic.height)
        pic.width, pic.height = Emu(int(pic.width * scale)), Emu(int(pic.height * scale))
        pic.left = Emu(box.left + (box.width - pic.width) // 2)
        pic.top = Emu(box.top + (box.height - pic.height) // 2)
        return pic
