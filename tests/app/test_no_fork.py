"""The library never starts a process: ``zzreport.build()`` is safe in a threaded service.

Forking a process that runs threads can deadlock the child (a lock held by a
thread that does not exist there), so the library renders its formats one
after the other; only the command line (``zzreport.app``) forks.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import zzreport
from zzreport.app.parallel import can_fork, render_in_parallel
from zzreport.writers.base import WriteContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ("zhengzhou-2025", "showcase")


class ChildProcessStarted(AssertionError):
    """Raised by every patched way of starting a process."""


@pytest.fixture
def no_child_processes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise ChildProcessStarted("a child process was started")

    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp", "spawnv", "spawnve", "system"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    yield


@pytest.mark.parametrize("name", EXAMPLES)
def test_build_starts_no_child_process(name: str, tmp_path: Path, no_child_processes: None) -> None:
    outputs = zzreport.build(ROOT / "specs" / f"{name}.yaml", tmp_path)
    assert {o.format for o in outputs} == {"pdf", "pptx", "docx"}
    assert all(o.path.stat().st_size == o.size > 0 for o in outputs)


def test_the_patches_catch_a_forking_renderer(tmp_path: Path, no_child_processes: None) -> None:
    """The fixture above would notice a fork: the command line's parallel renderer trips it."""
    if not can_fork():
        pytest.skip("formats are rendered one after the other on this machine")
    document = zzreport.check(ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml").document
    with pytest.raises(ChildProcessStarted):
        render_in_parallel(document, ["pdf", "pptx"], WriteContext())
