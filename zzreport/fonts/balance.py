"""The one balanced-label breaker: as many lines as the line breaker needs, of similar widths.

A card label or a chart label that needs two lines reads best as two lines
of about the same length (科技型企业评价 / 入库（累计）), not a full line and
a stub (科技型企业评价入库（累 / 计）). Every writer and every figure breaks
its labels here, so the PDF card, the deck card, the scorecard tile and the
chart label of one text break alike.

The break opportunities are those of :mod:`zzreport.fonts.linebreak` (its
:meth:`~zzreport.fonts.linebreak.PreparedText.segments`): kinsoku holds,
numbers stay with their units, Latin words stay whole. Among all ways to cut
the text at those places into the greedy breaker's number of lines, each no
wider than the measure, the one chosen minimises the sum of the squared line
widths (in ems; equal lines minimise it) plus a cost per break: none at a
space or after punctuation, a little at a change of script (汉字 | 5.5G), more
between two Han words, much more inside a word (国家级重点 / 实验室, never
国家级重 / 点实验室), and a large one for a line of one character.

Chinese words come from a dictionary segmenter, rjieba (jieba's dictionary
and algorithm in Rust), never from a word list: it earns its cost where
labels break between Han characters, which is nearly every Chinese card.
Measured on this project's 2-core machine: importing it (its dictionary
load) takes 0.13 s and 4.6 MB once per process, a label's segmentation
microseconds; jieba itself took 0.85–1.5 s and 42 MB. It is imported only
when a label needs a break between two Han characters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import pairwise
from typing import TypeVar

from zzreport.fonts.linebreak import (
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    PreparedText,
    Run,
    Segment,
)

__all__ = [
    "BREAK_COSTS",
    "Measure",
    "WordEnds",
    "balanced_lines",
    "balanced_spans",
    "dictionary_word_ends",
    "segment_with",
    "word_ends",
]

Measure = Callable[[str, float], float]
"""Width in points of a string set at a size (a FontSet's width for one role and weight)."""

S = TypeVar("S", bound=Hashable)

#: Cost (in squared ems, the unit of the balance term) of a break: at a space or after/before
#: punctuation, at a change between Han and Latin/digits, between two Han words, inside a word;
#: a one-character line.
BREAK_COSTS = {"free": 0.0, "script": 1.0, "neutral": 4.0, "word": 48.0, "runt": 64.0}
#: Above this many break opportunities the greedy lines are kept (a label is never that long; a
#: pathological one must not cost a quadratic search).
MAX_SEGMENTS = 240
_EPS = 1e-6


def balanced_lines(
    text: str, width: Measure, max_width: float, size: float, *, cjk_latin_space: float = 0.0
) -> list[str]:
    """``text`` in balanced lines no wider than ``max_width`` points at ``size``.

    ``width(text, size)`` measures a string; ``cjk_latin_space`` (in ems) is
    the writer's space between Han and Latin, as for
    :func:`~zzreport.fonts.linebreak.break_lines`. A text that fits one line
    comes back as one line; ``"\\n"`` forces a break (such text is broken
    greedily, its lines as written). Spaces at a break are dropped.
    """
    if not text:
        return []
    prepared = PreparedText([Run(text, size)], width, em=size, cjk_latin_space=cjk_latin_space, squeeze_line_end=False)
    return [text[start:end] for start, end in balanced_spans(prepared, max_width, size)]


def balanced_spans(prepared: PreparedText[S], max_width: float, em: float) -> list[tuple[int, int]]:
    """Where each balanced line of ``prepared`` starts and ends in its text.

    For callers that keep a :class:`~zzreport.fonts.linebreak.PreparedText`
    of styled runs (several sizes on one line) and break it at many widths;
    ``em`` is the size the balance is weighed in. Falls back to the greedy
    lines when the text has forced breaks, fits one line, or no balanced
    cut fits the measure.
    """
    greedy = prepared.spans(max_width)
    if len(greedy) < 2 or "\n" in prepared.text:
        return greedy
    segments = prepared.segments()
    if len(segments) > MAX_SEGMENTS:
        return greedy
    cuts = _best_cuts(prepared.text, segments, len(greedy), max_width, em or 1.0)
    if cuts is None:
        return greedy
    edges = (0, *cuts, len(segments))
    return [(segments[a].start, segments[b - 1].end) for a, b in pairwise(edges)]


def _best_cuts(text: str, segments: list[Segment], count: int, max_width: float, em: float) -> tuple[int, ...] | None:
    """Segment indices where lines 2..count start, at least cost; None when no cut fits."""
    n = len(segments)
    widths = [0.0]
    gaps = [0.0]
    for seg in segments:
        widths.append(widths[-1] + seg.width)
        gaps.append(gaps[-1] + seg.gap)

    def line_width(a: int, b: int) -> float:  # segments a..b-1 on one line
        return widths[b] - widths[a] + gaps[b] - gaps[a + 1]

    runts = [_is_runt(text[seg.start : seg.end]) for seg in segments]
    han_pairs = any(_is_han(text[segments[k - 1].end - 1]) and _is_han(text[segments[k].start]) for k in range(1, n))
    words = word_ends(text) if han_pairs else frozenset()
    breaks = [0.0] + [_break_cost(text, segments[k - 1], segments[k], words) for k in range(1, n)]

    def line_cost(a: int, b: int) -> float | None:
        w = line_width(a, b)
        if w > max_width + _EPS:
            return None
        runt = BREAK_COSTS["runt"] if b - a == 1 and runts[a] else 0.0
        return (w / em) ** 2 + runt

    # best[i][b]: least cost of the first b segments set in i lines, with where line i starts.
    inf = float("inf")
    best: list[list[tuple[float, int]]] = [[(inf, -1)] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, -1)
    for i in range(1, count + 1):
        for b in range(i, n - (count - i) + 1):
            found = (inf, -1)
            for a in range(b - 1, i - 2, -1):  # latest start first: ties keep the earlier lines longer
                before = best[i - 1][a][0]
                if before == inf:
                    continue
                cost = line_cost(a, b)
                if cost is None:
                    break  # a wider line only grows: starting earlier cannot fit either
                total = before + cost + (breaks[a] if a else 0.0)
                if total < found[0] - 1e-9:
                    found = (total, a)
            best[i][b] = found
    if best[count][n][0] == inf:
        return None
    cuts: list[int] = []
    b = n
    for i in range(count, 1, -1):
        b = best[i][b][1]
        cuts.append(b)
    return tuple(reversed(cuts))


WordEnds = Callable[[str], frozenset[int]]
"""The offsets in a text where its words end."""

#: How this process finds word ends: :func:`dictionary_word_ends` unless the edge set another.
_SEGMENTER: list[WordEnds] = []


def segment_with(segmenter: WordEnds) -> None:
    """Find word ends with ``segmenter`` from now on in this process.

    For the command line's processes only
    (:func:`zzreport.app.words.use_stored_word_ends`): ``segmenter`` must give
    what :func:`dictionary_word_ends` gives, or the outputs change.
    """
    _SEGMENTER[:] = [segmenter]


def word_ends(text: str) -> frozenset[int]:
    """The offsets in ``text`` where a word ends (the dictionary's, however this process finds them)."""
    return (_SEGMENTER[0] if _SEGMENTER else dictionary_word_ends)(text)


def dictionary_word_ends(text: str) -> frozenset[int]:
    """The offsets in ``text`` where a word ends, by rjieba's dictionary segmentation."""
    import rjieba  # imported here: its dictionary load is paid only by a text that needs it

    ends: list[int] = []
    offset = 0
    for word in rjieba.cut(text):
        offset += len(word)
        ends.append(offset)
    return frozenset(ends)


def _break_cost(text: str, before: Segment, after: Segment, words: frozenset[int]) -> float:
    """Cost of ending a line after ``before`` and starting the next with ``after``."""
    if after.start > before.end:  # spaces between them: a word boundary
        return BREAK_COSTS["free"]
    a, b = text[before.end - 1], text[after.start]
    if a in LINE_START_FORBIDDEN or b in LINE_END_FORBIDDEN:  # after closing or before opening punctuation
        return BREAK_COSTS["free"]
    if _is_han(a) != _is_han(b):
        return BREAK_COSTS["script"]
    if _is_han(a) and before.end not in words:
        return BREAK_COSTS["word"]
    return BREAK_COSTS["neutral"]


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def _is_runt(text: str) -> bool:
    """One character at most, besides spaces and closing punctuation: a line that looks like a mistake."""
    return sum(1 for c in text if not c.isspace() and c not in LINE_START_FORBIDDEN) <= 1
