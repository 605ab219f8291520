"""Size: long texts and many sections cost time and memory linear in their size, and past the limits they are refused.

A 68 KB paragraph used to take minutes and gigabytes in the deck writer (every
continuation slide re-broke and re-measured the rest of the paragraph, once for
every line it tried to keep), and tens of thousands of sections ran for minutes.
The limits (``--max-sections``, ``--max-blocks``, ``--max-text-chars``,
``--max-total-chars``) are checked when the spec is resolved, so ``zzreport check``
refuses what ``build`` would choke on, at the key path of the value over the limit.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

import zzreport
from zzreport import SpecError
from zzreport.api import check
from zzreport.app.cli import main
from zzreport.builder import render
from zzreport.ir import Document
from zzreport.resolve import ResolveOptions

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n"
SECTION = "  - id: s{i}\n    title: 第{i}节\n    blocks:\n"

_WORDS = ("推动科技创新与产业创新深度融合", "加快培育新质生产力", "RCEP 示范区", "5.5G 网络", "扩大优质消费载体")


def prose(length: int, seed: int = 0) -> str:
    """Chinese running text with Latin words, numbers with units and punctuation, exactly ``length`` long.

    ``seed`` varies every part of the text (not where it starts: a text that is the end of another
    would share that one's continuation lines in the measuring caches, and a build would time them).
    """
    parts: list[str] = []
    size = 0
    i = 0
    step = 2 * seed + 7
    while size < length:
        i += 1
        number = i * step % 1000
        piece = f"{_WORDS[i % len(_WORDS)]}{number}.{i % 10}万辆，" if i % 3 else f"同比增长{number % 97}%。"
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:length]


def _quoted(text: str) -> str:
    return '"' + text + '"'


def _build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> int:
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(text, encoding="utf-8")
    return main(["build", "s.yaml", "-o", "out", *args])


def _refused(capsys: pytest.CaptureFixture[str], expected: list[str]) -> None:
    err = capsys.readouterr().err.splitlines()
    assert err[1:-1] == expected
    assert err[-1].startswith("s.yaml: ") and err[-1].endswith("; nothing written")
    assert not Path("out").exists()


# ---------------------------------------------------------------------------------------------- the limits


def test_a_paragraph_over_the_text_limit_is_refused_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + SECTION.format(i=0) + "      - paragraph: " + _quoted(prose(20_001)) + "\n"
    assert _build(tmp_path, monkeypatch, spec) == 1
    _refused(
        capsys,
        [
            "s.yaml:7:20: sections[0].blocks[0].paragraph: this text has 20001 characters, "
            "over the limit of 20000 (raise it with --max-text-chars)"
        ],
    )


def test_bullets_cells_and_titles_are_texts_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = (
        HEAD
        + "  - id: a\n    title: " + "题" * 101 + "\n    blocks:\n"
        + "      - bullets: [短, " + "长" * 101 + "]\n"
        + "      - table:\n          columns: [{name: 名}]\n          rows: [[" + "格" * 101 + "]]\n"
    )  # fmt: skip
    assert _build(tmp_path, monkeypatch, spec, "--max-text-chars", "100") == 1
    message = "this text has 101 characters, over the limit of 100 (raise it with --max-text-chars)"
    _refused(
        capsys,
        [
            f"s.yaml:5:12: sections[0].title: {message}",
            f"s.yaml:7:22: sections[0].blocks[0].bullets[1]: {message}",
            f"s.yaml:10:19: sections[0].blocks[1].table.rows[0][0]: {message}",
        ],
    )


def test_a_data_file_cell_over_the_text_limit_is_located_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "d.csv").write_text("名,值\n甲,1\n" + "乙" * 101 + ",2\n", encoding="utf-8")
    spec = HEAD + SECTION.format(i=0) + "      - table: {data: {file: d.csv}}\n"
    assert _build(tmp_path, monkeypatch, spec, "--max-text-chars", "100") == 1
    _refused(
        capsys,
        ["d.csv:3:1: 名: this text has 101 characters, over the limit of 100 (raise it with --max-text-chars)"],
    )


def test_too_many_sections_are_refused_at_the_first_one_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + "".join(SECTION.format(i=i) + "      - paragraph: 段\n" for i in range(201))
    assert _build(tmp_path, monkeypatch, spec) == 1
    _refused(
        capsys,
        [
            "s.yaml:804:5: sections[200]: the report has 201 sections, over the limit of 200 "
            "(raise it with --max-sections)"
        ],
    )


def test_too_many_blocks_are_refused_nested_ones_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + SECTION.format(i=0) + "      - paragraph: 一\n      - review: [{paragraph: 二}, {paragraph: 三}]\n"
    assert _build(tmp_path, monkeypatch, spec, "--max-blocks", "3") == 1
    _refused(
        capsys,
        [
            "s.yaml:8:34: sections[0].blocks[1].review[1]: the report has 4 blocks, list items and KPI cards "
            "counted, over the limit of 3 (raise it with --max-blocks)"
        ],
    )


def test_too_much_text_in_all_is_refused_where_the_total_passes_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + SECTION.format(i=0) + "".join(f"      - paragraph: {'文' * 40}\n" for _ in range(5))
    assert _build(tmp_path, monkeypatch, spec, "--max-total-chars", "150") == 1
    # the texts before the paragraphs: 报告 (2), s0 (2), 第0节 (3); the fourth paragraph passes 150
    _refused(
        capsys,
        [
            "s.yaml:10:20: sections[0].blocks[3].paragraph: the report's texts have 207 characters in all "
            "(a line break counting as 50), over the limit of 150 (raise it with --max-total-chars)"
        ],
    )


def test_list_items_cards_and_line_breaks_count_as_the_lines_they_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Short items and bare line breaks make a slide or a line each: a few characters could make thousands.
    spec = (
        HEAD
        + SECTION.format(i=0)
        + "      - bullets: [一, {text: 二, items: [三, 四]}]\n"
        + "      - kpis: [{label: 甲, value: 1}, {label: 乙, value: 2}]\n"
        + "      - paragraph: " + _quoted("\\n" * 3) + "\n"
    )  # fmt: skip
    assert _build(tmp_path, monkeypatch, spec, "--max-blocks", "6", "--max-total-chars", "100") == 1
    _refused(
        capsys,
        [
            "s.yaml:8:16: sections[0].blocks[1].kpis[0]: the report has 9 blocks, list items and KPI cards "
            "counted, over the limit of 6 (raise it with --max-blocks)",
            "s.yaml:9:20: sections[0].blocks[2].paragraph: the report's texts have 166 characters in all "
            "(a line break counting as 50), over the limit of 100 (raise it with --max-total-chars)",
        ],
    )


def test_check_refuses_what_build_would_and_the_flags_raise_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + SECTION.format(i=0) + "      - paragraph: " + "文" * 30 + "\n      - paragraph: 二\n"
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(spec, encoding="utf-8")
    tight = ["--max-text-chars", "20", "--max-blocks", "1", "--max-sections", "0", "--max-total-chars", "10"]
    assert main(["check", "s.yaml", *tight]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "s.yaml:4:5: sections[0]: the report has 1 sections, over the limit of 0 (raise it with --max-sections)",
        "s.yaml:7:20: sections[0].blocks[0].paragraph: the report's texts have 38 characters in all "
        "(a line break counting as 50), over the limit of 10 (raise it with --max-total-chars)",
        "s.yaml:7:20: sections[0].blocks[0].paragraph: this text has 30 characters, over the limit of 20 "
        "(raise it with --max-text-chars)",
        "s.yaml:8:9: sections[0].blocks[1]: the report has 2 blocks, list items and KPI cards counted, "
        "over the limit of 1 (raise it with --max-blocks)",
        "s.yaml: 4 problems",
    ]
    roomy = ["--max-text-chars", "30", "--max-blocks", "2", "--max-sections", "1", "--max-total-chars", "100"]
    assert main(["check", "s.yaml", *roomy]) == 0
    assert main(["build", "s.yaml", "-o", "out", "--format", "pdf", *roomy]) == 0
    assert Path("out/s.pdf").is_file()


# ---------------------------------------------------------------------------------------------- linear growth


def _document(tmp_path: Path, name: str, text: str) -> Document:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    options = ResolveOptions(max_sections=10_000, max_text_chars=10**6, max_total_chars=10**7)
    return check(path, options=options).document


def _writer_seconds(tmp_path: Path, spec: Callable[[int], str], fmt: str) -> float:
    """CPU time of the writer alone, the best of two builds (other work on the machine adds noise).

    Each build sets a spec of its own (``spec(seed)``): measuring caches key on
    the text, and a second build of the same text would time only the cache.
    """
    best = float("inf")
    for seed in (1, 2):
        document = _document(tmp_path, f"s{seed}", spec(seed))
        start = time.process_time()
        render(document, fmt)
        best = min(best, time.process_time() - start)
    return best


def _paragraph_spec(text: str) -> str:
    return HEAD + SECTION.format(i=0) + "      - paragraph: " + _quoted(text) + "\n"


def _token(length: int, seed: int) -> str:
    """One unbreakable run of letters (it is cut only where it is wider than a line), varied as :func:`prose` is."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    step = 2 * seed + 7 if (2 * seed + 7) % 13 else 3
    return "".join(letters[i * step % 26] for i in range(length))


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Load fonts and whatever else a first build loads once, so it is not timed."""
    document = _document(tmp_path_factory.mktemp("warm"), "w", _paragraph_spec(prose(500, 99)))
    for fmt in ("pdf", "pptx"):
        render(document, fmt)


#: Lengths timed: the PDF writer's cost per character is low, so it is timed on longer paragraphs.
_LENGTHS = {"pdf": (10_000, 40_000), "pptx": (5_000, 20_000)}


def _callout_spec(text: str) -> str:
    return (
        HEAD + SECTION.format(i=0) + "      - callout:\n          title: 提示\n          text: " + _quoted(text) + "\n"
    )


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
@pytest.mark.parametrize(
    ("text", "spec"), [(prose, _paragraph_spec), (_token, _paragraph_spec), (prose, _callout_spec)]
)
def test_a_long_text_costs_time_linear_in_its_length(
    fmt: str, text: Callable[[int, int], str], spec: Callable[[str], str], tmp_path: Path, warm: None
) -> None:
    n, four_n = _LENGTHS["pptx"] if spec is _callout_spec else _LENGTHS[fmt]
    short = _writer_seconds(tmp_path / "short", lambda seed: spec(text(n, seed)), fmt)
    long = _writer_seconds(tmp_path / "long", lambda seed: spec(text(four_n, seed + 10)), fmt)
    assert long / short < 8, f"4x the text took {long / short:.1f}x the time ({short:.2f} s, {long:.2f} s)"


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_many_sections_cost_time_linear_in_their_count(fmt: str, tmp_path: Path, warm: None) -> None:
    def spec(count: int, seed: int) -> str:
        body = "".join(SECTION.format(i=i) + f"      - paragraph: {prose(60, seed * 1000 + i)}\n" for i in range(count))
        return HEAD + body

    few = _writer_seconds(tmp_path / "few", lambda seed: spec(50, seed), fmt)
    many = _writer_seconds(tmp_path / "many", lambda seed: spec(200, seed + 10), fmt)
    assert many / few < 8, f"4x the sections took {many / few:.1f}x the time ({few:.2f} s, {many:.2f} s)"


def test_a_long_show_list_costs_time_linear_in_its_length(tmp_path: Path) -> None:
    """A `show:` list repeating one format is refused (names it twice) after a pass over it, not one per item."""

    def seconds(count: int) -> float:
        spec = tmp_path / f"show-{count}.yaml"
        shown = ", ".join(["pdf"] * count)
        spec.write_text(HEAD + SECTION.format(i=0) + f"      - {{paragraph: 一, show: [{shown}]}}\n", encoding="utf-8")
        # Without the cyclic collector while timed: in a process holding a whole suite's objects, the longer
        # list's allocations alone set off a full collection, a second whatever the loader does.
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            with pytest.raises(SpecError, match="names pdf twice"):
                zzreport.load(spec)
            return time.process_time() - start
        finally:
            gc.enable()

    short, long = (min(seconds(count) for _ in range(2)) for count in (20_000, 80_000))
    assert long / short < 8, f"4x the list took {long / short:.1f}x the time ({short:.2f} s, {long:.2f} s)"


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_a_paragraph_at_the_limit_needs_little_memory(fmt: str, tmp_path: Path, warm: None) -> None:
    document = _document(tmp_path, "limit", _paragraph_spec(prose(20_000, 3)))
    tracemalloc.start()
    try:
        render(document, fmt)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
