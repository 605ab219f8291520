"""Block items: each flowing block of a section as the stack items pagination cuts into slides.

A paragraph or bullet is a text item; a row of KPI cards, a callout or a
quote box is a block item of measured height (see
:mod:`zzreport.writers.pptx.layout`).
"""

from __future__ import annotations

from collections.abc import Sequence

from zzreport.ir import BulletList, Callout, Heading, KpiCard, KpiGroup, Node, Paragraph, Quote, Spans
from zzreport.writers.pptx import cards as card_mod
from zzreport.writers.pptx.layout import BlockItem, BoxKind, BoxPayload, CardsPayload, Item, TextItem, inches
from zzreport.writers.pptx.slides.base import SlideBase
from zzreport.writers.pptx.text import INSET_X, INSET_Y, TITLE_LEADING, TextPara, para, split_paragraph_breaks

BOX_PAD = inches(0.12)  # extra padding inside callout and quote boxes
TONES = {"highlight": "primary", "note": "accent", "warning": "up"}


class BlockItems(SlideBase):
    """Turns flowing blocks into stack items."""

    def _bullet(self, spans: Spans, level: int, size: float, before: float = 0.45) -> TextPara:
        char = "■" if level == 0 else "–"
        p = para(
            spans,
            size if level == 0 else max(self.minimum, size - 2),
            color=self.c.text,
            bullet=char,
            bullet_color=self.c.primary if level == 0 else self.c.muted,
            level=level,
            space_before=size * before,
        )
        return p

    def block_items(self, block: Node, width: int, size: float, *, condensed: bool = False) -> list[Item]:
        """The stack items of one flowing block at ``width`` (``condensed``: paragraphs as bullets)."""
        if isinstance(block, Heading):
            hsize = size + 4 if block.level <= 2 else size + 1
            return [
                TextItem(
                    para(
                        block.text, hsize, color=self.c.text, bold=True, leading=TITLE_LEADING, space_before=size * 0.8
                    ),
                    keep_with_next=True,
                )
            ]
        if isinstance(block, Paragraph):
            if condensed:
                base = self._bullet(block.spans, 0, size)
            else:
                base = para(
                    block.spans,
                    size,
                    color=self.c.text,
                    space_before=size * 0.6,
                    align="justify",
                )
            return [TextItem(p) for p in split_paragraph_breaks(base)]
        if isinstance(block, BulletList):
            items: list[Item] = []
            for bullet in block.items:
                items.append(TextItem(self._bullet(bullet.spans, 0, size)))
                items.extend(TextItem(self._bullet(child, 1, size, 0.2)) for child in bullet.children)
            return items
        if isinstance(block, KpiGroup):
            return self.card_items(block.items, width)
        if isinstance(block, Callout):
            return [self.box_item("callout", self._callout_paras(block, size), width, TONES.get(block.tone, "primary"))]
        if isinstance(block, Quote):
            return [self.box_item("quote", self._quote_paras(block, size), width, "muted")]
        raise TypeError(f"{type(block).__name__} is not a flowing block")

    def card_items(self, kpis: Sequence[KpiCard], width: int) -> list[Item]:
        """One block per row of cards, the rows of a group chained so they stay on one slide if they can."""
        style = self.card_style()
        rows = card_mod.build_rows(kpis, width, style, self.m)
        return [
            BlockItem("cards", row.height, CardsPayload(row, style), keep_with_next=i < len(rows) - 1)
            for i, row in enumerate(rows)
        ]

    def _callout_paras(self, block: Callout, size: float) -> tuple[TextPara, ...]:
        tone = getattr(self.c, TONES.get(block.tone, "primary"))
        paras = [para(block.title, size, color=tone, bold=True, leading=TITLE_LEADING)] if block.title else []
        body = para(block.spans, size, color=self.c.text, space_before=size * 0.3)
        return tuple(paras + split_paragraph_breaks(body))

    def _quote_paras(self, block: Quote, size: float) -> tuple[TextPara, ...]:
        # The text as written, no added quotation marks, and the attribution ("——source") as the PDF prints it.
        body = para(block.spans, size + 2, color=self.c.text, leading=1.45)
        paras = split_paragraph_breaks(body)
        if block.attribution:
            paras.append(
                para(block.attribution, self.small, color=self.c.muted, align="right", space_before=size * 0.4)
            )
        return tuple(paras)

    def box_item(
        self, kind: BoxKind, paras: tuple[TextPara, ...], width: int, tone: str, pad: int = BOX_PAD
    ) -> BlockItem:
        """A callout or quote box; ``pad`` is its extra inner padding (more on a roomy slide)."""
        inner = width - inches(0.1)  # room for the coloured edge

        def rebuild(ps: tuple[TextPara, ...]) -> BlockItem:
            height = self.m.height(ps, inner, INSET_X + pad, INSET_Y + pad)
            return BlockItem(
                kind, height, BoxPayload(tone, pad), ps, rebuild, text_inset=width - inner + 2 * (INSET_X + pad)
            )

        return rebuild(paras)
