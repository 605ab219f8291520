"""The command line renders a spec's formats in parallel, with the same bytes as one after the other."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
from pathlib import Path

import pytest

from zzreport.app import parallel
from zzreport.app.cli import main
from zzreport.builder import render_serially
from zzreport.writers.base import WriteContext, WriteResult

ROOT = Path(__file__).resolve().parents[2]


def digests(folder: Path, stem: str) -> dict[str, str]:
    names = [f"{stem}.pdf", f"{stem}.pptx", f"{stem}.docx", f"{stem}.manifest.json"]
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


@pytest.mark.parametrize("stem", ["zhengzhou-2025", "showcase"])
def test_outputs_are_identical_with_and_without_parallel_rendering(
    stem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not parallel.can_fork():
        pytest.skip("formats are rendered one after the other on this machine")
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    spec = tmp_path / "specs" / f"{stem}.yaml"
    started: list[str] = []
    start = multiprocessing.process.BaseProcess.start

    def counting_start(process: multiprocessing.process.BaseProcess) -> None:
        started.append(process.name)
        start(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", counting_start)
    monkeypatch.delenv(parallel.ENVIRONMENT, raising=False)
    assert main(["build", "-q", str(spec), "-o", str(tmp_path / "parallel")]) == 0
    assert len(started) == 2  # the PDF and the deck were rendered in children, the Word document here
    monkeypatch.setenv(parallel.ENVIRONMENT, "0")
    assert main(["build", "-q", str(spec), "-o", str(tmp_path / "serial")]) == 0
    assert len(started) == 2  # ZZREPORT_PARALLEL=0: no child this time
    assert digests(tmp_path / "parallel", stem) == digests(tmp_path / "serial", stem)


def test_a_failure_in_the_forked_renderer_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zzreport.writers.pdf import writer

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("print exploded")

    monkeypatch.setattr(writer.PdfWriter, "write", broken)
    spec = ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"
    assert main(["build", "-q", str(spec), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_a_failing_parent_format_leaves_no_renderer_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The forked renderer's result is larger than a pipe holds; if the parent fails it must not wait forever."""
    if not parallel.can_fork():
        pytest.skip("formats are rendered one after the other on this machine")

    def render(document: object, formats: list[str], context: WriteContext) -> list[parallel.Rendered]:
        if formats == ["pptx"]:
            raise ValueError("deck exploded")
        return [parallel.Rendered(fmt, b"%" * (4 << 20), WriteResult(fmt, 1)) for fmt in formats]

    monkeypatch.setattr(parallel, "render_serially", render)
    with pytest.raises(ValueError, match="deck exploded"):
        parallel.render_in_parallel(None, ["pdf", "pptx"], WriteContext())  # type: ignore[arg-type]
    assert multiprocessing.active_children() == []


def test_the_serial_twin_is_used_where_forking_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENVIRONMENT, "0")
    calls: list[list[str]] = []

    def render(document: object, formats: list[str], context: WriteContext) -> list[parallel.Rendered]:
        calls.append(list(formats))
        return render_serially(document, [], context)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "render_serially", render)
    parallel.render_in_parallel(None, ["pdf", "pptx"], WriteContext())  # type: ignore[arg-type]
    assert calls == [["pdf", "pptx"]]
