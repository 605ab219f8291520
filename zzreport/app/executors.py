"""Where a batch runs: one ``concurrent.futures.Executor`` interface, local processes or a Dask cluster.

``zzreport build --executor local`` (the default) builds ``-j N`` specs at
a time in local processes, each writing its own outputs, as it always has.
``--executor dask://HOST:PORT`` sends every spec to the Dask scheduler at
that address (``pip install 'zzreport[dask]'``) through
``distributed.Client.get_executor()``, the executor Dask offers with the
``concurrent.futures`` interface; :mod:`zzreport.app.batch` submits to
either one the same way and reads results as they finish.

A worker on another machine cannot be trusted to see the client's output
folder, so on Dask a worker only *prepares* a build (renders its files into
memory, :func:`zzreport.builder.prepare`) and returns the bytes; the client
writes them with the same all-or-nothing replacement as a local build.
What else decides the bytes travels with each task (see
:func:`zzreport.app.batch.prepare_remotely`), and so do the characters the
batch expects, so a worker builds as a ``-j`` worker does: with stored font
subsets and readings in its own cache folder and one session for its
builds. The workers must read the same project (spec, data, images) at the
same path: a shared or identical checkout.

This is the command line's edge: the library never starts processes or
connects anywhere.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from zzreport.app.process import with_cyclic_gc

#: What ``--executor`` takes besides ``dask://HOST:PORT``.
LOCAL = "local"
DASK_SCHEME = "dask://"
#: The pip command that installs what ``dask://`` needs.
DASK_INSTALL = "pip install 'zzreport[dask]'"
#: How long the client waits for the scheduler before giving up, in seconds.
CONNECT_TIMEOUT = 10


class ExecutorError(Exception):
    """An executor that cannot be used (the extra is not installed, the scheduler is unreachable): exit 1."""


@dataclass(frozen=True)
class ExecutorChoice:
    """A parsed ``--executor``: ``local``, or a Dask scheduler's address."""

    #: ``host:port`` of the Dask scheduler; None for local processes.
    address: str | None = None

    @property
    def remote(self) -> bool:
        """Whether builds run on other processes that return their files rather than write them."""
        return self.address is not None

    def __str__(self) -> str:
        return LOCAL if self.address is None else f"{DASK_SCHEME}{self.address}"


def parse_executor(text: str) -> ExecutorChoice:
    """``local`` or ``dask://HOST:PORT``; raises ValueError with a message (a usage error) for anything else."""
    value = text.strip()
    if value == LOCAL:
        return ExecutorChoice()
    if value.startswith(DASK_SCHEME):
        host, colon, port = value[len(DASK_SCHEME) :].rpartition(":")
        host = host.strip("[]")  # an IPv6 address in brackets
        if colon and host and "/" not in host and port.isdigit() and 0 < int(port) < 65536:
            return ExecutorChoice(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
    raise ValueError(f"--executor takes {LOCAL} or {DASK_SCHEME}HOST:PORT (a Dask scheduler), got {text!r}")


@contextlib.contextmanager
def open_executor(choice: ExecutorChoice, jobs: int) -> Iterator[concurrent.futures.Executor]:
    """The executor ``choice`` names, shut down (and its connection closed) on leaving.

    Local: a pool of ``jobs`` processes with the cyclic collector on (the
    command runs without it, :mod:`zzreport.app.process`). Dask: the
    cluster decides how many run at once; ``jobs`` does not apply. Raises
    :class:`ExecutorError` when Dask is not installed or not reachable.
    """
    if choice.address is None:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs), initializer=with_cyclic_gc) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError(
            f"--executor {choice} needs Dask distributed, which is not installed; install it with: {DASK_INSTALL}"
        ) from None
    try:
        client = Client(f"tcp://{choice.address}", timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"--executor {choice}: cannot reach a Dask scheduler at {choice.address}: {exc}") from None
    try:
        # pure=False: two builds of one spec are two tasks, never one result Dask kept from before the spec changed.
        with client.get_executor(pure=False) as executor:
            yield executor
    finally:
        client.close()
