"""zzreport benchmarks: prints medians, side by side with Typst and pandoc.

    python benchmarks/run.py [--runs N] [--quick]

Measures, on this machine:
- the cold CLI build of specs/zhengzhou-2025.yaml (PDF + PPTX, all figures),
  each in a fresh process: with an empty figure cache (the other caches, of
  font readings and file digests, kept as a previous run left them), with
  every cache warm, and as a first run on a new machine (every cache empty);
- an in-process rebuild through the library (warm cache);
- a per-stage breakdown (load, resolve, fonts, figures, PDF, PPTX);
- the PDF stage tagged (PDF/UA-1, the default) against untagged
  (``theme.page.tagged: false``), alternating in one process;
- a scaling series: the seed's sections repeated 1x, 4x, 16x (time, peak memory);
- when installed, Typst compiling the seed's text to PDF and pandoc converting it
  to PPTX, in the same run, and our times as ratios to theirs;
- the justification engine (clreq compression, total fit, line adjustment)
  against the greedy breaker it replaced in the PDF, on the seed's paragraphs
  at the A4 body width and in an A5 column (``--justify`` runs only this).

Targets: cold CLI <= 3x (Typst + pandoc); in-process warm rebuild <= 1.5x;
16x vs 4x time <= 4.4x; peak memory at 16x <= 600 MB; the PDF stage no more
than 25% slower than with the greedy breaker (``compare.py`` measures both trees);
the tagged PDF stage no more than 20% slower than the untagged one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "zhengzhou-2025.yaml"
#: The seed article in the shared folder beside the checkout (or beside a folder of worktrees).
SEED = next(
    (seed for folder in ROOT.parents if (seed := folder / "shared" / "seeds" / "000_06f168087f7608ae.txt").exists()),
    ROOT.parent / "shared" / "seeds" / "000_06f168087f7608ae.txt",
)
sys.path.insert(0, str(ROOT))


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: The formats every timed build makes: what the peers make (Typst one PDF, pandoc one deck), so the figures
#: compare like with like whatever a default build makes. Other formats are timed by their own benchmarks.
PEER_FORMATS = ("pdf", "pptx")
#: The command line's flag for them.
FORMAT_FLAG = ("--format", ",".join(PEER_FORMATS))

#: The scaling series repeats the example's sections 16 times, past the default size limits.
SCALING_LIMITS = ("--max-sections", "10000", "--max-blocks", "100000", "--max-total-chars", "10000000")


def run_process(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a command in a fresh process (the largest of it and its children).

    ``args[0] == "zzreport"`` runs the command as installed: ``python -m zzreport ...``.
    """
    command = [sys.executable, "-m", "zzreport", *args[1:]] if args[0] == "zzreport" else args
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)  # usage covers the process and the children it waited for
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{errors}")
    return elapsed, usage.ru_maxrss / 1024


def compile_package() -> None:
    """Byte-compile zzreport, as an installed package is, so no run pays for compiling its modules."""
    import compileall

    compileall.compile_dir(ROOT / "zzreport", quiet=1)


def seed_paragraphs() -> tuple[str, list[str]]:
    """The article as title + paragraphs, with the newspaper's mid-word line breaks undone."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    title = lines[0].lstrip("■ ").strip()
    paragraphs: list[str] = []
    for line in lines[1:]:
        starts_block = line.startswith(
            ("关键词", "2024 ", "2025 ", "“空中丝路”", "新能源汽车", "电子信息产业", "加力扩围")
        )
        if paragraphs and not starts_block and not paragraphs[-1].endswith(("。", "”", "王红")):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return title, paragraphs


def peers(work: Path, runs: int) -> dict[str, float]:
    """Median times of Typst (PDF) and pandoc (PPTX) on the seed's text, when installed."""
    title, paragraphs = seed_paragraphs()
    found: dict[str, float] = {}
    try:
        import typst  # noqa: F401

        source = work / "seed.typ"
        body = "\n\n".join(
            f"= {p}" if p.startswith("关键词") else p.replace("#", "\\#").replace("*", "\\*") for p in paragraphs
        )
        source.write_text(
            '#set page(paper: "a4")\n#set text(font: "Noto Serif SC", lang: "zh", size: 10.5pt)\n'
            "#set par(justify: true, first-line-indent: 2em)\n"
            f'#align(center, text(size: 20pt, font: "Noto Sans SC", weight: "bold")[{title}])\n\n{body}\n',
            encoding="utf-8",
        )
        fonts = str(ROOT / "fonts")
        code = "import typst, sys; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])"
        found["typst"] = statistics.median(
            _time_cmd([sys.executable, "-c", code, str(source), str(work / "seed-typst.pdf"), fonts])
            for _ in range(runs)
        )
    except ImportError:
        pass
    pandoc = shutil.which("pandoc")
    if pandoc:
        markdown = work / "seed.md"
        markdown.write_text(
            f"# {title}\n\n" + "\n\n".join(f"## {p}" if p.startswith("关键词") else p for p in paragraphs) + "\n",
            encoding="utf-8",
        )
        found["pandoc"] = statistics.median(
            _time_cmd([pandoc, str(markdown), "-o", str(work / "seed-pandoc.pptx")]) for _ in range(runs)
        )
    return found


def _time_cmd(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def scaled_spec(work: Path, factor: int) -> Path:
    """The seed spec with its sections repeated ``factor`` times (ids made unique)."""
    import yaml

    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    sections = []
    for copy in range(factor):
        for section in data["sections"]:
            clone = json.loads(json.dumps(section, ensure_ascii=False))
            clone["id"] = f"{section['id']}-{copy + 1}"
            sections.append(clone)
    data["sections"] = sections
    folder = work / f"x{factor}"
    shutil.copytree(ROOT / "specs" / "data", folder / "data", dirs_exist_ok=True)
    target = folder / f"zhengzhou-x{factor}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def stage_breakdown(runs: int, cache: Path) -> dict[str, float]:
    import zzreport
    from zzreport.builder import render
    from zzreport.fonts.coverage import preflight

    os.environ["ZZREPORT_CACHE_DIR"] = str(cache)
    stages: dict[str, list[float]] = {k: [] for k in ("load", "resolve", "fonts", "figures", "pdf", "pptx")}
    for _ in range(runs):
        shutil.rmtree(cache / "figures", ignore_errors=True)
        t = time.perf_counter()
        report = zzreport.load(SPEC)
        stages["load"].append(time.perf_counter() - t)
        t = time.perf_counter()
        document = zzreport.resolve(report)
        stages["resolve"].append(time.perf_counter() - t)
        t = time.perf_counter()
        preflight(document)
        stages["fonts"].append(time.perf_counter() - t)
        t = time.perf_counter()
        from zzreport.figures.pdf_drawing import figure_scene
        from zzreport.fonts.fontset import FontSet
        from zzreport.writers.pdf.layout import PageGeometry

        geometry = PageGeometry.from_theme(document.theme.page)
        width = geometry.frame[2]
        fonts = FontSet.from_plan(document.font_plan)
        for figure in document.figures():
            figure_scene(figure.data, fonts, document.theme, width, cache_dir=cache / "figures")
        stages["figures"].append(time.perf_counter() - t)
        t = time.perf_counter()
        render(document, "pdf")
        stages["pdf"].append(time.perf_counter() - t)
        t = time.perf_counter()
        render(document, "pptx")
        stages["pptx"].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in stages.items()}


def tagging_cost(runs: int) -> tuple[float, float]:
    """Median seconds of the PDF stage (render only) tagged and untagged, alternating, so load drifts hit both."""
    from dataclasses import replace

    import zzreport
    from zzreport.builder import render

    document = zzreport.resolve(zzreport.load(SPEC))
    untagged = replace(document, theme=replace(document.theme, page=replace(document.theme.page, tagged=False)))
    render(document, "pdf")  # figures and fonts warm for both
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(max(runs, 3)):
        for tagged, doc in ((True, document), (False, untagged)):
            t = time.perf_counter()
            render(doc, "pdf")
            times[tagged].append(time.perf_counter() - t)
    return statistics.median(times[True]), statistics.median(times[False])


def print_tagging_cost(runs: int) -> None:
    tagged, untagged = tagging_cost(runs)
    cost = tagged / untagged - 1
    print("\ntagged PDF (in process, PDF stage, alternating)")
    print(f"  tagged   {tagged * 1000:8.1f} ms")
    print(f"  untagged {untagged * 1000:8.1f} ms")
    print(f"  cost     {cost * 100:+7.1f} %   (target <= +20 %)  {'ok' if cost <= 0.2 else 'MISSED'}")


def justify_case(runs: int) -> dict[str, float]:
    """Seconds to set the seed's paragraphs: today's engine against the greedy breaker, at two widths.

    Both set every paragraph as the PDF does (real serif metrics through
    reportlab, 10.5 pt, two-em indent, justified), without the session's
    memo, so each run breaks every paragraph afresh.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from zzreport.fonts.bundled import bundled_font_path
    from zzreport.fonts.linebreak import Run, break_lines
    from zzreport.writers.pdf.paragraph import RunStyle

    name = "zzbench-serif"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(bundled_font_path("serif", 400))))
    style = RunStyle(name, 10.5)
    _title, paragraphs = seed_paragraphs()
    runs_of = [[Run(text, style)] for text in paragraphs]

    def width(text: str, run_style: RunStyle) -> float:
        return pdfmetrics.stringWidth(text, run_style.font_name, run_style.size)

    def greedy(measure: float) -> None:
        for runs_ in runs_of:
            for line in break_lines(runs_, measure, width, em=10.5, first_line_indent=21):
                if not line.ends_paragraph:
                    line.justified(measure - line.indent)

    def engine(measure: float) -> None:
        for runs_ in runs_of:
            break_lines(
                runs_,
                measure,
                width,
                em=10.5,
                first_line_indent=21,
                compress_punctuation=True,
                total_fit=True,
                justify=True,
            )

    out = {}
    for label, measure in (("A4 body", 451.3), ("A5 column", 240.0)):
        out[f"{label}, greedy breaker"] = median_time(lambda m=measure: greedy(m), runs)
        out[f"{label}, clreq engine"] = median_time(lambda m=measure: engine(m), runs)
    return out


def print_justify_case(runs: int) -> None:
    found = justify_case(runs)
    print("justification of the seed's paragraphs (no memo)")
    for label, seconds in found.items():
        print(f"  {label:<26} {seconds * 1000:8.1f} ms")
    for label in ("A4 body", "A5 column"):
        ratio = found[f"{label}, clreq engine"] / found[f"{label}, greedy breaker"]
        print(f"  {label}: engine / greedy   {ratio:5.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="3 runs, scaling 1x/4x only")
    parser.add_argument("--justify", action="store_true", help="only the justification engine against the breaker")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if args.justify:
        print_justify_case(runs)
        return 0
    import zzreport

    print(f"zzreport {zzreport.__version__} benchmarks — {runs} runs per figure, medians")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        cache = work / "cache"
        env = {**os.environ, "ZZREPORT_CACHE_DIR": str(cache)}
        cli = ["zzreport", "build", "-q", *FORMAT_FLAG, str(SPEC), "-o", str(work / "out")]

        compile_package()
        first, cold = [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            first.append(run_process(cli, env)[0])
        for _ in range(runs):
            shutil.rmtree(cache / "figures", ignore_errors=True)
            cold.append(run_process(cli, env)[0])
        warm = [run_process(cli, env)[0] for _ in range(runs)]
        first_cli, cold_cli, warm_cli = statistics.median(first), statistics.median(cold), statistics.median(warm)

        import zzreport.builder as zb

        os.environ["ZZREPORT_CACHE_DIR"] = str(cache)
        # Warm the process as any long-lived one (a service) is after its first builds: imports done,
        # fonts loaded, and one session kept across builds, as a service keeps it. The library renders
        # the formats one after the other (it never forks).
        from zzreport.session import Session

        session = Session()
        for _ in range(2):
            zb.build(SPEC, work / "lib", PEER_FORMATS, session=session)

        def rebuild() -> None:
            zb.build(SPEC, work / "lib", PEER_FORMATS, session=session)

        in_process = median_time(rebuild, runs)

        print("build of specs/zhengzhou-2025.yaml (PDF + PPTX, all figures)")
        print(f"  cold CLI, empty figure cache   {cold_cli:7.3f} s")
        print(f"  cold CLI, warm caches          {warm_cli:7.3f} s")
        print(f"  cold CLI, first run (no cache) {first_cli:7.3f} s")
        print(f"  in-process rebuild (library)   {in_process:7.3f} s")

        print("\nper stage (in process, empty figure cache)")
        for stage, seconds in stage_breakdown(runs, work / "stage-cache").items():
            print(f"  {stage:<8} {seconds * 1000:8.1f} ms")
        print_tagging_cost(runs)
        print()
        print_justify_case(runs)

        print("\nscaling (fresh process each; sections repeated)")
        factors = (1, 4) if args.quick else (1, 4, 16)
        scaling: dict[int, tuple[float, float]] = {}
        for factor in factors:
            spec = scaled_spec(work, factor)
            results = [
                run_process(
                    [
                        "zzreport",
                        "build",
                        "-q",
                        *FORMAT_FLAG,
                        *SCALING_LIMITS,
                        str(spec),
                        "-o",
                        str(work / f"out{factor}"),
                    ],
                    env,
                )
                for _ in range(max(1, runs // 2 if factor == 16 else runs))
            ]
            scaling[factor] = (statistics.median(r[0] for r in results), max(r[1] for r in results))
            print(f"  {factor:>2}x sections   {scaling[factor][0]:7.3f} s   peak {scaling[factor][1]:6.0f} MB")
        if 16 in scaling:
            ratio = scaling[16][0] / scaling[4][0]
            print(f"  16x / 4x time   {ratio:5.2f}   (target <= 4.4)   {'ok' if ratio <= 4.4 else 'MISSED'}")
            verdict = "ok" if scaling[16][1] <= 600 else "MISSED"
            print(f"  16x peak memory {scaling[16][1]:5.0f} MB (target <= 600 MB) {verdict}")

        found = peers(work, runs)
        print("\npeers on the seed's text")
        for name, seconds in found.items():
            print(f"  {name:<8} {seconds:7.3f} s")
        if {"typst", "pandoc"} <= set(found):
            peer = found["typst"] + found["pandoc"]
            print(f"  Typst (PDF) + pandoc (PPTX) = {peer:.3f} s")
            print("\nratios (ours / peers)")
            print(
                f"  cold CLI build          {cold_cli / peer:5.2f}x   (target <= 3)    "
                f"{'ok' if cold_cli / peer <= 3 else 'MISSED'}"
            )
            print(
                f"  in-process warm rebuild {in_process / peer:5.2f}x   (target <= 1.5)  "
                f"{'ok' if in_process / peer <= 1.5 else 'MISSED'}"
            )
        else:
            print("  (install the `typst` PyPI package and pandoc to compare)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
