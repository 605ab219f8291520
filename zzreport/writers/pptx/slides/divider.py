"""A section's divider slide: its number, title and takeaway, full-colour or as a light section header.

``theme.slides.dividers`` chooses: ``full`` is the section header layout in
the primary colour (a strong break, for a deck of few sections); ``compact``
(the default) is the same layout on the background colour, the number large
in the primary colour beside a rule, so seven sections do not make a quarter
of the deck red; ``none`` leaves dividers out (the builder then puts the
section's tag and number in its first slide's title area). Either way the
title sits in the layout's title placeholder and the takeaway in its body.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import Slide

from zzreport.ir import Section
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import Box, inches
from zzreport.writers.pptx.master import COVER_LEFT
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.slides.base import SlideBase
from zzreport.writers.pptx.template import TITLES
from zzreport.writers.pptx.text import INSET_X, TITLE_LEADING, para, rgb

#: The compact divider's number column, and the gap between its rule and the text.
NUMBER_WIDTH = inches(2.3)
RULE_GAP = inches(0.45)


class DividerSlides(SlideBase):
    """Opens each section."""

    def divider(self, section: Section, *, compact: bool = False) -> None:
        """The section header layout: its title placeholder holds the section's title, its text the takeaway.

        Our layout is the primary colour; a corporate template's section layout
        gets our background drawn behind its placeholders. ``compact`` gives the
        light section header instead (:meth:`_compact_divider`).
        """
        slide = self.new_slide(self.tpl.section_layout, keep=TITLES | {PP_PLACEHOLDER.BODY})
        if compact:
            self._compact_divider(slide, section)
            return
        g = self.geo
        if self.tpl.corporate:
            background = flat_shape(slide, Box(0, 0, g.width, g.height), self.c.primary, name="Divider background")
            oxml.send_to_back(background)
        left = COVER_LEFT
        width = g.width - 2 * left
        light = self.c.background
        stack = [para(section.eyebrow, 20, color=light, leading=TITLE_LEADING)]
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
            box = Box(left, top, width, h)
            if i == 0:
                self.text_box(slide, box, [p], name="Divider 0")
            else:  # the title, then the takeaway, in the layout's placeholders
                self.placed_text(slide, TITLES if i == 1 else {PP_PLACEHOLDER.BODY}, box, [p], name=f"Divider {i}")
            top += h
        if not section.takeaway:
            self.placed_text(slide, {PP_PLACEHOLDER.BODY}, None, [])

    def _compact_divider(self, slide: Slide, section: Section) -> None:
        """The light section header: the number large in the primary colour, a thin rule, tag, title, takeaway.

        The slide's own background is the theme's background colour, over the
        layout's (ours is the primary colour; a corporate one may be anything).
        """
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb(self.c.background)
        g = self.geo
        left = COVER_LEFT
        rule_left = left + NUMBER_WIDTH
        text_left = rule_left + RULE_GAP
        width = g.width - text_left - COVER_LEFT
        stack = [para(section.tag, 18, color=self.c.muted, leading=TITLE_LEADING)] if section.tag else []
        stack.append(self.fitted(section.title, Box(0, 0, width, inches(1.7)), 40, bold=True, color=self.c.text))
        if section.takeaway:
            stack.append(
                self.fitted(
                    section.takeaway, Box(0, 0, width, inches(1.6)), 24, bold=False, color=self.c.primary, leading=1.4
                )
            )
        heights = [self.m.height([p], width) for p in stack]
        gap = inches(0.15)
        total = sum(heights) + gap * (len(stack) - 1)
        top = max(inches(0.6), (g.height - total) // 2)
        number = self.fitted(section.number_text, Box(0, 0, NUMBER_WIDTH, inches(1.8)), 88, bold=True,
                             color=self.c.primary, align="right")  # fmt: skip
        number_height = self.m.height([number], NUMBER_WIDTH)
        self.text_box(
            slide,
            Box(left, top + (total - number_height) // 2, NUMBER_WIDTH, number_height),
            [number],
            name="Divider number",
        )
        self.rect(slide, Box(rule_left + inches(0.2), top, inches(0.05), total), self.c.primary, name="Divider rule")
        first_title = 1 if section.tag else 0
        for i, (p, h) in enumerate(zip(stack, heights, strict=True)):
            box = Box(text_left, top, width, h)
            if i < first_title:
                self.text_box(slide, box, [p], name="Divider 0")
            else:  # the title, then the takeaway, in the layout's placeholders
                kinds = TITLES if i == first_title else {PP_PLACEHOLDER.BODY}
                self.placed_text(slide, kinds, box, [p], name=f"Divider {i - first_title + 1}")
            top += h + gap
        if not section.takeaway:
            self.placed_text(slide, {PP_PLACEHOLDER.BODY}, None, [])
