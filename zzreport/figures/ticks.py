"""Value-axis ranges and tick labels.

Tick labels go through :func:`~zzreport.resolve.numbers.format_number` with
the series' own format, so an axis reads 1.5万 or 20% exactly as the data
labels and the deck do. An ``auto`` scale is fixed once per axis (from its
largest tick): otherwise one axis would read 5000, 1万, 1.5万.
"""

from __future__ import annotations

import math
from dataclasses import replace

from zzreport.figures.model import Axis, NumberStyle
from zzreport.resolve.numbers import format_number, pick_scale

__all__ = ["Axis", "aligned_axis", "axis_choices", "fit_axis", "nice_axis", "tick_labels"]

_NICE = (1.0, 2.0, 2.5, 5.0, 10.0)
#: A span below this share of the values' size is float noise (1.0000000001 against 1.0000000002).
_NOISE = 1e-9
#: A span below this is no span either: no label (six decimals at most) tells its ends apart.
_SMALLEST_SPAN = 1e-9


def _nice_steps(raw: float) -> list[float]:
    """Nice step sizes (1, 2, 2.5, 5 × 10ⁿ) from the one just below ``raw`` upwards."""
    exp = math.floor(math.log10(raw)) if raw > 0 else 0
    return [m * 10.0**e for e in (exp - 1, exp, exp + 1) for m in _NICE[:-1]]


def _ticks(lo: float, step: float, count: int) -> tuple[float, ...]:
    # Round away float noise (0.30000000000000004) so labels stay short, but never to a
    # precision the step needs (a step of 1e-11 rounded to ten decimals would be no step).
    digits = max(10, 3 - math.floor(math.log10(step)))
    return tuple(round(lo + i * step, digits) for i in range(count + 1))


def _spread(lo: float, hi: float) -> tuple[float, float]:
    """``[lo, hi]`` in order, widened when its ends are equal in all but float noise.

    Values that look equal are shown against zero, as one value is; values
    that are all (nearly) zero get the range 0–1. Without this, the step
    would be 0 or too fine for a float and the ticks would not advance.
    """
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo > max(_NOISE * max(abs(lo), abs(hi)), _SMALLEST_SPAN):
        return lo, hi
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    return (lo, hi) if hi - lo > _SMALLEST_SPAN else (0.0, 1.0)


def nice_axis(lo: float, hi: float, fmt: NumberStyle, target: int = 5) -> Axis:
    """Ticks covering ``[lo, hi]`` with about ``target`` intervals."""
    lo, hi = _spread(lo, hi)
    raw = (hi - lo) / target
    for step in _nice_steps(raw):
        if step < raw * 0.7:
            continue
        first = math.floor(lo / step + 1e-9) * step
        count = math.ceil((hi - first) / step - 1e-9)
        if count <= target + 2:
            return _axis(first, step, max(count, 1), fmt)
    step = _nice_steps(raw)[-1]  # pragma: no cover - a step ten times raw always fits
    first = math.floor(lo / step) * step
    return _axis(first, step, max(1, math.ceil((hi - first) / step)), fmt)


def axis_choices(lo: float, hi: float, fmt: NumberStyle, fewest: int = 3, most: int = 8) -> list[Axis]:
    """Every nice axis covering ``[lo, hi]`` with ``fewest``…``most`` intervals."""
    if hi <= lo:
        return [nice_axis(lo, hi, fmt)]
    lo, hi = _spread(lo, hi)
    out = []
    for step in _nice_steps((hi - lo) / 5) + [m * 10.0 ** (math.floor(math.log10((hi - lo) / 5)) + 2) for m in _NICE]:
        first = math.floor(lo / step + 1e-9) * step
        count = math.ceil((hi - first) / step - 1e-9)
        if fewest <= count <= most:
            out.append(_axis(first, step, count, fmt))
    return out or [nice_axis(lo, hi, fmt)]


def fit_axis(lo: float, hi: float, fmt: NumberStyle, most: int) -> Axis:
    """The usual nice axis, or the finest one with at most ``most`` intervals when it has more."""
    axis = nice_axis(lo, hi, fmt)
    if len(axis.ticks) - 1 <= most:
        return axis
    return max(axis_choices(lo, hi, fmt, 1, most), key=lambda a: len(a.ticks))


def aligned_axis(lo: float, hi: float, intervals: int, fmt: NumberStyle) -> Axis:
    """A secondary axis with exactly ``intervals`` intervals, so its ticks sit on the primary grid."""
    if hi <= lo:
        hi = lo + 1
    lo, hi = _spread(lo, hi)
    raw = (hi - lo) / intervals
    for step in _nice_steps(raw) + [m * 10.0 ** (math.floor(math.log10(raw)) + 2) for m in _NICE]:
        first = math.floor(lo / step + 1e-9) * step
        if first + intervals * step >= hi - 1e-9 * step:
            return _axis(first, step, intervals, fmt)
    raise AssertionError("unreachable")  # pragma: no cover


def pinned_axis(axis: Axis, lo: float | None, hi: float | None, fmt: NumberStyle, most: int = 7) -> Axis:
    """``axis`` with the spec's pinned ends: ticks from the lowest end at a nice step, as Office draws a
    pinned axis (``c:min``/``c:max`` with an automatic step); a pinned highest end need not be a tick."""
    if lo is None and hi is None:
        return axis
    first = axis.lo if lo is None else lo
    last = axis.hi if hi is None else hi
    nice = fit_axis(first, last, fmt, most)
    if nice.lo == first and nice.hi == last:
        return nice
    step = nice.step
    count = math.floor((last - first) / step + 1e-9)
    ticks = _ticks(first, step, count + 1) if count >= 1 else (first, last)
    return Axis(first, last, ticks, tick_labels(ticks, fmt))


def _axis(first: float, step: float, count: int, fmt: NumberStyle) -> Axis:
    ticks = _ticks(first, step, count)
    return Axis(ticks[0], ticks[-1], ticks, tick_labels(ticks, fmt))


def tick_labels(ticks: tuple[float, ...], fmt: NumberStyle) -> tuple[str, ...]:
    """Format ticks alike: one scale for the axis, as few decimals as the ticks need, and a bare 0.

    The series' fixed decimals are for data (52.9万); on an axis they only add
    noise (100.0万, 80.0万), so ticks keep its scale, grouping, sign and percent.
    """
    scale = pick_scale(max(abs(t) for t in ticks)) if fmt.scale == "auto" else fmt.scale
    for decimals in (None, 3):
        tick_fmt = replace(fmt, scale=scale, decimals=decimals)
        zero_fmt = replace(tick_fmt, scale="none")
        labels = tuple(format_number(t, zero_fmt if t == 0 else tick_fmt) for t in ticks)
        if len(set(labels)) == len(labels):  # ticks finer than 0.01 of the scale need three decimals
            break
    return labels
