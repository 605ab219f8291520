"""Hostile specs and data files that `check` passed and `build` then failed on (or drew wrongly).

Each case runs `zzreport check` and `zzreport build` through :func:`zzreport.app.cli.main`:
either both refuse with the same located message (exit 1, nothing written), or both
succeed and the outputs hold what the spec says.
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import astuple
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from zzreport.app.cli import main
from zzreport.figures.kinds import kind_of
from zzreport.figures.kit import Kit
from zzreport.figures.pdf_drawing import layout_figure
from zzreport.fonts.fontset import FontSet
from zzreport.loading import load_dict
from zzreport.resolve.placeholders import TemplateError, check_template, fill
from zzreport.resolve.resolver import ResolveOptions, resolve
from zzreport.testing import write_files

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"
NOT_IN_OUTPUT = "(it cannot appear in a PDF or a deck)"


def _project(tmp_path: Path, spec: str, files: dict[str, str | bytes] | None = None) -> Path:
    write_files(tmp_path, files or {})
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    return tmp_path


def refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    spec: str,
    files: dict[str, str | bytes] | None = None,
    options: tuple[str, ...] = (),
) -> list[str]:
    """The problems `check` reports, after asserting that `build` reports the very same and writes nothing."""
    monkeypatch.chdir(_project(tmp_path, spec, files))
    assert main(["check", *options, "s.yaml"]) == 1
    checked = capsys.readouterr().err.splitlines()
    assert main(["build", *options, "s.yaml", "-o", "out"]) == 1
    built = capsys.readouterr().err.splitlines()
    assert checked[-1].startswith("s.yaml: ")
    assert built[-1] == checked[-1] + "; nothing written"
    assert built[1:-1] == checked[:-1]
    assert not (tmp_path / "out").exists()
    return checked[:-1]


def built(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    spec: str,
    files: dict[str, str | bytes] | None = None,
    formats: tuple[str, ...] = (),
    options: tuple[str, ...] = (),
) -> tuple[pypdf.PdfReader, Path]:
    """The PDF reader and the deck's path, after asserting that `check` and `build` both succeed."""
    monkeypatch.chdir(_project(tmp_path, spec, files))
    assert main(["check", *options, "s.yaml"]) == 0, capsys.readouterr().err
    chosen = [arg for fmt in formats for arg in ("--format", fmt)]
    assert main(["build", *options, *chosen, "s.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    return pypdf.PdfReader(tmp_path / "out" / "s.pdf"), tmp_path / "out" / "s.pptx"


def _text(reader: pypdf.PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def _page_number_spec(template: str) -> str:
    return (
        HEAD.replace("sections:", f"theme: {{page: {{page_number: '{template}'}}}}\nsections:")
        + "      - paragraph: 文\n"
    )


# --------------------------------------------------------------------------- page-number template


ALLOWED = "the placeholders are {page}, {pages}"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{page.__class__.__mro__}",
            "unknown placeholder `{page.__class__.__mro__}` at position 1; "
            f"{ALLOWED} (write `{{{{` and `}}}}` for literal braces)",
        ),
        (
            "第 {page:>300000000} 页",
            f"unknown placeholder `{{page:>300000000}}` at position 3; {ALLOWED} (write `{{{{` and `}}}}` "
            "for literal braces)",
        ),
        ("第 { 页", f"lone `{{` at position 3; write `{{{{` for a literal brace ({ALLOWED})"),
        ("{page} }", f"lone `}}` at position 8; write `}}}}` for a literal brace ({ALLOWED})"),
        (
            "{total}",
            f"unknown placeholder `{{total}}` at position 1; {ALLOWED} (write `{{{{` and `}}}}` for literal braces)",
        ),
    ],
)
def test_a_page_number_template_is_checked_not_formatted(
    template: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = refused(tmp_path, monkeypatch, capsys, _page_number_spec(template))
    assert problems == [f"s.yaml:3:29: theme.page.page_number: {message}"]


def test_doubled_braces_are_literal_in_the_footer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reader, _ = built(tmp_path, monkeypatch, capsys, _page_number_spec("{{第}} {page}/{pages} }}"))
    footers = [page.extract_text().splitlines()[-1] for page in reader.pages[1:]]
    assert footers == [f"{{第}} {n}/{len(reader.pages)} }}" for n in range(2, len(reader.pages) + 1)]


def test_the_placeholder_filler_never_reads_attributes() -> None:
    class Page:
        secret = "leaked"

    assert fill("{page}|{{page.secret}}", {"page": Page()}).endswith("|{page.secret}")
    with pytest.raises(TemplateError):
        check_template("{page.secret}", ("page",))
    assert fill("第 {page} 页", {"page": 3}) == "第 3 页"


# --------------------------------------------------------------------------- chart values


def _chart(kind: str, values: str) -> str:
    return (
        HEAD + f"      - figure: {{kind: {kind}, categories: [甲, 乙], series: [{{name: 值, values: [{values}]}}]}}\n"
    )


@pytest.mark.parametrize("kind", ["line", "bar", "combo"])
@pytest.mark.parametrize("values", ["1.0000000001, 1.0000000002", "1e-300, 2e-300", "-1e-12, -2e-12"])
def test_values_equal_but_for_float_noise_make_a_chart(
    kind: str,
    values: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = _chart(kind, values)
    if kind == "combo":
        spec = spec.replace("}]}\n", "}, {name: 率, values: [3, 4]}]}\n")
    reader, deck = built(tmp_path, monkeypatch, capsys, spec)
    assert "图1" in _text(reader).replace(" ", "")
    chart = next(shape.chart for slide in Presentation(str(deck)).slides for shape in slide.shapes if shape.has_chart)
    if kind != "combo":
        axis = chart.value_axis
        # No range is pinned (PowerPoint scales the axis), so no min ≥ max can make a broken chart.
        assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (None, None, None)


def test_a_data_file_number_too_large_for_a_chart_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "17" + "0" * 307  # 1.7e308: a valid number, whose range with its negative overflows
    problems = refused(
        tmp_path,
        monkeypatch,
        capsys,
        HEAD + "      - figure: {kind: line, data: d.csv}\n",
        {"d.csv": f"年,值\n甲,{huge}\n乙,-{huge}\n"},
    )
    message = (
        "is too large: numbers stay within ±1e+15 (write it in a larger unit, or raise the limit with --max-number)"
    )
    assert problems == [
        f"d.csv:2:2: 值: the number '{huge[:20]}…' {message}",
        f"d.csv:3:2: 值: the number '-{huge[:19]}…' {message}",
    ]


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "1e999", "Infinity", "1e5"])
def test_a_data_file_cell_that_is_not_a_plain_number_never_reaches_a_chart(
    cell: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = refused(
        tmp_path,
        monkeypatch,
        capsys,
        HEAD + "      - figure: {kind: pie, data: d.csv}\n",
        {"d.csv": f"年,值\n甲,1\n乙,{cell}\n"},
    )
    assert problems == [f"d.csv:3:2: 值: expected a number, got {cell!r}"]


def test_the_number_bound_for_data_files_is_an_option() -> None:
    assert ResolveOptions().max_number == 1e15


RAISED = ("--max-number", "1e308")


def test_with_a_raised_number_bound_a_chart_that_would_overflow_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = (
        HEAD
        + "      - table: {columns: [名, 值], rows: [[甲, 9e307], [乙, 9e307]], total: true}\n"
        + "      - figure: {kind: stacked-column, categories: [甲, 乙], series: [{name: s, values: [9e307, 1]}, "
        "{name: t, values: [9e307, 1]}]}\n"
    )
    assert refused(tmp_path, monkeypatch, capsys, spec, options=RAISED) == [
        "s.yaml:7:73: sections[0].blocks[0].table.total: the total of column `值` is too large for a number; "
        "leave the total out or write the column in a larger unit",
        "s.yaml:8:17: sections[0].blocks[1].figure: the values are too large to chart: their sums and ranges "
        "would overflow a float (keep them within ±5e+299, or write them in a larger unit)",
    ]


@pytest.mark.parametrize("kind", ["column", "stacked-bar", "line", "area"])
def test_with_a_raised_number_bound_charts_of_huge_values_build(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + (
        f"      - figure: {{kind: {kind}, categories: [甲, 乙], series: [{{name: s, values: [5e299, -5e299]}}, "
        "{name: t, values: [-5e299, 5e299]}]}\n"
    )
    reader, _ = built(tmp_path, monkeypatch, capsys, spec, options=RAISED)
    assert "图1" in _text(reader).replace(" ", "")


_VALUE = st.one_of(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.sampled_from([0.0, 1e-300, -1e-300, 5e-324, 1.0000000001, 1.0000000002, 1e15, -1e15]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["column", "bar", "stacked-column", "stacked-bar", "line", "area", "combo", "pie"]),
    values=st.lists(st.lists(_VALUE, min_size=3, max_size=3), min_size=2, max_size=2),
)
@example(kind="line", values=[[1.0000000001, 1.0000000002, 1.0000000001], [1.0000000002] * 3])
@example(kind="area", values=[[1e-300, 2e-300, 5e-324], [0.0, 1e-300, 2e-300]])
@example(kind="combo", values=[[0.0, 0.0, 60000001.0], [0.0, 0.0, -1e-300]])
def test_no_chart_of_accepted_values_draws_at_an_infinite_or_undefined_place(
    kind: str, values: list[list[float]]
) -> None:
    if kind == "pie":
        values = [[abs(v) for v in values[0]]] if sum(abs(v) for v in values[0]) > 0 else [[1.0, 1.0, 1.0]]
    spec = {
        "zzreport": 1,
        "title": "报告",
        "sections": [
            {
                "id": "a",
                "title": "一节",
                "blocks": [
                    {
                        "figure": {
                            "kind": kind,
                            "categories": ["甲", "乙", "丙"],
                            "series": [{"name": f"系列{i}", "values": row} for i, row in enumerate(values)],
                        }
                    }
                ],
            }
        ],
    }
    document = resolve(load_dict(spec))
    figure = document.sections[0].blocks[0].data  # type: ignore[attr-defined]
    scene = layout_figure(figure, FontSet.from_plan(document.font_plan), document.theme, 450)
    numbers = [x for item in scene.items for x in astuple(item) if isinstance(x, float)]
    numbers += [x for item in scene.items for part in astuple(item) if isinstance(part, tuple) for x in part]
    assert all(math.isfinite(x) for x in numbers)
    if not figure.is_pie:  # the deck's native chart takes its scale from these axes
        for axis in (
            kind_of(figure).value_axes(figure, Kit(FontSet.from_plan(document.font_plan), document.theme), 450).values()
        ):
            assert all(math.isfinite(t) for t in axis.ticks) and axis.hi > axis.lo
            assert all(b > a for a, b in zip(axis.ticks, axis.ticks[1:], strict=False))


def test_a_bar_chart_taller_than_a_page_is_laid_out_to_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 300
    categories = ", ".join(f"类{i}" for i in range(n))
    values = ", ".join(str(i + 1) for i in range(n))
    spec = (
        HEAD
        + f"      - figure: {{kind: bar, categories: [{categories}], series: [{{name: 值, values: [{values}]}}]}}\n"
    )
    reader, _ = built(tmp_path, monkeypatch, capsys, spec)
    text = _text(reader)
    assert "类0" in text and "类294" in text


def test_scorecard_tiles_taller_than_a_page_are_shrunk_to_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 200
    categories = ", ".join(f"项{i}" for i in range(n))
    values = ", ".join(str(i + 1) for i in range(n))
    spec = (
        HEAD
        + f"      - figure: {{kind: scorecard, categories: [{categories}], "
        + f"series: [{{name: 值, values: [{values}]}}]}}\n"
    )
    reader, _ = built(tmp_path, monkeypatch, capsys, spec)
    assert f"项{n - 1}" in _text(reader)


# --------------------------------------------------------------------------- content taller than a page

#: About four pages of text. Only the PDF is built from it: the deck's long-text layout is tested elsewhere.
LONG = "很长的单元格文字" * 800


def test_a_table_cell_taller_than_a_page_continues_on_the_next_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + f"      - table: {{columns: [名, 说明, 三, 四], rows: [[甲, {LONG}, x, y], [乙, 短, z, w]]}}\n"
    reader, _ = built(tmp_path, monkeypatch, capsys, spec, formats=("pdf",))
    text = "".join(_text(reader).split())
    assert text.count("很长的单元格文字") == 800
    assert "乙短zw" in text


def test_a_long_word_in_a_narrow_column_beside_a_long_text_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + f"      - table: {{columns: [名, 说明, 三, 四, 五, 六], rows: [[甲, {'x' * 3000}, a, b, c, d]]}}\n"
    reader, _ = built(tmp_path, monkeypatch, capsys, spec)
    assert "".join(_text(reader).split()).count("x") >= 3000


@pytest.mark.parametrize("block", ["callout: {text: TEXT}", "quote: {text: TEXT, source: 某人}"])
def test_a_box_longer_than_a_page_continues_on_the_next_pages(
    block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reader, _ = built(
        tmp_path, monkeypatch, capsys, HEAD + f"      - {block.replace('TEXT', LONG)}\n", formats=("pdf",)
    )
    assert "".join(_text(reader).split()).count("很长的单元格文字") == 800


TITLE = "很长的标题文字" * 400


def test_a_section_title_taller_than_a_page_builds_and_is_clipped_where_one_line_is_all_there_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD.replace("title: 一节", f"title: {TITLE}").replace("title: 报告", f"title: 报告\nfooter: {TITLE}")
    reader, _ = built(tmp_path, monkeypatch, capsys, spec + "      - paragraph: 正文\n", formats=("pdf",))
    contents = "".join(reader.pages[1].extract_text().split())
    assert "01" + TITLE[:119] + "…" in contents  # a table-of-contents entry is one table row
    # The running header's section name: one line, cut short; the footer: two lines, the last cut short.
    last = reader.pages[-1].extract_text().splitlines()
    clipped = [line for line in last if line.removesuffix("…") and line.removesuffix("…") in TITLE]
    assert len(clipped) == 3 and sum(line.startswith("很长") for line in clipped) == 2
    assert sum(line.endswith("…") for line in clipped) == 2
    assert all(len(line) < 60 for line in clipped)  # cut short: the title has 2800 characters
    assert "".join(_text(reader).split()).count(TITLE) == 1  # the opening shows it whole


def test_a_kpi_card_taller_than_a_page_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD + f"      - kpis: [{{label: {TITLE}, value: 1}}, {{label: 短, value: 2}}]\n"
    reader, _ = built(tmp_path, monkeypatch, capsys, spec, formats=("pdf",))
    assert "".join(_text(reader).split()).count(TITLE) == 1


def _wide_table(count: int, show: str = "all") -> str:
    names = ", ".join(f"列{i}" for i in range(count))
    cells = ", ".join(str(i) for i in range(count))
    return HEAD + f"      - {{table: {{columns: [{names}], rows: [[{cells}]]}}, show: {show}}}\n"


def test_a_table_with_more_columns_than_fit_across_the_page_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert refused(tmp_path, monkeypatch, capsys, _wide_table(40)) == [
        "s.yaml:7:27: sections[0].blocks[0].table.columns: the table has 40 columns, but at most 23 fit across "
        "the page's 166 mm text width; split the table, or show it only in the deck (show: pptx)"
    ]


@pytest.mark.parametrize(("count", "show"), [(23, "all"), (40, "pptx")])
def test_a_wide_table_that_fits_or_is_not_printed_builds(
    count: int, show: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reader, _ = built(tmp_path, monkeypatch, capsys, _wide_table(count, show))
    assert ("列22" in "".join(_text(reader).split())) == (show == "all")


# --------------------------------------------------------------------------- page geometry


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("{size: [.nan, 200]}", "s.yaml:3:22: theme.page.size: page sides are 50 to 5080 mm, got nan × 200"),
        ("{size: [-100, 200]}", "s.yaml:3:22: theme.page.size: page sides are 50 to 5080 mm, got -100 × 200"),
        ("{size: [100000, 200]}", "s.yaml:3:22: theme.page.size: page sides are 50 to 5080 mm, got 100000 × 200"),
        (
            "{size: [210, 80]}",
            "s.yaml:3:15: theme.page.margins: the margins leave a text area of 166 × 33 mm on a 210 × 80 mm page, "
            "less than the 40 × 50 mm a report needs; make the margins smaller or the page larger",
        ),
        (
            "{size: A5, margins: {left: 60, right: 60}}",
            "s.yaml:3:35: theme.page.margins: the margins leave a text area of 28 × 163 mm on a 148 × 210 mm page, "
            "less than the 40 × 50 mm a report needs; make the margins smaller or the page larger",
        ),
    ],
)
def test_a_page_without_room_for_the_report_is_located(
    page: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = HEAD.replace("sections:", f"theme: {{page: {page}}}\nsections:") + "      - paragraph: 文\n"
    assert refused(tmp_path, monkeypatch, capsys, spec) == [message]


def test_the_smallest_page_holds_every_kind_of_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = (
        HEAD.replace("sections:", "lead: 导语很长的文字。\ntheme: {page: {size: [84, 97]}}\nsections:")
        + "      - kpis: [{label: 产量, value: 1, unit: 万辆}, {label: 增速, value: 2, unit: '%'}]\n"
        + "      - figure: {kind: combo, categories: [一季度, 二季度], series: [{name: 产量, values: [1, 2]}, "
        "{name: 增速, values: [3, 4]}]}\n"
        + "      - table: {columns: [项目名称很长, 数量, 单位], rows: [[甲项目的名称, 1, 个], [乙, 2, 个]]}\n"
        + f"      - callout: {{title: 提示, text: {'提示文字' * 200}}}\n"
        + "      - review: [{paragraph: 回顾}]\n        plan: [{paragraph: 目标}]\n"
    )
    reader, _ = built(tmp_path, monkeypatch, capsys, spec)
    assert "".join(_text(reader).split()).count("提示文字") == 200


# --------------------------------------------------------------------------- dates


def test_a_report_dated_9999_builds_and_keeps_its_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    spec = HEAD.replace("sections:", "date: 9999-12-31\nsections:") + (
        "      - figure: {kind: column, categories: [甲], series: [{name: 值, values: [1]}]}\n"
    )
    reader, deck = built(tmp_path, monkeypatch, capsys, spec)
    assert reader.metadata is not None and reader.metadata["/CreationDate"].startswith("D:99991231")
    assert Presentation(str(deck)).core_properties.created.year == 9999
    with zipfile.ZipFile(deck) as package:  # a zip entry cannot be dated after 2107
        assert {info.date_time[0] for info in package.infolist()} == {2107}


def test_a_source_date_epoch_past_year_9999_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")
    monkeypatch.chdir(_project(tmp_path, HEAD + "      - paragraph: 文\n"))
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "SOURCE_DATE_EPOCH: the timestamp 253402300800 is after the year 9999; give seconds since 1970",
        "s.yaml: 1 problem; nothing written",
    ]
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- CSV oddities

TABLE_AND_FIGURE = HEAD + "      - table: {data: d.csv}\n      - figure: {kind: column, data: d.csv}\n"


@pytest.mark.parametrize(
    ("csv", "problems"),
    [
        (
            "类别,数量\n甲\x07,1\n",
            [
                "d.csv:2:1: 类别: contains the control character U+0007 at position 2 of the cell; "
                f"remove it {NOT_IN_OUTPUT}"
            ],
        ),
        (
            '类别,数量\n甲,1\n"乙\n丙\x1b",2\n丁\x7f,3\n',
            [
                f"d.csv:4:1: 类别: contains the control character U+001B at position 4 of the cell; remove it "
                f"{NOT_IN_OUTPUT}",
                f"d.csv:5:1: 类别: contains the control character U+007F at position 2 of the cell; remove it "
                f"{NOT_IN_OUTPUT}",
            ],
        ),
        (
            "类别,数\ufffe量\n甲,1\n",
            [f"d.csv:1:2: contains the control character U+FFFE at position 2 of the cell; remove it {NOT_IN_OUTPUT}"],
        ),
        (
            "类别,数量\n甲,\uffff\n",
            [
                "d.csv:2:2: 数量: contains the control character U+FFFF at position 1 of the cell; "
                f"remove it {NOT_IN_OUTPUT}"
            ],
        ),
    ],
)
def test_control_characters_in_a_data_file_are_located(
    csv: str,
    problems: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert refused(tmp_path, monkeypatch, capsys, TABLE_AND_FIGURE, {"d.csv": csv}) == problems


def test_a_lone_surrogate_in_a_data_file_is_invalid_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "类别,数量\n甲,1\n".encode() + b"\xed\xa0\x80,2\n"  # U+D800 as UTF-8 would spell it
    assert refused(tmp_path, monkeypatch, capsys, TABLE_AND_FIGURE, {"d.csv": data}) == [
        "d.csv:3:1: data file is not valid UTF-8 (byte 0xED), nor in another encoding zzreport reads: "
        "save it as UTF-8 (in Excel: Save As, CSV UTF-8)"
    ]


def test_tabs_and_line_breaks_in_data_cells_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reader, _ = built(
        tmp_path,
        monkeypatch,
        capsys,
        HEAD + "      - table: {data: d.csv}\n",
        {"d.csv": '名,值\r\n"甲\t乙\r\n丙",1\r\n'},
    )
    assert "甲" in _text(reader) and "丙" in _text(reader)


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (
            "类别,数量,数量",
            "d.csv:1:3: column `数量` appears twice in the header (also column 2); give every column a name of its own",
        ),
        (
            "类别,,",
            "d.csv:1:3: a column without a name appears twice in the header (also column 2); "
            "give every column a name of its own",
        ),
    ],
)
def test_duplicate_header_names_in_a_data_file_are_refused_once(
    header: str,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = {"d.csv": f"\n{header}\n甲,1,2\n".lstrip("\n")}
    assert refused(tmp_path, monkeypatch, capsys, TABLE_AND_FIGURE, files) == [problem]


def test_duplicate_header_line_is_the_header_s_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {"d.csv": "\n\n类别,数量,数量\n甲,1,2\n"}
    assert refused(tmp_path, monkeypatch, capsys, TABLE_AND_FIGURE, files) == [
        "d.csv:3:3: column `数量` appears twice in the header (also column 2); give every column a name of its own"
    ]
