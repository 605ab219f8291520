"""Number formatting as Chinese reports write numbers."""

from __future__ import annotations

import pytest

from zzreport.language.models import NumberFormat
from zzreport.resolve.numbers import format_change, format_number, quantity


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "fmt", "expected"),
    [
        (529000, "辆", "", NumberFormat(scale="万"), "52.9万辆"),
        (14000, "家", "超过", NumberFormat(scale="万"), "超过1.4万家"),
        (5800, "家", "多", None, "5800多家"),
        (1000, "家", "以上", None, "1000家以上"),
        (42500, "个", "", NumberFormat(scale="万"), "4.25万个"),
        (10800, "亩", "", NumberFormat(scale="万"), "1.08万亩"),
        (7000, "亿元", "超", None, "超7000亿元"),
        (90, "架次", "近", None, "近90架次"),
        (3363, "班次", "", None, "3363班次"),
    ],
)
def test_quantities_read_as_the_article_writes_them(value, unit, qualifier, fmt, expected) -> None:
    assert str(quantity(value, unit, qualifier, fmt)) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (1234567.5, NumberFormat(thousands=True), "1,234,567.5"),
        (-1234567, NumberFormat(thousands=True), "-1,234,567"),
        (112.9, NumberFormat(percent=True, sign=True), "+112.9%"),
        (3e9, NumberFormat(scale="auto"), "30亿"),
        (52900, NumberFormat(scale="auto"), "5.29万"),
        (18, NumberFormat(decimals=1), "18.0"),
        (0.004, NumberFormat(), "0"),
        (2.0, NumberFormat(), "2"),
    ],
)
def test_format_number(value, fmt, expected) -> None:
    assert format_number(value, fmt) == expected


def test_changes_carry_their_sign() -> None:
    assert format_change(112.9) == "+112.9%"
    assert format_change(-3.25, "个百分点") == "-3.25个百分点"
    assert format_change(0) == "持平"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        format_number(float("nan"))
