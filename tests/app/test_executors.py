"""`zzreport build --executor`: a batch (slices too) on a real local Dask cluster gives the bytes and messages of -j 2.

One cluster serves the module, started as a user starts one: a ``dask
scheduler`` process on a free port of 127.0.0.1 and a ``dask worker``
process with two single-threaded worker processes, in a folder of their
own; the command reaches it by its ``dask://HOST:PORT`` address. Without
the ``dask`` extra those tests are skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zzreport.app import executors
from zzreport.app.batch import Task, prepare_remotely
from zzreport.app.cli import main
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"


#: Seconds the cluster has to come up (a scheduler and two workers; slower on a busy machine).
STARTUP = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End ``process`` and what it started (its own process group: the worker's worker processes), asked
    first, then killed."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask://127.0.0.1:PORT`` of a cluster of ``dask scheduler`` and ``dask worker`` processes (2 × 1 thread)."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("dask-workers")  # not the command's folder: paths must come from the task
    dask = [sys.executable, "-m", "dask"]
    quiet: dict[str, Any] = {
        "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": folder, "start_new_session": True
    }  # fmt: skip
    started = [
        subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
    ]
    try:
        worker = [*dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"]
        started.append(subprocess.Popen([*worker, "--host", "127.0.0.1"], **quiet))
        with distributed.Client(address, timeout=STARTUP) as client:
            client.wait_for_workers(2, timeout=STARTUP)
        yield f"dask://127.0.0.1:{port}"
    finally:
        for process in reversed(started):
            _stop(process)


def _project(folder: Path) -> Path:
    """Specs that build (one plain, one with three slices reading CSVs) and one that does not."""
    specs = folder / "specs"
    (specs / "data").mkdir(parents=True)
    shutil.copy(MINIMAL, specs / "a.yaml")
    shutil.copy(ROOT / "specs" / "city-briefing.yaml", specs)
    shutil.copytree(ROOT / "specs" / "data" / "city-briefing", specs / "data" / "city-briefing")
    (specs / "broken.yaml").write_text("zzreport: 1\ntitle: 坏\n", encoding="utf-8")
    return specs


def _lines(err: str) -> list[str]:
    """The messages of a batch without their ``[i/n]`` counters (results come in the order they finish)."""
    return sorted(re.sub(r"^\[\d+/\d+\] ", "", line) for line in err.splitlines())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_dask_batch_writes_the_bytes_and_messages_of_a_local_one(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path)
    # The workers started in another folder with the test run's SOURCE_DATE_EPOCH; the command's differ
    # from both, and its relative paths and timestamp must be the ones the workers use.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert main(["build", "-j", "2", "specs", "-o", "local"]) == 1
    local_err = capsys.readouterr().err
    assert main(["build", "--executor", scheduler, "specs", "-o", "dask"]) == 1
    dask_err = capsys.readouterr().err

    local, dask = _files(tmp_path / "local"), _files(tmp_path / "dask")
    expected = {
        f"{name}.{suffix}"
        for name in ("a", "city-briefing-甲市", "city-briefing-乙市", "city-briefing-丙市")
        for suffix in ("docx", "manifest.json", "pdf", "pptx")
    }
    said = f"-j 2 said:\n{local_err}\nDask said:\n{dask_err}"  # a missing report: which build failed it, and why
    # One build at a time, so a failure names the build that lacks a report (a comparison of the two
    # listings reads as the other build having too many).
    for build, files in (("-j 2", local), ("Dask", dask)):
        lacks, extra = sorted(expected - set(files)), sorted(set(files) - expected)
        assert not lacks and not extra, f"the {build} build lacks {lacks} and wrote {extra} besides; {said}"
    for name, data in local.items():
        assert dask[name] == data, name
    assert _lines(dask_err) == _lines(local_err.replace("local/", "dask/"))
    assert "specs/broken.yaml:1:1: sections: required key `sections` is missing" in dask_err.splitlines()
    assert "built 4 of 5 reports; failed: specs/broken.yaml" in dask_err.splitlines()


def test_a_shard_runs_on_dask_too(scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    specs = _project(tmp_path)  # a, broken, city-briefing [甲市], [乙市], [丙市]: the first share is a, [甲市], [丙市]
    out = tmp_path / "out"
    command = ["build", "--executor", scheduler, "--shard", "1/2", "--format", "pdf", str(specs), "-o", str(out)]
    assert main(command) == 0
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".pdf") == [
        "a.pdf",
        "city-briefing-丙市.pdf",
        "city-briefing-甲市.pdf",
    ]
    assert "built 3 of 3 reports" in capsys.readouterr().err.splitlines()


def test_a_worker_of_another_version_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    task = Task.here(tmp_path, ["pdf"], Limits(), ResolveOptions())
    monkeypatch.setattr("zzreport.app.batch.__version__", "0.0.1")
    result, prepared = prepare_remotely(MINIMAL, task)
    assert prepared is None
    assert result.problems == [
        f"{MINIMAL}: the worker runs zzreport 0.0.1 and this command {task.version}; "
        "install the same version on the workers"
    ]


def test_a_worker_builds_slices_as_a_batch_process_with_stored_subsets_and_one_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slice a Dask worker prepares was a library build (every subset cut from the whole face, a fresh
    session): now the worker stores the subsets it cuts, from the batch's expected characters, and keeps one
    session, as a ``-j`` worker does, and the bytes stay the client's."""
    from zzreport.app import batch, subsets
    from zzreport.figures import reportlab_faces
    from zzreport.fonts import balance, embedding

    for module, name in ((embedding, "_SUBSETTER"), (balance, "_SEGMENTER"), (reportlab_faces, "_READER")):
        monkeypatch.setattr(module, name, list(getattr(module, name)))  # the worker's set-up is undone after
    monkeypatch.setattr(batch, "_REMOTE_READY", [])
    monkeypatch.setattr(batch, "_BATCH_SESSION", [])
    monkeypatch.setattr(subsets, "_EXPECTED", set())
    monkeypatch.setattr(subsets, "_BATCH", {})
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "worker-cache"))
    specs = _project(tmp_path)
    spec = specs / "city-briefing.yaml"
    task = dataclasses.replace(
        Task.here(tmp_path / "out", ["pptx"], Limits(), ResolveOptions()),
        expected=frozenset((specs / "data" / "city-briefing" / "cities.csv").read_text(encoding="utf-8")),
    )
    built = {key: prepare_remotely(spec, task, key) for key in ("甲市", "乙市")}
    assert all(result.ok and prepared for result, prepared in built.values())
    stored = sorted(p.suffix for p in (tmp_path / "worker-cache" / "font-subsets").iterdir())
    assert ".batch" in stored and stored.count(".subset") >= 2  # both slices' faces, cut from the batch's subset
    assert {char for char in task.expected if "\u4e00" <= char <= "\u9fff"} <= subsets.expected()
    assert len(batch._BATCH_SESSION) == 1  # the one session both builds used
    local = tmp_path / "local"
    assert main(["build", "-q", "--format", "pptx", "--slice", "乙市", str(spec), "-o", str(local)]) == 0
    prepared = built["乙市"][1]
    assert prepared is not None
    assert dict(prepared.files)["city-briefing-乙市.pptx"] == (local / "city-briefing-乙市.pptx").read_bytes()


def test_without_the_extra_dask_is_one_error_with_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails as if not installed
    assert main(["build", "--executor", "dask://127.0.0.1:8786", str(MINIMAL), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "--executor dask://127.0.0.1:8786 needs Dask distributed, which is not installed; "
        "install it with: pip install 'zzreport[dask]'\n"
    )
    assert not any(tmp_path.iterdir())


def test_a_scheduler_nobody_runs_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as free:  # a port nothing listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1)
    assert main(["build", "--executor", f"dask://127.0.0.1:{port}", str(MINIMAL), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"--executor dask://127.0.0.1:{port}: cannot reach a Dask scheduler at 127.0.0.1:{port}: ")
    assert len(err.splitlines()) == 1 and not (tmp_path / "o").exists()


@pytest.mark.parametrize("text", ["dask://", "dask://host", "dask://host:port", "dask://h:99999", "tcp://h:1", "ray"])
def test_a_bad_executor_is_a_usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["build", "--executor", text, str(MINIMAL)])
    assert stopped.value.code == 2
    assert f"--executor takes local or dask://HOST:PORT (a Dask scheduler), got {text!r}" in capsys.readouterr().err


def test_executor_addresses() -> None:
    assert executors.parse_executor("local") == executors.ExecutorChoice()
    assert executors.parse_executor("dask://10.0.0.5:8786").address == "10.0.0.5:8786"
    assert executors.parse_executor("dask://[::1]:8786").address == "[::1]:8786"
    assert str(executors.parse_executor("dask://sched.example:8786")) == "dask://sched.example:8786"
