"""Total-fit line breaking (Knuth and Plass, "Breaking Paragraphs into Lines", 1981), reduced to its core.

A greedy breaker fills each line as far as it goes, so one unbreakable
stretch (a number with its unit, a Latin word) that just misses a line
leaves that line loose, however the lines before it could have been
rebroken to avoid it. Total fit chooses all breaks of a paragraph together,
minimising the sum of the lines' demerits, so the slack is shared out over
the paragraph instead of dumped on one line.

This module knows nothing of text: the caller describes candidate lines by
two functions of (first item, last item), and gets back where lines end.
No PyPI package fits: the one on offer (``justified`` 0.1.0, 2016) sets
fixed-width type and has not been kept since; none can express Chinese
junctions, compression and kinsoku-bound items without a translation layer
bigger than this dynamic programme.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["badness", "total_fit"]

_INF = float("inf")


def badness(slack: float, stretch: float, shrink: float, *, hard: float | None = None) -> float:
    """TeX's badness of a line: 100·r³, r the share of its stretch (or shrink) that it uses; ∞ when overfull.

    ``hard`` (a length, e.g. the em) says the stretch is a limit, not a
    rate: past it the line stays short (a Chinese line with only capped
    junctions between ideographs), which is bad at once (10,000) and a
    thousand more per ``hard`` left over. Two short lines therefore cost
    more than one twice as short, where stretchable space would rather
    share the slack out.
    """
    if slack >= 0:
        if slack <= 1e-9:
            return 0.0
        if hard is not None and slack > stretch + 1e-9:
            return 10_000.0 + 1_000.0 * (slack - stretch) / hard
        if stretch <= 0:
            return 10_000.0 * (1.0 + slack)
        ratio = slack / stretch
    else:
        if shrink <= 0:
            return _INF
        ratio = -slack / shrink
        if ratio > 1.0 + 1e-9:
            return _INF
    return min(100.0 * ratio**3, 10_000.0 * (1.0 + ratio))


def total_fit(
    count: int,
    fits: Callable[[int, int], bool],
    demerits: Callable[[int, int], float | None],
    *,
    candidates: int = 8,
    hopeless: float = 1e8,
) -> list[int] | None:
    """Ends of the best lines over items ``0..count-1``: each line's last item, in order.

    ``fits(a, b)`` says whether items ``a..b`` fit one line (they do not
    overflow it after shrinking); it must hold for ``(a + 1, b)`` when it
    holds for ``(a, b)``, and fail for ``(a, b + 1)`` when it fails for
    ``(a, b)``, which is true of any width that grows with the items.
    ``demerits(a, b)`` is the cost of that line, or ``None`` when it is so
    loose that every shorter one is too: the scan stops there. At most
    ``candidates`` starts are tried per end (the tightest ones), except for
    the last line, which is never loose; and a start whose line costs more
    than ``hopeless`` (a line past its stretch, with demerits of badness
    10,000) is the last tried, as every later one is looser still. ``None``
    when no sequence of
    fitting lines exists (an item wider than the line): the caller falls
    back to something that can cut inside an item.
    """
    if count <= 0:
        return []
    best = [_INF] * (count + 1)
    best[0] = 0.0
    previous = [-1] * (count + 1)
    lo = 0
    for b in range(count):
        while lo <= b and not fits(lo, b):
            lo += 1
        tried = 0
        last = b == count - 1
        for a in range(lo, b + 1):
            base = best[a]
            if base == _INF:
                continue
            cost = demerits(a, b)
            if cost is None:
                break
            total = base + cost
            if total < best[b + 1]:
                best[b + 1] = total
                previous[b + 1] = a
            tried += 1
            if not last and (tried >= candidates or cost > hopeless):
                break
    if best[count] == _INF:
        return None
    ends: list[int] = []
    end = count
    while end > 0:
        ends.append(end - 1)
        end = previous[end]
    ends.reverse()
    return ends
