"""Batches of specs: folder expansion, deterministic shards, parallel builds.

A CI matrix of N runners each builds ``--shard K/N``: the same sorted list
cut the same way on every runner, so every spec is built exactly once.
One failing spec never stops the others. Specs whose outputs would land on
the same file (two specs naming the same `outputs.pdf`, ``a.yaml`` beside
``a.yml``, names equal but for letter case) are refused, both of them, before
anything is written: otherwise the later one silently replaces the other's
report, and which one wins depends on the order the jobs finish.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import os
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from zzreport.app import subsets
from zzreport.app.executors import ExecutorChoice, open_executor
from zzreport.app.parallel import render_in_parallel
from zzreport.app.process import with_cyclic_gc
from zzreport.builder import Output, Prepared, RenderFormats, build, commit, planned_names, prepare, render_serially
from zzreport.errors import Location, Problem, SpecError, display_path
from zzreport.language.models import Report
from zzreport.loading import Limits, load
from zzreport.loading.validate import suggest
from zzreport.manifest import manifest_path
from zzreport.output import PartialWriteError
from zzreport.resolve import ResolveOptions
from zzreport.resolve.cards import ARROWS
from zzreport.resolve.slices import report_params, slice_keys
from zzreport.resolve.words import ATTRIBUTION_DASH, EYEBROW_SEPARATOR
from zzreport.session import Session
from zzreport.stages import Record, recording
from zzreport.version import __version__

SPEC_SUFFIXES = (".yaml", ".yml")
T = TypeVar("T", Path, "Unit")


def expand(paths: list[Path]) -> list[Path]:
    """Spec files from files and folders (a folder's *.yaml/*.yml, not recursive), sorted, unique."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())
        else:
            found.append(path)
    unique: dict[tuple[str, str], Path] = {}
    for path in found:  # `a.yaml`, `./a.yaml` and `specs/../a.yaml` are one spec, built once
        unique.setdefault((os.path.normcase(os.path.abspath(path.parent)), path.name), path)
    return sorted(unique.values(), key=str)


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> (2, 4); raises ValueError with a message for anything else."""
    k, _, n = text.partition("/")
    if not (k.isdigit() and n.isdigit()) or not 1 <= int(k) <= int(n):
        raise ValueError(f"--shard takes K/N with 1 ≤ K ≤ N, got {text!r}")
    return int(k), int(n)


@dataclass(frozen=True)
class Unit:
    """One report of a batch: a spec, and which of its slices when the spec has ``slices``."""

    spec: Path
    slice: str | None = None
    #: The ``--set`` names this report takes (None: every one): those its spec declares (:func:`take_params`).
    params: frozenset[str] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return str(self.spec) if self.slice is None else f"{self.spec} [{self.slice}]"

    def options(self, options: ResolveOptions) -> ResolveOptions:
        """``options`` for this report: its slice, and only the params it takes."""
        params = options.params
        if self.params is not None:
            params = {name: value for name, value in params.items() if name in self.params}
        return dataclasses.replace(options, slice=self.slice, params=params)


def _unit(item: Path | Unit) -> Unit:
    return item if isinstance(item, Unit) else Unit(item)


def shard(specs: Sequence[T], k: int, n: int) -> list[T]:
    """The K-th of N shares of ``specs`` (round robin over the list sorted by spec; a spec's slices in order)."""
    ordered = sorted(specs, key=lambda item: str(_unit(item).spec))  # stable: slices keep their file's order
    return [spec for i, spec in enumerate(ordered) if i % n == k - 1]


def units(
    specs: Sequence[Path], limits: Limits = Limits(), options: ResolveOptions = ResolveOptions()
) -> tuple[list[Unit], list[SpecResult]]:
    """The reports a batch of ``specs`` makes: a spec's each slice (or the one ``options.slice`` names), else the spec.

    Loads each spec with slices and reads its slices file (cheap: one CSV);
    a spec whose slices cannot be listed comes back as a failed result, and
    a spec that does not load is left to its own build to report.
    """
    found: list[Unit] = []
    failed: list[SpecResult] = []
    for spec in specs:
        try:
            report = load(spec, limits=limits)
        except Exception:  # its build says why
            found.append(Unit(spec))
            continue
        declared = frozenset(report.params)
        if report.slices is None:
            found.append(Unit(spec, params=declared))
        elif options.slice is not None:  # the build checks that the key is one of them
            found.append(Unit(spec, options.slice, declared))
        else:
            try:
                keys = slice_keys(report, options.allow_outside, report_params(report, options.params))
            except SpecError as exc:
                failed.append(SpecResult(spec, problems=[str(p) for p in exc.problems]))
                continue
            found += [Unit(spec, key, declared) for key in keys]
    return found, failed


def take_params(
    found: Sequence[Unit], given: Mapping[str, str | float], limits: Limits = Limits()
) -> tuple[list[Unit], list[Problem]]:
    """The reports of a batch, each taking the ``--set`` params its spec declares; or why ``given`` is wrong.

    A folder's specs share one command line: ``--set month=2025-11`` is
    meant for the specs with a ``month`` param, and the others build as
    they would without it. A name no spec of the batch declares is a typo
    or a wrong folder: one problem, at the first spec's ``params``, naming
    what the specs declare. A batch of one spec keeps such a name, so its
    build reports it among the spec's other problems (as a single build does).
    """
    declared = {unit.spec: unit.params for unit in found if unit.params is not None}
    known = frozenset().union(*declared.values())
    unknown = [name for name in given if name not in known]
    if unknown and len(declared) > 1:
        first = next(iter(declared))
        where = load(first, limits=limits).origin.locate(("params",))
        owners: dict[str, list[str]] = {}
        for spec, names in declared.items():
            for name in sorted(names):
                owners.setdefault(name, []).append(display_path(spec))
        said = ", ".join(f"{name} ({', '.join(specs)})" for name, specs in owners.items())
        bare = [display_path(spec) for spec, names in declared.items() if not names]
        if bare:
            said += f"; {', '.join(bare)} {'declares' if len(bare) == 1 else 'declare'} none"
        return list(found), [
            Problem(
                where,
                f"--set {name}: no spec of the batch declares a param `{name}`{suggest(name, owners)}; "
                f"their params: {said}",
            )
            for name in unknown
        ]
    keep = frozenset(unknown)
    return [dataclasses.replace(u, params=u.params | keep) if u.params is not None else u for u in found], []


@dataclass
class SpecResult:
    """The outcome of one report (a spec, or a slice of one) in a batch."""

    spec: Path
    outputs: list[Output] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The build failed while replacing its outputs and could not restore all old files (the problem says which).
    partial: bool = False
    #: How long the build took, in seconds (wall clock).
    seconds: float = 0.0
    #: Its stages' timings and disk-cache lookups (see :mod:`zzreport.stages`).
    record: Record = field(default_factory=Record)
    #: The slice this report is, of a spec with ``slices``.
    slice: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def unit(self) -> Unit:
        """Which report this is: the spec, and its slice."""
        return Unit(self.spec, self.slice)


@dataclass(frozen=True)
class _Claim:
    """One file a spec of the batch would write."""

    spec: Unit
    key: str  # `outputs.pdf`, or "" for the manifest
    name: str
    location: Location
    default: bool  # named after the spec file, not in the spec

    def describe(self) -> str:
        return f"{self.name}{' (named after the spec file)' if self.default else ''}"

    def where(self) -> str:
        return f"{self.location} ({self.key or 'its manifest'})"


def _claims(unit: Unit, formats: list[str] | None, report: Report | None) -> list[_Claim]:
    if report is None:  # a spec that does not load writes nothing; its own build reports why
        return []
    source = report.origin
    if source is None:
        return []
    key = unit.slice if report.slices is not None else None
    claims = []
    for fmt, name in planned_names(report, formats, key).items():
        given = report.outputs.get(fmt).file is not None
        claims.append(_Claim(unit, f"outputs.{fmt}", name, source.locate(("outputs", fmt)), not given))
    manifest = manifest_path(Path(), unit.spec, key).name
    claims.append(_Claim(unit, "", manifest, source.locate(()).at(""), True))
    return claims


def _folded(name: str) -> str:
    """The name as a case-insensitive file system compares it (macOS, Windows): case and Unicode form aside."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def collisions(
    specs: Sequence[Path | Unit], formats: list[str] | None, limits: Limits = Limits()
) -> dict[Unit, list[str]]:
    """Problems (as text, by report) of reports that would write a file another report of the batch writes too.

    Loads each spec once (cheap: no data, fonts or images; but the slices
    of one spec are many) to learn its output names; a spec that does not
    load is left to its own build to report.
    """
    if len(specs) < 2:
        return {}
    loaded: dict[Path, Report | None] = {}

    def loaded_once(path: Path) -> Report | None:
        if path not in loaded:
            try:
                loaded[path] = load(path, limits=limits)
            except Exception:
                loaded[path] = None
        return loaded[path]

    groups: dict[str, list[_Claim]] = {}
    for spec in specs:
        unit = _unit(spec)
        for claim in _claims(unit, formats, loaded_once(unit.spec)):
            groups.setdefault(_folded(claim.name), []).append(claim)
    found: dict[Unit, list[Problem]] = {}
    for claims in groups.values():
        for claim in claims:
            for other in claims:
                if other.spec == claim.spec:
                    continue
                if other.name == claim.name:
                    clash = f"{claim.describe()} is also written by {other.where()}"
                else:
                    clash = (
                        f"{claim.describe()} and {other.name} of {other.where()} differ only in letter case "
                        "(one file on case-insensitive file systems)"
                    )
                what = "" if claim.key else "the manifest "
                message = f"{what}{clash}; specs built into one folder need different output names"
                found.setdefault(claim.spec, []).append(Problem(claim.location.at(claim.key), message))
    return {spec: [str(p) for p in sorted(problems)] for spec, problems in found.items()}


def build_one(
    spec: Path,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    parallel: bool = True,
    session: Session | None = None,
) -> SpecResult:
    """Build one spec; problems come back as text (picklable across processes).

    With ``parallel`` its formats are rendered at the same time where that
    pays (:func:`zzreport.app.parallel.render_in_parallel`); a batch of
    several processes passes False, its processes already fill the cores.
    """
    started = time.perf_counter()
    with recording() as record:
        result = _build_one(spec, outdir, formats, limits, options, parallel, session)
    result.seconds = time.perf_counter() - started
    result.record = record
    return result


def _build_one(
    spec: Path,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    parallel: bool,
    session: Session | None,
) -> SpecResult:
    render_formats: RenderFormats = render_in_parallel if parallel else render_serially
    return _attempt(
        spec,
        lambda: build(
            spec, outdir, formats, limits=limits, options=options, session=session, render_formats=render_formats
        ),
    )


def _attempt(spec: Path, write: Callable[[], list[Output]]) -> SpecResult:
    """The result of ``write()``: its outputs, or its problems as text (a bug too: the batch goes on)."""
    try:
        return SpecResult(spec, write())
    except PartialWriteError as exc:
        return SpecResult(spec, problems=[str(p) for p in exc.problems], partial=True)
    except SpecError as exc:
        return SpecResult(spec, problems=[str(p) for p in exc.problems])
    except Exception as exc:  # a bug, or an input we failed to check: report it, keep the batch going
        if os.environ.get("ZZREPORT_DEBUG"):
            raise
        return SpecResult(
            spec,
            problems=[
                f"{spec}: internal error: {type(exc).__name__}: {exc} "
                "(set ZZREPORT_DEBUG=1 for the traceback, and please report it)"
            ],
        )


#: The environment variables that decide output bytes: a remote task carries the client's (set or unset).
BYTES_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
#: One remote build at a time per worker process: each sets the environment above for its own build,
#: and builds are pure Python, so threads of one process would not run them faster anyway.
_REMOTE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Task:
    """What a remote worker is told besides the spec: everything that decides the bytes and the messages."""

    outdir: Path
    formats: list[str] | None
    limits: Limits
    options: ResolveOptions
    #: The client's value of each of :data:`BYTES_ENVIRONMENT` (None: unset).
    environment: dict[str, str | None]
    #: The client's working folder: relative paths are relative to it.
    cwd: str
    #: The client's zzreport version: a worker with another one could give other bytes.
    version: str
    #: The characters the client expects the batch's reports to hold (:func:`zzreport.app.subsets.expect`).
    expected: frozenset[str] = frozenset()

    @classmethod
    def here(cls, outdir: Path, formats: list[str] | None, limits: Limits, options: ResolveOptions) -> Task:
        """The task as this process would run it."""
        environment = {name: os.environ.get(name) for name in BYTES_ENVIRONMENT}
        return cls(outdir, formats, limits, options, environment, os.getcwd(), __version__, subsets.expected())


#: A batch of the briefing benchmark's 40 slices (``benchmarks/batch.py``) on a local Dask cluster of 2 worker
#: processes, PDF and deck, wall time of the command, second run on the same cluster, while a test suite ran.
REMOTE_BATCH = (
    "7.2 s building as a -j worker does (-j 2: 6.9 s); 32.1 s when each slice was a library build "
    "(a fresh session, every subset cut from the whole face)"
)
#: Whether this worker process builds as a batch process does (:func:`_as_a_batch_process`).
_REMOTE_READY: list[bool] = []


def _as_a_batch_process(task: Task) -> None:
    """Make this Dask worker build as a ``-j`` worker does: stored readings, word ends and subsets, and the batch's
    characters expected.

    Without it every slice a worker prepares is a library build: a fresh
    session, the faces read, labels segmented and both subsets cut from
    the whole CJK face (:data:`REMOTE_BATCH`). Each stored entry is named by
    the content it was made from, so the worker's own cache folder gives
    the bytes a cold build does. The worker keeps one :func:`batch_session`
    for the builds it runs, one at a time.
    """
    from zzreport.app import faces, words

    if not _REMOTE_READY:
        faces.use_stored_readings()
        words.use_stored_word_ends()
        subsets.use_stored_subsets()
        _REMOTE_READY.append(True)
    subsets.expect(task.expected)


def prepare_remotely(spec: Path, task: Task, slice_key: str | None = None) -> tuple[SpecResult, Prepared | None]:
    """Run on a worker: prepare ``spec``'s build in memory and return it with its result (no outputs yet).

    The client writes the files (:func:`commit_prepared`). Relative paths are
    taken from the client's working folder when this process has another
    one (without changing this process's, which the worker's other threads
    share), and the messages name files relative to it, as the client's
    own build would; the environment that decides the bytes is the
    client's for the time of the build, and put back after it.
    """
    if __version__ != task.version:
        message = (
            f"{spec}: the worker runs zzreport {__version__} and this command {task.version}; "
            "install the same version on the workers"
        )
        return SpecResult(spec, problems=[message], slice=slice_key), None
    elsewhere = Path.cwd() != Path(task.cwd)
    if elsewhere and not Path(task.cwd).is_dir():
        message = (
            f"{spec}: the worker has no folder {task.cwd}; Dask workers must read the project "
            "at the same path as this command (a shared or identical checkout)"
        )
        return SpecResult(spec, problems=[message], slice=slice_key), None
    local_spec = Path(task.cwd) / spec if elsewhere and not spec.is_absolute() else spec
    outdir = Path(task.cwd) / task.outdir if elsewhere and not task.outdir.is_absolute() else task.outdir
    options = dataclasses.replace(task.options, slice=slice_key)
    prepared: list[Prepared] = []

    def prepare_it() -> list[Output]:
        built = prepare(local_spec, outdir, task.formats, limits=task.limits, options=options, session=batch_session())
        prepared.append(built)
        return list(built.outputs)

    started = time.perf_counter()
    with _REMOTE_LOCK, _environment(task.environment), recording() as record:
        _as_a_batch_process(task)
        result = _attempt(spec, prepare_it)
    if elsewhere:  # name files as the client does: relative to its folder (zzreport.errors.display_path)
        inside = os.path.join(task.cwd, "")
        result.problems = [problem.replace(inside, "") for problem in result.problems]
    result.seconds = time.perf_counter() - started
    result.record = record
    result.slice = slice_key
    return result, (prepared[0] if prepared and result.ok else None)


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _set(name, value)
        yield
    finally:
        for name, value in before.items():
            _set(name, value)


def _set(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def commit_prepared(result: SpecResult, prepared: Prepared | None, outdir: Path) -> SpecResult:
    """Write what a worker prepared into ``outdir`` here; the result then names the files (or the write's problems)."""
    if prepared is None:
        return result
    started = time.perf_counter()
    written = _attempt(result.spec, lambda: commit(prepared.into(outdir)))
    written.seconds = result.seconds + time.perf_counter() - started
    written.record = result.record
    written.slice = result.slice
    return written


#: The session the reports a batch builds in this process share (see :func:`batch_session`).
_BATCH_SESSION: list[Session] = []


def batch_session() -> Session:
    """The one session of this process's batch builds: a ``-j`` worker's, or the command's own at ``-j 1``.

    The reports of a batch (a spec's slices above all) set the same labels,
    headings, table cells and footers in the same faces, and a session's
    caches are keyed by everything that decides a value (the faces' files,
    the text, the size, the width) and bounded in bytes, as a long-lived
    process's must be (:mod:`zzreport.session`): so a worker keeps one for
    all the reports it builds, as ``watch`` keeps one for its rebuilds,
    instead of measuring every report's text from nothing. Measured gain: a
    worker building the batch benchmark's slices one after another
    (``benchmarks/batch.py``, stored subsets, 40 slices, 2 cores under load)
    spends 195 ms of CPU a slice with it and 210 ms without.
    """
    if not _BATCH_SESSION:
        _BATCH_SESSION.append(Session())
    return _BATCH_SESSION[0]


def build_unit(
    unit: Unit,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    parallel: bool = True,
) -> SpecResult:
    """:func:`build_one` of one report of a batch: its spec, with its slice when it is one (in the
    :func:`batch_session`)."""
    result = build_one(unit.spec, outdir, formats, limits, unit.options(options), parallel, batch_session())
    result.slice = unit.slice
    return result


#: The largest file whose characters :func:`batch_characters` reads (a bigger one is left out of the guess).
GUESS_BYTES = 4 * 1024 * 1024


def batch_characters(todo: Sequence[Unit], limits: Limits = Limits()) -> set[str]:
    """The characters a batch's reports will most likely write, known before any is built.

    Its specs' texts, the files they name inside their folders (the data the
    values, figures and tables read: a slice's own numbers and names), their
    labels, their slices' keys, ASCII and the signs the resolver adds (a
    card's arrows, a quote's dash, an eyebrow's dot). Only a guess that makes the batch's font
    subsets faster to cut (:func:`zzreport.app.subsets.expect`): a character
    it misses costs time, never bytes, so a file it cannot read is left out.
    """
    found = {chr(code) for code in range(0x20, 0x7F)}
    found.update("".join(ARROWS.values()) + ATTRIBUTION_DASH + EYEBROW_SEPARATOR)
    for unit in todo:
        found.update(unit.slice or "")
    for spec in dict.fromkeys(unit.spec for unit in todo):
        found.update(_text(spec))
        try:
            report = load(spec, limits=limits)
        except Exception:  # its build says why
            continue
        found.update("".join(map(str, report.labels.model_dump().values())))
        folder = spec.parent.resolve()
        for name in _named_files(report.model_dump(warnings=False)):
            path = (spec.parent / name).resolve()
            if path.is_relative_to(folder):
                found.update(_text(path))
    return found


def _named_files(data: object) -> Iterator[str]:
    """The ``file`` values of a spec's data, but for those a template names (``{slice.城市}.csv``)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "file" and isinstance(value, str) and "{" not in value:
                yield value
            else:
                yield from _named_files(value)
    elif isinstance(data, list):
        for item in data:
            yield from _named_files(item)


def _text(path: Path) -> str:
    """A file's text (UTF-8, else GB18030), or nothing when it is not a small readable text file."""
    try:
        if not path.is_file() or path.stat().st_size > GUESS_BYTES:
            return ""
        data = path.read_bytes()
    except OSError:
        return ""
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


#: Several reports built in this process (``-j 1``): 40 slices of ``benchmarks/batch.py``'s briefing, stored subsets,
#: 2 cores, median of 3. A slice's PDF forked to a child (``parallel``) measured its texts in a copy of the session
#: and lost what it learnt, and a full collection between reports walked every cached object; a spec of its own
#: (``zzreport build specs/``: 8.8 s serially, 7.6 s forked) shares little with the one before, and still forks.
SERIAL_BATCH = (
    "slices rendered one format after another in one session with the collector on: 7.2 s; serially with a full "
    "collection after each report: 10.0 s; each slice's PDF forked, with a full collection: 13.0 s"
)


def run(
    specs: Sequence[Path | Unit],
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    jobs: int = 1,
    on_start: Callable[[Unit], None] | None = None,
    batch: Sequence[Path | Unit] | None = None,
    executor: ExecutorChoice | None = None,
) -> Iterator[SpecResult]:
    """Build every report (a spec, or a slice of one: :func:`units`), ``jobs`` at a time on ``executor``.

    Yields results as they finish. Reports whose outputs collide with
    another's in ``batch`` (all the reports of the build, of which ``specs``
    may be one shard; default ``specs``) come first, refused, and are not
    built. Local (the default, None): one report or ``jobs`` ≤ 1 is built in
    this process (several of them with the cyclic collector on, as in a
    worker, and a slice's formats one after another in the
    :func:`batch_session`: :data:`SERIAL_BATCH`); more go to ``jobs``
    processes, each writing its own outputs. Remote (Dask): workers prepare, this process writes
    (:mod:`zzreport.app.executors` says why). Raises
    :class:`~zzreport.app.executors.ExecutorError` when the executor cannot
    be opened.
    """
    todo = [_unit(spec) for spec in specs]
    clashes = collisions(batch if batch is not None else todo, formats, limits)
    for unit in todo:
        if unit in clashes:
            yield SpecResult(unit.spec, problems=clashes[unit], slice=unit.slice)
    todo = [unit for unit in todo if unit not in clashes]
    if len(todo) > 1:
        subsets.expect(batch_characters(todo, limits))
    executor = executor or ExecutorChoice()
    if not executor.remote and (jobs <= 1 or len(todo) <= 1):
        if len(todo) > 1:
            with_cyclic_gc()  # as in a worker (see SERIAL_BATCH)
        for unit in todo:
            if on_start:
                on_start(unit)
            # A slice's texts are mostly its spec's, measured already in the batch's session; see SERIAL_BATCH.
            yield build_unit(unit, outdir, formats, limits, options, parallel=unit.slice is None)
        return
    if not todo:
        return
    with open_executor(executor, jobs) as pool:
        futures: dict[concurrent.futures.Future[Any], Unit] = {}
        for unit in todo:
            if on_start:
                on_start(unit)
            if executor.remote:
                task = Task.here(outdir, formats, limits, unit.options(options))
                futures[pool.submit(prepare_remotely, unit.spec, task, unit.slice)] = unit
            else:
                futures[pool.submit(build_unit, unit, outdir, formats, limits, options, False)] = unit
        for future in concurrent.futures.as_completed(futures):
            unit = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # a crashed worker must not hide the other reports
                yield SpecResult(unit.spec, problems=[f"{unit}: internal error: {exc!r}"], slice=unit.slice)
                continue
            if executor.remote:
                result, prepared = outcome
                yield commit_prepared(result, prepared, outdir)
            else:
                yield outcome
