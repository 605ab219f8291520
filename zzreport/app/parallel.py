"""Render several formats of one document at the same time, when it pays.

The PDF and the deck are independent and each takes a few hundred
milliseconds of pure Python, so on a machine with more than one core the
deck is rendered in a forked child while the parent renders the PDF. Fork
shares the already-resolved document and loaded fonts for free; where fork
is not available (Windows, macOS' default) or only one core exists, the
formats are rendered one after the other, with identical bytes either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection

from zzreport.document import Document
from zzreport.errors import Location, Problem, SpecError
from zzreport.writers.base import WriteOptions, WriteResult

Renderer = Callable[[Document, str, WriteOptions], tuple[bytes, WriteResult]]
Preparer = Callable[[Document, str], None]

#: Set once this process has rendered in parallel: from then on it is a process that builds
#: repeatedly (a watch loop, a service, a test run), worth preparing the children's formats in.
_built_before = False


def can_fork() -> bool:
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1 and not multiprocessing.parent_process()


def render_all(
    document: Document,
    formats: list[str],
    options: WriteOptions,
    render: Renderer,
    parallel: bool = True,
    prepare: Preparer | None = None,
) -> list[tuple[str, bytes, WriteResult]]:
    """Every format of ``document``, in the order asked for.

    A child starts from the parent's state, so whatever a child loads (the
    PDF's fonts) is lost with it. A one-off build (the CLI) lets the child
    load it, in parallel with the parent's work; from a process's second
    build on, ``prepare`` loads it into the parent first, once, and every
    later child starts warm.
    """
    global _built_before
    if not parallel or len(formats) < 2 or not can_fork():
        return [(fmt, *render(document, fmt, options)) for fmt in formats]
    context = multiprocessing.get_context("fork")
    # The parent renders the last format (the deck): its measurements are cached in this process
    # and make the next build faster, which a forked child's would not.
    first, rest = formats[-1], formats[:-1]
    if _built_before and prepare is not None:
        for fmt in rest:
            prepare(document, fmt)
    _built_before = True
    children: list[tuple[str, multiprocessing.process.BaseProcess, Connection]] = []
    received: set[str] = set()
    try:
        for fmt in rest:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, args=(sender, receiver, document, fmt, options, render), daemon=True
            )
            process.start()
            sender.close()
            children.append((fmt, process, receiver))
        results = {first: render(document, first, options)}
        for fmt, process, receiver in children:
            # A child that has sent its result is not waited for: unmapping its memory as it exits
            # takes about 10 ms, and multiprocessing reaps it when the next child starts (or at exit).
            try:
                outcome = receiver.recv()
            except EOFError:
                process.join()
                outcome = ("crash", f"the {fmt} renderer stopped (exit code {process.exitcode})")
            received.add(fmt)
            kind, payload = outcome
            if kind == "ok":
                results[fmt] = payload
            elif kind == "spec":
                raise SpecError([Problem(Location(*loc), message) for loc, message in payload])
            else:
                raise RuntimeError(payload)
    finally:
        # When this process's own format failed, nobody will read a child's result: stop the child
        # rather than leave it blocked on a full pipe.
        for fmt, process, receiver in children:
            if fmt not in received:
                process.terminate()
                process.join()
            receiver.close()
    return [(fmt, *results[fmt]) for fmt in formats]


def _child(
    sender: Connection,
    receiver: Connection,
    document: Document,
    fmt: str,
    options: WriteOptions,
    render: Renderer,
) -> None:
    receiver.close()  # this process's copy of the reading end: with it closed, a parent gone means EPIPE, not a hang
    try:
        outcome: tuple[str, object] = ("ok", render(document, fmt, options))
    except SpecError as exc:
        outcome = ("spec", [((p.location.file, p.location.line, p.location.column, p.location.path), p.message)
                            for p in exc.problems])  # fmt: skip
    except BaseException as exc:  # report, never hang the parent
        outcome = ("crash", f"{type(exc).__name__}: {exc}")
    try:
        sender.send(outcome)
    except (BrokenPipeError, OSError):
        pass  # the parent has stopped listening (its own format failed): nothing to report to
    finally:
        sender.close()
