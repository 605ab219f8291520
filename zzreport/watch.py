"""``zzreport watch``: rebuild when the spec or any file it uses changes.

File events come from watchfiles (a maintained, native watcher), not a
polling loop of ours. The set of watched files is recomputed after every
build, since an edited spec may name new data files.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

from zzreport.batch import SpecResult, build_one
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions


def watched_files(spec: Path, limits: Limits, options: ResolveOptions) -> set[Path]:
    """The spec and, when it resolves, every file it reads."""
    from zzreport.api import check
    from zzreport.errors import SpecError

    files = {spec.resolve()}
    with contextlib.suppress(SpecError):  # a broken spec: watch the spec itself until it is fixed
        files |= {p.resolve() for p in check(spec, limits=limits, options=options).document.inputs}
    return files


def watch(
    spec: Path,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    on_result: Callable[[SpecResult], None],
    stop: threading.Event | None = None,
) -> None:
    """Build now, then after every change to a watched file, until ``stop`` is set (or Ctrl-C)."""
    import watchfiles

    while not (stop and stop.is_set()):
        started = time.time_ns()
        on_result(build_one(spec, outdir, formats, limits, options))
        files = watched_files(spec, limits, options)
        if _changed_since(files, started):
            continue  # edited while we were building: build again before waiting
        folders = sorted({f.parent for f in files})
        for changes in watchfiles.watch(*folders, stop_event=stop, debounce=300, step=50, rust_timeout=500,
                                        yield_on_timeout=True):  # fmt: skip
            if stop and stop.is_set():
                return
            # The stat check also catches an edit made before the watcher was listening.
            if any(Path(path).resolve() in files for _change, path in changes) or _changed_since(files, started):
                break


def _changed_since(files: set[Path], started_ns: int) -> bool:
    for file in files:
        try:
            if file.stat().st_mtime_ns >= started_ns:
                return True
        except FileNotFoundError:
            continue  # a deletion arrives as a watcher event; a stat loop on it would rebuild forever
    return False
