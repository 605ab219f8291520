"""`check` and `build` agree: whatever a mutated spec or file does, either `check` refuses it with located
problems, or every format renders. Nothing else may happen: no other exception, from either stage.

The mutations are what a hostile or careless pull request does to a real project: a value replaced with a
hostile scalar, a CSV cell changed, an image truncated or a byte flipped, an SVG attribute set to nonsense.
Examples are derandomised so that CI runs the same cases every time; set ``ZZREPORT_FUZZ_EXAMPLES`` to
explore more (and randomly) on a developer's machine.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import zzreport
from zzreport.writers.registry import WRITERS

EXPLORE = int(os.environ.get("ZZREPORT_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=EXPLORE or 40,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

CSV_ROWS = [
    ["年份", "产值（亿元）", "增速（%）"],
    ["2022", "120.5", "6.1"],
    ["2023", "131.0", "8.7"],
    ["2024", "140.2", "7.0"],
]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
    '<rect x="2" y="2" width="60" height="30" fill="#c00"/><text x="70" y="25">标志</text></svg>'
)


def base_spec() -> dict[str, Any]:
    return {
        "zzreport": 1,
        "title": "测试报告",
        "subtitle": "副标题",
        "date": "2025-01-20",
        "source": "测试数据",
        "theme": {"logo": "logo.svg", "page": {"page_number": "第 {page} 页 / 共 {pages} 页"}},
        "sections": [
            {
                "id": "a",
                "title": "第一节",
                "takeaway": "要点",
                "notes": "备注",
                "blocks": [
                    {"paragraph": "正文段落，含 Latin 与数字 12.5%。"},
                    {"kpis": [{"label": "产值", "value": 140.2, "unit": "亿元", "change": 7.0, "period": "2024"}]},
                    {
                        "figure": {
                            "kind": "combo",
                            "title": "产值与增速",
                            "data": {"file": "data.csv", "categories": "年份", "series": ["产值（亿元）", "增速（%）"]},
                        }
                    },
                    {
                        "figure": {
                            "kind": "pie",
                            "title": "构成",
                            "categories": ["甲", "乙", "丙"],
                            "series": [{"name": "占比", "values": [50, 30, 20]}],
                        }
                    },
                    {"table": {"title": "明细", "data": "data.csv", "total": "合计"}},
                    {"image": {"path": "pic.png", "alt": "图片", "caption": "说明"}},
                ],
            }
        ],
    }


#: Paths of the spec's scalars a mutation may replace.
SPEC_PATHS: list[tuple[Any, ...]] = [
    ("title",),
    ("subtitle",),
    ("date",),
    ("theme", "page", "page_number"),
    ("theme", "logo"),
    ("sections", 0, "id"),
    ("sections", 0, "title"),
    ("sections", 0, "blocks", 0, "paragraph"),
    ("sections", 0, "blocks", 1, "kpis", 0, "label"),
    ("sections", 0, "blocks", 1, "kpis", 0, "value"),
    ("sections", 0, "blocks", 1, "kpis", 0, "unit"),
    ("sections", 0, "blocks", 1, "kpis", 0, "change"),
    ("sections", 0, "blocks", 1, "kpis", 0, "period"),
    ("sections", 0, "blocks", 2, "figure", "kind"),
    ("sections", 0, "blocks", 2, "figure", "title"),
    ("sections", 0, "blocks", 3, "figure", "series", 0, "values", 0),
    ("sections", 0, "blocks", 3, "figure", "series", 0, "values", 1),
    ("sections", 0, "blocks", 3, "figure", "categories", 0),
    ("sections", 0, "blocks", 4, "table", "total"),
    ("sections", 0, "blocks", 5, "image", "path"),
    ("sections", 0, "blocks", 5, "image", "caption"),
]

HOSTILE_TEXT = [
    "{",
    "}",
    "{page.__class__}",
    "{page:>300000000}",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1)",
    "010",
    "0x1F",
    "12:30",
    "1_000",
    "2024.10",
    "9999-12-31",
    "2025-02-30",
    "0000-01-01",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "1e308",
    "-1e308",
    "1e-320",
    "",
    " ",
    "../outside.png",
    "/etc/hostname",
    "logo.svg",
    "data.csv",
    "\u202e反转",
    "𠀀𠀁",
    "a" * 300,
    "长" * 400,
    "line\nbreak",
    "<b>&amp;</b>",
    "**粗体",
    "5.9%",
    "1,234.5",
    "−3.5",
]
hostile_scalars = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=24),
    st.floats(),
    st.integers(-(10**30), 10**30),
    st.booleans(),
    st.none(),
)
spec_mutation = st.tuples(st.just("spec"), st.sampled_from(SPEC_PATHS), hostile_scalars)
csv_mutation = st.tuples(
    st.just("csv"), st.tuples(st.integers(0, len(CSV_ROWS) - 1), st.integers(0, 2)), st.sampled_from(HOSTILE_TEXT)
)
byte_mutation = st.tuples(
    st.just("bytes"),
    st.tuples(st.sampled_from(["pic.png", "logo.svg", "data.csv"]), st.integers(0, 4000), st.integers(0, 255)),
    st.sampled_from(["truncate", "flip"]),
)
svg_mutation = st.tuples(
    st.just("svg"),
    st.sampled_from(['width="120"', 'height="40"', 'viewBox="0 0 120 40"', 'x="2"', 'width="60"']),
    st.sampled_from(
        ['width="nan"', 'height="0"', 'viewBox="0 0 0 0"', 'x="1e999"', 'width="-5"', 'width="9e9"', 'x="inf"', ""]
    ),
)
mutations = st.lists(st.one_of(spec_mutation, csv_mutation, byte_mutation, svg_mutation), min_size=1, max_size=3)


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


PNG = png_bytes()


def set_path(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def make_project(root: Path, changes: list[tuple[str, Any, Any]]) -> Path:
    spec = base_spec()
    rows = [list(r) for r in CSV_ROWS]
    svg = SVG
    for kind, where, value in changes:
        if kind == "spec":
            set_path(spec, where, value)
        elif kind == "csv":
            rows[where[0]][where[1]] = value
        elif kind == "svg":
            svg = svg.replace(where, value, 1)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    files = {"pic.png": PNG, "logo.svg": svg.encode(), "data.csv": text.getvalue().encode()}
    for kind, where, value in changes:
        if kind == "bytes":
            name, position, byte = where
            data = files[name]
            position %= max(len(data), 1)
            if value == "truncate":
                files[name] = data[:position]
            else:
                files[name] = data[:position] + bytes([byte]) + data[position + 1 :]
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root.parent / "outside.png").write_bytes(PNG)
    path = root / "s.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def assert_located(exc: zzreport.SpecError) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert problem.location.file and problem.message


@pytest.fixture
def counter() -> list[int]:
    return [0]


@SETTINGS
@given(changes=mutations)
def test_check_and_build_agree(changes: list[tuple[str, Any, Any]], tmp_path: Path, counter: list[int]) -> None:
    counter[0] += 1
    spec = make_project(tmp_path / f"p{counter[0]}" / "project", changes)
    try:
        result = zzreport.check(spec)
    except zzreport.SpecError as exc:
        assert_located(exc)
        return
    for fmt in WRITERS:
        if getattr(result.document.outputs, fmt, None) is None:
            continue
        data, _ = zzreport.render(result.document, fmt)
        assert data


def test_the_unmutated_project_builds(tmp_path: Path) -> None:
    """The fuzzed project itself is sound, so each refusal above is caused by its mutation."""
    spec = make_project(tmp_path / "project", [])
    outputs = zzreport.build(spec, tmp_path / "out")
    assert {o.format for o in outputs} == set(WRITERS)


@pytest.mark.parametrize("value", [1.3251324104445055e-152, 5e-324])
def test_a_vanishing_pie_slice_renders(value: float, tmp_path: Path) -> None:
    """Found by the fuzz test: reportlab divided by zero drawing the arc of a slice of almost no angle."""
    spec = make_project(tmp_path / "project", [("spec", SPEC_PATHS[16], value)])
    result = zzreport.check(spec)
    data, _ = zzreport.render(result.document, "pdf")
    assert data.startswith(b"%PDF-")
