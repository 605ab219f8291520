"""`zzreport check` on hand-written broken specs: exact messages, exit 1, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zzreport.app.cli import main
from zzreport.figures.kinds import KINDS

#: The figure kinds as an unknown kind's error lists them ('column', 'bar', … or 'waterfall').
KIND_NAMES = ", ".join(repr(name) for name in list(KINDS)[:-1]) + f" or {list(KINDS)[-1]!r}"

BROKEN = "tests/fixtures/broken"

EXPECTED = {
    "wrong-type": [
        f"{BROKEN}/wrong-type.yaml:9:36: sections[0].blocks[0].kpis[1].value: expected a number, got '五'",
    ],
    "unknown-key": [
        f"{BROKEN}/unknown-key.yaml:2:1: titel: unknown key `titel` (did you mean `title`?)",
        f"{BROKEN}/unknown-key.yaml:6:5: sections[0].takeway: unknown key `takeway` (did you mean `takeaway`?)",
    ],
    "syntax": [
        f"{BROKEN}/syntax.yaml:6:7: sections[0].title: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence started at line 5, column 12)",
    ],
    "duplicate-key": [
        f"{BROKEN}/duplicate-key.yaml:6:5: sections[0].title: duplicate key `title` (first defined at line 5)",
    ],
    "tabs": [
        f"{BROKEN}/tabs.yaml:5:1: tab character in indentation; YAML indents with spaces only",
    ],
    "bad-encoding": [
        f"{BROKEN}/bad-encoding.yaml:2:8: the file is not valid UTF-8 (byte 0xB2); save the spec as UTF-8",
    ],
    "empty": [
        f"{BROKEN}/empty.yaml:1:1: the spec is empty; expected a mapping with `title` and `sections`",
    ],
    "top-level-list": [
        f"{BROKEN}/top-level-list.yaml:1:1: the top level must be a mapping with `title` and `sections`, got a list",
    ],
    "alias-bomb": [
        f"{BROKEN}/alias-bomb.yaml:8:36: f[7]: the document expands to more than 1000000 nodes "
        "(an alias/anchor bomb?); raise the limit with --max-nodes if this is intended",
    ],
    "deep-nesting": [
        f"{BROKEN}/deep-nesting.yaml:3:74: sections[0][0][0]: nesting is deeper than 64 levels; "
        "raise the limit with --max-depth if this is intended",
    ],
    "storyline": [
        f"{BROKEN}/storyline.yaml:3:8: notes: expected a mapping, got 3",
        f"{BROKEN}/storyline.yaml:5:22: theme.slides.dividers: expected 'full', 'compact' or 'none', got 'huge'",
        f"{BROKEN}/storyline.yaml:11:16: sections[0].blocks[0].notes: expected text, got a list",
        f"{BROKEN}/storyline.yaml:12:92: sections[0].blocks[1].title: expected text, got a mapping",
    ],
    "many-errors": [
        f"{BROKEN}/many-errors.yaml:4:21: theme.colors.primary: expected a colour as #RRGGBB, got 'red'",
        f"{BROKEN}/many-errors.yaml:6:9: sections[0].id: expected an id of lowercase letters, digits and "
        "hyphens, starting with a letter, got 'Innovation'",
        f"{BROKEN}/many-errors.yaml:9:9: sections[0].blocks[0]: a block needs one kind key: `heading`, "
        "`paragraph`, `bullets`, `kpis`, `figure`, `table`, `image`, `callout`, `quote`, `review`, `plan` "
        "(did you mean `paragraph`?)",
        f"{BROKEN}/many-errors.yaml:11:17: sections[0].blocks[1].figure.kind: expected {KIND_NAMES}, got 'colum'",
        f"{BROKEN}/many-errors.yaml:14:5: sections[1].title: required key `title` is missing",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_spec_reports_exact_located_errors(name: str, in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = f"{BROKEN}/{name}.yaml"
    assert main(["check", spec]) == 1
    err = capsys.readouterr().err.splitlines()
    count = len(EXPECTED[name])
    assert err == [*EXPECTED[name], f"{spec}: {count} problem{'s' if count > 1 else ''}"]


def test_broken_spec_in_a_subprocess_has_no_traceback(in_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zzreport", "check", f"{BROKEN}/deep-nesting.yaml", f"{BROKEN}/alias-bomb.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "deep-nesting.yaml:3:74:" in result.stderr
    assert "alias-bomb.yaml:8:36:" in result.stderr


def test_example_spec_checks_clean(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "specs/zhengzhou-2025.yaml"]) == 0
    out = capsys.readouterr().out
    assert out == "specs/zhengzhou-2025.yaml: ok (7 sections, 3 figures, 1 table)\n"


def test_one_bad_spec_does_not_hide_a_good_one(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "tests/fixtures/ok/minimal.yaml", f"{BROKEN}/empty.yaml"]) == 1
    captured = capsys.readouterr()
    assert "tests/fixtures/ok/minimal.yaml: ok" in captured.out
    assert f"{BROKEN}/empty.yaml:1:1:" in captured.err


def test_missing_file(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "specs/nope.yaml"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == "specs/nope.yaml: no such file"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import zzreport

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"zzreport {zzreport.__version__}"


def test_schema_describes_sections_and_matches_shipped_file(in_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    text = capsys.readouterr().out
    schema = json.loads(text)
    assert schema["type"] == "object"
    assert set(schema["required"]) >= {"zzreport", "title", "sections"}
    assert schema["properties"]["sections"]["type"] == "array"
    assert schema["properties"]["sections"]["items"] == {"$ref": "#/$defs/Section"}
    assert {"id", "title"} <= set(schema["$defs"]["Section"]["required"])
    shipped = Path("specs/zzreport.schema.json").read_text(encoding="utf-8")
    assert shipped == text, "specs/zzreport.schema.json is stale: run `zzreport schema -o specs/zzreport.schema.json`"


def test_example_specs_point_at_the_shipped_schema(in_root: Path) -> None:
    for spec in Path("specs").glob("*.yaml"):
        first = spec.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=./zzreport.schema.json", spec


def test_readme_spec_reference_is_current(in_root: Path) -> None:
    from zzreport.language.reference import END, START, markdown_reference

    text = Path("README.md").read_text(encoding="utf-8")
    generated = text.split(START, 1)[1].split(END, 1)[0]
    assert generated.strip() == markdown_reference().strip(), "run `python -m zzreport.language.reference README.md`"


def test_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's library example is real code: run it against a copy of the specs."""
    import contextlib
    import io
    import re
    import shutil

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    library = text.split("## Library", 1)[1]
    code = re.search(r"```python\n(.*?)```", library, re.DOTALL).group(1)
    shutil.copytree(Path(__file__).resolve().parents[2] / "specs", tmp_path / "specs")
    (tmp_path / "broken.yaml").write_text("zzreport: 1\ntitle: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    out = printed.getvalue()
    assert "pdf output/zhengzhou-2025.pdf" in out and "pptx output/zhengzhou-2025.pptx" in out
    assert (tmp_path / "output" / "zhengzhou-2025.manifest.json").is_file()
