"""Review and plan (回顾 / 目标): two columns continued side by side, or one under the other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from pptx.slide import Slide

from zzreport.ir import Figure, Graphic, Headline, Image, KpiCard, Node, ReviewPlan, Section, Table
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx.layout import GAP, BlockItem, Box, CardsPayload, Item, inches, paginate, stack_height
from zzreport.writers.pptx.shapes import flat_shape
from zzreport.writers.pptx.slides.flow import FlowSlides
from zzreport.writers.pptx.text import TITLE_LEADING, TextPara, TextRun, prepare_frame, write_paragraphs

COLUMN_HEADER = inches(0.5)  # the "2024 回顾" / "2025 目标" band
COLUMN_GAP = inches(0.15)  # between the band and its column


class _Side(NamedTuple):
    """One column of a review/plan: its header's title (and as continued), its blocks and its band's colour."""

    title: str
    continued: str
    blocks: Sequence[Node]
    color: str


class ColumnSlides(FlowSlides):
    """The columns of a review/plan block."""

    def review_plan(self, block: ReviewPlan, section: Section, headline: Headline | None = None) -> None:
        """Two columns, 2024 review left and 2025 plan right, continued side by side.

        When one side runs longer, its rest continues at full width under its
        own header, so no slide shows a column header with nothing under it.
        A continuation that would hold a single leftover item is avoided by
        setting the columns a point or two smaller (never below the theme's minimum).
        """
        sides = [
            _Side(block.review_title, block.continued_review_title, block.review or (), self.c.primary),
            _Side(block.plan_title, block.continued_plan_title, block.plan or (), self.c.accent),
        ]
        sides = [s for s in sides if s.blocks]
        if not sides:
            return
        largest = max(self.minimum, self.body - 2)
        plan = self._plan_columns(sides, largest)
        size = largest
        while _sparse_tail(plan) and size > self.minimum:
            size = max(self.minimum, size - 1)
            smaller = self._plan_columns(sides, size)
            if len(smaller) < len(plan):  # fewer slides
                plan = smaller
                break
        self._draw_columns(sides, plan, headline or Headline(section.title, section.continued_title))

    def _side_items(self, blocks: Sequence[Node], width: int, size: float) -> list[Item]:
        items: list[Item] = []
        for b in blocks:
            if not isinstance(b, (Figure, Table, Image, Graphic, ReviewPlan)):
                items.extend(self.block_items(b, width, size, condensed=True))
        return items

    def _plan_columns(self, sides: list[_Side], size: float) -> list[list[list[Item]]]:
        """Per slide, per side, the items to draw; a side alone on a slide is laid out at full width."""
        header = COLUMN_HEADER + COLUMN_GAP
        columns = self.geo.columns(len(sides))
        stacks = [
            # orphans allowed: a sparse last slide is what review_plan sets the columns smaller for
            paginate(
                self._side_items(side.blocks, col.width, size), col.width, col.height - header, self.m, orphans=True
            )
            for side, col in zip(sides, columns, strict=True)
        ]
        stacks = [[page for page in pages if page] or [[]] for pages in stacks]
        if len(sides) > 1 and any(self._group_too_tall(pages) for pages in stacks):
            # A KPI group too tall for its column: each side at full width, one after the other.
            box = self.geo.content
            apart: list[list[list[Item]]] = []
            for k, side in enumerate(sides):
                items = self._side_items(side.blocks, box.width, size)
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
                    out.extend(self.card_items(cards, width))
                    cards = []
            else:
                out.append(item)
        if cards and style is not None:
            out.extend(self.card_items(cards, width))
        return out

    def _draw_columns(self, sides: list[_Side], plan: list[list[list[Item]]], headline: Headline) -> None:
        columns = self.geo.columns(len(sides))
        shown: set[int] = set()
        for number, pages in enumerate(plan):
            alone = len(sides) > 1 and sum(1 for page in pages if page) == 1
            # Side by side: the two-content layout, each column's text in the placeholder on its side.
            two = len(sides) > 1 and not alone and not isinstance(pages, _Stacked)
            slide = self.content_slide(headline.continued if number else headline.text, two=two)
            if isinstance(pages, _Stacked):  # whole sides, one under the other, at full width
                top = self.geo.content.top
                for k, (side, items) in enumerate(zip(sides, pages, strict=True)):
                    if not items:
                        continue
                    box = Box(self.geo.content.left, top, self.geo.content.width, COLUMN_HEADER)
                    self._column_header(slide, side.continued if k in shown else side.title, side.color, box)
                    shown.add(k)
                    top += COLUMN_HEADER + COLUMN_GAP
                    height = stack_height(items, box.width, self.m)
                    self.draw_stack(slide, items, Box(box.left, top, box.width, height))
                    top += height + GAP
                continue
            for k, (side, col, items) in enumerate(zip(sides, columns, pages, strict=True)):
                if not items and (alone or number):
                    continue  # never a header with nothing under it
                box = self.geo.content if alone else col
                if alone:  # a side alone at full width: loosened when it leaves the slide empty (header stays on top)
                    header = COLUMN_HEADER + COLUMN_GAP
                    items, _ = self._roomy(items, Box(box.left, box.top, box.width, box.height - header))
                self._column_header(slide, side.continued if k in shown else side.title, side.color, box)
                shown.add(k)
                top = box.top + COLUMN_HEADER + COLUMN_GAP
                self.draw_stack(slide, items, Box(box.left, top, box.width, box.bottom - top))
            if two:
                self.remove_unfilled(slide)

    def _column_header(self, slide: Slide, label: str, color: str, col: Box) -> None:
        head = TextPara((TextRun(label, 20, True, self.c.background),), leading=TITLE_LEADING)
        shape = flat_shape(slide, replace(col, height=COLUMN_HEADER), color, name=label)
        prepare_frame(shape.text_frame, anchor="middle", inset_x=inches(0.16))
        write_paragraphs(shape.text_frame, [head], self.face, self.m)


class _Stacked(list[list[Item]]):
    """A review/plan slide whose sides are drawn one under the other at full width (see ``_stack_short_pages``)."""


def _sparse_tail(plan: list[list[list[Item]]]) -> bool:
    """Whether the last slide of a review/plan holds a single item (worth pulling back)."""
    return len(plan) > 1 and sum(len(page) for page in plan[-1]) <= 1
