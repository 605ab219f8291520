"""A table's total row sums only what adds up, and never leaves a blank or a word out of a sum silently."""

from __future__ import annotations

from pathlib import Path

import pytest

import zzreport
from zzreport import SpecError
from zzreport.ir import Table
from zzreport.resolve import ResolveOptions

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"


def table(tmp_path: Path, block: str, csv: str, head: str = HEAD) -> Table:
    (tmp_path / "t.csv").write_text(csv, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(head + block, encoding="utf-8")
    node = zzreport.resolve(zzreport.load(spec), ResolveOptions()).sections[0].blocks[0]
    assert isinstance(node, Table)
    return node


def problems(tmp_path: Path, block: str, csv: str) -> list[str]:
    with pytest.raises(SpecError) as exc:
        table(tmp_path, block, csv)
    return [str(p).replace(str(tmp_path) + "/", "") for p in exc.value.problems]


def texts(node: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in (*node.rows, node.total or ())]


def test_growth_rates_written_with_percent_are_numbers_but_never_summed(tmp_path: Path) -> None:
    node = table(
        tmp_path,
        "      - table: {data: t.csv, total: true}\n",
        "城市,进口额,同比增长\n郑州,80,5.9%\n洛阳,12.5,－３％\n",
    )
    assert texts(node) == [["郑州", "80.0", "5.9%"], ["洛阳", "12.5", "\u22123.0%"], ["合计", "92.5", ""]]
    assert [c.align for c in node.columns] == ["left", "right", "right"]
    assert node.rows[0][2].value == 5.9


def test_percentage_points_and_total_false_columns_are_not_summed(tmp_path: Path) -> None:
    block = (
        "      - table:\n"
        "          data: t.csv\n"
        "          total: true\n"
        "          columns: [城市, {name: 进口额, unit: 亿元}, {name: 提高, unit: 个百分点},\n"
        "                    {name: 排名, total: false}]\n"
    )
    node = table(tmp_path, block, "城市,进口额,提高,排名\n郑州,80,1.5,1\n洛阳,12.5,0.5,2\n")
    assert texts(node)[-1] == ["合计", "92.5", "", ""]


def test_total_true_sums_a_column_whose_name_reads_as_a_rate(tmp_path: Path) -> None:
    block = "      - table: {data: t.csv, total: true, columns: [城市, {name: 人均产值, total: true}]}\n"
    assert texts(table(tmp_path, block, "城市,人均产值\n郑州,8\n洛阳,2\n"))[-1] == ["合计", "10"]


def test_a_percentage_column_cannot_be_forced_into_the_total(tmp_path: Path) -> None:
    """Never a percentage, even asked: a total row of growth rates is the contradiction it exists to avoid."""
    block = "      - table: {data: t.csv, total: true, columns: [城市, {name: 增速, unit: '%', total: true}]}\n"
    assert problems(tmp_path, block, "城市,增速\n郑州,8\n") == [
        "spec.yaml:7:86: sections[0].blocks[0].table.columns[1].total: column `增速` holds percentages, "
        "which do not add up: it cannot be summed in the total row (leave `total: true` out)"
    ]


def test_a_percent_unit_in_the_header_is_a_percentage(tmp_path: Path) -> None:
    node = table(
        tmp_path,
        "      - table: {data: t.csv, total: true}\n",
        "城市,增速（%）,增量(个百分点),数量\n郑州,5,1,2\n洛阳,3,1,2\n",
    )
    assert texts(node)[-1] == ["合计", "", "", "4"]


def test_rate_words_are_a_default_a_spec_can_change(tmp_path: Path) -> None:
    csv = "城市,人均产值,平均工资,数量\n郑州,8,5,1\n洛阳,2,4,1\n"
    block = "      - table: {data: t.csv, total: true}\n"
    assert texts(table(tmp_path, block, csv))[-1] == ["合计", "", "", "2"]  # 均: an average, by default
    none = HEAD.replace("sections:", "labels: {not_summed: []}\nsections:")
    assert texts(table(tmp_path, block, csv, none))[-1] == ["合计", "10", "9", "2"]
    averages = HEAD.replace("sections:", "labels: {not_summed: [平均]}\nsections:")
    assert texts(table(tmp_path, block, csv, averages))[-1] == ["合计", "10", "", "2"]


def test_a_blank_cell_in_a_summed_column_is_an_error_where_it_is(tmp_path: Path) -> None:
    csv = "城市,进口额,出口额\n郑州,80,\n洛阳,12.5,-\n开封,3,4\n"
    assert problems(tmp_path, "      - table: {data: t.csv, total: true}\n", csv) == [
        "t.csv:2:3: 出口额: blank cell in column `出口额`, which the total row sums: fill it in, mark the column "
        "`total: false` to leave it out of the total row, or set `total: {incomplete: blank}` to leave its "
        "total blank",
        "t.csv:3:3: 出口额: blank cell in column `出口额`, which the total row sums: fill it in, mark the column "
        "`total: false` to leave it out of the total row, or set `total: {incomplete: blank}` to leave its "
        "total blank",
    ]
    node = table(tmp_path, "      - table: {data: t.csv, total: {incomplete: blank}}\n", csv)
    assert texts(node) == [["郑州", "80.0", ""], ["洛阳", "12.5", "-"], ["开封", "3.0", "4"], ["合计", "95.5", ""]]


def test_a_blank_inline_cell_is_located_at_its_row(tmp_path: Path) -> None:
    block = (
        "      - table:\n          columns: [城市, 数量]\n          rows: [[郑州, 1], [洛阳, null]]\n"
        "          total: 总计\n"
    )
    assert problems(tmp_path, block, "") == [
        "spec.yaml:9:32: sections[0].blocks[0].table.rows[1][1]: blank cell in column `数量`, which the total "
        "row sums: fill it in, mark the column `total: false` to leave it out of the total row, or set "
        "`total: {incomplete: blank}` to leave its total blank"
    ]


def test_a_word_in_a_summed_column_is_an_error_where_it_is(tmp_path: Path) -> None:
    assert problems(tmp_path, "      - table: {data: t.csv, total: true}\n", "城市,数量\n郑州,1\n洛阳,五\n") == [
        "t.csv:3:2: 数量: expected a number, got '五': column `数量` is summed in the total row "
        "(mark the column `total: false` to leave it out of the total row)"
    ]


def test_full_width_and_grouped_numbers_add_up(tmp_path: Path) -> None:
    node = table(tmp_path, "      - table: {data: t.csv, total: true}\n", '城市,数量\n郑州,"1,234"\n洛阳,５６６\n')
    assert texts(node)[-1] == ["合计", "1800"]


def test_a_percent_sign_is_not_repeated_under_a_header_that_says_it(tmp_path: Path) -> None:
    block = "      - table: {data: t.csv, columns: [城市, {name: 增速, unit: '%'}, 占比]}\n"
    node = table(tmp_path, block, "城市,增速,占比\n郑州,5.9%,30%\n")
    assert [c.header for c in node.columns][1:] == ["增速（%）", "占比"]
    assert texts(node) == [["郑州", "5.9", "30%"], []]
