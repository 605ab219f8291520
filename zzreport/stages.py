"""Stage timings and disk-cache lookups of a build, for ``zzreport build -v``.

Nothing is recorded unless a caller asks (:func:`recording`): outside it,
:func:`stage` and :func:`cache_lookup` cost one context-variable look-up.
The record belongs to the calling thread or task (a context variable), so
builds running side by side in a service do not mix their figures.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class Record:
    """What one build spent its time on, stage by stage, and how its disk caches answered."""

    stages: list[tuple[str, float]] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    misses: Counter[str] = field(default_factory=Counter)


_RECORD: ContextVar[Record | None] = ContextVar("zzreport_stage_record", default=None)


@contextlib.contextmanager
def recording() -> Iterator[Record]:
    """Record the stages and cache lookups of what runs inside, into the yielded :class:`Record`."""
    record = Record()
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as the stage ``name`` (when recording)."""
    record = _RECORD.get()
    if record is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        record.stages.append((name, time.perf_counter() - started))


def cache_lookup(kind: str, hit: bool) -> None:
    """Count one read of a disk cache entry of ``kind`` (``font-metrics``, ``figures`` …)."""
    record = _RECORD.get()
    if record is not None:
        (record.hits if hit else record.misses)[kind] += 1


def lookups() -> tuple[dict[str, int], dict[str, int]]:
    """The cache hits and misses recorded so far (empty when not recording), to send across a process."""
    record = _RECORD.get()
    return (dict(record.hits), dict(record.misses)) if record is not None else ({}, {})


def add_lookups(hits: dict[str, int], misses: dict[str, int]) -> None:
    """Count lookups another process made for this build (a forked renderer's)."""
    record = _RECORD.get()
    if record is not None:
        record.hits.update(hits)
        record.misses.update(misses)
