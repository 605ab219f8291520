"""Number formatting as Chinese reports write numbers: 52.9万辆, 7000亿元, +112.9%.

Every number that reaches an output is formatted here, once, so the PDF,
the deck and the charts' data labels agree to the character.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

from zzreport.language.models import NumberFormat

SCALES = {"万": 1e4, "亿": 1e8}
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
    return text


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
    """A change with its sign: ``+112.9%``, ``-3.2个百分点``, ``持平`` for zero."""
    if value == 0:
        return "持平"
    sign = "+" if value > 0 else "-"
    return f"{sign}{_digits(abs(value), decimals)}{unit}"
