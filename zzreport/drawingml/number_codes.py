"""Office number format codes that show a chart's raw numbers as the PDF writes them (1.4万, 52.9%, +3.2).

A deck's chart is edited through its workbook, so the cells hold the real
numbers (14000, not 1.4) and the labels and ticks turn them into 万 and 亿
with the code alone: a trailing ``,`` divides by 10³ and a literal point
(``\\.``) between digit placeholders moves the decimal point, so
``0\\.0,"万"`` shows 14000 as 1.4万 and ``0\\.00,,"亿"`` shows 529000000 as
5.29亿 (PowerPoint, WPS and LibreOffice read ``\\.``; LibreOffice shows
Excel's ``!.`` literally). Those are the only decimals a code can show in a
scale (:data:`~zzreport.resolve.numbers.OFFICE_DECIMALS`); resolve writes the
PDF's chart labels with the same decimals (:func:`~zzreport.resolve.numbers.chart_number`).
A scale with decimals the author fixed and no code can show on raw numbers
(万 with 0 or 2 decimals) falls back to dividing the chart's data, as every
chart did before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from zzreport.figures.model import NumberStyle
from zzreport.resolve.numbers import MINUS, OFFICE_DECIMALS, SCALES, FormatLike, chart_decimals, pick_scale


def _needed_decimals(value: float) -> int:
    """Decimals :func:`zzreport.resolve.numbers.format_number` writes for ``decimals=None`` (at most 2)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return len(text.partition(".")[2])


def resolve_scale(fmt: FormatLike, values: Sequence[float | None] = ()) -> str:
    """The concrete scale (``none``/``万``/``亿``) for ``fmt``: ``auto`` picks one from the largest magnitude.

    An axis has one scale, where the labels of an ``auto`` series pick one per value.
    """
    if fmt.scale != "auto":
        return fmt.scale
    magnitudes = [abs(v) for v in values if v is not None]
    return pick_scale(max(magnitudes)) if magnitudes else "none"


def needs_scaled_data(fmt: FormatLike, values: Sequence[float | None] = ()) -> bool:
    """Whether ``fmt`` shows a scale with decimals no code shows on raw numbers (then the data is divided)."""
    scale = resolve_scale(fmt, values)
    return scale in OFFICE_DECIMALS and chart_decimals(scale, fmt.decimals) not in OFFICE_DECIMALS[scale]


def chart_values(values: Sequence[float | None], fmt: FormatLike, scaled: bool = False) -> tuple[float | None, ...]:
    """The numbers written into the chart (and its workbook) for ``values`` shown with ``fmt``.

    The raw numbers, so Edit Data shows 14000, not 1.4; with automatic
    decimals rounded to two decimals, as the PDF writes them, so ``General``
    shows the same digits. ``scaled`` (see :func:`needs_scaled_data`) divides
    them by the scale instead.
    """
    factor = SCALES.get(resolve_scale(fmt, values), 1.0) if scaled else 1.0
    out: list[float | None] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        number = value / factor
        out.append(round(number, 2) if fmt.decimals is None else round(number, 10))
    return tuple(out)


def _shift(scale: str) -> int:
    return round(math.log10(SCALES[scale]))


def _core(fmt: NumberStyle, scale: str, values: Sequence[float | None], scaled: bool) -> str:
    """The digits of a code (no sign sections) for ``scale``, on raw numbers unless ``scaled``."""
    decimals = chart_decimals(scale, fmt.decimals)
    if scale in SCALES and not scaled:
        assert decimals in OFFICE_DECIMALS[scale], (scale, decimals)
        # Digit placeholders for the shown digits, the point a literal, the rest of 10^shift divided by ``,``.
        core = "0\\." + "0" * decimals + "," * ((_shift(scale) - decimals) // 3)
        return core + f'"{scale}{"%" if fmt.percent else ""}"'
    if decimals is None and fmt.thousands:
        factor = SCALES.get(scale, 1.0)
        shown = [v / factor for v in values if v is not None]
        decimals = max((_needed_decimals(v) for v in shown), default=0)
    if decimals is None:
        core = "General"
    else:
        core = ("#,##0" if fmt.thousands else "0") + ("." + "0" * decimals if decimals else "")
    suffix = (scale if scale in SCALES else "") + ("%" if fmt.percent else "")
    return core + (f'"{suffix}"' if suffix else "")


def office_number_format(
    fmt: FormatLike, values: Sequence[float | None] = (), scaled: bool = False, zero: bool = False
) -> str:
    """An Office number format code that shows ``values`` (raw numbers) as the PDF's chart labels do.

    ==========================  ====================================  ==========
    NumberFormat                code                                  shows
    ==========================  ====================================  ==========
    decimals=None               ``General``                           52.9
    decimals=1                  ``0.0``                               52.9
    decimals=0, thousands       ``#,##0``                             53
    decimals=None, thousands    ``#,##0.0`` (from the values)         52.9
    percent, decimals=1         ``0.0"%"``                            52.9%
    scale=万                    ``0\\.0,"万"``                        1.4万
    scale=亿                    ``0\\.00,,"亿"``                       5.29亿
    scale=auto                  ``[>=100000000]…亿;[>=10000]…万;General``  1.4万, 5800
    sign, decimals=1            ``+0.0;"−"0.0;0.0``                   +52.9
    ==========================  ====================================  ==========

    Why not simpler codes: ``0.##`` leaves a trailing ``.`` on whole numbers
    (``18.``), so automatic decimals use ``General``; ``General`` cannot group
    digits, so with ``thousands`` the decimals come from the data (at most 2).
    Percent values are already percentages (11.8 means 11.8%), so the sign is
    a literal ``"%"`` — a bare ``%`` would multiply by 100. A negative section writes
    U+2212 as the PDF does (Office's own sign is a hyphen-minus). Zero gets its own
    section without a sign, as ``format_number`` writes ``0``; ``zero`` (axis
    ticks) writes it as a bare 0 in a scale too, as the PDF's ticks do. An
    ``auto`` scale is a conditional code, per value as the PDF's labels
    (resolve fixes one scale where the code could not: a sign, negative
    numbers, fixed decimals). ``scaled``: the chart holds the numbers divided
    by the scale (see :func:`needs_scaled_data`).
    """
    fmt = NumberStyle.of(fmt)
    if fmt.scale == "auto" and not (fmt.sign or scaled or fmt.decimals is not None):
        plain = _core(fmt, "none", [v for v in values if v is not None and abs(v) < 1e4], False)
        return f"[>=100000000]{_core(fmt, '亿', (), False)};[>=10000]{_core(fmt, '万', (), False)};{plain}"
    scale = resolve_scale(fmt, values)
    core = _core(fmt, scale, values, scaled)
    negative = f'"{MINUS}"{core}'  # the PDF's minus sign (U+2212), not Office's hyphen-minus
    if fmt.sign:
        return f"+{core};{negative};{'0' if zero else core}"
    if zero and scale in SCALES:
        return f"{core};{negative};0"
    if any(v is not None and v < 0 for v in values):
        return f"{core};{negative}"
    return core


def axis_number_format(fmt: FormatLike, ticks: Sequence[float], scaled: bool = False) -> str:
    """The tick labels' code: the axis' scale, percent and sign, but only the decimals the ticks need.

    A series' fixed decimals are for its data labels (52.9); on an axis they
    read 140.0, 120.0 (the PDF's ticks drop them too). ``ticks`` are raw
    values. In 万 and 亿 the ticks show the decimals a code can (1.0万), and 0
    as a bare 0.
    """
    return office_number_format(replace(NumberStyle.of(fmt), decimals=None), ticks, scaled, zero=True)
