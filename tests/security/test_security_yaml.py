"""Reading a spec's YAML: scalars mean what the author typed, in both parsers, or are refused where they are.

PyYAML reads YAML 1.1 (``010`` is 8, ``12:30`` is 750, ``no`` is false,
``2024.10`` is 2024.1); a spec is read by the YAML 1.2 core schema, with the
forms the two versions disagree on refused, numbers kept as typed in text
fields, only core tags, and bounded numbers. Each test runs with libyaml
and with the pure-Python parser, which must agree.
"""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zzreport
from zzreport import Limits, SpecError
from zzreport.app.cli import main
from zzreport.loading import yaml_source
from zzreport.loading.yaml_source import parse_text

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"
#: A KPI whose `value` is at line 7, column 34.
KPI_VALUE = HEAD + "      - kpis: [{{label: 数, value: {}}}]\n"
KPI_PATH = "s.yaml:7:34: sections[0].blocks[0].kpis[0].value: "
HUGE = "1" * 5000
SECTIONS = "sections: [{id: a, title: 一节}]\n"


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with libyaml's parser (when PyYAML has it) and with the pure-Python one."""
    if request.param == "python":
        monkeypatch.setattr(yaml_source, "_FastParser", None)
    elif yaml_source._FastParser is None:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str,
          *extra: str) -> tuple[int, list[str]]:  # fmt: skip
    """`zzreport check s.yaml` in a fresh folder: exit code and the problem lines (without the count)."""
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(text, encoding="utf-8")
    code = main(["check", *extra, "s.yaml"])
    err = capsys.readouterr().err.splitlines()
    return code, [line for line in err if not line.startswith("s.yaml: ")]


REFUSED = {
    "010": "`010` has a leading zero (YAML 1.1 reads it as octal 8); write 10 for the number, "
    "or quote it ('010') if it is text",
    "-007": "`-007` has a leading zero (YAML 1.1 reads it as octal -7); write -7 for the number, "
    "or quote it ('-007') if it is text",
    "09": "`09` has a leading zero; write 9 for the number, or quote it ('09') if it is text",
    "0x1F": "`0x1F` is a hexadecimal number; write it in decimal (31), or quote it ('0x1F') if it is text",
    "0o17": "`0o17` is an octal number; write it in decimal (15), or quote it ('0o17') if it is text",
    "0b101": "`0b101` is a binary number; write it in decimal (5), or quote it ('0b101') if it is text",
    HUGE: f"the number `{HUGE[:12]}… (5000 characters)` is too large: numbers stay within ±1e+15 "
    "(write it in a larger unit, or raise the limit with --max-number); "
    f"quote it ('{HUGE[:12]}… (5000 characters)') if it is text",
    "1e400": "the number `1e400` is too large: numbers stay within ±1e+15 "
    "(write it in a larger unit, or raise the limit with --max-number); quote it ('1e400') if it is text",
    "2e-400": "`2e-400` is too close to zero to be held as a number; quote it ('2e-400') if it is text",
    "!!int abc": "`!!int` needs a whole number in decimal digits, got 'abc'",
    "!!float x": "`!!float` needs a number, got 'x'",
    "!!bool yes": "`!!bool` needs true or false, got 'yes'",
    "!!binary aGVsbG8=": "YAML tag `!!binary` is not allowed in a spec; "
    "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
    "!!timestamp 2025-01-01": "YAML tag `!!timestamp` is not allowed in a spec; "
    "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
    "!!python/name:os.system ''": "YAML tag `!!python/name:os.system` is not allowed in a spec; "
    "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
    "!mine 5": "YAML tag `!mine` is not allowed in a spec; "
    "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
    "!!map 5": "YAML tag `!!map` cannot stand on a scalar",
}


@pytest.mark.parametrize("written", list(REFUSED), ids=lambda w: w[:24])
def test_ambiguous_numbers_and_unsafe_tags_are_refused_where_they_are(
    written: str, parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = check(tmp_path, monkeypatch, capsys, KPI_VALUE.format(written))
    assert (code, err) == (1, [KPI_PATH + REFUSED[written]])


@pytest.mark.parametrize(("written", "word"), [("yes", "true"), ("No", "false"), ("on", "true"), ("OFF", "false")])
def test_yaml_1_1_booleans_are_refused_with_what_to_write(
    written: str, word: str, parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """`total: no` would otherwise be a total row labelled "no" (YAML 1.2) or no total row (YAML 1.1)."""
    text = HEAD + f"      - table: {{columns: [指标, 数量], rows: [[甲, 1]], total: {written}}}\n"
    code, err = check(tmp_path, monkeypatch, capsys, text)
    assert (code, err) == (
        1,
        [
            f"s.yaml:7:59: sections[0].blocks[0].table.total: `{written}` is a boolean in YAML 1.1 but text in "
            f"YAML 1.2; write {word} for the boolean, or quote it ('{written}') if it is text"
        ],
    )


def test_every_problem_of_the_file_is_reported_at_once(
    parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + "      - kpis: [{label: 数, value: 010, target: yes}, {label: !!binary eA==, value: 0x10}]\n"
    code, err = check(tmp_path, monkeypatch, capsys, text)
    assert code == 1
    assert err == [
        f"{KPI_PATH}`010` has a leading zero (YAML 1.1 reads it as octal 8); write 10 for the number, "
        "or quote it ('010') if it is text",
        "s.yaml:7:47: sections[0].blocks[0].kpis[0].target: `yes` is a boolean in YAML 1.1 but text in YAML 1.2; "
        "write true for the boolean, or quote it ('yes') if it is text",
        "s.yaml:7:61: sections[0].blocks[0].kpis[1].label: YAML tag `!!binary` is not allowed in a spec; "
        "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
        "s.yaml:7:83: sections[0].blocks[0].kpis[1].value: `0x10` is a hexadecimal number; write it in decimal (16), "
        "or quote it ('0x10') if it is text",
    ]


def test_a_syntax_error_names_its_key_and_comes_with_the_problems_before_it(
    parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + "      - kpis: [{label: 数, value: 010}]\n      - paragraph: [未闭合\n"
    code, err = check(tmp_path, monkeypatch, capsys, text)
    assert (code, err) == (
        1,
        [
            f"{KPI_PATH}`010` has a leading zero (YAML 1.1 reads it as octal 8); write 10 for the number, "
            "or quote it ('010') if it is text",
            "s.yaml:9:1: sections[0].blocks[1].paragraph: YAML syntax error: expected ',' or ']', "
            "but got '<stream end>' (while parsing a flow sequence started at line 8, column 20)",
        ],
    )


@pytest.mark.parametrize(("text", "where"), [("a: b\nc: d\x07e\n", "2:5: the character U+0007"),
                                           ("a: \ud800\n", "1:4: the character U+D800")])  # fmt: skip
def test_a_character_yaml_forbids_is_located(text: str, where: str, parser: str) -> None:
    """libyaml raised UnicodeEncodeError on a lone surrogate; PyYAML's message had no line."""
    with pytest.raises(SpecError) as exc:
        zzreport.load_text(text, "s.yaml")
    assert [str(p) for p in exc.value.problems] == [
        f"s.yaml:{where} is not allowed in a YAML file (no control characters or lone surrogates); remove it"
    ]


def test_a_line_break_only_yaml_sees_is_located_where_the_editor_shows_it(parser: str) -> None:
    """PyYAML breaks lines at U+2028 (pasted from a document): line numbers shifted, and a scalar split."""
    text = "zzreport: 1\ntitle: 报告\nlead: 第一句\u2028第二句\nsubtitle: x\x85y\n" + SECTIONS
    with pytest.raises(SpecError) as exc:
        zzreport.load_text(text, "s.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "s.yaml:3:10: the character U+2028 (LINE SEPARATOR) is a line break to YAML but not in an editor; "
        "replace it with a real line break, or remove it",
        "s.yaml:4:12: the character U+0085 (NEXT LINE) is a line break to YAML but not in an editor; "
        "replace it with a real line break, or remove it",
    ]


def test_collections_take_only_the_map_and_seq_tags(parser: str) -> None:
    with pytest.raises(SpecError) as exc:
        parse_text("a: !!omap [{x: 1}]\nb: !!set {x: null}\nc: !!seq {x: 1}\nd: !!map {x: 1}\n", Path("s.yaml"))
    assert [str(p) for p in exc.value.problems] == [
        "s.yaml:1:4: a: YAML tag `!!omap` is not allowed in a spec; "
        "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
        "s.yaml:2:4: b: YAML tag `!!set` is not allowed in a spec; "
        "only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are",
        "s.yaml:3:4: c: YAML tag `!!seq` cannot stand on a mapping",
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-30", "the date 2025-02-30 does not exist (February 2025 has 28 days)"),
        ("2023-02-29", "the date 2023-02-29 does not exist (February 2023 has 28 days)"),
        ("2025-04-31", "the date 2025-04-31 does not exist (April 2025 has 30 days)"),
        ("2025-13-01", "the date 2025-13-01 does not exist (a month is 01 to 12)"),
        ("0000-01-01", "the date 0000-01-01 does not exist (there is no year 0000)"),
    ],
)
def test_a_date_that_does_not_exist_is_located(
    date: str, message: str, parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    code, err = check(tmp_path, monkeypatch, capsys, f"zzreport: 1\ntitle: 报告\ndate: {date}\n" + SECTIONS)
    assert (code, err) == (1, [f"s.yaml:3:7: date: {message}"])


@pytest.mark.parametrize("date", ["2024-02-29", "0001-01-01", "9999-12-31"])
def test_the_calendars_edges_are_dates(date: str, parser: str) -> None:
    report = zzreport.load_text(f"zzreport: 1\ntitle: 报告\ndate: {date}\nas_of: {date}\n" + SECTIONS, "s.yaml")
    assert report.date.isoformat() == report.as_of.isoformat() == date


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_date_at_the_calendars_edge_builds_both_outputs(
    date: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`date` also stamps the outputs; zip entries (the deck) hold only 1980 to 2107."""
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(f"zzreport: 1\ntitle: 报告\ndate: {date}\n" + SECTIONS, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pikepdf cannot copy a year-1 ModDate to XMP, and says so
        assert main(["build", "s.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in Path("out").iterdir() if p.suffix in (".pdf", ".pptx")) == ["s.pdf", "s.pptx"]


TEXTS = ["2024.10", "2024", "1.50", "1e3", "+.5", "-0", ".inf", ".NaN", "12:30", "1_000", "16:9", "2025-01-20", "="]


@pytest.mark.parametrize("written", TEXTS)
def test_a_text_field_gets_exactly_the_text_typed(written: str, parser: str) -> None:
    text = HEAD + (
        f"      - kpis: [{{label: {written}, value: 1, period: {written}, unit: {written}}}]\n"
        f"      - figure: {{kind: column, categories: [{written}], series: [{{name: {written}, values: [1]}}]}}\n"
        f"      - table: {{columns: [{written}], rows: [[1]]}}\n"
        f"      - bullets: [{written}]\n"
    )
    kpis, figure, table, bullets = zzreport.load_text(text, "s.yaml").sections[0].blocks
    kpi = kpis.kpis[0]
    assert (kpi.label, kpi.period, kpi.unit) == (written, written, written)
    assert (figure.figure.categories, figure.figure.series[0].name) == ([written], written)
    assert (table.table.columns[0].name, bullets.bullets[0].text) == (written, written)


@pytest.mark.parametrize(("written", "value"), [("2024.10", 2024.1), ("1.50", 1.5), ("1e3", 1000.0), ("+.5", 0.5),
                                                ("-.25", -0.25), ("999999999999999", 999999999999999.0)])  # fmt: skip
def test_the_same_scalar_is_a_number_in_a_number_field_and_its_text_in_a_text_field(
    written: str, value: float, parser: str
) -> None:
    report = zzreport.load_text(HEAD + f"      - kpis: [{{label: {written}, value: {written}}}]\n", "s.yaml")
    kpi = report.sections[0].blocks[0].kpis[0]
    assert (kpi.label, kpi.value, type(kpi.value)) == (written, value, float)


def test_a_sexagesimal_looking_value_is_text_not_a_number(
    parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """YAML 1.1 reads 12:30 as 750; here it is the text it looks like: a number field says so."""
    code, err = check(tmp_path, monkeypatch, capsys, KPI_VALUE.format("12:30"))
    assert (code, err) == (1, [KPI_PATH + "expected a number, got '12:30'"])
    report = zzreport.load_text("zzreport: 1\ntitle: 报告\ntheme: {slides: {size: 4:3}}\n" + SECTIONS, "s.yaml")
    assert report.theme.slides.size == "4:3"


def test_a_yaml_1_1_directive_is_refused(parser: str) -> None:
    with pytest.raises(SpecError) as exc:
        zzreport.load_text("%YAML 1.1\n---\nzzreport: 1\ntitle: 报告\n" + SECTIONS, "s.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "s.yaml:1:1: a spec is read as YAML 1.2; remove the `%YAML 1.1` directive "
        "(what YAML 1.1 reads otherwise is refused or kept as text)"
    ]
    assert zzreport.load_text("%YAML 1.2\n---\nzzreport: 1\ntitle: 报告\n" + SECTIONS, "s.yaml").title == "报告"


def test_keys_are_the_text_typed(parser: str) -> None:
    doc = parse_text("2024.10: a\n010: b\nyes: c\n1_000: d\n~: e\n", Path("s.yaml"))
    assert list(doc.data) == ["2024.10", "010", "yes", "1_000", "~"]
    assert doc.key_marks[("2024.10",)] == (1, 1)


def test_the_number_limit_is_configurable(
    parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = check(tmp_path, monkeypatch, capsys, KPI_VALUE.format("2e6"), "--max-number", "1e6")
    assert (code, err) == (
        1,
        [
            KPI_PATH + "the number `2e6` is too large: numbers stay within ±1e+06 "
            "(write it in a larger unit, or raise the limit with --max-number); quote it ('2e6') if it is text"
        ],
    )
    report = zzreport.load_text(KPI_VALUE.format("1" * 30), "s.yaml", limits=Limits(max_number=1e30))
    assert report.sections[0].blocks[0].kpis[0].value == 1.111111111111111e29


def test_a_refused_number_stops_the_build_and_nothing_is_written(
    parser: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.yaml").write_text(KPI_VALUE.format(HUGE), encoding="utf-8")
    assert main(["build", "s.yaml", "-o", "out"]) == 1
    err = capsys.readouterr().err
    assert "s.yaml:7:34: sections[0].blocks[0].kpis[0].value: the number `111111111111… (5000 characters)`" in err
    assert "Traceback" not in err and "internal error" not in err
    assert not Path("out").exists()


def _dict_spec(**kpi: object) -> dict[str, object]:
    return {"zzreport": 1, "title": "报告", "sections": [{"id": "a", "title": "一", "blocks": [{"kpis": [kpi]}]}]}


def _loop() -> list[object]:
    loop: list[object] = []
    loop.append(loop)
    return loop


def _deep() -> list[object]:
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    return deep


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            _dict_spec(label="x", value=10**5000),
            "<dict>:1:1: sections[0].blocks[0].kpis[0].value: the number is too large: "
            "numbers stay within ±1e+15 (write it in a larger unit)",
        ),
        (
            _dict_spec(label=10**5000, value=1),
            "<dict>:1:1: sections[0].blocks[0].kpis[0].label: the number is too large: "
            "numbers stay within ±1e+15 (write it in a larger unit)",
        ),
        (
            _dict_spec(label="x", value=1, note=b"bytes"),
            "<dict>:1:1: sections[0].blocks[0].kpis[0].note: "
            "expected text, a number, true/false, a date, a list or a mapping, got bytes",
        ),
        (
            {**_dict_spec(label="x", value=1), "keywords": _loop()},
            "<dict>:1:1: keywords[0]: the data contains itself (a cycle); a spec is a tree",
        ),
        (
            {**_dict_spec(label="x", value=1), "keywords": _deep()},
            "<dict>:1:1: keywords[0][0][0]: nesting is deeper than 64 levels",
        ),
        (
            {**_dict_spec(label="x", value=1), 7: "seven"},
            "<dict>:1:1: a mapping key must be text, got int 7",
        ),
        (
            _dict_spec(label="x", value=Decimal("1e5000")),
            "<dict>:1:1: sections[0].blocks[0].kpis[0].value: the number is too large: "
            "numbers stay within ±1e+15 (write it in a larger unit)",
        ),
        (
            _dict_spec(label="x", value=Decimal("sNaN")),
            "<dict>:1:1: sections[0].blocks[0].kpis[0].value: expected a finite number, got a NaN",
        ),
    ],
    ids=["huge value", "huge text", "bytes", "cycle", "deep", "int key", "huge decimal", "signalling nan"],
)
def test_load_dict_fails_only_with_located_spec_errors(spec: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError) as exc:
        zzreport.load_dict(spec)  # type: ignore[arg-type]
    assert [str(p) for p in exc.value.problems] == [message]


_SCALAR_TEXT = st.text(alphabet="0123456789+-._:eExXoObB~nNyYtTfF", max_size=10)
_TAGS = st.sampled_from(["", "!!int ", "!!float ", "!!bool ", "!!null ", "!!str ", "! ", "!!timestamp ", "'", '"'])


@settings(max_examples=300, deadline=None)
@given(tag=_TAGS, body=_SCALAR_TEXT)
def test_any_scalar_reads_the_same_in_both_parsers_or_fails_located(tag: str, body: str) -> None:
    closing = tag if tag in ("'", '"') else ""
    text = f"a: {tag}{body}{closing}\n"

    def outcome() -> object:
        try:
            data = parse_text(text, Path("s.yaml")).data
        except SpecError as exc:
            assert all(p.location.line >= 1 for p in exc.problems)
            return [str(p) for p in exc.problems]
        return repr(data), str(data["a"]), type(data["a"]).__mro__[-2]

    with_libyaml = outcome()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_source, "_FastParser", None)
        assert outcome() == with_libyaml
