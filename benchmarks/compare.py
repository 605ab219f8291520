"""Side by side: this tree against an earlier commit, measured in one run.

    python benchmarks/compare.py [--base REV] [--runs N] [--quick]

``run.py`` measures one tree; a number it printed last month on a machine
with other load is no baseline. This script exports ``--base`` (by default
:data:`BEFORE_RESTRUCTURING`, the last commit before the build was
restructured) with ``git archive`` into a temporary folder and measures both
trees with the same Python, the same fonts and the same example spec,
alternating base and current run by run so that a change in the machine's
load falls on both alike. Each figure is the median of ``--runs``:

- cold CLI: ``zzreport build`` in a fresh process, empty figure cache;
- in-process rebuild, as a long-lived process does it (the old library forked
  its renderer; today the command line's edge does, ``app.batch.build_one``
  with one kept session, the first build serial and later ones parallel, as
  ``zzreport watch`` does);
- in-process rebuild through the library (today's, serial, one kept session;
  the base's library call, which forked);
- 4x and 16x sections (fresh process each) and their ratio.

Nothing here changes either tree; the base is deleted afterwards.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import FORMAT_FLAG, PEER_FORMATS, SCALING_LIMITS, scaled_spec  # noqa: E402

#: The commit before the restructuring began (``Session`` and the app edge came right after it).
BEFORE_RESTRUCTURING = "d2ef72a"

#: Times ``rebuilds`` warm rebuilds in one process; the tree is the first path on ``sys.path``.
REBUILD = textwrap.dedent(
    """
    import inspect, statistics, sys, time
    from pathlib import Path
    spec, out, mode, runs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    FORMATS = sys.argv[5].split(",")
    import zzreport.builder as zb
    if "session" in inspect.signature(zb.build).parameters:
        from zzreport.session import Session
        session = Session()
        if mode == "edge":
            from zzreport.app.batch import build_one
            from zzreport.loading import Limits
            from zzreport.resolve import ResolveOptions
            warm = []  # as zzreport watch: the first build serial (it loads everything), later ones forked
            def once():
                result = build_one(spec, out, FORMATS, Limits(), ResolveOptions(), parallel=bool(warm), session=session)
                assert not result.problems, result.problems
                warm.append(True)
        else:
            def once():
                zb.build(spec, out, FORMATS, session=session)
    else:  # the base: its library call is the only rebuild it has (it forks by default)
        def once():
            zb.build(spec, out, FORMATS)
    for _ in range(2):
        once()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    print(statistics.median(times))
    """
)


def export(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (its tracked files only) under ``into``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _env(tree: Path, cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree), "ZZREPORT_CACHE_DIR": str(cache)}


def cold_cli(tree: Path, spec: Path, work: Path, extra: tuple[str, ...] = ()) -> float:
    """One ``zzreport build`` of ``spec`` in a fresh process with an empty figure cache."""
    cache = work / "cache"
    shutil.rmtree(cache / "figures", ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "zzreport",
        "build",
        "-q",
        *FORMAT_FLAG,
        *extra,
        str(spec),
        "-o",
        str(work / "out"),
    ]
    start = time.perf_counter()
    _run(command, tree, _env(tree, cache))
    return time.perf_counter() - start


def rebuild(tree: Path, spec: Path, work: Path, mode: str, runs: int) -> float:
    """Median warm rebuild in one process (see :data:`REBUILD`)."""
    command = [sys.executable, "-c", REBUILD, str(spec), str(work / "lib"), mode, str(runs), ",".join(PEER_FORMATS)]
    return float(_run(command, tree, _env(tree, work / "cache")).strip().splitlines()[-1])


def _run(command: list[str], tree: Path, env: dict[str, str]) -> str:
    """``command``'s output; a failure stops the comparison with the command's own error."""
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:4])} … failed in {tree}:\n{done.stderr}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=BEFORE_RESTRUCTURING, help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, no 16x series")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    trees = {"base": Path(), "current": ROOT}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        trees["base"] = export(args.base, work / "base")
        for tree in trees.values():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "zzreport")], check=True)
        spec = {name: tree / "specs" / "zhengzhou-2025.yaml" for name, tree in trees.items()}
        scratch = {name: work / f"work-{name}" for name in trees}
        figures: dict[str, dict[str, list[float]]] = {name: {} for name in trees}

        def record(name: str, key: str, value: float) -> None:
            figures[name].setdefault(key, []).append(value)

        for name in trees:  # one build each first, so both start with the same warm font caches
            cold_cli(trees[name], spec[name], scratch[name])
        for _ in range(runs):
            for name, tree in trees.items():
                record(name, "cold CLI, empty figure cache", cold_cli(tree, spec[name], scratch[name]))
        for _ in range(3):  # rounds of rebuild processes, alternating too; the figure is the median of rounds
            for mode in ("edge", "library"):
                for name, tree in trees.items():
                    record(name, f"in-process rebuild ({mode})", rebuild(tree, spec[name], scratch[name], mode, runs))
        factors = (4,) if args.quick else (4, 16)
        scaled = {name: {f: scaled_spec(scratch[name] / "scaled", f) for f in factors} for name in trees}
        for factor in factors:
            for _ in range(max(1, runs // 2)):
                for name, tree in trees.items():
                    seconds = cold_cli(tree, scaled[name][factor], scratch[name], SCALING_LIMITS)
                    record(name, f"{factor}x sections", seconds)

    medians = {name: {k: statistics.median(v) for k, v in found.items()} for name, found in figures.items()}
    if 16 in factors:
        for found in medians.values():
            found["16x / 4x time"] = found["16x sections"] / found["4x sections"]
    base_rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.base], check=True, capture_output=True, text=True
    ).stdout.strip()
    head_rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"zzreport: {base_rev} (base) against this tree (HEAD {head_rev});",
        f"medians of {runs} runs, {os.cpu_count()} cores",
    )
    print(f"{'':32} {'base':>8} {'current':>8} {'change':>8}")
    for key in medians["current"]:
        before, after = medians["base"][key], medians["current"][key]
        unit = "" if key.endswith("time") else " s"
        print(f"  {key:30} {before:8.3f} {after:8.3f} {100 * (after / before - 1):+7.1f}%{unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
