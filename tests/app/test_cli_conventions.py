"""Command-line conventions a Quarto or Typst user expects: exit codes, `-o -`, `--help` with examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzreport.app.cli import EXIT_OK, EXIT_SPEC, EXIT_STALE, EXIT_USAGE, build_parser, main
from zzreport.testing import write_files

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"


def test_exit_codes_are_distinct() -> None:
    assert (EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_STALE) == (0, 1, 2, 3)


def test_check_tells_stale_from_broken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["build", "--check", "--format", "pdf", str(MINIMAL), "-o", str(out)]) == EXIT_STALE
    bad = write_files(tmp_path, {"bad.yaml": "zzreport: 1\ntitle: 坏\n"}) / "bad.yaml"
    assert main(["build", "--check", "--format", "pdf", str(bad), "-o", str(out)]) == EXIT_SPEC
    # Broken outranks stale: a workflow must not rebuild and publish over a spec that cannot build.
    assert main(["build", "--check", "--format", "pdf", str(bad), str(MINIMAL), "-o", str(out)]) == EXIT_SPEC
    assert main(["build", "-q", "--format", "pdf", str(MINIMAL), "-o", str(out)]) == EXIT_OK
    assert main(["build", "--check", "--format", "pdf", str(MINIMAL), "-o", str(out)]) == EXIT_OK


def test_dash_writes_one_format_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(MINIMAL), "--format", "pdf", "-o", "-"]) == EXIT_OK
    captured = capsysbinary.readouterr()
    assert captured.out.startswith(b"%PDF-") and captured.out.rstrip().endswith(b"%%EOF")
    assert (
        captured.err.decode()
        == f"{MINIMAL}: wrote the pdf to standard output (3 pages, {len(captured.out) / 1024:.0f} KiB)\n"
    )
    assert list(tmp_path.iterdir()) == []  # no folder called `-`, no manifest


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--format", "pdf,pptx"],
            "-o - writes one format to standard output; choose one with --format pdf or --format pptx or --format docx",
        ),
        (
            [],
            "-o - writes one format to standard output; choose one with --format pdf or --format pptx or --format docx",
        ),
        ([str(MINIMAL), "--format", "pdf"], "-o - writes one spec to standard output, got 2"),
        (["--format", "pdf", "--check"], "-o - cannot be used with --check (it compares a folder's outputs)"),
    ],
)
def test_dash_refuses_what_it_cannot_write(
    argv: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["build", str(MINIMAL), *argv, "-o", "-"])
    assert exc.value.code == EXIT_USAGE
    assert capsys.readouterr().err.splitlines()[-1] == f"zzreport build: error: {message}"
    assert list(tmp_path.iterdir()) == []


def test_help_shows_examples_defaults_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    top = build_parser().format_help()
    assert "examples:\n  zzreport build specs/report.yaml" in top
    assert "exit codes:\n  0  success (with --check: outputs up to date)\n  1  a spec has errors" in top
    assert "  3  with --check: outputs are stale (rebuild them)" in top
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == EXIT_OK
    text = " ".join(capsys.readouterr().out.split())  # as a reader sees it, whatever the terminal's width
    assert "output folder, or - for standard output (one format) (default: output)" in text
    assert "zzreport build -j 2 --shard 1/4 specs/ -o output" in text
    assert "--max-bytes N" in text and "(default: 10485760)" in text
    assert "(default: False)" not in text and "(default: None)" not in text


def test_crop_marks_need_a_bleed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_files(tmp_path, {"r.yaml": MINIMAL.read_text(encoding="utf-8")
                                  + "theme:\n  page:\n    crop_marks: true\n"}) / "r.yaml"  # fmt: skip
    assert main(["check", str(spec)]) == EXIT_SPEC
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{spec}:10:17: theme.page.crop_marks: crop marks are drawn in the bleed, and `bleed` is 0; "
        "set `bleed: 3` (millimetres) or remove `crop_marks`"
    )


def test_watch_lines_carry_the_time_and_the_duration(tmp_path: Path) -> None:
    import time

    from zzreport.app.batch import SpecResult
    from zzreport.app.cli import watch_lines
    from zzreport.builder import Output

    at = time.strptime("2025-01-20 14:03:21", "%Y-%m-%d %H:%M:%S")
    spec = Path("specs/r.yaml")
    done = SpecResult(spec, [Output("pdf", Path("output/r.pdf"), 3, 10, "0" * 64)], seconds=1.234)
    assert watch_lines(done, at) == ["[14:03:21] specs/r.yaml: wrote output/r.pdf in 1.2 s"]
    failed = SpecResult(spec, problems=["specs/r.yaml:2:1: titel: unknown key"], seconds=0.05)
    assert watch_lines(failed, at) == [
        "specs/r.yaml:2:1: titel: unknown key",
        "[14:03:21] specs/r.yaml: 1 problem; nothing written (0.1 s)",
    ]


def test_init_writes_a_project_that_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import jsonschema

    from zzreport.loading.yaml_source import parse_text

    folder = tmp_path / "annual"
    assert main(["init", str(folder)]) == EXIT_OK
    assert capsys.readouterr().err.splitlines() == [
        f"wrote {folder / 'report.yaml'}",
        f"wrote {folder / 'data' / 'indicators.csv'}",
        f"wrote {folder / 'zzreport.schema.json'}",
        f"next: zzreport build {folder / 'report.yaml'}",
    ]
    spec = folder / "report.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./zzreport.schema.json\n#\n# A zzreport spec")
    schema = json.loads((folder / "zzreport.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(parse_text(text, spec).data, schema)
    out = tmp_path / "out"
    assert main(["build", "-q", str(spec), "-o", str(out)]) == EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == ["report.docx", "report.manifest.json", "report.pdf", "report.pptx"]

    spec.write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["init", str(folder)])
    assert exc.value.code == EXIT_USAGE
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"zzreport init: error: {spec}, {folder / 'data' / 'indicators.csv'}, {folder / 'zzreport.schema.json'} "
        "already exist; nothing written (choose an empty folder)"
    )
    assert spec.read_text(encoding="utf-8") == "mine"


def test_verbose_prints_stage_timings_and_cache_hits(tmp_path: Path) -> None:
    """A fresh process with an empty cache misses; the next one, with the same inputs, hits every entry."""
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "ZZREPORT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    runs = []
    for _ in range(2):
        command = [sys.executable, "-m", "zzreport", "build", "-v", str(MINIMAL), "-o", str(tmp_path / "out")]
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == EXIT_OK, result.stderr
        runs.append(result.stderr.splitlines())
    for lines in runs:
        assert re.fullmatch(
            r"  stages: load \d+ ms, resolve \d+ ms, preflight \d+ ms, render pdf\+pptx\+docx \d+ ms, write \d+ ms "
            r"\(total \d+ ms\)",
            lines[2],
        ), lines
    cold, warm = runs[0][3], runs[1][3]
    # Cold: the deck's and the Word document's faces' subsets miss, and so do the common subsets they are then
    # cut from (zzreport.app.subsets), but for one the Word document may find stored by the deck's renderer,
    # forked beside it, first; warm: every one hits.
    assert re.fullmatch(
        r"  disk cache: font-subsets [01] hits?, 1[12] misses, reportlab-faces 0 hits, [1-9]\d* misses", cold
    )
    assert re.fullmatch(
        r"  disk cache: font-subsets [1-9]\d* hits, 0 misses, reportlab-faces [1-9]\d* hits, 0 misses", warm
    )
