"""``zzreport watch``: rebuild when the spec or any file it uses changes.

File events come from watchfiles (a maintained, native watcher), not a
polling loop of ours. The set of watched files is recomputed after every
build, since an edited spec may name new data files.

A watch runs for hours while the files under it are edited, deleted,
renamed, replaced by folders or made unreadable: whatever happens to them,
the loop reports it (a failed build, a folder it cannot watch) and keeps
watching; only Ctrl-C or ``stop`` ends it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from stat import S_ISREG
from typing import Any

from zzreport.app.batch import SpecResult, build_one
from zzreport.cache_files import content_sha256
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions
from zzreport.session import Session

#: ``watchfiles.watch``, or a stand-in with its signature (the tests' scripted events).
Watcher = Callable[..., Iterator[set[tuple[Any, str]]]]

RETRY_SECONDS = 1.0


def watched_files(spec: Path, limits: Limits, options: ResolveOptions, previous: Iterable[Path] = ()) -> set[Path]:
    """The spec and, when it resolves, every file it reads; when it does not, also the ``previous`` ones.

    A spec that fails its check now (broken, or crashing the resolver: its
    build has reported that) keeps the files watched before. The failure may
    be a data file caught half written, an editor's save between truncating
    and writing: dropping that file would miss the write's end for as long
    as the watch runs, since its event may have come before we listen.
    """
    from zzreport.api import check

    files = {_absolute(spec)}
    try:
        inputs = check(spec, limits=limits, options=options).document.inputs
    except Exception:
        return files | set(previous)
    return files | {_absolute(p) for p in inputs}


def watch(
    spec: Path,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    on_result: Callable[[SpecResult], None],
    stop: threading.Event | None = None,
    *,
    on_error: Callable[[str], None] | None = None,
    watcher: Watcher | None = None,
) -> None:
    """Build now, then after every change to a watched file, until ``stop`` is set (or Ctrl-C).

    ``on_error`` hears of trouble with the watching itself (a folder that
    vanished); build failures come to ``on_result`` like successes.
    """
    if watcher is None:
        import watchfiles

        watcher = watchfiles.watch

    def stopped() -> bool:
        return stop is not None and stop.is_set()

    session = Session()  # one for the whole watch: each rebuild reuses what the last one measured
    warm = False
    files = watched_files(spec, limits, options)
    while not stopped():
        # The files' states as the build is about to read them: any later edit changes one (its change
        # time at least, which no tool sets back), however coarse the file system's clock is.
        before = stamps(files)
        # The first build renders every format in this process, which loads all they need (the PDF's
        # fonts too) once; every later rebuild forks its renderers from this warm process.
        on_result(build_one(spec, outdir, formats, limits, options, parallel=warm, session=session))
        warm = True
        files = watched_files(spec, limits, options, previous=files)
        if _changed(files, before):
            continue  # edited while we were building: build again before waiting
        try:
            _wait_for_change(watcher, files, before, stop)
        # A watched folder vanished or became unreadable between our look and the watcher's (OSError), or the
        # native watcher failed (watchfiles' internal error is a RuntimeError): say so, then build and watch afresh.
        except (OSError, RuntimeError) as exc:
            if on_error is not None:
                reason = exc.strerror if isinstance(exc, OSError) else None
                on_error(f"{spec}: cannot watch: {reason or exc}; trying again")
            if stop is not None:
                stop.wait(RETRY_SECONDS)
            else:
                time.sleep(RETRY_SECONDS)


def _wait_for_change(
    watcher: Watcher, files: set[Path], before: dict[Path, Stamp], stop: threading.Event | None
) -> None:
    """Return when a watched file changed, a watched folder appeared or vanished, or ``stop`` was set."""
    folders = _watchable(files)
    for changes in watcher(*sorted(folders), stop_event=stop, debounce=300, step=50, rust_timeout=500,
                           yield_on_timeout=True, recursive=False):  # fmt: skip
        if stop is not None and stop.is_set():
            return
        # The stamps also catch an edit made before the watcher was listening (checked at least every
        # half second, when the watcher times out), so no edit depends on an event arriving in time.
        if any(_absolute(Path(path)) in files for _change, path in changes) or _changed(files, before):
            return
        if _watchable(files) != folders:
            return  # a folder was deleted or (re)created: build, and watch what is there now


def _watchable(files: Iterable[Path]) -> set[Path]:
    """The folders to watch for ``files``: each one's folder or, when that is gone, its closest existing ancestor.

    Not recursive: each file's own folder is watched, so a spec in a big tree
    does not watch the whole tree (and a vanished folder's ancestor may be ``/``).
    """
    folders = set()
    for file in files:
        folder = file.parent
        while not _is_folder(folder) and folder != folder.parent:
            folder = folder.parent
        folders.add(folder)
    return folders


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _absolute(path: Path) -> Path:
    """``path`` resolved; a symlink loop or an unreadable folder on the way only makes it absolute."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


#: What identifies a file's state: its inode, size and a digest of its bytes; None when it cannot be read.
Stamp = tuple[int, int, str] | None


def stamps(files: Iterable[Path]) -> dict[Path, Stamp]:
    """Each file's :data:`Stamp` now.

    The bytes are compared, not the times: a file system with a coarse
    clock (some report whole seconds) gives an edit made in the same second
    as the last one the same modification and change times, and an edit
    that keeps the size (6012 → 6013) would go unseen. Inputs are bounded
    by the loader's limits, so digesting them twice a second is cheap.
    """
    return {file: _stamp(file) for file in files}


def _stamp(file: Path) -> Stamp:
    try:
        stat = file.stat()
        if not S_ISREG(stat.st_mode):
            return None  # a folder or a pipe (which would block a read) is no input; the build reported it
        return (stat.st_ino, stat.st_size, content_sha256(file))
    except OSError:
        return None


def _changed(files: set[Path], before: dict[Path, Stamp]) -> bool:
    """Whether a file the build read is not as it was when the build began.

    A file newly watched (the spec now names it) was read by this build: it
    counts as changed only when the spec that names it did, which is in
    ``before``. A file that is gone or unreadable stays so without a rebuild
    loop: its stamp is None both times.
    """
    now = stamps(file for file in files if file in before)
    return any(now[file] != before[file] for file in now)
