"""Flowing content slides: a stack of items drawn top-down, cut into "（续）" slides, loosened when sparse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pptx.slide import Slide
from pptx.util import Emu

from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx.layout import (
    GAP,
    BlockItem,
    Box,
    BoxPayload,
    CardsPayload,
    Item,
    TextItem,
    groups,
    inches,
    paginate,
    stack_height,
)
from zzreport.writers.pptx.slides.items import BOX_PAD, BlockItems
from zzreport.writers.pptx.text import INSET_X, INSET_Y, TextPara, para, prepare_frame, write_paragraphs

#: A page whose stack is shorter than this share of the content box is loosened and centred …
ROOMY_BELOW = 0.7
#: … up to this share of the box.
ROOMY_FILL = 0.8


class FlowSlides(BlockItems):
    """Draws stacks of items and spreads them over content slides."""

    def draw_stack(self, slide: Slide, items: Sequence[Item], box: Box) -> None:
        """Draw items top-down in ``box`` exactly as :func:`stack_height` measured them."""
        top = box.top
        left_off: list[str] = []
        for group in groups(items):
            first = group[0]
            if isinstance(first, TextItem):
                paras = [i.para for i in group if isinstance(i, TextItem)]
                height = self.m.height(paras, box.width)
                self.body_text(slide, Box(box.left, top, box.width, height), paras)
            elif isinstance(first.payload, CardsPayload):
                cards = first.payload
                left_off.extend(card_mod.draw_row(slide, cards.row, box.left, top, cards.style, self.face, self.m))
                height = first.height
            else:
                height = first.height
                self._draw_box(slide, first, first.payload, Box(box.left, top, box.width, height))
            top += height + GAP
        if left_off:
            self.add_notes(slide, left_off)

    def add_notes(self, slide: Slide, lines: Sequence[str]) -> None:
        """Append ``lines`` (card notes too long for their card) to the slide's speaker notes."""
        frame = self.notes_pages.text_frame(slide)
        texts = [t for t in frame.text.split("\n") if t] + list(lines)
        write_paragraphs(frame, [para(t, 12, color="#000000") for t in texts], self.face)

    def _draw_box(self, slide: Slide, item: BlockItem, look: BoxPayload, box: Box) -> None:
        pad = look.pad
        tone = getattr(self.c, look.tone)
        edge = inches(0.1)
        if item.kind == "callout":
            self.rect(slide, box, self.c.surface, name="Callout")
        self.rect(slide, Box(box.left, box.top, inches(0.06), box.height), tone, name=f"{item.kind.title()} edge")
        shape = slide.shapes.add_textbox(Emu(box.left + edge), Emu(box.top), Emu(box.width - edge), Emu(box.height))
        shape.name = item.kind.title()
        prepare_frame(shape.text_frame, inset_x=INSET_X + pad, inset_y=INSET_Y + pad)
        write_paragraphs(shape.text_frame, item.paras, self.face, self.m)

    def flow(self, title: str, continued: str, items: Sequence[Item]) -> list[tuple[Slide, list[Item]]]:
        """Content slides for a stack of items titled ``title``, continued on slides titled ``continued`` as needed.

        Returns each slide with the items paginated onto it (a split paragraph's
        first piece stands for it), so block notes can go where the block starts.
        """
        box = self.geo.content
        pages = paginate(items, box.width, box.height, self.m)
        drawn: list[tuple[Slide, list[Item]]] = []
        for i, page in enumerate(pages):
            slide = self.content_slide(continued if i else title, body=one_text(page))
            drawn.append((slide, page))
            if page and all(isinstance(item, BlockItem) and item.kind == "cards" for item in page):
                page = self._roomy_cards([item for item in page if isinstance(item, BlockItem)], box)
                height = stack_height(page, box.width, self.m)
                self.draw_stack(slide, page, Box(box.left, box.top + (box.height - height) // 2, box.width, height))
            else:
                page, height = self._roomy(page, box)
                top = box.top + (box.height - height) // 2 if height < box.height * ROOMY_BELOW else box.top
                self.draw_stack(slide, page, Box(box.left, top, box.width, box.bottom - top))
        return drawn

    def _roomy(self, page: Sequence[Item], box: Box) -> tuple[list[Item], int]:
        """A page that leaves much of its slide empty, loosened: more leading, spacing and box padding.

        Text keeps its size (never above the body size, never below the theme
        minimum); what grows is the air around it, as far as it stays inside
        :data:`ROOMY_FILL` of the box, so two lonely bullets or a single quote
        use the slide instead of hanging off its top. Returns the items and
        their stack height.
        """
        items = list(page)
        height = stack_height(items, box.width, self.m)
        if not items or height >= box.height * ROOMY_BELOW:
            return items, height
        for step in (1.0, 0.75, 0.5, 0.25):
            looser = [self._loosen(item, step, box.width) for item in items]
            taller = stack_height(looser, box.width, self.m)
            if taller <= box.height * ROOMY_FILL:
                return looser, taller
        return items, height

    def _loosen(self, item: Item, step: float, width: int) -> Item:
        """``item`` with ``step`` (0–1) of the extra air :meth:`_roomy` may add."""
        if isinstance(item, TextItem):
            return replace(item, para=self._loosen_para(item.para, step))
        if item.kind in ("callout", "quote") and isinstance(item.payload, BoxPayload):
            paras = tuple(self._loosen_para(p, step) for p in item.paras)
            return self.box_item(item.kind, paras, width, item.payload.tone, BOX_PAD + int(inches(0.22) * step))
        return item

    def _loosen_para(self, p: TextPara, step: float) -> TextPara:
        """More leading (body text only) and up to twice the space before."""
        leading = p.leading + 0.3 * step if p.leading >= 1.3 else p.leading
        size = p.size
        runs = p.runs
        if p.bullet and p.level == 0 and size < self.body:  # points set smaller to fit many (summary) grow back
            grown = min(self.body, size + 2 * step)
            runs = tuple(replace(r, size=r.size + grown - size) for r in p.runs)
        return replace(p, runs=runs, leading=leading, space_before=p.space_before * (1 + step))

    def _roomy_cards(self, rows: list[BlockItem], box: Box) -> list[Item]:
        """A slide of nothing but KPI cards: taller cards (up to 1.4×), the group centred, not a top strip."""
        height = stack_height(rows, box.width, self.m)
        spare = box.height - height
        total = sum(item.height for item in rows)
        scale = min(1.4, 1 + spare * 0.6 / total) if total else 1.0
        out: list[Item] = []
        for item in rows:
            if not isinstance(item.payload, CardsPayload):
                raise TypeError(f"a {item.kind} block among the rows of cards")
            row = item.payload.row
            taller = replace(row, height=int(row.height * scale))
            out.append(replace(item, height=taller.height, payload=replace(item.payload, row=taller)))
        return out


def one_text(page: Sequence[Item]) -> bool:
    """Whether a page is one stack of text (paragraphs, bullets, headings): a slide with a body placeholder."""
    return bool(page) and all(isinstance(item, TextItem) for item in page)
