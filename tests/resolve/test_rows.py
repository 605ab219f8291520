"""`where:` on figure and table data: each report reads only its own rows of a shared CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import zzreport
from zzreport import SpecError, ir
from zzreport.testing import csv_text, write_spec

CSV = csv_text(
    [
        ["城市", "月份", "增速", "投资"],
        ["甲市", "1月", "5.1", "10"],
        ["乙市", "1月", "7.3", "20"],
        ["甲市", "2月", "5.4", "11"],
        ["乙市", "2月", "7.0", "21"],
    ]
)


def _spec(tmp_path: Path, data: dict[str, Any], table_data: dict[str, Any] | None = None) -> Path:
    blocks: list[dict[str, Any]] = [{"figure": {"kind": "column", "title": "增速", "data": data}}]
    if table_data is not None:
        blocks.append({"table": {"title": "投资", "data": table_data}})
    spec = {"zzreport": 1, "title": "简报", "sections": [{"id": "a", "title": "经济", "blocks": blocks}]}
    return write_spec(tmp_path, spec, files={"data/m.csv": CSV})


def test_a_figure_and_a_table_read_only_the_rows_of_their_filter(tmp_path: Path) -> None:
    where = {"城市": "乙市"}
    spec = _spec(
        tmp_path,
        {"file": "data/m.csv", "where": where, "categories": "月份", "series": ["增速"]},
        {"file": "data/m.csv", "where": where},
    )
    document = zzreport.resolve(zzreport.load(spec))
    figure = next(document.figures()).data
    assert list(figure.categories) == ["1月", "2月"]
    assert [list(s.values) for s in figure.series] == [[7.3, 7.0]]
    table = next(document.tables())
    assert isinstance(table, ir.Table)
    # the filtered column says the same on every row: it is left out of the default columns
    assert [c.name for c in table.columns] == ["月份", "增速", "投资"]
    assert [[cell.text for cell in row] for row in table.rows] == [["1月", "7.3", "20"], ["2月", "7", "21"]]


def test_default_series_leave_the_filtered_column_out(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"file": "data/m.csv", "where": {"城市": "甲市"}, "categories": "月份"})
    figure = next(zzreport.resolve(zzreport.load(spec)).figures()).data
    assert [s.name for s in figure.series] == ["增速", "投资"]
    assert [list(s.values) for s in figure.series] == [[5.1, 5.4], [10, 11]]


def test_a_filter_no_row_passes_is_a_located_error(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"file": "data/m.csv", "where": {"城市": "丙市"}, "categories": "月份"})
    with pytest.raises(SpecError) as exc:
        zzreport.resolve(zzreport.load(spec))
    assert [str(p).replace(str(tmp_path) + "/", "") for p in exc.value.problems] == [
        "report.yaml:13:15: sections[0].blocks[0].figure.data.where.城市: no row of data/m.csv has 城市 = 丙市; "
        "its values of 城市 are: 甲市, 乙市"
    ]


def test_a_filter_on_a_column_the_file_lacks_is_a_located_error(tmp_path: Path) -> None:
    spec = _spec(tmp_path, {"file": "data/m.csv", "where": {"城市名": "甲市"}, "categories": "月份"})
    with pytest.raises(SpecError) as exc:
        zzreport.resolve(zzreport.load(spec))
    (problem,) = exc.value.problems
    assert problem.location.path == "sections[0].blocks[0].figure.data.where.城市名"
    assert problem.message.startswith("column `城市名` not found in ")
    assert problem.message.endswith("(did you mean `城市`?); its columns are: 城市, 月份, 增速, 投资")
