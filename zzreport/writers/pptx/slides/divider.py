"""A section's divider slide: the section's number, title and takeaway on the primary colour."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER

from zzreport.ir import Section
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import Box, inches
from zzreport.writers.pptx.master import COVER_LEFT
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.slides.base import SlideBase
from zzreport.writers.pptx.template import TITLES
from zzreport.writers.pptx.text import INSET_X, TITLE_LEADING, para


class DividerSlides(SlideBase):
    """Opens each section."""

    def divider(self, section: Section) -> None:
        """The section header layout: its title placeholder holds the section's title, its text the takeaway.

        Our layout is the primary colour; a corporate template's section layout
        gets our background drawn behind its placeholders.
        """
        slide = self.new_slide(self.tpl.section_layout, keep=TITLES | {PP_PLACEHOLDER.BODY})
        g = self.geo
        if self.tpl.corporate:
            background = flat_shape(slide, Box(0, 0, g.width, g.height), self.c.primary, name="Divider background")
            oxml.send_to_back(background)
        left = COVER_LEFT
        width = g.width - 2 * left
        light = self.c.background
        eyebrow = " · ".join(p for p in (section.tag, section.number_text) if p)
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
            box = Box(left, top, width, h)
            if i == 0:
                self.text_box(slide, box, [p], name="Divider 0")
            else:  # the title, then the takeaway, in the layout's placeholders
                self.placed_text(slide, TITLES if i == 1 else {PP_PLACEHOLDER.BODY}, box, [p], name=f"Divider {i}")
            top += h
        if not section.takeaway:
            self.placed_text(slide, {PP_PLACEHOLDER.BODY}, None, [])
