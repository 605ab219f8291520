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
import gc
import os
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zzreport.app.parallel import render_in_parallel
from zzreport.builder import Output, RenderFormats, build, planned_names, render_serially
from zzreport.errors import Location, Problem, SpecError
from zzreport.loading import Limits, load
from zzreport.manifest import manifest_path
from zzreport.output import PartialWriteError
from zzreport.resolve import ResolveOptions
from zzreport.session import Session
from zzreport.stages import Record, recording

SPEC_SUFFIXES = (".yaml", ".yml")


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


def shard(specs: list[Path], k: int, n: int) -> list[Path]:
    """The K-th of N shares of ``specs`` (round robin over the sorted list)."""
    return [spec for i, spec in enumerate(sorted(specs, key=str)) if i % n == k - 1]


@dataclass
class SpecResult:
    """The outcome of one spec in a batch."""

    spec: Path
    outputs: list[Output] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: The build failed while replacing its outputs and could not restore all old files (the problem says which).
    partial: bool = False
    #: How long the build took, in seconds (wall clock).
    seconds: float = 0.0
    #: Its stages' timings and disk-cache lookups (see :mod:`zzreport.stages`).
    record: Record = field(default_factory=Record)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Claim:
    """One file a spec of the batch would write."""

    spec: Path
    key: str  # `outputs.pdf`, or "" for the manifest
    name: str
    location: Location
    default: bool  # named after the spec file, not in the spec

    def describe(self) -> str:
        return f"{self.name}{' (named after the spec file)' if self.default else ''}"

    def where(self) -> str:
        return f"{self.location} ({self.key or 'its manifest'})"


def _claims(spec: Path, formats: list[str] | None, limits: Limits) -> list[_Claim]:
    try:
        report = load(spec, limits=limits)
    except Exception:  # a spec that does not load writes nothing; its own build reports why
        return []
    source = report.origin
    if source is None:
        return []
    claims = []
    for fmt, name in planned_names(report, formats).items():
        given = report.outputs.get(fmt).file is not None
        claims.append(_Claim(spec, f"outputs.{fmt}", name, source.locate(("outputs", fmt)), not given))
    manifest = manifest_path(Path(), spec).name
    claims.append(_Claim(spec, "", manifest, source.locate(()).at(""), True))
    return claims


def _folded(name: str) -> str:
    """The name as a case-insensitive file system compares it (macOS, Windows): case and Unicode form aside."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def collisions(specs: Sequence[Path], formats: list[str] | None, limits: Limits = Limits()) -> dict[Path, list[str]]:
    """Problems (as text, by spec) of specs that would write a file another spec of the batch writes too.

    Loads each spec (cheap: no data, fonts or images) to learn its output
    names; a spec that does not load is left to its own build to report.
    """
    if len(specs) < 2:
        return {}
    groups: dict[str, list[_Claim]] = {}
    for spec in specs:
        for claim in _claims(spec, formats, limits):
            groups.setdefault(_folded(claim.name), []).append(claim)
    found: dict[Path, list[Problem]] = {}
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
    try:
        outputs = build(
            spec, outdir, formats, limits=limits, options=options, session=session, render_formats=render_formats
        )
        return SpecResult(spec, outputs)
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


def run(
    specs: list[Path],
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    jobs: int = 1,
    on_start: Callable[[Path], None] | None = None,
    batch: Sequence[Path] | None = None,
) -> Iterator[SpecResult]:
    """Build every spec, ``jobs`` at a time; yields results as they finish.

    Specs whose outputs collide with another's in ``batch`` (all the specs
    of the build, of which ``specs`` may be one shard; default ``specs``)
    come first, refused, and are not built.
    """
    clashes = collisions(batch if batch is not None else specs, formats, limits)
    for spec in specs:
        if spec in clashes:
            yield SpecResult(spec, problems=clashes[spec])
    specs = [spec for spec in specs if spec not in clashes]
    if jobs <= 1 or len(specs) <= 1:
        for index, spec in enumerate(specs):
            if index and not gc.isenabled():
                # The command runs without the cyclic collector (see zzreport.app.cli.run); a build leaves
                # about 10 MB in reference cycles, so a long batch frees them between specs.
                gc.collect()
            if on_start:
                on_start(spec)
            yield build_one(spec, outdir, formats, limits, options)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=gc.enable) as pool:
        futures = {}
        for spec in specs:
            if on_start:
                on_start(spec)
            futures[pool.submit(build_one, spec, outdir, formats, limits, options, False)] = spec
        for future in concurrent.futures.as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # a crashed worker must not hide the other specs
                yield SpecResult(futures[future], problems=[f"{futures[future]}: internal error: {exc!r}"])
