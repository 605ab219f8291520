"""Number formatting as Chinese reports write numbers: 52.9万辆, 7000亿元, +112.9%.

Every number that reaches an output is formatted here, once, so the PDF,
the deck and the charts' data labels agree to the character.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Protocol

from zzreport.language.models import NumberFormat

if TYPE_CHECKING:
    from zzreport.ir import KpiCard

SCALES = {"万": 1e4, "亿": 1e8}
#: The minus sign of formatted negatives (U+2212): a hyphen-minus is shorter than a digit and
#: sits too low beside Chinese text. Text typed by the author stays as typed.
MINUS = "\u2212"
#: Qualifiers written between number and unit (5800多家) or after the unit (1000家以上);
#: any other stands before the number (超7000亿元, 近, 约, 突破 …).
INFIX_QUALIFIERS = ("多", "余")
SUFFIX_QUALIFIERS = ("以上", "以下", "左右", "上下")


class FormatLike(Protocol):
    """What :func:`format_number` reads: the spec's ``NumberFormat``, or a figure's plain ``NumberStyle``."""

    @property
    def decimals(self) -> int | None: ...
    @property
    def scale(self) -> str: ...
    @property
    def thousands(self) -> bool: ...
    @property
    def sign(self) -> bool: ...
    @property
    def percent(self) -> bool: ...


def _digits(value: float, decimals: int | None) -> str:
    if decimals is None:
        # As few decimals as the value needs, at most two (5.5, 52.9, 4.25, 18).
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return f"{value:.{decimals}f}"


def _group(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + ("." + frac if frac else "")


def pick_scale(value: float) -> str:
    """``auto`` scaling: 亿 from 10⁸, 万 from 10⁴, else none."""
    magnitude = abs(value)
    if magnitude >= 1e8:
        return "亿"
    if magnitude >= 1e4:
        return "万"
    return "none"


def format_number(value: float, fmt: FormatLike | None = None) -> str:
    """Format ``value``: scale, decimals, thousands separators, sign, percent sign."""
    fmt = fmt or NumberFormat()
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value}")
    scale = pick_scale(value) if fmt.scale == "auto" else fmt.scale
    scaled = value / SCALES[scale] if scale in SCALES else value
    text = _digits(scaled, fmt.decimals)
    if fmt.thousands:
        text = _group(text)
    if fmt.sign and scaled > 0:
        text = "+" + text
    if scale in SCALES:
        text += scale
    if fmt.percent:
        text += "%"
    return MINUS + text[1:] if text.startswith("-") else text


def needed_decimals(value: float, fmt: FormatLike | None = None) -> int:
    """The decimals :func:`format_number` writes for ``value`` when ``decimals`` is not fixed (0 to 2)."""
    fmt = fmt or NumberFormat()
    scale = pick_scale(value) if fmt.scale == "auto" else fmt.scale
    scaled = value / SCALES[scale] if scale in SCALES else value
    return len(_digits(scaled, None).partition(".")[2])


#: The decimals an Office number format can show for a scale while the chart's cells keep the raw number.
#: A trailing ``,`` divides by 10³ and a literal point (``\.``) between digit placeholders moves the
#: decimal point: ``0\.0,"万"`` shows 14000 as 1.4万, ``0\.00,,"亿"`` 529000000 as 5.29亿. No code divides
#: by 10⁴ or 10⁸ itself, so only ``n`` decimals with 3k + n = 4 (万) or 8 (亿) exist.
OFFICE_DECIMALS: dict[str, tuple[int, ...]] = {"万": (1, 4), "亿": (2, 5, 8)}


def chart_decimals(scale: str, decimals: int | None) -> int | None:
    """The decimals a chart writes a number in ``scale`` with: ``decimals``, or for automatic decimals in
    万/亿 the fewest an Office code shows on the raw number (万 1, 亿 2), so the deck's labels, bound to
    the data, read like the PDF's (1.4万, 1.0万; not 1万 in print and 1.0万 on the slide)."""
    if decimals is None and scale in OFFICE_DECIMALS:
        return OFFICE_DECIMALS[scale][0]
    return decimals


def chart_number(value: float, fmt: FormatLike) -> str:
    """``value`` as a chart's data label writes it: :func:`format_number` with :func:`chart_decimals`.

    ``auto`` still picks the scale per value (1.4万 beside 5800), as the deck's conditional code does.
    A half is rounded away from zero, as Office rounds (42500 → 4.3万, where Python's 4.25 → 4.2).
    """
    scale = pick_scale(value) if fmt.scale == "auto" else fmt.scale
    decimals = chart_decimals(scale, fmt.decimals)
    if decimals is not None and math.isfinite(value):
        factor = SCALES.get(scale, 1.0)
        step = Decimal(1).scaleb(-decimals)
        value = float(Decimal(repr(value / factor)).quantize(step, ROUND_HALF_UP)) * factor
    style = _Style(decimals, scale, fmt.thousands, fmt.sign, fmt.percent)
    return format_number(value, style)


@dataclass(frozen=True)
class _Style:
    """A plain :class:`FormatLike` (the figures' ``NumberStyle`` lives above this module)."""

    decimals: int | None
    scale: str
    thousands: bool
    sign: bool
    percent: bool


def split_qualifier(qualifier: str) -> tuple[str, str, str]:
    """Place a qualifier: (before the number, between number and unit, after the unit)."""
    if not qualifier:
        return "", "", ""
    if qualifier in INFIX_QUALIFIERS:
        return "", qualifier, ""
    if qualifier in SUFFIX_QUALIFIERS:
        return "", "", qualifier
    return qualifier, "", ""


@dataclass(frozen=True)
class Quantity:
    """A formatted quantity in its parts, so writers can size the number apart from its unit."""

    prefix: str
    number: str
    infix: str
    unit: str
    suffix: str

    def __str__(self) -> str:
        return f"{self.prefix}{self.number}{self.infix}{self.unit}{self.suffix}"


def quantity(value: float, unit: str = "", qualifier: str = "", fmt: NumberFormat | None = None) -> Quantity:
    """``quantity(529000, '辆', '', NumberFormat(scale='万'))`` -> ``52.9万辆``."""
    prefix, infix, suffix = split_qualifier(qualifier)
    return Quantity(prefix, format_number(value, fmt), infix, unit, suffix)


def format_change(value: float, unit: str = "%", decimals: int | None = None) -> str:
    """A change with its sign: ``+112.9%``, ``−3.2个百分点`` (U+2212), ``持平`` for zero."""
    if value == 0:
        return "持平"
    sign = "+" if value > 0 else MINUS
    return f"{sign}{_digits(abs(value), decimals)}{unit}"


def value_parts(card: KpiCard) -> list[tuple[str, bool]]:
    """A card's value in parts, each with whether it is set at the number's size (else at the unit's).

    One rule for every paged output, so the print and the Word cards split a
    value alike: a sign-like unit (%, ‰, ℃) stays with the numerals at their
    size; the scale word formatting wrote (万, 亿) goes with the unit, at its size.
    """
    number, unit = card.number, card.infix + card.unit + card.suffix
    scale = ""
    if card.numeric:
        scale = next((w for w in sorted(SCALES, key=len, reverse=True) if number.endswith(w) and number != w), "")
        number = number[: len(number) - len(scale)]
    sign = next((u for u in ("%", "％", "‰", "℃") if not card.infix and not scale and unit.startswith(u)), "")
    parts = [(card.prefix, False), (number + sign, True), (scale + unit[len(sign) :], False)]
    return [(text, big) for text, big in parts if text]
