"""A section's divider slide: the section's number, title and takeaway on the primary colour."""

from __future__ import annotations

from zzreport.ir import Section
from zzreport.writers.pptx.layout import Box, inches
from zzreport.writers.pptx.slides.base import SlideBase
from zzreport.writers.pptx.text import INSET_X, TITLE_LEADING, para


class DividerSlides(SlideBase):
    """Opens each section."""

    def divider(self, section: Section) -> None:
        slide = self.new_slide()
        g = self.geo
        self.rect(slide, Box(0, 0, g.width, g.height), self.c.primary, name="Divider background")
        left = inches(1.1)
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
            self.text_box(slide, Box(left, top, width, h), [p], name=f"Divider {i}")
            top += h
