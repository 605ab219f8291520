"""Chinese justification as a reader of the PDF meets it: both examples and two stress specs, reopened.

Measured from pdfplumber's characters and the fonts' outlines
(:mod:`tests.writers.pdf.typography`): no ideograph set more than 1.05 em
from the next in any line, every pair of adjacent full-width marks
compressed to at most 0.6 em, no Latin word letter-spaced, no two glyphs'
inks touching, no kinsoku violation or number cut from its unit, and every
paragraph extracted whole and in order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from tests.helpers import flat
from zzreport.builder import build
from zzreport.fonts.linebreak import violations
from zzreport.testing import write_spec

from . import typography

ROOT = Path(__file__).resolve().parents[3]
HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")

#: Mixed Chinese, English, numbers, units and URLs: the texts that used to stretch lines letter by letter.
MIXED = [
    "2025年全市地区生产总值增长5.2%，第三产业占比达到61.3%，高于全国平均水平2.1个百分点；"
    "数字经济核心产业增加值突破1200亿元，同比增长14.6%。",
    "详见统计公报全文https://tjj.example.gov.cn/tjgb/2025/annual-statistical-bulletin_final.html，"
    "或在政务服务平台（https://www.example.gov.cn/zwfw/index.html）查询。",
    "项目采用BIM（Building Information Modeling）技术，配合5G+工业互联网平台实现全流程数字化管理，"
    "冬季平均气温−3.5℃至+12.8℃，全年施工不少于280天。",
    "他强调：“要把‘稳’字放在首位。”随后（见附表1）又指出，“十五五”开局之年要抓好“三个一批”"
    "项目建设，确保完成投资1.08万亿元以上。",
    "The International Land Port handled 1,286 freight trains in 2024 (up 9.7% year on year), "
    "and the new Zhengzhou–Luxembourg cargo route opened in March.",
]


def stress_spec(folder: Path, name: str, page: dict[str, object]) -> Path:
    return write_spec(
        folder,
        {
            "zzreport": 1,
            "title": "排版压力测试：中英文、数字与网址混排",
            "outputs": {"pptx": False},
            "theme": {"page": page},
            "sections": [
                {
                    "id": "mixed",
                    "title": "混排段落（Mixed paragraphs）",
                    "tag": "第3部分",
                    "takeaway": "2024年回顾与2025年目标对照：增长5%以上",
                    "blocks": [
                        *({"paragraph": text} for text in MIXED),
                        {"heading": "第三方平台（API 2.0）接入与“一网通办”改革"},
                        {"bullets": MIXED[:3]},
                        {"callout": {"title": "提示", "text": MIXED[1]}},
                        {"quote": {"text": MIXED[3], "source": "市政府新闻办公室"}},
                    ],
                }
            ],
        },
        name=f"{name}.yaml",
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("typography")
    specs = {name: ROOT / "specs" / f"{name}.yaml" for name in ("zhengzhou-2025", "showcase")}
    specs["a5-column"] = stress_spec(
        out, "a5-column", {"size": "A5", "margins": {"left": 32, "right": 32, "top": 20, "bottom": 20}}
    )
    specs["a4-mixed"] = stress_spec(out, "a4-mixed", {"size": "A4"})
    paths = {}
    for name, spec in specs.items():
        (result,) = build(spec, out / "pdf", ["pdf"])
        paths[name] = result.path
    return paths


@pytest.fixture(scope="module")
def lines(pdfs: dict[str, Path]) -> dict[str, list[list[typography.Glyph]]]:
    return {name: typography.read_lines(path) for name, path in pdfs.items()}


NAMES = ["zhengzhou-2025", "showcase", "a5-column", "a4-mixed"]


@pytest.mark.parametrize("name", NAMES)
def test_no_ideograph_is_set_wider_than_1_05_em(lines: dict, name: str) -> None:
    assert typography.wide_cjk_advances(lines[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_adjacent_full_width_marks_take_at_most_0_6_em(lines: dict, name: str) -> None:
    assert typography.mark_pairs(lines[name]) >= 5  # the examples and the stress texts have such pairs
    assert typography.loose_mark_pairs(lines[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_latin_words_are_not_letter_spaced(lines: dict, name: str) -> None:
    assert typography.spaced_latin(lines[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_no_two_glyphs_overlap(lines: dict, name: str) -> None:
    assert typography.ink_overlaps(lines[name]) == []


def page_lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [line for page in document.pages for line in (page.extract_text() or "").splitlines() if line.strip()]


def found(lines: list[str], *, numbers: bool = True) -> list[str]:
    """:func:`violations` but for a quotation's attribution, a paragraph of its own that starts with ——,
    and for a number that ends a line at a space before an English word (extracted text drops that space)."""
    return [
        problem
        for problem in violations(lines, numbers=numbers)
        if "starts with '—': ——" not in problem
        and not any(f"{tail.strip()} {head.strip()}" in text for text in MIXED for tail, head in _split(problem))
    ]


def _split(problem: str) -> list[tuple[str, str]]:
    if not problem.startswith("number split"):
        return []
    tail, head = problem.split(": ", 1)[1].split(" | ")
    return [(tail.strip("'").split(" ")[-1], head.strip("'").split(" ")[0])]


@pytest.mark.parametrize("name", NAMES)
def test_no_kinsoku_violation(pdfs: dict[str, Path], name: str) -> None:
    assert found(page_lines(pdfs[name]), numbers=False) == []


@pytest.mark.parametrize("name", ["a5-column", "a4-mixed"])
def test_stress_texts_extract_whole_in_order_with_numbers_and_units_together(pdfs: dict[str, Path], name: str) -> None:
    extracted = page_lines(pdfs[name])
    body = [
        line for line in extracted if not line.startswith(("第", "排版压力测试", "01", "目录"))
    ]  # header, footer, TOC
    assert found(body) == []
    assert not [line for line in body if HAN_SPACE_HAN.search(line)]  # no spurious space inside Chinese text
    text = flat("".join(body))
    for paragraph in MIXED:
        assert flat(paragraph) in text, paragraph  # in order, nothing lost, no spurious character


def test_the_narrow_column_really_is_narrow(pdfs: dict[str, Path]) -> None:
    with pdfplumber.open(pdfs["a5-column"]) as document:
        body = [c for page in document.pages for c in page.chars if c["size"] == pytest.approx(10.5, abs=0.1)]
        assert body and max(c["x1"] for c in body) - min(c["x0"] for c in body) < 24 * 10.5


@pytest.mark.parametrize("name", ["a5-column", "a4-mixed"])
def test_cjk_latin_space_in_every_text_the_pdf_sets(lines: dict, name: str) -> None:
    # Body, bullets, callout, quote, heading, and the section opener's title and takeaway, header and footer.
    missing, count = typography.missing_latin_gaps(lines[name])
    assert count >= 30
    assert missing == []


#: The body size and the left and right margin (mm) of the 30-em column below.
COLUMN_SIZE, COLUMN_MARGIN = 10.5, 20.0
#: Where the column starts and ends on the page, in points.
COLUMN_LEFT = COLUMN_MARGIN / 25.4 * 72
COLUMN_EDGE = COLUMN_LEFT + 30 * COLUMN_SIZE


def column_lines(folder: Path, text: str, **page: object) -> list:
    """``text`` as one paragraph in a column exactly 30 body ems wide (``page`` adds theme.page keys): the lines
    of its PDF."""
    page_keys = {
        "size": [30 * COLUMN_SIZE / 72 * 25.4 + 2 * COLUMN_MARGIN, 120],
        "margins": {"left": COLUMN_MARGIN, "right": COLUMN_MARGIN, "top": 20, "bottom": 20},
        **page,
    }
    spec = {
        "zzreport": 1,
        "title": "标点",
        "outputs": {"pptx": False},
        "theme": {"page": page_keys},
        "sections": [{"id": "s", "title": "标点", "blocks": [{"paragraph": text}]}],
    }
    (result,) = build(write_spec(folder, spec), folder / "out", ["pdf"])
    return typography.read_lines(result.path)


def test_hanging_punctuation_is_a_page_switch(tmp_path: Path) -> None:
    # A column exactly 30 ems wide; the first line (a two-em indent) holds 28 ideographs and then a comma.
    # With the switch on the comma hangs, whole, past the column's edge; off, the line breaks earlier.
    text = (
        "这是用于检验标点悬挂的一段示范文字由二十八个汉字组成的句"
        + "，"
        + "后面还有一些文字用来填满下一行并且结束这个段落"
        + "。"
    )
    assert text.index("，") == 28
    for hang in (False, True):
        lines = column_lines(tmp_path / str(hang), text, hanging_punctuation=hang)
        outside = [g.char for line in lines for g in line if g.size == COLUMN_SIZE and g.x0 >= COLUMN_EDGE - 0.01]
        assert outside == (["，"] if hang else []), hang
        assert typography.wide_cjk_advances(lines) == []


def test_an_opening_mark_starting_a_line_is_half_width_when_the_page_says_so(tmp_path: Path) -> None:
    # A column 30 ems wide; the first line (a two-em indent) holds 28 ideographs, so the second starts with “.
    # The quotation runs on past the second line, which full-width marks 30 ems of (“ and 29 ideographs); set
    # half-width the mark leaves room for one more.
    quoted = "引号内的文字很长一直延续到第二行的末尾之后还有更多的文字在第三行结束"
    text = "这是用于检验行首标点的一段示范文字由二十八个汉字组成的句" + "“" + quoted + "”。"
    assert text.index("“") == 28
    starts = {}
    for mode in ("full", "half"):
        lines = [
            line
            for line in column_lines(tmp_path / mode, text, line_start_punctuation=mode)
            if line[0].size == COLUMN_SIZE
        ]
        second = next(line for line in lines if line[0].char == "“")
        starts[mode] = second[0].x0 - COLUMN_LEFT
        assert second[-1].x1 == pytest.approx(COLUMN_EDGE, abs=0.3)  # still justified to the measure
        assert typography.wide_cjk_advances(lines) == []
    assert starts["full"] == pytest.approx(0, abs=0.1)
    assert starts["half"] == pytest.approx(-COLUMN_SIZE / 2, abs=0.1)  # the mark's blank half left of the margin
