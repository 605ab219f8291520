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


def _built_pages(tmp_path_factory: pytest.TempPathFactory, spec: dict) -> list[pdfplumber.page.Page]:
    folder = write_files(tmp_path_factory.mktemp("grid"), {"c.yaml": yaml.safe_dump(spec, allow_unicode=True)})
    return list(pdfplumber.open(build(folder / "c.yaml", folder / "out", ["pdf"])[0].path).pages)


def test_seven_cards_make_rows_of_four_and_three_not_a_lone_one(tmp_path_factory: pytest.TempPathFactory) -> None:
    seven = [{"label": f"第{n}项指标", "value": n * 11, "unit": "家"} for n in range(1, 8)]
    spec = {**SPEC, "sections": [{"id": "a", "title": "一节", "blocks": [{"kpis": seven}]}]}
    page = _built_pages(tmp_path_factory, spec)[2]
    words = page.extract_words()
    tops = [round(next(w for w in words if w["text"].startswith(card["label"]))["top"]) for card in seven]
    assert [tops.count(row) for row in sorted(set(tops))] == [4, 3]


def test_a_long_grid_starts_under_the_text_before_it_rather_than_leave_half_a_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Half a page of text, then a section whose first block is four rows of cards: its title stays on that page."""
    text = "这是一段用于占据版面的正文，内容平实，长度适中。" * 40
    twelve = [{"label": f"指标{n}", "value": n * 13, "unit": "个"} for n in range(1, 13)]
    spec = {
        **SPEC,
        "sections": [
            {"id": "a", "title": "第一节", "blocks": [{"paragraph": text}]},
            {"id": "b", "title": "第二节", "blocks": [{"kpis": twelve}]},
        ],
    }
    pages = _built_pages(tmp_path_factory, spec)
    first = next(p for p in pages[2:] if "第一节" in (p.extract_text() or ""))
    body = first.extract_text() or ""
    assert "第二节" in body, "the second section's title went to the next page"
    assert "指标1" in body and "指标4" in body  # with its first two rows of cards: never one row alone
    later = "".join(p.extract_text() or "" for p in pages[pages.index(first) + 1 :])
    assert "指标10" in later and "指标7" in later  # the grid ran on over the page's foot, its last two rows together


def test_numerals_and_a_chinese_unit_are_a_quarter_em_apart(page: pdfplumber.page.Page) -> None:
    """52.9|万辆: the CJK–Latin space every text gets, of the unit's size, not a hairline."""
    nine, wan = value_chars(page, "52.9万")[3:5]
    gap = float(wan["x0"]) - float(nine["x1"])
    assert gap == pytest.approx(0.25 * float(wan["size"]), abs=0.3)
