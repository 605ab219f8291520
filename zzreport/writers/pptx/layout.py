"""Slide geometry and pagination: where things go and what goes on the next slide.

Pure arithmetic over measured heights (EMU), no python-pptx shapes: content
is a stack of items (text paragraphs, rows of KPI cards, boxes); the stack is
cut into slides so that each slide's stack fits its content box. Text that
does not fit is split at a sentence end (else a clause end, else a line
boundary chosen by the shared line breaker), and the rest continues on a
"（续）" slide.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Literal

from zzreport.writers.pptx.text import INSET_X, INSET_Y, Measurer, TextPara

if TYPE_CHECKING:  # cards.py imports this module for its geometry
    from zzreport.writers.pptx.cards import CardRow, CardStyle

EMU_PER_INCH = 914400
#: Slide sizes in EMU by theme name.
SLIDE_SIZES: dict[str, tuple[int, int]] = {
    "16:9": (12192000, 6858000),
    "16:10": (12192000, 7620000),
    "4:3": (9144000, 6858000),
}
#: Space between stacked items (EMU).
GAP = int(0.16 * EMU_PER_INCH)


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class Geometry:
    """The grid every slide shares: 0.5" margins, a title band, the content box and the footer line."""

    width: int
    height: int
    margin: int = inches(0.5)
    title: Box = field(default=Box(0, 0, 0, 0))
    content: Box = field(default=Box(0, 0, 0, 0))
    footer: Box = field(default=Box(0, 0, 0, 0))

    @classmethod
    def for_size(cls, width: int, height: int, title: Box | None = None) -> Geometry:
        """The grid of a ``width`` × ``height`` slide; ``title`` overrides the title box (a template's placeholder)."""
        m = inches(0.5)
        title_box = title or Box(m + inches(0.22), inches(0.32), width - 2 * m - inches(0.22), inches(0.86))
        footer = Box(m, height - inches(0.46), width - 2 * m, inches(0.32))
        top = max(title_box.bottom + inches(0.22), inches(1.3))
        content = Box(m, top, width - 2 * m, footer.top - inches(0.14) - top)
        return cls(width, height, m, title_box, content, footer)

    def columns(self, count: int, gutter: int = inches(0.4)) -> list[Box]:
        """The content box cut into ``count`` equal columns."""
        width = (self.content.width - gutter * (count - 1)) // count
        return [
            Box(self.content.left + i * (width + gutter), self.content.top, width, self.content.height)
            for i in range(count)
        ]


# --------------------------------------------------------------------------- stack items


@dataclass(frozen=True)
class TextItem:
    """One paragraph of the flow; consecutive ones share a text box."""

    para: TextPara
    keep_with_next: bool = False
    #: A piece of a paragraph cut across slides (its head or its tail): it never moves apart from the rest.
    piece: bool = False


@dataclass(frozen=True)
class CardsPayload:
    """What a row of KPI cards draws with."""

    row: CardRow
    style: CardStyle


#: What a block item is: a row of KPI cards, or a callout or quote box.
BlockKind = Literal["cards", "callout", "quote"]
BoxKind = Literal["callout", "quote"]


@dataclass(frozen=True)
class BoxPayload:
    """What a callout or quote box draws with: its edge colour's name and its extra inner padding."""

    tone: str
    pad: int


@dataclass(frozen=True)
class BlockItem:
    """Something with a fixed, measured height (a row of KPI cards, a callout box).

    ``paras`` and ``rebuild`` let a box too tall for a whole slide be split:
    ``rebuild(paras)`` returns the same kind of block holding only ``paras``.
    """

    kind: BlockKind
    height: int
    payload: CardsPayload | BoxPayload
    paras: tuple[TextPara, ...] = ()
    rebuild: Callable[[tuple[TextPara, ...]], BlockItem] | None = None
    #: Stay on one slide with the next item when the two fit there (rows of one KPI group).
    keep_with_next: bool = False
    #: How much narrower than the stack the box's text is (edge, padding, insets): ``paras`` are
    #: cut at the lines they are measured and drawn with.
    text_inset: int = 2 * (INSET_X + inches(0.12))


Item = TextItem | BlockItem


def groups(items: Sequence[Item]) -> list[list[Item]]:
    """Consecutive text items form one group (one text box); every block is its own group."""
    out: list[list[Item]] = []
    for item in items:
        if isinstance(item, TextItem) and out and isinstance(out[-1][0], TextItem):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def group_height(group: Sequence[Item], width: int, measurer: Measurer) -> int:
    first = group[0]
    if isinstance(first, BlockItem):
        return first.height
    return measurer.height([i.para for i in group if isinstance(i, TextItem)], width)


def stack_height(items: Sequence[Item], width: int, measurer: Measurer) -> int:
    """Height of ``items`` stacked as :meth:`~zzreport.writers.pptx.slides.flow.FlowSlides.draw_stack` draws them."""
    parts = groups(items)
    return sum(group_height(g, width, measurer) for g in parts) + GAP * max(len(parts) - 1, 0)


# --------------------------------------------------------------------------- pagination


def _last_fitting(fits: Callable[[int], bool], low: int, high: int) -> int:
    """The largest ``n`` in ``low..high`` for which ``fits(n)`` holds, or ``low - 1``.

    ``fits`` must hold up to some ``n`` and fail above it (a taller head never
    fits where a shorter one does not), so a binary search finds ``n`` in
    ``log(high - low)`` tries where counting down tried every line: with each
    try measuring its head, that was quadratic in a paragraph's length.
    """
    lo, hi = low - 1, high + 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _split_text(
    item: TextItem, placed: list[Item], width: int, avail: int, measurer: Measurer, min_lines: int
) -> tuple[TextItem, TextItem] | None:
    inner = width - 2 * INSET_X
    total = measurer.line_count(item.para, inner)

    def fits(keep: int) -> bool:
        cut = measurer.split(item.para, inner, keep, at_sentence=True)
        head = replace(item, para=cut[0], keep_with_next=False) if cut else None
        return head is not None and stack_height([*placed, head], width, measurer) <= avail

    keep = _last_fitting(fits, min_lines, total - 1)
    cut = measurer.split(item.para, inner, keep, at_sentence=True) if keep >= min_lines else None
    if cut is None:
        return None
    return replace(item, para=cut[0], keep_with_next=False, piece=True), replace(item, para=cut[1], piece=True)


def _split_block(
    item: BlockItem, placed: list[Item], width: int, avail: int, measurer: Measurer
) -> tuple[BlockItem, BlockItem] | None:
    """Whole paragraphs first, then the next one cut at a line.

    That is: the most leading paragraphs that fit whole (``whole``); if the
    one after them can be cut so that a part of it fits too, that; else the
    ``whole`` paragraphs alone. Both counts are found by binary search
    (heights only grow with what is added).
    """
    rebuild = item.rebuild
    if rebuild is None or not item.paras:
        return None
    paras = item.paras

    def fits(block: BlockItem) -> bool:
        return stack_height([*placed, block], width, measurer) <= avail

    whole = _last_fitting(lambda count: fits(rebuild(paras[:count])), 1, len(paras))
    count = min(len(paras), whole + 1)  # the paragraph to cut is paras[count - 1]
    inner = width - item.text_inset
    last = paras[count - 1]

    def cut_fits(keep: int) -> bool:
        cut = measurer.split(last, inner, keep, at_sentence=True)
        return cut is not None and fits(rebuild((*paras[: count - 1], cut[0])))

    keep = _last_fitting(cut_fits, 1, measurer.line_count(last, inner) - 1)
    cut = measurer.split(last, inner, keep, at_sentence=True) if keep >= 1 else None
    if cut is not None:
        return rebuild((*paras[: count - 1], cut[0])), rebuild((cut[1], *paras[count:]))
    if count - 1 >= 1:
        return rebuild(paras[: count - 1]), rebuild(paras[count - 1 :])
    return None


def paginate(
    items: Sequence[Item], width: int, avail: int, measurer: Measurer, *, orphans: bool = False
) -> list[list[Item]]:
    """Cut a stack into pages whose :func:`stack_height` is at most ``avail``.

    A paragraph that does not fit moves whole to the next slide (a bullet is
    read as a unit); only one taller than a whole slide is split at a line
    boundary. A heading never ends a page; a block taller
    than a whole page is split by its paragraphs; blocks chained by
    ``keep_with_next`` (the rows of a KPI group) move to the next page together
    when they fit on one. Nothing is ever dropped. Unless ``orphans`` is
    allowed, a last page holding one bullet alone takes one from the page
    before (a caller that shrinks its text to save the last page instead
    allows them, to see the orphan).
    """
    pages: list[list[Item]] = []
    page: list[Item] = []
    queue: deque[Item] = deque(items)  # items go back to its front: a list's pop(0) is linear
    while queue:
        item = queue.popleft()
        continues = bool(page) and isinstance(page[-1], BlockItem) and page[-1].keep_with_next
        if page and not continues and isinstance(item, BlockItem) and item.keep_with_next:
            chain = _chain(item, queue)
            if stack_height([*page, *chain], width, measurer) > avail and stack_height(chain, width, measurer) <= avail:
                pages.append(page)
                page = []
        if page and isinstance(item, TextItem) and item.keep_with_next and queue:
            follow = queue[0]
            if isinstance(follow, BlockItem) and follow.keep_with_next:
                # A heading over a KPI group goes with the whole group when that fits on one slide.
                chain = [item, *_chain(follow, islice(queue, 1, None))]
                if (
                    stack_height([*page, *chain], width, measurer) > avail
                    and stack_height(chain, width, measurer) <= avail
                ):
                    pages.append(page)
                    page = []
        candidate = [*page, item]
        if isinstance(item, TextItem) and item.keep_with_next and queue:
            follow = queue[0]
            if isinstance(follow, TextItem):
                inner = width - 2 * INSET_X
                first = measurer.split(follow.para, inner, 1)
                follow = replace(follow, para=first[0]) if first else follow
            candidate = [*page, item, follow]
        if stack_height(candidate, width, measurer) <= avail:
            page.append(item)
            continue
        split: tuple[Item, Item] | None = None
        if isinstance(item, TextItem) and not item.keep_with_next and not page:
            split = _split_text(item, page, width, avail, measurer, 1)
        elif isinstance(item, BlockItem) and (not page or item.height > avail):
            split = _split_block(item, page, width, avail, measurer)
        if split is not None:
            page.append(split[0])
            queue.appendleft(split[1])
        elif page:
            queue.appendleft(item)
        else:
            page.append(item)  # cannot be split further (a single card row); drawn anyway
        pages.append(page)
        page = []
    if page or not pages:
        pages.append(page)
    return pages if orphans else _no_orphan(pages, width, avail, measurer)


def _whole(item: Item) -> bool:
    """Whether ``item`` is a whole paragraph or bullet (not a piece of one cut at a slide's end)."""
    return isinstance(item, TextItem) and not item.piece


def _no_orphan(pages: list[list[Item]], width: int, avail: int, measurer: Measurer) -> list[list[Item]]:
    """The last two slides balanced: whole paragraphs move from the one before to the last.

    A lone bullet on a "（续）" slide reads as left over, and a last slide
    with two bullets after a full one looks forgotten. The last slide takes
    the paragraph before it while it holds one alone, or while that brings
    the two slides' heights closer; only whole paragraphs move (a cut one
    stays with its other piece), the slide before keeps at least two items
    and no heading ends it, and the last slide must still fit.
    """
    if len(pages) < 2:
        return pages
    before, last = list(pages[-2]), list(pages[-1])
    moved_any = False
    while len(before) >= 3 and last and _whole(before[-1]) and _whole(last[0]):
        if isinstance(before[-2], TextItem) and before[-2].keep_with_next:
            break
        shorter, longer = before[:-1], [before[-1], *last]
        taller = stack_height(longer, width, measurer)
        if taller > avail:
            break
        if len(last) > 1:
            gap = abs(stack_height(before, width, measurer) - stack_height(last, width, measurer))
            if abs(stack_height(shorter, width, measurer) - taller) >= gap:
                break
        before, last, moved_any = shorter, longer, True
    return [*pages[:-2], before, last] if moved_any else pages


def _chain(first: BlockItem, rest: Iterable[Item]) -> list[Item]:
    """``first`` and the items it is kept with."""
    chain: list[Item] = [first]
    for item in rest:
        if not (isinstance(chain[-1], BlockItem) and chain[-1].keep_with_next):
            break
        chain.append(item)
    return chain


def fit_size(fits: Callable[[float], bool], largest: float, smallest: float, step: float = 2.0) -> tuple[float, bool]:
    """The largest size from ``largest`` down to ``smallest`` (never below) for which ``fits`` holds."""
    size = largest
    while size > smallest:
        if fits(size):
            return size, True
        size = max(smallest, size - step)
    return smallest, fits(smallest)


__all__ = [
    "GAP",
    "INSET_Y",
    "SLIDE_SIZES",
    "BlockItem",
    "Box",
    "Geometry",
    "Item",
    "TextItem",
    "fit_size",
    "groups",
    "inches",
    "paginate",
    "stack_height",
]
