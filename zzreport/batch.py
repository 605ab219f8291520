"""Batches of specs: folder expansion, deterministic shards, parallel builds.

A CI matrix of N runners each builds ``--shard K/N``: the same sorted list
cut the same way on every runner, so every spec is built exactly once.
One failing spec never stops the others.
"""

from __future__ import annotations

import concurrent.futures
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zzreport.builder import Output, build
from zzreport.errors import SpecError
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions

SPEC_SUFFIXES = (".yaml", ".yml")


def expand(paths: list[Path]) -> list[Path]:
    """Spec files from files and folders (a folder's *.yaml/*.yml, not recursive), sorted, unique."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file())
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path), path)
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

    @property
    def ok(self) -> bool:
        return not self.problems


def build_one(
    spec: Path,
    outdir: Path,
    formats: list[str] | None,
    limits: Limits,
    options: ResolveOptions,
    parallel: bool = True,
) -> SpecResult:
    """Build one spec; problems come back as text (picklable across processes)."""
    try:
        return SpecResult(spec, build(spec, outdir, formats, limits=limits, options=options, parallel=parallel))
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
) -> Iterator[SpecResult]:
    """Build every spec, ``jobs`` at a time; yields results as they finish."""
    if jobs <= 1 or len(specs) <= 1:
        for index, spec in enumerate(specs):
            if index and not gc.isenabled():
                # The command runs without the cyclic collector (see zzreport.cli.run); a build leaves
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
