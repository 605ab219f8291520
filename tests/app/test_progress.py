"""Batch progress: a redrawn status line with the spec and the time left on a terminal, plain lines in a log."""

from __future__ import annotations

import io

import pytest

from zzreport.app.progress import Progress, live_terminal


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_sees_the_current_spec_and_the_time_left() -> None:
    out, clock = io.StringIO(), Clock()
    progress = Progress(3, out, live=True, clock=clock)
    progress.start("specs/a.yaml")
    clock.now += 20
    progress.finish()
    progress.line("[1/3] specs/a.yaml: wrote output/a.pdf")
    progress.start("specs/b.yaml")
    clock.now += 10
    progress.finish()
    progress.line("[2/3] specs/b.yaml: wrote output/b.pdf")
    progress.start("specs/c.yaml")
    progress.finish()
    progress.line("[3/3] specs/c.yaml: wrote output/c.pdf")
    progress.close()
    assert out.getvalue().split("\r\x1b[K") == [
        "",
        "[0/3] building specs/a.yaml …",
        "[1/3] specs/a.yaml: wrote output/a.pdf\n",
        "[1/3] about 0:40 left",
        "[1/3] building specs/b.yaml … about 0:40 left",
        "[2/3] specs/b.yaml: wrote output/b.pdf\n",
        "[2/3] about 0:15 left",
        "[2/3] building specs/c.yaml … about 0:15 left",
        "[3/3] specs/c.yaml: wrote output/c.pdf\n",
    ]


def test_a_log_gets_plain_lines() -> None:
    out = io.StringIO()
    progress = Progress(2, out, live=False)
    progress.start("specs/a.yaml")
    progress.finish()
    progress.line("[1/2] specs/a.yaml: wrote output/a.pdf")
    progress.close()
    assert out.getvalue() == "building specs/a.yaml …\n[1/2] specs/a.yaml: wrote output/a.pdf\n"


def test_ci_is_never_live(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert live_terminal(Terminal())
    monkeypatch.setenv("CI", "true")
    assert not live_terminal(Terminal())
    assert not live_terminal(io.StringIO())
