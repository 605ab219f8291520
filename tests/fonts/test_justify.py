"""The clreq justification engine: compression, line adjustment and total fit on hand-made paragraphs.

Widths are made up (an ideograph or full-width mark is one em, a Latin
character half of one, em = 1), so every expected position can be worked
out by hand; the seed article is then laid out with the real serif metrics
at many widths to show the rules hold together.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.clreq import BLANK_LEFT, BLANK_RIGHT, CJK_STRETCH_CAP
from zzreport.fonts.linebreak import Line, Run, break_lines, cjk_latin_gaps, violations
from zzreport.fonts.totalfit import total_fit

SEED = Path("/work/shared/seeds/000_06f168087f7608ae.txt")


def fake_width(text: str, style: Hashable) -> float:
    return sum(1.0 if ord(char) >= 0x2000 else 0.5 for char in text)


def typeset(text: str, width: float, **kwargs: object) -> list[Line]:
    options: dict[str, object] = {"em": 1.0, "compress_punctuation": True, "total_fit": True, "justify": True}
    options.update(kwargs)
    return break_lines([Run(text, None)], width, fake_width, **options)  # type: ignore[arg-type]


def positions(line: Line) -> list[float]:
    """Where each character of the line starts, from its pieces (as the PDF writer draws them)."""
    out = []
    for piece in line.pieces:
        x = piece.x
        for char in piece.text:
            out.append(x)
            x += fake_width(char, None) + piece.char_space
    return out


def test_total_fit_takes_shrink_early_so_a_later_line_is_not_left_loose() -> None:
    # Greedy fills line 1 with ten characters; then 九 and five ideographs leave no room for the
    # unbreakable 12345678 (4 em) and line 2 is left 4 em short. Total fit shrinks line 1's two
    # commas to half width to take 九 too, and the number then fits line 2.
    text = "一二，三四，五六七八九" + "十二三四五" + "12345678" + "。"
    greedy = break_lines([Run(text, None)], 10.0, fake_width, em=1.0)
    assert [line.text for line in greedy] == ["一二，三四，五六七八", "九十二三四五", "12345678。"]
    assert greedy[1].width == 6.0  # loose: 4 em of slack

    fitted = typeset(text, 10.0)
    assert [line.text for line in fitted] == ["一二，三四，五六七八九", "十二三四五12345678。"]
    assert fitted[0].width == pytest.approx(10.0)  # both commas at half width
    assert fitted[1].width == pytest.approx(10.0)  # 10.25 em, the 。 at the line end gives a quarter
    assert fitted[1].overhang == pytest.approx(0.25)


def test_total_fit_prefers_one_short_line_to_two_when_only_ideographs_can_stretch() -> None:
    # Pure Chinese lines can open by 0.05 em a junction and no more: sharing an unabsorbable slack
    # between two lines would make two ragged lines out of one.
    text = "一" * 10 + "二" * 6 + "12345678" + "三" * 5
    fitted = typeset(text, 10.0)
    assert fitted[-1].text == "12345678三三三三三"
    short = [line.text for line in fitted[:-1] if line.width < 10.0 - 1e-6]
    assert len(short) == 1, [line.text for line in fitted]
    assert [line.text for line in typeset(text, 10.0, total_fit=False, justify=False)][-1] == fitted[-1].text


def test_the_dynamic_programme_minimises_the_sum_of_demerits() -> None:
    # Items of width 3, 3, 3, 3 in lines of 7: the squared-cost ideal is 2 + 2, not 2 + 1 + 1.
    widths = [3.0] * 4

    def fits(a: int, b: int) -> bool:
        return sum(widths[a : b + 1]) <= 7

    def demerits(a: int, b: int) -> float:
        return (7 - sum(widths[a : b + 1])) ** 2 if b < 3 else 0.0

    assert total_fit(4, fits, demerits) == [1, 3]
    assert total_fit(1, lambda a, b: False, demerits) is None  # an item wider than the line


@pytest.mark.parametrize(
    ("text", "pair"),
    [("他说“好”，走了", "”，"), ("完成。“十四五”开局", "。“"), ("目标（“三个一”）有", "（“"), ("增长）、下降", "）、")],
)
def test_adjacent_full_width_marks_are_compressed_to_half_an_em(text: str, pair: str) -> None:
    [line] = typeset(text, 40.0)
    xs = positions(line)
    i = text.index(pair)
    assert xs[i + 1] - xs[i] == pytest.approx(0.5)
    # Nothing else moved closer: every other character keeps at least its advance.
    others = [xs[k + 1] - xs[k] for k in range(len(text) - 1) if k != i and text[k : k + 2] not in ("“三", "”）")]
    assert min(others) >= 0.5 - 1e-9  # Latin-free: ideographs and marks stay a full em, but other pairs
    assert sum(1 for k in range(len(text) - 1) if xs[k + 1] - xs[k] < 0.99) == sum(
        1
        for k in range(len(text) - 1)
        if (text[k] in BLANK_RIGHT and (text[k + 1] in BLANK_RIGHT or text[k + 1] in BLANK_LEFT))
        or (text[k] in BLANK_LEFT and text[k + 1] in BLANK_LEFT)
    )


def test_compression_is_off_for_callers_that_do_not_ask_for_it() -> None:
    # The deck's renderer sets its own text: its measurements must not assume compressed marks.
    [line] = break_lines([Run("他说“好”，走了", None)], 40.0, fake_width, em=1.0)
    assert line.width == 8.0


def test_slack_goes_to_gaps_and_marks_before_ideographs() -> None:
    # 27 characters in 28 em: 1 em of slack. The comma's blank and the CJK–Latin gaps take their
    # stretch (an eighth each) first; the ideographs share the rest, well under the cap.
    text = "一二三四五六七八九十，一二三AB四五六七八九十一二三四五六七八九十"
    lines = typeset(text, 28.0)
    first = lines[0]
    assert first.width == pytest.approx(28.0)
    xs = positions(first)
    n = len(first.text)
    advances = [xs[k + 1] - xs[k] for k in range(n - 1)]
    t = first.text
    comma = t.index("，")
    assert advances[comma] == pytest.approx(1.125)
    han_han = [advances[k] for k in range(n - 1) if "\u4e00" <= t[k] <= "\u9fff" and "\u4e00" <= t[k + 1] <= "\u9fff"]
    assert max(han_han) <= 1 + CJK_STRETCH_CAP + 1e-9
    assert min(han_han) > 1.0  # they did open, evenly
    assert max(han_han) - min(han_han) < 1e-9
    a = t.index("A")
    assert advances[a - 1] == pytest.approx(1.0 + 0.375)  # 三|A: the quarter-em gap opened to three eighths
    assert advances[a] == pytest.approx(0.5)  # A|B: Latin letters never spaced


def test_a_line_with_only_ideographs_stays_short_rather_than_letter_spaced() -> None:
    # 15 em wide, but 10 ideographs then a 6 em number: line 1 has 5 em of slack and 9 junctions.
    text = "一二三四五六七八九十" + "123456789012" + "完"
    lines = typeset(text, 15.0)
    assert lines[0].text == "一二三四五六七八九十"
    xs = positions(lines[0])
    assert max(b - a for a, b in itertools.pairwise(xs)) == pytest.approx(1 + CJK_STRETCH_CAP)
    assert lines[0].width == pytest.approx(10 + 9 * CJK_STRETCH_CAP)


def test_latin_words_are_never_letter_spaced_and_spaces_take_their_slack() -> None:
    text = "Chinese text layout requirements are published by the W3C as clreq"
    for line in typeset(text, 20.0)[:-1]:
        assert line.width == pytest.approx(20.0)
        assert all(piece.char_space == 0.0 for piece in line.pieces)


def test_long_urls_break_after_a_slash_or_a_dot_not_anywhere() -> None:
    url = "https://www.example.gov.cn/zwgk/reports/2025/annual-report_final.pdf"
    text = f"全文见{url}。"
    lines = typeset(text, 12.0)
    assert "".join(line.text for line in lines) == text
    for before, after in itertools.pairwise(lines):
        head, tail = before.text[-1], after.text[0]
        assert head in "/-_." or not (head.isascii() and tail.isascii()), (before.text, after.text)
    assert all(line.width <= 12.0 + 1e-6 for line in lines)
    assert "https:/" not in [line.text[-7:] for line in lines]  # // stays whole


def test_numbers_are_not_cut_at_their_decimal_point() -> None:
    # The number (8 em) cannot follow 增长率为 on a 10 em line; cutting it before its "." would fit.
    lines = typeset("增长率为12345.678901234%，同比", 10.0)
    assert [line.text for line in lines][:2] == ["增长率为", "12345.678901234%，"]


def test_line_end_mark_shrinks_before_anything_else() -> None:
    # 11 em of text (。 at the end) in 10.5 em: only the stop's blank half goes, so nothing else moves.
    [first, _rest] = typeset("一二三四五六七八九十。再见", 10.5)
    assert first.text == "一二三四五六七八九十。"
    assert first.overhang == pytest.approx(0.5)
    assert all(piece.char_space == 0.0 for piece in first.pieces)


def seed_paragraphs() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def serif() -> TTFont:
    return TTFont(str(bundled_font_path("serif", 400)))


@pytest.mark.parametrize("ems", [9, 13, 17, 24, 33, 43])
def test_seed_paragraphs_keep_every_rule_at_many_widths(serif: TTFont, ems: int) -> None:
    cmap, hmtx, upm = serif.getBestCmap(), serif["hmtx"], serif["head"].unitsPerEm

    def width(text: str, style: Hashable) -> float:
        return sum(hmtx[cmap[ord(c)]][0] if ord(c) in cmap else upm // 2 for c in text) / upm

    for paragraph in seed_paragraphs():
        lines = break_lines(
            [Run(paragraph, None)],
            float(ems),
            width,
            em=1.0,
            first_line_indent=2.0,
            compress_punctuation=True,
            total_fit=True,
            justify=True,
        )
        texts = [line.text for line in lines]
        assert "".join(texts).replace(" ", "") == paragraph.replace(" ", "")
        assert violations(texts) == []
        for line in lines:
            assert line.width <= ems - line.indent + 1e-6
            starts = []
            for piece in line.pieces:
                x = piece.x
                for char in piece.text:
                    starts.append((char, x))
                    x += width(char, None) + piece.char_space
            for (a, xa), (b, xb) in itertools.pairwise(starts):
                if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff":
                    assert xb - xa <= 1 + CJK_STRETCH_CAP + 1e-9, line.text


@pytest.mark.parametrize(
    ("text", "gaps"),
    [
        ("2024年回顾与2025年目标", ["4年", "与2", "5年"]),
        ("气温−3.5℃至+12.8℃", ["温−", "℃至", "至+"]),
        ("增长5%的企业", ["长5", "%的"]),
        ("采用BIM技术", ["用B", "M技"]),
        ("第 3 页", []),  # typed spaces are the space
        ("5G+工业", []),  # a plus that starts no number
        ("“RCEP”", []),  # marks are not letters
    ],
)
def test_one_rule_says_where_the_cjk_latin_space_goes(text: str, gaps: list[str]) -> None:
    assert [text[j : j + 2] for j in cjk_latin_gaps(text)] == gaps


def test_the_line_breaker_puts_that_space_where_the_rule_says() -> None:
    [line] = typeset("气温−3.5℃至+12.8℃", 40.0, justify=False)
    assert line.width == pytest.approx(fake_width("气温−3.5℃至+12.8℃", None) + 3 * 0.25)


def test_hanging_punctuation_lets_a_line_end_stop_hang_whole_into_the_margin() -> None:
    # 十 characters then 。 in 10 em: half-width squeezing is not enough (10.5 em), hanging is.
    text = "一二三四五六七八九十。再见"
    [first, _rest] = typeset(text, 10.0, hang_punctuation=True)
    assert first.text == "一二三四五六七八九十。"
    assert first.overhang == pytest.approx(1.0)
    assert first.width == pytest.approx(10.0)
    assert positions(first)[-1] == pytest.approx(10.0)  # the stop starts at the margin
    # Off (the default), the stop cannot come up: only its blank half could go.
    assert typeset(text, 10.0)[0].text == "一二三四五六七八九"


@pytest.mark.parametrize("total", [True, False])
def test_an_opening_mark_starting_a_line_can_be_set_half_width(total: bool) -> None:
    # Ten ems a line; the second line starts with “ (it may not end the first). Half-width, the mark's blank
    # left half lies left of the measure and the line has half an em more: with the comma squeezed to half
    # width, 壬， comes up (10.5 em), which full-width it cannot (11 em, 10.5 squeezed).
    text = "一二三四五六七八九十“甲乙丙丁戊己庚辛壬，癸子丑寅卯"
    full = typeset(text, 10.0, total_fit=total)
    half = typeset(text, 10.0, total_fit=total, half_width_line_start=True)
    assert "“甲乙丙丁戊己庚辛壬，" not in [line.text for line in full]
    assert all(line.indent == 0.0 for line in full)
    assert half[0].text == "一二三四五六七八九十"
    assert half[1].text == "“甲乙丙丁戊己庚辛壬，"
    assert half[1].indent == pytest.approx(-0.5)
    assert half[1].indent + half[1].width == pytest.approx(10.0)  # full to the measure, the comma half-width
    # A paragraph's indented first line keeps its mark full-width: the indent sets it apart already.
    options = {"total_fit": total, "half_width_line_start": True, "first_line_indent": 2.0}
    indented = typeset("“甲乙丙丁戊己庚辛壬癸”", 10.0, **options)
    assert indented[0].indent == 2.0
