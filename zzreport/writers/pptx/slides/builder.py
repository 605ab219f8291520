"""The deck in reading order: cover, lead, key points, contents, each section (divider and content).

:class:`DeckBuilder` combines the slide kinds (one module each in this
package) and walks a section's blocks: flowing blocks collect into stacks,
figures, tables, pictures and review/plan blocks get slides of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.slide import Slide

from zzreport.ir import Figure, Graphic, Headline, Image, KpiGroup, Node, ReviewPlan, Section, Table
from zzreport.writers.pptx.layout import Item, TextItem, stack_height
from zzreport.writers.pptx.notes import notes_of
from zzreport.writers.pptx.slides.columns import ColumnSlides
from zzreport.writers.pptx.slides.contents import ContentsSlides
from zzreport.writers.pptx.slides.cover import CoverSlides
from zzreport.writers.pptx.slides.divider import DividerSlides
from zzreport.writers.pptx.slides.summary import SummarySlides
from zzreport.writers.pptx.slides.visuals import VisualSlides


class DeckBuilder(CoverSlides, ContentsSlides, DividerSlides, SummarySlides, VisualSlides, ColumnSlides):
    """Adds the document's slides to a template, in order."""

    def build(self) -> None:
        """Every slide of the deck, in reading order, each part marked where it starts (:meth:`sections`).

        The executive summary comes right after the cover and the lead, before
        the contents: a briefing states its conclusions first, and the deck
        does not repeat them at its end.
        """
        self._starts: list[tuple[str, int]] = []
        self._start(self.doc.meta.title or self.labels.contents)
        self.cover()
        self.lead()
        self.summary()
        self.agenda()
        for section in self.doc.sections:
            self._start(section.title)
            self.section(section)

    def _start(self, name: str) -> None:
        """The next slide opens the PowerPoint section ``name``."""
        self._starts.append((name, len(self.prs.slides)))

    def sections(self) -> list[tuple[str, list[int]]]:
        """The deck's PowerPoint sections after :meth:`build`: the opening (cover, lead, key points, contents)
        named by the report's title, and one per spec section named by its title; each with its slides' ids in
        order (a part that wrote no slide gets an empty list)."""
        ids = [slide.slide_id for slide in self.prs.slides]
        ends = [start for _, start in self._starts[1:]] + [len(ids)]
        return [(name, ids[start:end]) for (name, start), end in zip(self._starts, ends, strict=True)]

    def section(self, section: Section) -> None:
        """The section's divider (as the theme asks) and content slides, each titled by its point.

        The first content slide says the section's takeaway unless a block
        opening it has a title of its own; a block with a ``title`` opens a
        slide under it. Speaker notes go on the first slide of what they belong
        to: the section's on its first slide, a block's where the block starts.
        """
        self.notes = notes_of(section.notes)
        mode = self.doc.theme.slides.dividers
        blocks = section.blocks_for("pptx")
        # Where the takeaway is shown (on the divider, or as the first slide's title) the text repeating it goes.
        if section.takeaway and (mode != "none" or not (blocks and blocks[0].headline)):
            blocks = section.blocks_for("pptx", takeaway_shown=True)
        if mode == "none":
            self.eyebrow = section.eyebrow
        else:
            self.divider(section, compact=mode == "compact")
        self._opening: Headline | None = section.headline or Headline(section.title, section.continued_title)
        self._plain = Headline(section.title, section.continued_title)
        pending: list[Item] = []
        marks: list[tuple[int, str]] = []  # (index in pending of a block's first item, the block's notes)
        stack_headline: list[Headline | None] = [None]
        width = self.geo.content.width

        def flush(*, last: bool = False) -> None:
            # Headings lead the block after them: before a block with slides of its own (whose slide
            # carries its own title) headings alone are left out; at the section's end they are the
            # author's last words and are shown.
            if any(not (isinstance(i, TextItem) and i.keep_with_next) for i in pending) or (last and pending):
                words = self._headline(stack_headline[0])
                drawn = self.flow(words.text, words.continued, pending)
                self._notes_where_blocks_start(pending, drawn, marks)
            else:  # nothing drawn: the notes go with the next slide
                self.notes += [text for _, text in marks]
            pending.clear()
            marks.clear()
            stack_headline[0] = None

        together = 0  # blocks after this one already drawn with it (short tables on one slide)
        for k, block in enumerate(blocks):
            if together:
                together -= 1
                continue
            if isinstance(block, (Figure, Table, Image, Graphic, ReviewPlan)):
                flush()
                if isinstance(block, Table):
                    together = self._short_tables(block, blocks[k + 1 :])
                    if together:
                        continue
                tail = self._short_tail(blocks[k + 1 :]) if isinstance(block, (Image, Graphic)) else None
                if isinstance(block, (Image, Graphic)) and tail is not None:
                    self.notes += notes_of(block.notes, *(b.notes for b in blocks[k + 1 :]))
                    self.image(block, section, tail, self._headline(block.headline))
                    return
                self.standalone(block, section)
            else:
                if block.headline is not None and (pending or stack_headline[0] is not None):
                    flush(last=True)  # a titled block opens a slide of its own
                if block.headline is not None:
                    stack_headline[0] = block.headline
                items = self.block_items(block, width, self.body)
                if block.notes and items:
                    marks.append((len(pending), block.notes))
                pending.extend(items)
        flush(last=True)
        self.notes = []
        self.eyebrow = ""

    def _headline(self, own: Headline | None) -> Headline:
        """The title of the next slide a block opens: its own, else the section's point on the section's first
        content slide, else the section's title."""
        opening, self._opening = self._opening, None
        return own or opening or self._plain

    def _notes_where_blocks_start(
        self, items: Sequence[Item], drawn: Sequence[tuple[Slide, Sequence[Item]]], marks: Sequence[tuple[int, str]]
    ) -> None:
        """Each block's notes on the slide its first item was paginated onto (a split item: its first piece's)."""
        if not marks:
            return
        originals = {id(item) for item in items}
        flat = [(slide, item) for slide, page in drawn for item in page]
        first: list[Slide] = []  # the slide of each original item, in order
        at = 0
        for item in items:
            if at >= len(flat):
                break
            first.append(flat[at][0])
            at += 1
            if flat[at - 1][1] is not item:  # split: skip the rest of its pieces
                while at < len(flat) and id(flat[at][1]) not in originals:
                    at += 1
        for index, text in marks:
            if index < len(first):
                self.notes_pages.add(first[index], [text], self.face)

    def _short_tail(self, rest: Sequence[Node]) -> list[Item] | None:
        """The section's closing text after a picture, when short enough to go under it (no slide for one sentence)."""
        if not rest or any(isinstance(b, (Figure, Table, Image, Graphic, ReviewPlan, KpiGroup)) for b in rest):
            return None
        if any(b.headline is not None for b in rest):  # a titled block opens a slide of its own
            return None
        width = self.geo.content.width
        items = [i for b in rest for i in self.block_items(b, width, self.body)]
        return items if stack_height(items, width, self.m) <= self.geo.content.height // 5 else None

    def _short_tables(self, first: Table, rest: Sequence[Node]) -> int:
        """Draw ``first`` and the untitled tables right after it on one slide when they fit there (see
        :meth:`~.visuals.VisualSlides.tables_together`); returns how many of ``rest`` it drew (0: none, not even
        ``first``)."""
        run: list[Table] = [first]
        for b in rest:
            if not isinstance(b, Table) or b.headline is not None:
                break
            run.append(b)
        while len(run) > 1:
            words = first.headline if first.headline is not None else self._opening
            notes = self.notes
            self.notes = notes + notes_of(*(b.notes for b in run))
            if self.tables_together(run, words):
                self._opening = None
                return len(run) - 1
            self.notes = notes
            run.pop()
        return 0

    def standalone(self, block: Node, section: Section) -> None:
        """A block with slides of its own; a review/plan's figures, tables and pictures follow its columns."""
        if isinstance(block, ReviewPlan):
            flowing = [b for side in (block.review or (), block.plan or ()) for b in side if not _own_slides(b)]
            self.notes += notes_of(block.notes, *(b.notes for b in flowing))
            own = block.headline or next((b.headline for b in flowing if b.headline is not None), None)
            self.review_plan(block, section, self._headline(own))
            for side in (block.review or (), block.plan or ()):
                for b in side:
                    if _own_slides(b):
                        self.standalone(b, section)
            return
        self.notes += notes_of(block.notes)
        words = block.headline if block.headline is not None else self._opening
        self._opening = None
        if isinstance(block, Figure):
            self.figure(block, words)
        elif isinstance(block, Table):
            self.table(block, words)
        elif isinstance(block, (Image, Graphic)):
            self.image(block, section, (), words)


def _own_slides(block: Node) -> bool:
    """Whether a block gets slides of its own (inside a review/plan: after its columns)."""
    return isinstance(block, (Figure, Table, Image, Graphic, ReviewPlan))
