"""Figure, table and picture slides: one per figure or table page, caption and source under it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from pptx.slide import Slide
from pptx.util import Emu

from zzreport.figures.scorecard import tiles as scorecard_tiles
from zzreport.ir import Figure, Graphic, Headline, Image, Section, Span, Table
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.charts import add_chart
from zzreport.writers.pptx.layout import GAP, BlockItem, Box, CardsPayload, Item, stack_height
from zzreport.writers.pptx.slides.flow import FlowSlides
from zzreport.writers.pptx.tables import TableStyle, draw_table, measure_table, split_rows
from zzreport.writers.pptx.text import para


class VisualSlides(FlowSlides):
    """Charts, scorecards, tables and pictures."""

    def figure(self, block: Figure, headline: Headline | None = None) -> None:
        """The chart under its title; under an action title ``headline`` its own title joins the caption."""
        fig = block.data
        title = headline.text if headline else fig.title or block.label
        slide = self.content_slide(title, with_source=not block.source_line)
        label = block.label if title == (fig.title or block.label) else block.title_line
        caption = self.caption_paras(label, fig.caption, block.source_line)
        if label != block.label and not caption:  # nothing else under the chart: its own title, alone
            caption = self.caption_paras("", block.title_line, "")
        area = self._with_caption(slide, caption)
        if fig.extent == "tiles":  # drawn as KPI cards, not as a chart
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
        frame.name = f"{block.label} {fig.title}"
        oxml.set_descr(frame, fig.alt or fig.title)

    def _scorecard(self, slide: Slide, fig, area: Box) -> None:
        kpis = scorecard_tiles(fig)  # the PDF's tiles: same label, value and unit
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

    def table(self, block: Table, headline: Headline | None = None) -> None:
        """A table centred on the slide, "表 N 标题" above it and caption and source below (表上图下, as in the PDF).

        The text is set as large as the body size allows without needing more
        slides than at the smallest table size, so a short table fills its slide
        instead of sitting in a corner.
        """
        box = self.geo.content
        label = block.label
        heading = para(
            (Span(label + "\u3000", True), Span(block.title)) if block.title else ((Span(label, True),)),
            self.small,
            color=self.c.text,
            leading=1.3,
            align="center",
        )
        notes = self.caption_paras("", block.caption, block.source_line)
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
        words = headline or Headline(block.title or label, block.continued_title)
        title, continued = words.text, words.continued
        for i, rows in enumerate(pages):
            slide = self.content_slide(continued if i else title, with_source=not block.source_line)
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

    def image(
        self, block: Image | Graphic, section: Section, tail: Sequence[Item] = (), headline: Headline | None = None
    ) -> None:
        """The picture under ``headline`` (else the section's title), its caption and source under it (and a
        short ``tail`` of text); a figure drawn in code is its SVG with the PNG as the fallback."""
        source_line = block.source_line if isinstance(block, Image) else ""
        slide = self.content_slide(headline.text if headline else section.title, with_source=not source_line)
        content = self.geo.content
        if tail:
            height = stack_height(tail, content.width, self.m)
            self.draw_stack(slide, tail, Box(content.left, content.bottom - height, content.width, height))
            content = Box(content.left, content.top, content.width, content.height - height - GAP)
        area = self._with_caption(slide, self.caption_paras("", block.caption, source_line), content)
        width = int(area.width * block.width)
        box = Box(area.left + (area.width - width) // 2, area.top, width, area.height)
        if isinstance(block, Image):
            pic = self._picture(slide, block.path, box)
        else:
            pic = self._picture(slide, io.BytesIO(block.png), box)
            oxml.add_svg(pic, block.svg)
        oxml.set_descr(pic, block.alt)
