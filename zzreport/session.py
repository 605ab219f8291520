"""The session: the one owner of every cache a build uses.

A library user who renders thousands of reports in one process (a web
service, a batch) must not see memory grow with each distinct report, and a
warm cache must never give other bytes than a cold one. So no module keeps a
cache of its own: each cache is created by, and bounded by, a :class:`Session`
that is passed down the pipeline. ``ZZREPORT_CACHE=off`` turns every cache off.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def caching_enabled() -> bool:
    """Whether caches are on: ``ZZREPORT_CACHE=off`` (or ``0``, ``no``, ``false``) turns them all off."""
    return os.environ.get("ZZREPORT_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


class Memo(Generic[K, V]):
    """A least-recently-used map holding at most ``max_entries`` values (nothing when caching is off)."""

    def __init__(self, max_entries: int, enabled: bool = True) -> None:
        self.max_entries = max_entries
        self.enabled = enabled
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value for ``key``, computed by ``compute`` when it is not held."""
        if not self.enabled:
            return compute()
        try:
            self._items.move_to_end(key)
            return self._items[key]
        except KeyError:
            value = compute()
            self._items[key] = value
            if len(self._items) > self.max_entries:
                self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()


class Session:
    """Owns the in-memory caches of one build, or of a process that builds many times (watch, a service)."""

    def __init__(self, *, caching: bool | None = None) -> None:
        self.caching = caching_enabled() if caching is None else caching
        self._memos: dict[str, Memo[object, object]] = {}

    def memo(self, name: str, max_entries: int) -> Memo[object, object]:
        """The session's cache called ``name`` (created on first use, bounded to ``max_entries``)."""
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = Memo(max_entries, self.caching)
        return memo

    def clear(self) -> None:
        """Drop every cached value (between unrelated reports in a long-lived process, if wanted)."""
        for memo in self._memos.values():
            memo.clear()
