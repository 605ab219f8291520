"""Property-based tests: any spec either builds or fails with a located SpecError, never another exception."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zzreport
from zzreport.builder import write
from zzreport.loading.yaml_source import parse_text

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml").read_text(encoding="utf-8")
SHOWCASE = (ROOT / "specs" / "showcase.yaml").read_text(encoding="utf-8")

text = st.text(st.characters(codec="utf-8"), max_size=12)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True), text)
keys = st.sampled_from(
    ["title", "id", "blocks", "paragraph", "kpis", "label", "value", "unit", "figure", "kind", "series", "values",
     "categories", "table", "columns", "rows", "review", "plan", "bullets", "text", "items", "show", "name", "x"]
)  # fmt: skip
values = st.recursive(
    scalars, lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=20,
)  # fmt: skip


def assert_located(exc: zzreport.SpecError) -> None:
    assert exc.problems
    for problem in exc.problems:
        assert problem.location.file
        assert problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=st.dictionaries(keys, values, max_size=5))
def test_random_sections_resolve_or_fail_with_located_errors(section: dict) -> None:
    data = {"zzreport": 1, "title": "报告", "sections": [section]}
    try:
        document = zzreport.resolve(zzreport.load_dict(data, base_dir=ROOT / "specs"))
    except zzreport.SpecError as exc:
        assert_located(exc)
        return
    assert document.sections


@settings(max_examples=100, deadline=None)
@given(position=st.integers(0, len(MINIMAL) - 1), insert=st.text(max_size=3), drop=st.integers(0, 3))
def test_mutated_yaml_parses_or_fails_with_located_errors(position: int, insert: str, drop: int) -> None:
    mutated = MINIMAL[:position] + insert + MINIMAL[position + drop :]
    try:
        zzreport.load_text(mutated, "mutated.yaml")
    except zzreport.SpecError as exc:
        assert_located(exc)
        assert all(p.location.line >= 1 for p in exc.problems)


@settings(max_examples=40, deadline=None)
@given(position=st.integers(0, len(SHOWCASE) - 1), insert=st.sampled_from(["\t", ": ", "- ", "{", "]", "&a ", "*a"]))
def test_mutated_showcase_never_raises_anything_else(position: int, insert: str) -> None:
    mutated = SHOWCASE[:position] + insert + SHOWCASE[position:]
    try:
        parse_text(mutated, ROOT / "specs" / "showcase.yaml")
    except zzreport.SpecError as exc:
        assert_located(exc)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30),
    paragraph=st.text(max_size=200),
)
def test_any_text_builds_a_pdf_or_fails_located(title: str, paragraph: str) -> None:
    section = {"id": "a", "title": "节", "blocks": [{"paragraph": paragraph}]}
    data = {"zzreport": 1, "title": title, "sections": [section]}
    try:
        result = zzreport.check_report(zzreport.load_dict(data, base_dir=ROOT / "specs"))
    except zzreport.SpecError as exc:
        assert_located(exc)
        return
    buffer = io.BytesIO()
    write(result.document, "pdf", buffer)
    assert buffer.getvalue().startswith(b"%PDF-")
