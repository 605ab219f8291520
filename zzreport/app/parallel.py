"""Rendering the formats of one spec at the same time: a speed trick of the command line.

The PDF and the deck are independent and each takes a few hundred
milliseconds of pure Python, so on a machine with more than one core the
command line renders the PDF in a forked child while the parent renders
the deck. Fork shares the already-resolved document and loaded fonts for
free. :func:`render_in_parallel` has the signature of the library's
:func:`zzreport.builder.render_serially` and gives the same bytes; where
fork is not available (Windows, macOS' default), only one core exists,
or ``ZZREPORT_PARALLEL=0`` says so, it *is* the serial twin.

The library never calls this: forking a threaded process (a web service)
is unsafe, and a library user who wants parallelism chooses their own.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from zzreport.builder import Rendered, render_serially
from zzreport.errors import Location, Problem, SpecError
from zzreport.ir import Document
from zzreport.stages import add_lookups, lookups
from zzreport.writers.base import WriteContext

#: ``ZZREPORT_PARALLEL=0`` (or ``off``, ``no``, ``false``) renders the formats one after the other.
ENVIRONMENT = "ZZREPORT_PARALLEL"


def parallel_wanted() -> bool:
    """Whether the environment allows rendering formats in parallel (``ZZREPORT_PARALLEL``, default on)."""
    return os.environ.get(ENVIRONMENT, "").strip().lower() not in ("0", "off", "no", "false")


def can_fork() -> bool:
    """Whether forking pays and is safe here: Linux, more than one core, not already inside a worker."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1 and not multiprocessing.parent_process()


def render_in_parallel(document: Document, formats: Sequence[str], context: WriteContext) -> list[Rendered]:
    """Every format of ``document``, the last one in this process and the others each in a forked child.

    Measured gain: the cold command-line build of the Zhengzhou example
    (PDF + PPTX, empty figure cache, median of 11 fresh processes on 2
    cores) takes 0.67 s with it and 0.96 s without (``ZZREPORT_PARALLEL=0``),
    0.29 s or 30 % less. On a machine whose cores are already busy it gains
    nothing. Bytes are identical either way (``tests/app/test_parallel_cli.py``).

    The parent renders the last format (the registry's last): what it measures stays
    in this process's session, which a forked child's would not. A child
    starts from the parent's state and reports through a pipe; a child's
    failure is raised here as it would be serially (a :class:`SpecError`
    with the same problems, or a :class:`RuntimeError` naming the error),
    and a child nobody will read from is stopped, never left behind.
    """
    if len(formats) < 2 or not parallel_wanted() or not can_fork():
        return render_serially(document, formats, context)
    fork = multiprocessing.get_context("fork")
    last, rest = formats[-1], list(formats[:-1])
    children: list[tuple[str, BaseProcess, Connection]] = []
    received: set[str] = set()
    results: dict[str, Rendered] = {}
    try:
        for fmt in rest:
            receiver, sender = fork.Pipe(duplex=False)
            process: BaseProcess = fork.Process(
                target=_child, args=(sender, receiver, document, fmt, context), daemon=True
            )
            process.start()
            sender.close()
            children.append((fmt, process, receiver))
        results[last] = render_serially(document, [last], context)[0]
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
                rendered, hits, misses = payload
                results[fmt] = rendered
                add_lookups(hits, misses)  # the child's disk-cache reads count for this build (-v)
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
    return [results[fmt] for fmt in formats]


def _child(sender: Connection, receiver: Connection, document: Document, fmt: str, context: WriteContext) -> None:
    receiver.close()  # this process's copy of the reading end: with it closed, a parent gone means EPIPE, not a hang
    try:
        before_hits, before_misses = lookups()  # what the parent had counted when it forked
        rendered = render_serially(document, [fmt], context)[0]
        hits, misses = lookups()
        new_hits = {kind: n - before_hits.get(kind, 0) for kind, n in hits.items()}
        new_misses = {kind: n - before_misses.get(kind, 0) for kind, n in misses.items()}
        outcome: tuple[str, object] = ("ok", (rendered, new_hits, new_misses))
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
