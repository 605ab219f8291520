"""Tables in the PDF, reopened with pdfplumber: one number of decimals per column, decimal points aligned,
columns as wide as their content, formatted negatives with a true minus sign (U+2212)."""

from __future__ import annotations

import pdfplumber
import pytest
import yaml

from zzreport.builder import build
from zzreport.testing import write_files

ROWS = [
    ["新增设备", 6012, 5, -3.5],
    ["更新改造", 4.25, 5.2, 12],
    ["合计项目", 13.1, 9879, 1300.8],
]
SPEC = {
    "zzreport": 1,
    "title": "表格测试",
    "sections": [
        {
            "id": "a",
            "title": "一节",
            "blocks": [
                {
                    "table": {
                        "title": "对齐测试",
                        "columns": [
                            {"name": "类别"},
                            {"name": "甲", "unit": "万元"},
                            {"name": "乙", "unit": "个"},
                            {"name": "丙", "unit": "%"},
                        ],
                        "rows": ROWS,
                    }
                },
                {
                    "table": {
                        "title": "各行单位不同",
                        "columns": [{"name": "指标"}, {"name": "数量"}, {"name": "单位"}],
                        "rows": [["床位", 6012, "张"], ["学位", 4.25, "万个"], ["就业", 13.1, "万人"]],
                    }
                },
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> pdfplumber.page.Page:
    folder = write_files(tmp_path_factory.mktemp("tables"), {"t.yaml": yaml.safe_dump(SPEC, allow_unicode=True)})
    path = build(folder / "t.yaml", folder / "out", ["pdf"])[0].path
    return pdfplumber.open(path).pages[2]


def cells(page: pdfplumber.page.Page) -> list[list[dict]]:
    """Each body row's words (pdfplumber's), left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    rows = []
    for label in (row[0] for row in ROWS):
        head = next(w for w in words if w["text"] == label)
        rows.append(sorted((w for w in words if abs(w["top"] - head["top"]) < 2), key=lambda w: w["x0"]))
    return rows


def test_a_column_has_one_number_of_decimals(page: pdfplumber.page.Page) -> None:
    columns = list(zip(*[[w["text"] for w in row] for row in cells(page)], strict=True))
    assert columns[1] == ("6,012.00", "4.25", "13.10") or columns[1] == ("6012.00", "4.25", "13.10")
    assert columns[2] in (("5.0", "5.2", "9,879.0"), ("5.0", "5.2", "9879.0"))
    assert columns[3] == ("\u22123.5", "12.0", "1300.8") or columns[3] == ("\u22123.5", "12.0", "1,300.8")


def point_x(page: pdfplumber.page.Page, word: dict) -> float:
    """x of the decimal point inside ``word``."""
    dot = next(c for c in page.chars if c["text"] == "." and word["x0"] <= c["x0"] <= word["x1"]
               and abs(c["top"] - word["top"]) < 2)  # fmt: skip
    return float(dot["x0"])


def test_decimal_points_align_within_a_column(page: pdfplumber.page.Page) -> None:
    rows = cells(page)
    for column in (1, 2, 3):
        xs = [point_x(page, row[column]) for row in rows]
        assert max(xs) - min(xs) < 0.05, (column, xs)


def test_a_column_of_different_quantities_keeps_its_numbers_as_written_and_aligned(
    page: pdfplumber.page.Page,
) -> None:
    words = page.extract_words()
    numbers = [[w for w in words if w["text"] == text][-1] for text in ("6012", "4.25", "13.1")]  # the second table
    points = [point_x(page, w) for w in numbers[1:]]
    assert abs(points[0] - points[1]) < 0.05
    assert abs(numbers[0]["x1"] - points[0]) < 0.6  # the integer ends where the others' points stand


def test_columns_are_as_wide_as_their_content(page: pdfplumber.page.Page) -> None:
    frame = page.width - 2 * 22 * 72 / 25.4
    fills = [r for r in page.rects if r["width"] > 50]
    widest = max(r["width"] for r in fills)
    assert widest < 0.8 * frame  # four short columns are not stretched over the frame
