"""The shared line breaker keeps Chinese typesetting rules in every writer.

Both the PDF and the PPTX writer break lines with ``zzreport.fonts.linebreak``;
a regression here would put ``，`` at line starts or tear ``52.9万辆`` apart in
every output format at once, so each rule is pinned down by a test, and the
seed article is laid out at 41 column widths with the real serif metrics.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.linebreak import (
    LINE_END_FORBIDDEN,
    LINE_START_FORBIDDEN,
    Line,
    Run,
    break_lines,
    slice_runs,
    violations,
)

SEED = Path("/work/shared/seeds/000_06f168087f7608ae.txt")

SPEC_START_FORBIDDEN = "，。、；：？！）》」』】〕〉”’…—％・·,.;:?!)]}%‰℃"
SPEC_END_FORBIDDEN = "（《「『【〔〈“‘([{"
NUMBER_EXAMPLES = [
    "52.9万辆",
    "112.9%",
    "5800多家",
    "1.08万亩",
    "3363班次",
    "4.25万个",
    "240小时",
    "1~11月",
    "“7+28+N”",
    "5.5G",
    "RCEP",
]


def fake_width(text: str, style: Hashable) -> float:
    """1 per CJK character or fullwidth punctuation, 0.5 per Latin one."""
    return sum(0.0 if char == "\u200b" else 1.0 if ord(char) >= 0x2000 else 0.5 for char in text)


def lay(text: str, width: float, **kwargs: object) -> list[Line]:
    kwargs.setdefault("em", 1.0)
    return break_lines([Run(text, None)], width, fake_width, **kwargs)  # type: ignore[arg-type]


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def assert_lossless(text: str, lines: list[Line]) -> None:
    """Lines cover the text in order; only spaces at breaks are dropped."""
    assert lines[0].start == len(text) - len(text.lstrip(" "))
    assert lines[-1].end == len(text.rstrip(" "))
    for line in lines:
        assert line.text == text[line.start : line.end]
    for before, after in pairwise(lines):
        assert text[before.end : after.start].strip(" ") == ""


# --------------------------------------------------------------- kinsoku


def test_exported_sets_cover_the_spec() -> None:
    assert set(SPEC_START_FORBIDDEN) <= LINE_START_FORBIDDEN
    assert set(SPEC_END_FORBIDDEN) <= LINE_END_FORBIDDEN


@pytest.mark.parametrize("mark", SPEC_START_FORBIDDEN)
def test_closing_mark_never_starts_a_line(mark: str) -> None:
    text = f"一二三{mark}四五六七"
    lines = lay(text, 3, squeeze_line_end=False)
    assert all(not line.text.startswith(mark) for line in lines)
    assert lines[0].text == "一二"  # oidashi: 三 goes down with the mark
    assert lines[1].text.startswith(f"三{mark}")
    assert violations(texts(lines)) == []
    assert_lossless(text, lines)


@pytest.mark.parametrize("mark", SPEC_END_FORBIDDEN)
def test_opening_mark_never_ends_a_line(mark: str) -> None:
    text = f"一二{mark}三四五"
    lines = lay(text, 3)
    assert texts(lines)[0] == "一二"
    assert texts(lines)[1].startswith(f"{mark}三")  # the mark went down with the character it opens
    assert violations(texts(lines)) == []


@pytest.mark.parametrize("pair", ["……", "——"])
def test_ellipsis_and_dash_pairs_stay_together(pair: str) -> None:
    text = f"一二三{pair}四五六七八"
    for width in (3, 4, 5, 6):
        lines = lay(text, width)
        assert any(pair in line.text for line in lines), (width, texts(lines))
        assert violations(texts(lines)) == []
        assert_lossless(text, lines)
    # Too narrow for 三 plus the pair: the fallback still keeps the pair.
    lines = lay(text, 2)
    assert any(pair in line.text for line in lines), texts(lines)


def test_chain_of_marks_travels_together() -> None:
    text = "他说：“好。”然后走了"
    for width in range(4, 10):
        lines = lay(text, width)
        assert violations(texts(lines)) == [], (width, texts(lines))
        assert_lossless(text, lines)


def test_impossible_line_falls_back_without_losing_text() -> None:
    text = "一“（《二》）”，。三"
    for width in (0.0, 0.4, 1.0, 1.5, 2.0):
        lines = lay(text, width)
        assert "".join(texts(lines)) == text
        assert all(line.text for line in lines)


# ----------------------------------------------------------- numbers, words


@pytest.mark.parametrize("token", NUMBER_EXAMPLES)
def test_number_and_unit_are_never_split(token: str) -> None:
    text = f"今年前面文字{token}后面的文字结束了"
    token_width = fake_width(token, None) + 0.5
    width = token_width + 2
    while width <= 14:
        lines = lay(text, width)
        assert any(token in line.text for line in lines), (width, texts(lines))
        assert violations(texts(lines)) == []
        assert_lossless(text, lines)
        width += 0.25


def test_units_longer_than_one_character_stay_whole() -> None:
    for token in ("320万平方米", "11个月", "90架次", "6万标箱"):
        text = f"前面{token}后面"
        for width in range(len(token), 12):
            lines = lay(text, width)
            assert any(token in line.text for line in lines), (token, width)


def test_number_without_unit_may_break_before_ordinary_character() -> None:
    lines = lay("共有20条重点产业链", 4)
    assert texts(lines)[0] == "共有"  # 20条 moved down whole
    assert lines[1].text.startswith("20条")


def test_latin_words_break_only_at_spaces() -> None:
    text = "我们说 hello world，然后 internationalization 结束"
    for width in range(20, 40):
        lines = lay(text, width / 2)
        words = " ".join(texts(lines)).split()
        for word in ("hello", "internationalization"):
            assert any(word in chunk for chunk in words), (width, texts(lines))
        assert_lossless(text, lines)


def test_overlong_url_breaks_after_slash_then_by_character() -> None:
    text = "见 https://example.com/path/to-some/resource"
    lines = lay(text, 6)
    url_lines = texts(lines)[1:]
    assert "".join(url_lines) == "https://example.com/path/to-some/resource"
    assert all(chunk[-1] in "/-" for chunk in url_lines[:-1]), url_lines
    word = "abcdefghijklmnopqrstuvwxyz"
    lines = lay(word, 3)
    assert texts(lines) == ["abcdef", "ghijkl", "mnopqr", "stuvwx", "yz"]


def test_no_break_space_glues_and_zero_width_space_breaks() -> None:
    assert texts(lay("abc 100\u00a0km", 3)) == ["abc", "100\u00a0km"]
    lines = lay("abcdef\u200bghijkl", 3.5)
    assert "".join(texts(lines)) == "abcdef\u200bghijkl"
    assert [line.text.strip("\u200b") for line in lines] == ["abcdef", "ghijkl"]


def test_latin_only_text_is_filled_at_spaces() -> None:
    lines = lay("the quick brown fox jumps over", 6)
    assert texts(lines) == ["the quick", "brown fox", "jumps over"]


# ------------------------------------------------------------------ spacing


def test_quarter_em_between_han_and_latin() -> None:
    (line,) = lay("中文English中文", 100, em=10.0)
    assert [piece.text for piece in line.pieces] == ["中文", "English", "中文"]
    xs = [piece.x for piece in line.pieces]
    assert xs == [0.0, 2.0 + 2.5, 2.0 + 2.5 + 3.5 + 2.5]
    assert line.width == pytest.approx(4 + 3.5 + 5.0)


def test_cjk_latin_space_configurable_and_not_at_punctuation() -> None:
    (line,) = lay("中文English中文", 100, em=10.0, cjk_latin_space=0)
    assert line.width == pytest.approx(7.5)
    (line,) = lay("中文，English。", 100, em=10.0)
    assert line.width == pytest.approx(3 + 3.5 + 1)
    (line,) = lay("增至4862家", 100, em=4.0)
    assert line.width == pytest.approx(2 + 2 + 1 + 2 * 0.25 * 4)


def test_em_defaults_to_the_ideographic_space_width() -> None:
    (line,) = break_lines([Run("中A", None)], 10, fake_width)
    assert line.width == pytest.approx(1.5 + 0.25)


def test_no_cjk_latin_space_at_line_edges() -> None:
    lines = lay("一二三ABCD四五", 3)
    assert texts(lines) == ["一二三", "ABCD", "四五"]
    assert lines[0].width == 3.0
    assert lines[1].width == 2.0
    assert lines[1].pieces[0].x == 0.0


def test_spaces_at_breaks_are_dropped() -> None:
    text = "  hello   world  "
    lines = lay(text, 3)
    assert texts(lines) == ["hello", "world"]
    assert_lossless(text, lines)


# ------------------------------------------------------------ justification


def test_chinese_line_stretches_between_all_characters() -> None:
    lines = lay("一二三四五六七", 5.5)
    first = lines[0]
    assert first.text == "一二三四五" and first.stretch_gaps == 4
    wide = first.justified(6.0)
    (piece,) = wide.pieces
    assert piece.char_space == pytest.approx(0.25)
    assert piece.x + piece.width == pytest.approx(6.0)
    assert lines[-1].ends_paragraph and not first.ends_paragraph


def test_latin_line_stretches_at_spaces_only() -> None:
    (line,) = lay("ab cd ef", 10)
    assert line.stretch_gaps == 2
    wide = line.justified(5.0)
    assert [piece.text for piece in wide.pieces] == ["ab ", "cd ", "ef"]
    assert all(piece.char_space == 0 for piece in wide.pieces)
    assert [piece.x for piece in wide.pieces] == pytest.approx([0, 2.0, 4.0])


def test_mixed_line_keeps_latin_word_tight() -> None:
    (line,) = lay("中文ABC中文", 20, em=1.0)
    wide = line.justified(line.width + 4)
    abc = next(piece for piece in wide.pieces if piece.text == "ABC")
    assert abc.char_space == 0
    last = wide.pieces[-1]
    assert last.x + last.width == pytest.approx(line.width + 4)


def test_first_line_indent_and_forced_break() -> None:
    lines = lay("一二三四五六\n七八", 4, first_line_indent=2)
    assert texts(lines) == ["一二", "三四五六", "七八"]
    assert [line.indent for line in lines] == [2, 0, 0]
    assert [line.ends_paragraph for line in lines] == [False, True, True]


def test_line_end_punctuation_may_be_squeezed_half_width() -> None:
    (first, *_) = lay("一二三，四五", 3.5)
    assert first.text == "一二三，"
    assert first.overhang == 0.5 and first.width == 3.5
    (first, *_) = lay("一二三，四五", 3.5, squeeze_line_end=False)
    assert first.text == "一二"


def test_styles_split_pieces_and_reach_the_width_function() -> None:
    seen: set[Hashable] = set()

    def width(text: str, style: Hashable) -> float:
        seen.add(style)
        return fake_width(text, style) * (2 if style == "big" else 1)

    runs = [Run("一二", "normal"), Run("三四", "big"), Run("五", "normal")]
    (line,) = break_lines(runs, 100, width, em=1.0)
    assert [(piece.text, piece.style, piece.x) for piece in line.pieces] == [
        ("一二", "normal", 0),
        ("三四", "big", 2),
        ("五", "normal", 6),
    ]
    assert seen >= {"normal", "big"}


def test_slice_runs() -> None:
    runs = [Run("一二", "a"), Run("三四", "b"), Run("五", "a")]
    assert slice_runs(runs, 1, 4) == [Run("二", "a"), Run("三四", "b")]
    assert slice_runs(runs, 3) == [Run("四", "b"), Run("五", "a")]


def test_violations_helper() -> None:
    assert violations(["一二", "三四"]) == []
    assert len(violations(["一二", "，三"])) == 1
    assert len(violations(["一（", "二"])) == 1
    assert len(violations(["增长52.9", "万辆"])) == 1
    assert len(violations(["增长52", ".9万辆"])) == 2  # starts with '.', cut number
    assert len(violations(["发挥5.5", "G覆盖"])) == 1
    assert len(violations(["时长240", "小时"])) == 1
    assert violations(["hello", "world"]) == []


# --------------------------------------------------------------------- seed


@cache
def serif_advances() -> dict[int, float]:
    font = TTFont(bundled_font_path("serif", 400), lazy=True)
    metrics = font["hmtx"].metrics
    upm = font["head"].unitsPerEm
    return {cp: metrics[glyph][0] / upm for cp, glyph in font.getBestCmap().items()}


def serif_width(text: str, size: Hashable) -> float:
    advances = serif_advances()
    return sum(advances[ord(char)] for char in text) * float(size)  # type: ignore[arg-type]


def seed_paragraphs() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_article_at_41_widths() -> None:
    paragraphs = seed_paragraphs()
    widths = range(80, 401, 8)
    assert len(widths) == 41
    for width in widths:
        for paragraph in paragraphs:
            lines = break_lines([Run(paragraph, 10.5)], width, serif_width)
            assert violations(texts(lines)) == [], (width, texts(lines))
            assert all(line.width <= width + 1e-6 for line in lines)
            assert_lossless(paragraph, lines)


def test_a_bound_stays_with_its_quantity() -> None:
    from zzreport.fonts.linebreak import _number_glue

    text = "支持优秀青年人才项目60个以上；"
    start = text.index("60")
    glued = _number_glue(text)
    assert set(range(start + 1, start + 5)) <= glued  # 0, 个, 以, 上 cannot start a line
    assert text.index("；") not in glued


def test_the_last_line_is_never_a_single_character() -> None:
    text = "推动城乡融合发展，积极推进农旅一体发展，因地制宜发展设施农业、植物工厂等高附加值特色产业；"
    runs = [Run(text, "s")]

    def width(part: str, style: object) -> float:
        return float(len(part))

    for max_width in range(6, 30):
        lines = break_lines(runs, max_width, width, em=1.0, cjk_latin_space=0)
        if len(lines) > 1:
            last = [c for c in lines[-1].text if c not in "，。、；："]
            assert len(last) >= 2, (max_width, [line.text for line in lines])
        assert "".join(line.text for line in lines) == text
