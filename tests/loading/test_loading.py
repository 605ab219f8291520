"""The load stage: YAML with positions, limits, shorthands and the library API."""

from __future__ import annotations

from pathlib import Path

import pytest

import zzreport
from zzreport import Limits, SpecError
from zzreport.loading.yaml_source import parse_text

MINIMAL = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n"


def messages(exc: pytest.ExceptionInfo[SpecError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_values_and_keys_keep_their_line_and_column() -> None:
    doc = parse_text("a: 1\nb:\n  - x\n  - {c: y}\n", Path("s.yaml"))
    assert doc.value_marks[("b", 1, "c")] == (4, 9)
    assert doc.key_marks[("b",)] == (2, 1)
    assert str(doc.locate(("b", 1, "c", "missing"))) == "s.yaml:4:9"


def test_merge_keys_and_aliases_are_supported() -> None:
    doc = parse_text("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n", Path("s.yaml"))
    assert doc.data["d"] == {"x": 1, "y": 3}


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("a: !!python/object/apply:os.system ['true']\n", Path("s.yaml"))
    assert messages(exc) == [
        "s.yaml:1:4: a: YAML tag `!!python/object/apply:os.system` is not allowed in a spec; "
        "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are"
    ]


def test_more_than_one_document_is_refused() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("a: 1\n---\nb: 2\n", Path("s.yaml"))
    assert messages(exc) == ["s.yaml:2:1: the file holds more than one YAML document; a spec is one document"]


def test_all_duplicate_keys_are_reported_at_once() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("a: 1\nb: 2\na: 3\nb: 4\n", Path("s.yaml"))
    assert messages(exc) == [
        "s.yaml:3:1: a: duplicate key `a` (first defined at line 1)",
        "s.yaml:4:1: b: duplicate key `b` (first defined at line 2)",
    ]


def test_limits_are_configurable(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        zzreport.load(spec, limits=Limits(max_bytes=10))
    assert "over the 10-byte limit" in messages(exc)[0]
    with pytest.raises(SpecError) as exc:
        zzreport.load(spec, limits=Limits(max_depth=2))
    assert "nesting is deeper than 2 levels" in messages(exc)[0]
    with pytest.raises(SpecError) as exc:
        zzreport.load(spec, limits=Limits(max_nodes=5))
    assert "more than 5 nodes" in messages(exc)[0]
    assert zzreport.load(spec).title == "报告"


def test_utf8_bom_is_accepted_and_utf16_is_explained(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert zzreport.load(spec).title == "报告"
    spec.write_bytes(MINIMAL.encode("utf-16"))
    with pytest.raises(SpecError) as exc:
        zzreport.load(spec)
    assert messages(exc)[0].endswith("the file is UTF-16 encoded; save the spec as UTF-8")


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_bytes(b"title: x\n\x00\x01\x02\xff")
    with pytest.raises(SpecError) as exc:
        zzreport.load(spec)
    assert messages(exc)[0].endswith(":2:1: the file contains NUL bytes: it is binary, not a YAML text file")


def test_load_dict_builds_a_report_from_python_data() -> None:
    report = zzreport.load_dict(
        {"zzreport": 1, "title": "报告", "sections": [{"id": "a", "title": "一", "blocks": [{"paragraph": "x"}]}]}
    )
    assert report.sections[0].blocks[0].paragraph == "x"
    with pytest.raises(SpecError) as exc:
        zzreport.load_dict({"zzreport": 1, "title": "报告", "sections": [{"id": "a"}]})
    assert messages(exc) == ["<dict>:1:1: sections[0].title: required key `title` is missing"]


def test_shorthands_normalise_to_one_shape() -> None:
    report = zzreport.load_text(
        MINIMAL
        + "    blocks:\n"
        + "      - bullets: [一, {text: 二, items: [三]}]\n"
        + "      - table: {columns: [指标, 数量], rows: [[甲, 1]], total: 合计}\n"
        + "      - kpis: [{label: 增长, value: 5, change: 1.5}]\n"
        + "outputs: {pdf: false, pptx: deck.pptx}\n"
        + "theme: {fonts: {body: Noto Sans SC}}\n",
        "s.yaml",
    )
    blocks = report.sections[0].blocks
    assert [b.text for b in blocks[0].bullets] == ["一", "二"]
    assert blocks[1].table.columns[0].name == "指标"
    assert blocks[1].table.total.label == "合计"
    assert blocks[2].kpis[0].change.value == 1.5
    assert report.outputs.pdf.enabled is False
    assert report.outputs.pptx.file == "deck.pptx"
    assert report.theme.fonts.body.family == "Noto Sans SC"


def test_duplicate_section_ids_point_at_the_second_one() -> None:
    text = MINIMAL + "  - id: a\n    title: 二节\n"
    with pytest.raises(SpecError) as exc:
        zzreport.load_text(text, "s.yaml")
    assert messages(exc) == ["s.yaml:6:9: sections[1].id: duplicate section id `a` (first used by sections[0])"]


def test_control_characters_are_reported_with_their_location() -> None:
    with pytest.raises(SpecError) as exc:
        zzreport.load_text('zzreport: 1\ntitle: "报告\\x07"\nsections: [{id: a, title: b}]\n', "s.yaml")
    assert messages(exc) == [
        "s.yaml:2:8: title: contains the control character U+0007 at position 3; "
        "remove it (it cannot appear in a PDF or a deck)"
    ]


def test_a_block_with_two_kinds_is_explained() -> None:
    with pytest.raises(SpecError) as exc:
        zzreport.load_text(MINIMAL + "    blocks:\n      - {paragraph: x, bullets: [y]}\n", "s.yaml")
    assert messages(exc) == [
        "s.yaml:7:9: sections[0].blocks[0]: a block has exactly one kind key; found `paragraph` and `bullets`"
    ]


def test_line_folds_between_chinese_characters_leave_no_space() -> None:
    doc = parse_text(
        "a: >-\n  中文正文两端对齐，\n  行首不出现 Latin\n  字母\nb: 乘势而上 郑州将创建\nc: 第一行\n  第二行\n",
        Path("s.yaml"),
    )
    assert doc.data == {"a": "中文正文两端对齐，行首不出现 Latin 字母", "b": "乘势而上 郑州将创建", "c": "第一行第二行"}


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "spec", [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "tests/fixtures/ok/minimal.yaml"], ids=lambda p: p.name
)
def test_libyaml_and_the_python_parser_give_the_same_data_and_positions(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zzreport.loading import yaml_source

    if yaml_source._FastParser is None:
        pytest.skip("PyYAML was built without libyaml")
    text = spec.read_text(encoding="utf-8")
    fast = parse_text(text, spec)
    monkeypatch.setattr(yaml_source, "_FastParser", None)
    slow = parse_text(text, spec)
    assert (fast.data, fast.value_marks, fast.key_marks) == (slow.data, slow.value_marks, slow.key_marks)


def test_a_file_libyaml_rejects_is_worded_by_the_python_parser() -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("title: [报告\nsections: []\n", Path("s.yaml"))
    assert messages(exc) == [
        # libyaml would say "did not find expected ',' or ']'"
        "s.yaml:2:9: title: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence started at line 1, column 8)"
    ]


TAB_SPECS = ["a:\t1\n", "a: b\t\n", "a: [1,\t2]\n", "title:\t郑州报告\n", "a: 1\t# c\n", "a: '\tx'\n"]


@pytest.mark.parametrize("text", TAB_SPECS)
def test_tabs_are_judged_the_same_with_or_without_libyaml(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml accepts tabs where the Python parser does not: what is valid must not depend on the build."""
    from zzreport.loading import yaml_source

    def outcome() -> object:
        try:
            return parse_text(text, Path("s.yaml")).data
        except SpecError as exc:
            return messages(pytest.ExceptionInfo.from_exc_info((SpecError, exc, exc.__traceback__)))

    with_libyaml = outcome()
    monkeypatch.setattr(yaml_source, "_FastParser", None)
    assert outcome() == with_libyaml
