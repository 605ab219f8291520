"""The session: the one owner of every in-memory cache a build uses, bounded in bytes.

A library user who renders thousands of reports in one process (a web
service, a batch) must not see memory grow with each distinct report, and a
warm cache must never give other bytes than a cold one. So no module keeps a
cache of text of its own: each cache is a :class:`Memo` created by, and
bounded by, a :class:`Session`.

A writer makes the session it was given (``WriteContext.session``) the
*active* one for the duration of its ``write`` (:meth:`Session.active`, a
:mod:`contextvars` variable, so threads and concurrent builds never share
one by accident); measuring code (``fonts/``, the writers' text layout, the
figure kit) asks :func:`memo` for its cache. Outside any active session
(measuring code called on its own), :func:`memo` hands out a memo of a
session that caches nothing: correct, merely slower.

The bound is in bytes, estimated per entry (:func:`estimate`), shared by
every memo of the session (default :data:`DEFAULT_MAX_BYTES`, 32 MiB); when
an insertion takes the session over it, the least recently used entries of
that memo go first, then those of the others. ``ZZREPORT_CACHE=off`` turns
every cache off, in memory and on disk.
"""

from __future__ import annotations

import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: A session's default bound on the estimated size of everything its caches hold. About five times
#: what the example report's build measures (5.8 MB), small enough that a service rendering 1,500 distinct
#: reports grows by less than 30 MB of resident memory after the first 100 (``benchmarks/memory.py``;
#: the estimates per entry are calibrated against tracemalloc, resident memory adds the allocator's).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
#: Bookkeeping per entry besides key and value: the OrderedDict's slot and node, the key's tuple,
#: the (value, size) pair.
_ENTRY_OVERHEAD = 240


def caching_enabled() -> bool:
    """Whether caches are on: ``ZZREPORT_CACHE=off`` (or ``0``, ``no``, ``false``) turns them all off."""
    return os.environ.get("ZZREPORT_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def estimate(value: object, depth: int = 3) -> int:
    """A cheap estimate of the bytes ``value`` holds (containers followed ``depth`` levels deep).

    Not exact (shared objects are counted each time they are met), but it
    grows with the text an entry holds, which is what the bound is for.
    """
    if isinstance(value, str):
        return sys.getsizeof(value)
    if isinstance(value, (int, float, bool)) or value is None:
        return 32
    if depth <= 0:
        return 64
    if isinstance(value, (tuple, list, frozenset, set)):
        return 56 + 8 * len(value) + sum(estimate(item, depth - 1) for item in value)
    if isinstance(value, dict):
        return 64 + 24 * len(value) + sum(estimate(k, depth - 1) + estimate(v, depth - 1) for k, v in value.items())
    fields = getattr(value, "__dict__", None)
    slots = getattr(type(value), "__slots__", None)
    if fields is None and slots is not None:
        fields = {name: getattr(value, name, None) for name in slots}
    if isinstance(fields, dict):
        return 56 + estimate(fields, depth - 1)
    return sys.getsizeof(value)


class Memo(Generic[K, V]):
    """A least-recently-used map whose entries count towards its session's byte bound."""

    def __init__(self, session: Session, sizeof: Callable[[K, V], int] | None = None) -> None:
        self.session = session
        self.enabled = session.caching
        self.sizeof: Callable[[K, V], int] = sizeof or (lambda key, value: estimate(key) + estimate(value))
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        #: Estimated bytes of the entries held.
        self.bytes = 0

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value for ``key``, computed by ``compute`` when it is not held."""
        if not self.enabled:
            return compute()
        items = self._items
        found = items.get(key)
        if found is not None:
            items.move_to_end(key)
            return found[0]
        value = compute()
        size = self.sizeof(key, value) + _ENTRY_OVERHEAD
        items[key] = (value, size)
        self.bytes += size
        self.session._grew(self, size)
        return value

    def peek(self, key: K) -> V | None:
        """The value held for ``key``, or None, without computing it."""
        found = self._items.get(key)
        return None if found is None else found[0]

    def evict_oldest(self) -> bool:
        """Drop the least recently used entry; False when there is none."""
        if not self._items:
            return False
        _key, (_value, size) = self._items.popitem(last=False)
        self.bytes -= size
        self.session.bytes -= size
        return True

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def clear(self) -> None:
        self.session.bytes -= self.bytes
        self.bytes = 0
        self._items.clear()


class Session:
    """Owns the in-memory caches of one build, or of a process that builds many times (watch, a service).

    ``max_bytes`` bounds the estimated size of all its caches together.
    One session is not meant to be used by two threads at once: give each
    thread (or request) its own, or one per build (the default).
    """

    def __init__(self, *, caching: bool | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.caching = caching_enabled() if caching is None else caching
        self.max_bytes = max_bytes
        #: Estimated bytes held by all its memos.
        self.bytes = 0
        self._memos: dict[str, Memo[Any, Any]] = {}

    def memo(self, name: str, sizeof: Callable[[Any, Any], int] | None = None) -> Memo[Any, Any]:
        """The session's cache called ``name`` (created on first use; ``sizeof`` estimates an entry)."""
        found = self._memos.get(name)
        if found is None:
            found = self._memos[name] = Memo(self, sizeof)
        return found

    def _grew(self, memo: Memo[Any, Any], size: int) -> None:
        self.bytes += size
        if self.bytes <= self.max_bytes:
            return
        while self.bytes > self.max_bytes and len(memo) > 1 and memo.evict_oldest():
            pass
        for other in self._memos.values():
            while self.bytes > self.max_bytes and other is not memo and other.evict_oldest():
                pass

    def clear(self) -> None:
        """Drop every cached value (between unrelated reports in a long-lived process, if wanted)."""
        for memo in self._memos.values():
            memo.clear()

    @contextmanager
    def active(self) -> Iterator[Session]:
        """Make this the session measuring code finds with :func:`memo`, for the ``with`` block."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


_ACTIVE: ContextVar[Session | None] = ContextVar("zzreport_session", default=None)
#: What measuring code gets outside any active session: a session that caches nothing.
_UNCACHED = Session(caching=False)


def current() -> Session:
    """The active session, or one that caches nothing."""
    return _ACTIVE.get() or _UNCACHED


def memo(name: str, sizeof: Callable[[Any, Any], int] | None = None) -> Memo[Any, Any]:
    """The active session's cache called ``name`` (see :meth:`Session.memo`)."""
    return current().memo(name, sizeof)
