"""The benchmark scripts still run against today's library (nobody learns of a broken one otherwise)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def test_the_stage_breakdown_times_every_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "cache"))
    stages = _script("run").stage_breakdown(1, tmp_path / "cache")
    assert set(stages) == {"load", "resolve", "fonts", "figures", "pdf", "pptx"}
    assert all(seconds > 0 for seconds in stages.values())


def test_the_tagging_cost_times_both_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "cache"))
    tagged, untagged = _script("run").tagging_cost(1)
    assert tagged > 0 and untagged > 0


def test_the_batch_benchmark_builds_every_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "cache"))
    batch = _script("batch")
    seconds = batch.batch_seconds(tmp_path, reports=2, jobs=2, runs=1)
    assert seconds > 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"briefing-{batch.city_name(n)}.{suffix}" for n in (1, 2) for suffix in ("manifest.json", "pdf", "pptx")
    )
    assert batch.city_name(1) != batch.city_name(2)
