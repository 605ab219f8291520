"""Figure, table and picture slides: one per figure or table page, caption and source under it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pptx.slide import Slide
from pptx.util import Emu

from zzreport.figures.scorecard import tiles as scorecard_tiles
from zzreport.ir import Figure, Graphic, Headline, Image, Section, Span, Table
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.charts import add_chart
from zzreport.writers.pptx.layout import GAP, BlockItem, Box, CardsPayload, Item, stack_height
from zzreport.writers.pptx.slides.flow import FlowSlides
from zzreport.writers.pptx.tables import TableLayout, TableStyle, draw_table, measure_table, split_rows
from zzreport.writers.pptx.text import TextPara, para


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
        plan = self._table_plan(block, box)
        words = headline or Headline(block.title or block.label, block.continued_title)
        title, continued = words.text, words.continued
        for i in range(len(plan.pages)):
            slide = self.content_slide(continued if i else title, with_source=not block.source_line)
            total = plan.height(i)
            top = box.top + max(0, (box.height - total) // 3) if len(plan.pages) == 1 else box.top
            self._draw_table_page(slide, block, plan, i, top)

    def tables_together(self, blocks: Sequence[Table], headline: Headline | None = None) -> bool:
        """Short tables one under the other on one slide, when each fits on one page and all fit together.

        Two short tables each on a slide of its own left both slides mostly
        empty. Each keeps its own "表 N 标题", caption and source; the slide is
        titled by ``headline`` (else the first table's title). Returns whether
        it drew them (else the caller gives each its slides).
        """
        box = self.geo.content
        if len(blocks) < 2:
            return False
        for size in self._table_sizes():  # the largest size at which they all fit
            plans = [self._table_plan(b, box, size) for b in blocks]
            heights = [p.height(0) for p in plans]
            if all(len(p.pages) == 1 for p in plans) and sum(heights) + GAP * (len(plans) - 1) <= box.height:
                break
        else:
            return False
        first = blocks[0]
        words = headline or Headline(first.title or first.label, first.continued_title)
        sources = {b.source_line for b in blocks}
        slide = self.content_slide(words.text, with_source=sources == {""})
        spare = box.height - sum(heights) - GAP * (len(plans) - 1)
        top = box.top + spare // 3
        for block, plan, height in zip(blocks, plans, heights, strict=True):
            self._draw_table_page(slide, block, plan, 0, top)
            top += height + GAP
        return True

    def _table_sizes(self) -> list[float]:
        """The text sizes a table may be set at, largest first: the body size, a little and the usual table
        size, the theme's minimum."""
        smallest = max(self.minimum, 16)
        return sorted({max(self.body, smallest), smallest + 2, smallest, self.minimum}, reverse=True)

    def _table_plan(self, block: Table, box: Box, size: float | None = None) -> _TablePlan:
        """``block`` laid out for ``box`` at ``size``, by default the largest that needs the fewest pages (see
        :meth:`table`): its text size, column widths and pages."""
        heading = para(
            (Span(block.label + "\u3000", True), Span(block.title)) if block.title else ((Span(block.label, True),)),
            self.small,
            color=self.c.text,
            leading=1.3,
            align="center",
        )
        notes = self.caption_paras("", block.caption, block.source_line)
        smallest = max(self.minimum, 16)

        def laid_out(size: float) -> _TablePlan:
            style = TableStyle(self.c, size)
            layout = measure_table(block, box.width, style, self.m)
            width = sum(layout.widths)
            above = self.m.height([heading], width) + GAP // 2
            below = self.m.height(notes, width) + GAP // 2 if notes else 0
            pages = split_rows(layout, box.height - above - below)
            return _TablePlan(style, layout, heading, notes, above, below, pages, box.left + (box.width - width) // 2)

        if size is not None:
            return laid_out(size)
        # The largest size (body size down to the theme minimum) that needs the fewest slides;
        # above the usual table size only when nothing spills onto another slide for it.
        fewest = min(len(laid_out(smallest).pages), len(laid_out(self.minimum).pages))
        for candidate in self._table_sizes():
            plan = laid_out(candidate)
            if len(plan.pages) <= fewest:
                return plan
        return laid_out(self.minimum)

    def _draw_table_page(self, slide: Slide, block: Table, plan: _TablePlan, i: int, top: int) -> None:
        """Page ``i`` of ``plan`` with its heading above and (on every page) its caption below, from ``top``."""
        width = plan.width
        head = self.m.height([plan.heading], width)
        self.text_box(slide, Box(plan.left, top, width, head), [plan.heading], name="Table title")
        table_box = Box(plan.left, top + plan.above, width, plan.body(i))
        last = i == len(plan.pages) - 1
        draw_table(
            slide, block, plan.layout, plan.pages[i], table_box, plan.style, self.face, with_total=last, m=self.m
        )
        if plan.notes:
            cap = Box(plan.left, table_box.bottom + GAP // 2, width, self.m.height(plan.notes, width))
            self.text_box(slide, cap, plan.notes, name="Caption")

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


@dataclass(frozen=True)
class _TablePlan:
    """A table laid out for the content box: style, measured layout, heading and notes, their heights, pages."""

    style: TableStyle
    layout: TableLayout
    heading: TextPara
    notes: list[TextPara]
    above: int
    below: int
    pages: list[range]
    left: int

    @property
    def width(self) -> int:
        return sum(self.layout.widths)

    def body(self, i: int) -> int:
        """The height of page ``i``'s table: header, its rows, the total row on the last page."""
        last = i == len(self.pages) - 1
        return self.layout.header + sum(self.layout.rows[r] for r in self.pages[i]) + (self.layout.total if last else 0)

    def height(self, i: int) -> int:
        """Page ``i`` with its heading above and notes below."""
        return self.above + self.body(i) + self.below
