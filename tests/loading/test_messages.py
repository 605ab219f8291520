"""Messages a new author meets, each with its fix, word for word (issue: tooling a Quarto or Typst user expects)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzreport.api import check
from zzreport.errors import SpecError
from zzreport.testing import write_files

HEAD = "zzreport: 1\ntitle: t\nsections:\n  - id: a\n    title: s\n    blocks:\n"


def problems(tmp_path: Path, blocks: str, files: dict[str, str] | None = None) -> list[str]:
    write_files(tmp_path, {"s.yaml": HEAD + blocks, **(files or {})})
    with pytest.raises(SpecError) as exc:
        check(tmp_path / "s.yaml")
    return [str(p).removeprefix(f"{tmp_path / 's.yaml'}:") for p in exc.value.problems]


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (
            "      - kpis:\n          - label: x\n            value: 1\n            unit: %\n",
            "10:19: sections[0].blocks[0].kpis[0].unit: YAML syntax error: a value cannot start with `%` "
            "unless it is quoted; write unit: '%'",
        ),
        (
            "      - kpis: [{label: x, value: 1, unit: %}]\n",
            "7:43: sections[0].blocks[0].kpis: YAML syntax error: a value cannot start with `%` "
            "unless it is quoted; write unit: '%'",
        ),
        (
            "      - kpis:\n          - label: x\n            value: 1\n            unit: '@'\n"
            "            note: @来源 统计局  # a comment\n",
            "11:19: sections[0].blocks[0].kpis[0].note: YAML syntax error: a value cannot start with `@` "
            "unless it is quoted; write note: '@来源 统计局'",
        ),
        (
            "      - kpis: [{label: x, value: 1, change: 5.3%}]\n",
            "7:45: sections[0].blocks[0].kpis[0].change: write the change as a plain number, without `%`: "
            "change: 5.3 means +5.3% (for another unit: change: {value: 5.3, unit: 个百分点})",
        ),
        (
            "      - kpis: [{label: x, value: 1, change: 增长}]\n",
            "7:45: sections[0].blocks[0].kpis[0].change: expected a number (growth in %) or a mapping "
            "such as {value: 5.3, unit: 个百分点}, got '增长'",
        ),
        (
            "      - kpis: [{label: x, value: 5.3%}]\n",
            "7:34: sections[0].blocks[0].kpis[0].value: expected a number, got '5.3%'; write value: 5.3 with unit: '%'",
        ),
        (
            "      - kpis: [{label: x, value: '18'}]\n",
            "7:34: sections[0].blocks[0].kpis[0].value: expected a number, got '18' (quoted, so it is text); "
            "write 18 without quotes",
        ),
    ],
    ids=[
        "unquoted %",
        "unquoted % in a flow mapping",
        "unquoted @",
        "change: 5.3%",
        "change as text",
        "value: 5.3%",
        "a quoted number",
    ],
)
def test_a_message_says_the_fix(tmp_path: Path, blocks: str, expected: str) -> None:
    assert problems(tmp_path, blocks) == [expected]


def test_table_columns_are_not_the_data_files_columns(tmp_path: Path) -> None:
    found = problems(tmp_path, "      - table: {data: d.csv, columns: [a, c]}\n", {"d.csv": "a,b,c\n1,2,3\n"})
    assert found == [
        "7:39: sections[0].blocks[0].table.columns: 2 columns are described but the data has 3 (a, b, c); "
        "`table.columns` describes every column shown (its name, unit, alignment). To show only some of "
        "the file's columns, name them under `data`: data: {file: d.csv, columns: [a, c]}"
    ]


def test_errors_of_later_stages_come_with_the_first(tmp_path: Path) -> None:
    """A row of the wrong length and a missing data file are reported beside a type error elsewhere."""
    found = problems(
        tmp_path,
        "      - table: {columns: [a, b], rows: [[1, 2, 3]]}\n"
        "      - paragraph: [x]\n"
        "      - figure: {kind: pie, data: {file: missing.csv, categories: a, series: [b]}}\n",
    )
    assert found == [
        "7:41: sections[0].blocks[0].table.rows[0]: row has 3 cells, the table has 2 columns",
        "8:20: sections[0].blocks[1].paragraph: expected text, got a list",
        "9:42: sections[0].blocks[2].figure.data.file: data file not found: `missing.csv`",
    ]
