"""The one balanced-label breaker (``zzreport.fonts.balance``): balanced, kinsoku-legal, words whole, no word list."""

from __future__ import annotations

import random

import pytest

from zzreport.fonts.balance import balanced_lines
from zzreport.fonts.fontset import FontSet
from zzreport.fonts.linebreak import Run, break_lines, violations

FONTS = FontSet.default()
SIZE = 10.0


def measure(text: str, size: float) -> float:
    return FONTS.width(text, "body", size, False)


def greedy(text: str, width: float) -> list[str]:
    lines = break_lines([Run(text, SIZE)], width, measure, em=SIZE, cjk_latin_space=0.0, squeeze_line_end=False)
    return [line.text for line in lines]


def spread(lines: list[str]) -> float:
    widths = [measure(line, SIZE) for line in lines]
    return max(widths) - min(widths)


# Labels of no example report, so no rule tuned to one can pass these.
LABELS = [
    "海洋牧场年度养殖总产量（试点）",
    "跨境电商综合试验区进出口额",
    "城乡居民基本养老保险参保人数",
    "沿黄生态廊道湿地修复面积",
    "高速公路服务区充电桩覆盖率",
]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("ems", [5.5, 7.5, 9.5])
def test_a_label_breaks_into_as_many_lines_as_greedy_but_balanced(label: str, ems: float) -> None:
    width = ems * SIZE
    lines = balanced_lines(label, measure, width, SIZE)
    plain = greedy(label, width)
    assert "".join(lines) == label
    assert len(lines) == len(plain)
    assert all(measure(line, SIZE) <= width + 1e-6 for line in lines)
    assert violations(lines) == []
    if len(lines) > 1:
        assert spread(lines) <= spread(plain) + 1e-6
        assert spread(lines) <= 2.5 * SIZE  # within two and a half characters of each other
        assert all(len(line) >= 2 for line in lines)  # never a lone character


def test_a_stub_of_greedy_breaking_is_balanced_away() -> None:
    text = "城乡居民基本养老保险参保人数"  # 14 characters
    width = 12.5 * SIZE
    assert [len(line) for line in greedy(text, width)] == [12, 2]
    # No stub, and the break falls between two words (基本 | 养老保险), not at the middle character.
    assert balanced_lines(text, measure, width, SIZE) == ["城乡居民基本", "养老保险参保人数"]


def test_a_break_after_punctuation_is_preferred_one_character_off_balance() -> None:
    text = "港口吞吐量，铁路与航空货运量"  # 14: 7 + 7 would break between two Han characters
    assert balanced_lines(text, measure, 12 * SIZE, SIZE) == ["港口吞吐量，", "铁路与航空货运量"]
    far = "港口，吞吐量铁路与航空货运量"  # the comma is four characters off balance: a word break nearer wins
    assert balanced_lines(far, measure, 12 * SIZE, SIZE) == ["港口，吞吐量铁路", "与航空货运量"]


def test_kinsoku_and_numbers_hold() -> None:
    text = "新建充电桩超过12000个（含换电站）的城市"
    for ems in (4, 5, 6, 7, 8, 9, 10):
        lines = balanced_lines(text, measure, ems * SIZE, SIZE)
        assert "".join(lines) == text
        assert violations(lines) == [], lines
        assert any("12000个" in line for line in lines)


def test_latin_words_stay_whole_and_spaces_at_breaks_go() -> None:
    text = "Revenue growth of 5.5G networks in 2024"
    lines = balanced_lines(text, measure, 14 * SIZE, SIZE)
    assert len(lines) >= 2
    assert " ".join(lines) == text
    assert all(not line.startswith(" ") and not line.endswith(" ") for line in lines)


def test_short_and_empty_text() -> None:
    assert balanced_lines("", measure, 50, SIZE) == []
    assert balanced_lines("短标签", measure, 50, SIZE) == ["短标签"]
    assert balanced_lines("第一行\n第二行比较长一些", measure, 200, SIZE) == ["第一行", "第二行比较长一些"]


def test_random_text_never_overflows_and_keeps_every_character() -> None:
    pool = "经济发展稳中有进产业规模企业数量（）、，。“”5.5G%万亿元 ABC"
    rng = random.Random(14)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40))).strip()
        if not text:
            continue
        width = rng.uniform(3, 20) * SIZE
        lines = balanced_lines(text, measure, width, SIZE)
        plain = greedy(text, width)
        assert len(lines) == len(plain), (text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for line in lines:
            # A single unbreakable stretch wider than the line is the greedy breaker's to cut.
            assert measure(line, SIZE) <= width + 1e-6 or line in plain, (text, width, lines)


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        # Labels of no report in this repository: the dictionary, not a word list, keeps their words whole.
        ("国家级重点实验室", ["国家级重点", "实验室"]),
        ("支持优秀青年人才项目", ["支持优秀青年", "人才项目"]),
        ("市级公共图书馆藏书量", ["市级公共", "图书馆藏书量"]),
    ],
)
def test_a_label_breaks_between_words_not_inside_one(label: str, lines: list[str]) -> None:
    width = measure("国家级重点实验", SIZE)  # room for about seven characters
    assert balanced_lines(label, measure, width, SIZE) == lines


def test_word_ends_come_from_the_segmenter() -> None:
    from zzreport.fonts.balance import word_ends

    assert word_ends("国家级重点实验室") == {3, 5, 8}
