"""The deck in reading order: cover, lead, contents, each section (divider and content), summary.

:class:`DeckBuilder` combines the slide kinds (one module each in this
package) and walks a section's blocks: flowing blocks collect into stacks,
figures, tables, pictures and review/plan blocks get slides of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from zzreport.ir import Figure, Image, KpiGroup, Node, ReviewPlan, Section, Table
from zzreport.writers.pptx.layout import Item, TextItem, stack_height
from zzreport.writers.pptx.slides.columns import ColumnSlides
from zzreport.writers.pptx.slides.contents import ContentsSlides
from zzreport.writers.pptx.slides.cover import CoverSlides
from zzreport.writers.pptx.slides.divider import DividerSlides
from zzreport.writers.pptx.slides.summary import SummarySlides
from zzreport.writers.pptx.slides.visuals import VisualSlides


class DeckBuilder(CoverSlides, ContentsSlides, DividerSlides, SummarySlides, VisualSlides, ColumnSlides):
    """Adds the document's slides to a template, in order."""

    def build(self) -> None:
        """Every slide of the deck, in reading order, each part marked where it starts (:meth:`sections`)."""
        self._starts: list[tuple[str, int]] = []
        self._start(self.doc.meta.title or self.labels.contents)
        self.cover()
        self.lead()
        self.agenda()
        for section in self.doc.sections:
            self._start(section.title)
            self.section(section)
        self._start(self.labels.summary)
        self.summary()

    def _start(self, name: str) -> None:
        """The next slide opens the PowerPoint section ``name``."""
        self._starts.append((name, len(self.prs.slides)))

    def sections(self) -> list[tuple[str, list[int]]]:
        """The deck's PowerPoint sections after :meth:`build`: the opening (cover, lead, contents) named by the
        report's title, one per spec section named by its title, and the closing summary; each with its slides'
        ids in order (a part that wrote no slide gets an empty list)."""
        ids = [slide.slide_id for slide in self.prs.slides]
        ends = [start for _, start in self._starts[1:]] + [len(ids)]
        return [(name, ids[start:end]) for (name, start), end in zip(self._starts, ends, strict=True)]

    def section(self, section: Section) -> None:
        self.notes = section.notes
        self.divider(section)
        pending: list[Item] = []
        width = self.geo.content.width

        def flush(*, last: bool = False) -> None:
            # Headings lead the block after them: before a block with slides of its own (whose slide
            # carries its own title) headings alone are left out; at the section's end they are the
            # author's last words and are shown.
            if any(not (isinstance(i, TextItem) and i.keep_with_next) for i in pending) or (last and pending):
                self.flow(section.title, section.continued_title, pending)
            pending.clear()

        blocks = section.blocks_for("pptx")
        for k, block in enumerate(blocks):
            if isinstance(block, (Figure, Table, Image, ReviewPlan)):
                flush()
                tail = self._short_tail(blocks[k + 1 :]) if isinstance(block, Image) else None
                if isinstance(block, Image) and tail is not None:
                    self.image(block, section, tail)
                    return
                self.standalone(block, section)
            else:
                pending.extend(self.block_items(block, width, self.body))
        flush(last=True)

    def _short_tail(self, rest: Sequence[Node]) -> list[Item] | None:
        """The section's closing text after a picture, when short enough to go under it (no slide for one sentence)."""
        if not rest or any(isinstance(b, (Figure, Table, Image, ReviewPlan, KpiGroup)) for b in rest):
            return None
        width = self.geo.content.width
        items = [i for b in rest for i in self.block_items(b, width, self.body)]
        return items if stack_height(items, width, self.m) <= self.geo.content.height // 5 else None

    def standalone(self, block: Node, section: Section) -> None:
        """A block with slides of its own; a review/plan's figures, tables and pictures follow its columns."""
        if isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Image):
            self.image(block, section)
        elif isinstance(block, ReviewPlan):
            self.review_plan(block, section)
            for side in (block.review or (), block.plan or ()):
                for b in side:
                    if isinstance(b, (Figure, Table, Image, ReviewPlan)):
                        self.standalone(b, section)
