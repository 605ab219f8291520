"""Progress of a batch on the terminal: the spec being built and the time left, on one line.

On a terminal (and not in CI) a status line under the results says which
spec is being built and, once one has finished, about how long the rest
will take; each result line replaces it and it is drawn again below. Piped
or in CI, nothing is redrawn: plain lines only, as a log wants them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TextIO


def live_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal a status line can be redrawn on (not a CI log)."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """Result lines of a batch of ``total`` specs, with a redrawn status line on a live terminal."""

    def __init__(self, total: int, stream: TextIO, *, live: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.stream, self.live, self.clock = total, stream, live, clock
        self.started = clock()
        self.finished = 0
        self.current = ""
        self._drawn = False

    def eta(self) -> str:
        """``about 0:42 left`` from the average time per finished spec, or "" before the first."""
        if not self.finished or self.finished >= self.total:
            return ""
        per_spec = (self.clock() - self.started) / self.finished
        return f"about {_duration(per_spec * (self.total - self.finished))} left"

    def status(self) -> str:
        parts = [f"[{self.finished}/{self.total}]"]
        if self.current:
            parts.append(f"building {self.current} …")
        if eta := self.eta():
            parts.append(eta)
        return " ".join(parts)

    def start(self, spec: object) -> None:
        """A spec's build begins: on a live terminal the status line names it; else a plain line says so."""
        self.current = str(spec)
        if self.live:
            self._draw()
        else:
            self.stream.write(f"building {spec} …\n")

    def line(self, text: str) -> None:
        """A line of output (a result, a problem) above the status line."""
        self._clear()
        self.stream.write(text + "\n")
        if self.live and self.finished < self.total:
            self._draw()

    def finish(self) -> None:
        """One more spec is done."""
        self.finished += 1
        self.current = ""

    def close(self) -> None:
        self._clear()

    def _draw(self) -> None:
        self.stream.write("\r\x1b[K" + self.status())
        self.stream.flush()
        self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False
