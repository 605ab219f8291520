"""KPI cards in the PDF, reopened with pdfplumber: one value size per row, 万/亿 at the unit's size, shared
baselines, the period on the first line as on the deck's cards, notes printed, no lone last card."""

from __future__ import annotations

import pdfplumber
import pytest
import yaml

from zzreport.builder import build
from zzreport.testing import write_files

CARDS = [
    {"label": "新能源汽车产量", "value": 529000, "unit": "辆", "format": {"scale": "万"}, "period": 2024},
    {"label": "省实验室", "value": 18, "unit": "家", "note": "其中新建6家"},
    {"label": "天然气输送能力", "value": 123456789, "unit": "标准立方米/年", "format": {"scale": "万"}},
    {"label": "市场份额", "text": "全国第一"},
]
SPEC = {
    "zzreport": 1,
    "title": "指标卡测试",
    "sections": [
        {"id": "a", "title": "一节", "blocks": [{"kpis": CARDS[:3]}, {"paragraph": "间隔。"}, {"kpis": CARDS}]}
    ],
}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> pdfplumber.page.Page:
    folder = write_files(tmp_path_factory.mktemp("cards"), {"c.yaml": yaml.safe_dump(SPEC, allow_unicode=True)})
    path = build(folder / "c.yaml", folder / "out", ["pdf"])[0].path
    pdf = pdfplumber.open(path)
    return pdf.pages[2]


def baseline(char: dict) -> float:
    return float(char["matrix"][5])


def reading_order(page: pdfplumber.page.Page) -> list[dict]:
    """The page's characters line by line (by baseline, so a value's large and small parts stay one line)."""
    return sorted(page.chars, key=lambda c: (-round(baseline(c)), c["x0"]))


def value_chars(page: pdfplumber.page.Page, text: str) -> list[dict]:
    """The characters of a value (its digits and what follows) found on the page, first occurrence."""
    chars = reading_order(page)
    flat = "".join(c["text"] for c in chars)
    start = flat.index(text)
    return chars[start : start + len(text)]


def test_ten_thousand_is_set_at_the_unit_size(page: pdfplumber.page.Page) -> None:
    chars = value_chars(page, "52.9万辆")
    digits, wan, unit = chars[0], chars[4], chars[5]
    assert wan["size"] == pytest.approx(unit["size"])
    assert wan["size"] < digits["size"] * 0.7


def test_cards_of_one_row_share_a_value_size_and_baseline(page: pdfplumber.page.Page) -> None:
    firsts = [value_chars(page, text)[0] for text in ("52.9", "18家", "12345.68")]
    assert len({round(c["size"], 2) for c in firsts}) == 1
    assert len({round(baseline(c), 1) for c in firsts}) == 1
    unit = value_chars(page, "52.9万辆")[-1]
    assert baseline(unit) == pytest.approx(baseline(firsts[0]))  # the unit on the numerals' baseline


def test_the_period_is_on_the_first_line_above_the_label(page: pdfplumber.page.Page) -> None:
    period = value_chars(page, "2024年")[0]
    label = value_chars(page, "新能源汽车产量")[0]
    assert period["bottom"] <= label["top"] + 0.5
    assert abs(period["x0"] - label["x0"]) < 1
    # The row's other cards keep the line, so their labels start at the same height.
    assert value_chars(page, "省实验室")[0]["top"] == pytest.approx(label["top"], abs=0.5)


def test_notes_are_printed(page: pdfplumber.page.Page) -> None:
    assert value_chars(page, "其中新建6家")


def test_four_cards_make_two_rows_of_two_not_three_and_a_lone_one(page: pdfplumber.page.Page) -> None:
    chars = reading_order(page)
    flat = "".join(c["text"] for c in chars)
    tops = [round(chars[flat.rindex(c["label"])]["top"]) for c in CARDS]  # the second group's labels
    rows = sorted(set(tops))
    assert [tops.count(row) for row in rows] == [2, 2]
