"""`zzreport build`: outputs, progress, and nothing lost or half-written on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from zzreport.app.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"


def test_build_writes_the_pdf_named_after_the_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(MINIMAL), "--format", "pdf", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "minimal.pdf").read_bytes().startswith(b"%PDF-")
    err = capsys.readouterr().err
    assert f"building {MINIMAL} …" in err
    assert f"{MINIMAL}: wrote {tmp_path / 'out' / 'minimal.pdf'} (3 pages," in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["minimal.manifest.json", "minimal.pdf"]


def test_quiet_build_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-q", str(MINIMAL), "--format", "pdf", "-o", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


def test_a_failed_build_leaves_earlier_outputs_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "report.yaml"
    spec.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(spec), "--format", "pdf", "-o", str(out)]) == 0
    before = (out / "report.pdf").read_bytes()
    spec.write_text("zzreport: 1\ntitle: [broken\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(spec), "--format", "pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "report.yaml: 1 problem; nothing written" in err
    assert (out / "report.pdf").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["report.manifest.json", "report.pdf"]


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from zzreport import output

    (tmp_path / "minimal.pdf").write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    assert main(["build", str(MINIMAL), "--format", "pdf", "-o", str(tmp_path)]) == 1
    assert f"{tmp_path / 'minimal.pdf'}: cannot write: No space left on device" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal.pdf"]
    assert (tmp_path / "minimal.pdf").read_bytes() == b"old"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("file", "the output folder is a file"),
        ("orphan", "cannot create the output folder: its parent"),
    ],
)
def test_bad_output_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str) -> None:
    target = tmp_path / "out"
    if setup == "file":
        target.write_text("not a folder")
    else:
        target = tmp_path / "missing" / "out"
    assert main(["build", str(MINIMAL), "--format", "pdf", "-o", str(target)]) == 1
    assert message in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", str(MINIMAL), "--format", "odt"])
    assert exc.value.code == 2
    assert "unknown format 'odt'; choose from pdf, pptx, docx" in capsys.readouterr().err
