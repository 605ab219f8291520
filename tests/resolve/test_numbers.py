"""Number formatting as Chinese reports write numbers."""

from __future__ import annotations

import pytest

import zzreport
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
        (-1234567, NumberFormat(thousands=True), "\u22121,234,567"),
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
    assert format_change(-3.25, "个百分点") == "\u22123.25个百分点"
    assert format_change(0) == "持平"


def test_non_finite_numbers_are_refused() -> None:
    with pytest.raises(ValueError):
        format_number(float("nan"))


@pytest.mark.parametrize(
    ("values", "fmt", "labels"),
    [
        # Automatic decimals in 万/亿: the fewest an Office code shows on the raw number (1 and 2).
        ([14000, 10000, 42500], {"scale": "万"}, ("1.4万", "1.0万", "4.3万")),
        ([529_000_000], {"scale": "亿"}, ("5.29亿",)),
        # auto picks per value, as the deck's conditional code does: the cards' 1.4万 beside 5800.
        ([14000, 5800, 1129], {"scale": "auto"}, ("1.4万", "5800", "1129")),
        # ... but one scale where a code could not pick per value: negative numbers, a sign, fixed decimals.
        ([14000, -5800], {"scale": "auto"}, ("1.4万", "−0.6万")),
        ([14000, 5800], {"scale": "auto", "decimals": 1}, ("1.4万", "0.6万")),
        # Fixed decimals are the author's: 万 with 0 decimals stays 53万 (the deck divides its data then).
        ([529000], {"scale": "万", "decimals": 0}, ("53万",)),
        ([18, 4.25], {}, ("18", "4.25")),
    ],
)
def test_chart_labels_use_decimals_an_office_code_can_show(values, fmt, labels) -> None:
    """The PDF's data labels read exactly as the deck's labels, which are Office codes on the raw numbers."""
    doc = zzreport.resolve(
        zzreport.load_dict(
            {
                "zzreport": 1,
                "title": "图",
                "sections": [
                    {
                        "id": "s",
                        "title": "图",
                        "blocks": [
                            {
                                "figure": {
                                    "kind": "column",
                                    "title": "图",
                                    "format": fmt,
                                    "categories": [f"类{i}" for i in range(len(values))],
                                    "series": [{"name": "数", "values": values}],
                                }
                            }
                        ],
                    }
                ],
            }
        )
    )
    (figure,) = doc.figures()
    assert figure.data.series[0].labels == labels
