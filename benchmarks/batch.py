"""Batch throughput: many small reports with ``-j 2``, side by side with Typst and pandoc in the same run.

    python benchmarks/batch.py [--reports 200] [--jobs 2] [--runs N]

A monthly briefing is one small report per city, built by a scheduled job
in one batch. This script builds one briefing spec with ``--reports``
slices (one per row of an invented cities' CSV: a lead, KPI cards and a
sentence from named values, a chart of the slice's own months filtered
with ``where:``, a table; PDF and deck each) in a temporary folder with
one ``zzreport build -j JOBS`` command, in a
fresh process with an empty figure cache (other caches as a previous run
left them, as on a CI runner that keeps its cache folder), and reports the
seconds per report. In the same run it times one cold Typst compile (a
fresh process) and one pandoc conversion of the seed article's text, the
pair of tools a user would otherwise reach for to make one PDF and one
deck; they are timed before and after the batch, and the two medians
averaged. Target: one report of the batch costs no more than that pair.

Each figure is the median of ``--runs`` runs. ``tests/test_benchmarks.py``
runs :func:`batch_seconds` in a tiny mode so a broken script fails the suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import FORMAT_FLAG, compile_package, peers, run_process  # noqa: E402

#: The briefing: what a monthly city report holds, one report per row of its cities' CSV (invented example data).
BRIEFING = """\
zzreport: 1
title: "{slice.城市}经济运行月报"
subtitle: 示例数据，仅用于性能测试
date: 2025-11-30
lead: "{slice.城市}经济运行总体平稳，地区生产总值{gdp}，{gdp.trend}{gdp.amount}。"
slices: {file: data/cities.csv, key: 城市}
values:
  gdp:
    data: {file: data/cities.csv, where: {城市: "{slice.城市}"}, column: 生产总值}
    unit: 元
    format: {scale: 亿}
    change: {data: {file: data/cities.csv, where: {城市: "{slice.城市}"}, column: 增速}}
  retail:
    data: {file: data/cities.csv, where: {城市: "{slice.城市}"}, column: 社零总额}
    unit: 元
    format: {scale: 亿}
sections:
  - id: overview
    tag: 综述
    title: 经济运行总体平稳
    takeaway: "地区生产总值{gdp.trend}{gdp.amount}"
    blocks:
      - kpis:
          - {label: 地区生产总值, value: "{gdp}"}
          - {label: 社会消费品零售总额, value: "{retail}"}
      - paragraph: "1—10月，{slice.城市}地区生产总值{gdp}，{gdp.trend}{gdp.amount}；社会消费品零售总额{retail}。"
      - figure:
          kind: column
          title: "{slice.城市}规上工业增加值月度增速"
          data: {file: data/monthly.csv, where: {城市: "{slice.城市}"}, categories: 月份, series: [增速]}
          unit: "%"
          source: 示例数据
      - table:
          title: 主要指标
          columns: [{name: 指标}, {name: 本月, unit: 亿元}, {name: 同比, unit: "%"}]
          rows:
            - [社会消费品零售总额, 38.2, 5.2]
            - [进出口总额, 41.5, -1.8]
            - [固定资产投资, 52.7, 3.9]
"""


def city_name(n: int) -> str:
    """The ``n``-th invented city: two hanzi of GB2312's level 1 that no earlier city has, then 市.

    Real slices differ in their hanzi (郑州, 洛阳 …), so each report's deck
    embeds a subset of its own: names that differed only in digits would
    let every slice reuse the first one's stored subsets, which no real
    batch can.
    """
    codes = (bytes((row, cell)) for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF))
    level1 = [char for char in (code.decode("gb2312", "replace") for code in codes) if "\ufffd" not in char]
    return f"{level1[2 * n % len(level1)]}{level1[(2 * n + 1) % len(level1)]}市"


def write_batch(folder: Path, reports: int) -> Path:
    """One briefing spec with ``reports`` slices (its cities' CSV and their months beside it)."""
    specs = folder / "briefings"
    (specs / "data").mkdir(parents=True, exist_ok=True)
    cities = ["城市,生产总值,增速,社零总额"]
    months = ["城市,月份,增速"]
    for n in range(1, reports + 1):
        city = city_name(n)
        cities.append(f"{city},{(200 + n * 7 % 300) * 10**9},{(n * 13 % 90) / 10 - 2:.1f},{(80 + n % 50) * 10**9}")
        months += [f"{city},{m}月,{4.0 + (n * m * 7 % 40) / 10:.1f}" for m in range(1, 11)]
    (specs / "data" / "cities.csv").write_text("\n".join(cities) + "\n", encoding="utf-8")
    (specs / "data" / "monthly.csv").write_text("\n".join(months) + "\n", encoding="utf-8")
    (specs / "briefing.yaml").write_text(BRIEFING, encoding="utf-8")
    return specs


def batch_times(work: Path, reports: int, jobs: int, runs: int) -> list[float]:
    """Wall times of ``runs`` runs of ``zzreport build -j JOBS`` of a briefing's ``reports`` slices (fresh process,
    empty figure cache each).

    The stored caches (``ZZREPORT_CACHE_DIR``) start empty in ``work``: the first run is a cold one (it cuts every
    font subset, including the stored ones later runs reuse), the others warm ones, so a caller reports both.
    """
    specs = write_batch(work, reports)
    cache = work / "cache"
    env = {**os.environ, "ZZREPORT_CACHE_DIR": str(cache)}
    command = ["zzreport", "build", "-q", *FORMAT_FLAG, "-j", str(jobs), str(specs), "-o", str(work / "out")]
    times = []
    for _ in range(runs):
        shutil.rmtree(cache / "figures", ignore_errors=True)
        shutil.rmtree(work / "out", ignore_errors=True)
        times.append(run_process(command, env)[0])
    built = sorted(p.name for p in (work / "out").iterdir())
    expected = 3 * reports  # PDF, deck and manifest of each
    if len(built) != expected:
        raise RuntimeError(f"the batch wrote {len(built)} files, expected {expected}")
    return times


def batch_seconds(work: Path, reports: int, jobs: int, runs: int) -> float:
    """Median of :func:`batch_times`."""
    return statistics.median(batch_times(work, reports, jobs, runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=200, help="reports in the batch")
    parser.add_argument("--jobs", type=int, default=2, help="-j of the batch")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    import zzreport

    print(f"zzreport {zzreport.__version__} batch benchmark — {args.runs} runs per figure, medians")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    compile_package()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        run_process(
            ["zzreport", "build", "-q", *FORMAT_FLAG, str(write_batch(work / "warm", 1)), "-o", str(work / "warm-out")]
        )
        # The peers are timed before and after the batch and the two medians averaged: on a shared machine
        # the load changes over a batch's minutes, and a pair timed only at one end would not see it.
        before = peers(work, args.runs)
        times = batch_times(work, args.reports, args.jobs, args.runs)
        after = peers(work, args.runs)
        found = {name: (before[name] + after[name]) / 2 for name in before if name in after}
    # The first run starts from empty stored caches (it cuts every font subset); later runs reuse what it stored.
    figures = {"cold": times[0]}
    if len(times) > 1:
        figures["warm"] = statistics.median(times[1:])
    print(f"batch of {args.reports} slices of one briefing (PDF + PPTX each), -j {args.jobs}, one command")
    print("  runs                          " + "  ".join(f"{t:.2f}" for t in times) + " s")
    for name, total in figures.items():
        print(f"  {name:<4} whole batch              {total:8.2f} s")
        print(f"  {name:<4} per report               {total / args.reports:8.3f} s")
    print("\npeers on the seed's text (one PDF, one deck)")
    for name, seconds in found.items():
        print(f"  {name:<8} {seconds:7.3f} s")
    if {"typst", "pandoc"} <= set(found):
        peer = found["typst"] + found["pandoc"]
        print(f"  cold Typst (PDF) + pandoc (PPTX) = {peer:.3f} s\n")
        for name, total in figures.items():
            ratio = total / args.reports / peer
            verdict = "ok" if ratio <= 1 else "MISSED"
            print(f"{name:<4} per report / (Typst + pandoc)   {ratio:5.2f}x   (target <= 1)   {verdict}")
    else:
        print("  (install the `typst` PyPI package and pandoc to compare)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
