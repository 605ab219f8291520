"""The ``zzreport`` command line: argument parsing, messages and exit codes only.

Exit codes: 0 success (``--check``: up to date; ``diff``: no change), 1 spec
errors (each printed as ``file:line:col: key.path: message``), 2 usage errors
(``diff``: a manifest it cannot read), 3 ``--check`` found stale outputs, 4
``diff`` found changes. A workflow tells "rebuild" (3) from "broken" (1), and
a change (4) from a broken comparison (2).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from zzreport.app import faces, process, subsets, words
from zzreport.errors import Location, SpecError
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions
from zzreport.version import __version__
from zzreport.writers import registry

FORMATS = tuple(registry.FORMATS)

EXIT_OK, EXIT_SPEC, EXIT_USAGE, EXIT_STALE = 0, 1, 2, 3
#: ``diff``: the editions differ. diff(1) and ``git diff --exit-code`` say 1, which means a broken spec here;
#: as with them, 0 is "the same" and 2 "could not compare", and any other code is "look".
EXIT_CHANGED = 4
#: ``-o -``: the one format asked for goes to standard output.
STDOUT = "-"

EXIT_CODES = f"""exit codes:
  {EXIT_OK}  success (with --check: outputs up to date)
  {EXIT_SPEC}  a spec has errors (each printed as file:line:col: key.path: message)
  {EXIT_USAGE}  usage error (unknown option, bad value; diff: a path that is no manifest of this format)
  {EXIT_STALE}  with --check: outputs are stale (rebuild them)
  {EXIT_CHANGED}  diff: the two editions differ"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks and appends each option's default (when it has a meaningful one)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "(default" in text
            or default in (None, False, argparse.SUPPRESS)
            or not action.option_strings
            or action.nargs == 0
        ):
            return text
        return f"{text} (default: %(default)s)"


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _assignment(text: str) -> tuple[str, str]:
    """``--set month=2025-11`` -> ``("month", "2025-11")``; the spec decides the type."""
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        dest="params",
        action="append",
        type=_assignment,
        default=[],
        metavar="NAME=VALUE",
        help="set the spec's param NAME (repeatable); `{params.NAME}` in texts and file paths",
    )
    parser.add_argument(
        "--slice",
        metavar="KEY",
        help="of a spec with `slices`, only the slice KEY (default: build or check every slice)",
    )
    defaults, rdefaults = Limits(), ResolveOptions()
    group = parser.add_argument_group("safety limits and options")
    group.add_argument(
        "--allow-outside",
        action="store_true",
        help="allow a spec to read files outside its own folder (absolute paths, .., symlinks)",
    )
    group.add_argument(
        "--missing-glyphs",
        choices=("error", "warn"),
        default="error",
        help="what a character no font covers is",
    )
    group.add_argument(
        "--max-bytes", type=int, metavar="N", default=defaults.max_bytes, help="largest spec file (bytes)"
    )
    group.add_argument("--max-depth", type=int, metavar="N", default=defaults.max_depth, help="deepest YAML nesting")
    group.add_argument(
        "--max-nodes", type=int, metavar="N", default=defaults.max_nodes, help="most YAML nodes, aliases expanded"
    )
    group.add_argument(
        "--max-number",
        type=float,
        metavar="N",
        default=defaults.max_number,
        help=f"largest magnitude of a number (spec, data files) (default: {defaults.max_number:g})",
    )
    group.add_argument(
        "--max-table-rows", type=int, metavar="N", default=rdefaults.max_table_rows, help="most rows in one table"
    )
    group.add_argument(
        "--max-figure-points",
        type=int,
        metavar="N",
        default=rdefaults.max_figure_points,
        help="most data points in a figure",
    )
    group.add_argument(
        "--max-image-bytes", type=int, metavar="N", default=rdefaults.max_image_bytes, help="largest image file (bytes)"
    )
    group.add_argument(
        "--max-sections", type=int, metavar="N", default=rdefaults.max_sections, help="most sections in one report"
    )
    group.add_argument(
        "--max-blocks",
        type=int,
        metavar="N",
        default=rdefaults.max_blocks,
        help="most blocks in one report, nested ones too",
    )
    group.add_argument(
        "--max-text-chars",
        type=int,
        metavar="N",
        default=rdefaults.max_text_chars,
        help="most characters in one text (a paragraph, bullet, cell, title …)",
    )
    group.add_argument(
        "--max-total-chars",
        type=int,
        metavar="N",
        default=rdefaults.max_total_chars,
        help="most characters in all the spec's texts together",
    )
    group.add_argument(
        "--max-image-pixels",
        type=int,
        metavar="N",
        default=rdefaults.max_image_pixels,
        help="most pixels in one image, checked before it is decoded",
    )


def _add_single_spec_arguments(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("spec", metavar="SPEC", type=Path)
    parser.add_argument("-o", "--outdir", type=Path, default=Path("output"), metavar="OUTDIR", help="output folder")
    parser.add_argument(
        "--format", default=",".join(FORMATS), metavar="FORMATS", help=f"comma-separated formats to {verb}"
    )


def _flags_for(options: type[Limits] | type[ResolveOptions], args: argparse.Namespace) -> dict[str, Any]:
    """The parsed values of ``options``' fields: each field is the flag of the same name (``--max-bytes``)."""
    return {field.name: getattr(args, field.name) for field in dataclasses.fields(options) if hasattr(args, field.name)}


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(**_flags_for(Limits, args))


def _options(args: argparse.Namespace) -> ResolveOptions:
    flags = _flags_for(ResolveOptions, args)
    flags["params"] = dict(flags.get("params") or [])  # the last --set of a name wins
    return ResolveOptions(**flags)


def build_parser() -> argparse.ArgumentParser:
    first = next(iter(FORMATS))
    parser = argparse.ArgumentParser(
        prog="zzreport",
        description="Build a print-ready PDF and an editable PowerPoint deck from a YAML report spec.",
        epilog=_examples(
            "zzreport build specs/report.yaml            # output/report.pdf, output/report.pptx",
            "zzreport check specs/                       # validate every spec of a folder",
            "zzreport watch specs/report.yaml            # rebuild on every save",
            f"zzreport build specs/report.yaml --format {first} -o - > report{registry.FORMATS[first].suffix}",
        )
        + "\n\n"
        + EXIT_CODES
        + "\n\n`zzreport COMMAND --help` describes each command.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"zzreport {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str, *examples: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help,
            description=description,
            epilog=_examples(*examples) + "\n\n" + EXIT_CODES if examples else EXIT_CODES,
            formatter_class=_HelpFormatter,
        )
        sub.set_defaults(error=sub.error)  # a usage error names the command: `zzreport build: error: …`
        return sub

    check = command(
        "check",
        "validate specs and their data, fonts and files (writes nothing)",
        "Validate and resolve each SPEC; report every problem with file:line:col.",
        "zzreport check specs/report.yaml",
        "zzreport check -q specs/                    # print only problems",
    )
    check.add_argument("specs", nargs="+", metavar="SPEC", type=Path, help="a spec file, or a folder of *.yaml")
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    _add_input_options(check)

    build = command(
        "build",
        "build the " + " and the ".join(f.title for f in registry.FORMATS.values()) + " of each spec",
        "Build each SPEC (a file, or a folder of *.yaml) into OUTDIR/<spec name>"
        + " and ".join(f.suffix for f in registry.FORMATS.values())
        + "\n(as the spec's `outputs` allow), with a manifest OUTDIR/<spec name>.manifest.json.",
        "zzreport build specs/report.yaml",
        f"zzreport build specs/report.yaml --format {first} -o public/",
        f"zzreport build specs/report.yaml --format {first} -o - | lp     # one format to standard output",
        "zzreport build --check specs/ -o output     # exit 3 if anything must be rebuilt",
        "zzreport build -j 2 --shard 1/4 specs/ -o output",
        "zzreport build --executor dask://10.0.0.5:8786 specs/ -o output   # on a Dask cluster",
    )
    build.add_argument("specs", nargs="+", metavar="SPEC", type=Path, help="a spec file, or a folder of *.yaml")
    build.add_argument(
        "-o",
        "--outdir",
        type=Path,
        default=Path("output"),
        metavar="OUTDIR",
        help=f"output folder, or {STDOUT} for standard output (one format)",
    )
    build.add_argument(
        "--format", default=",".join(FORMATS), metavar="FORMATS", help="comma-separated formats to build"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument(
        "-v", "--verbose", action="store_true", help="also print each spec's stage timings and disk-cache hits"
    )
    build.add_argument(
        "--check",
        action="store_true",
        help=f"write nothing; exit {EXIT_OK} if the outputs are up to date with their inputs, "
        f"{EXIT_STALE} (naming why) if they are stale, {EXIT_SPEC} if a spec has errors",
    )
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="build N specs at a time")
    build.add_argument("--shard", metavar="K/N", help="build only the K-th of N deterministic shares of the specs")
    build.add_argument(
        "--executor",
        default="local",
        metavar="WHERE",
        help="where a batch runs: local (-j N processes here) or dask://HOST:PORT, a Dask scheduler "
        "(pip install 'zzreport[dask]'); outputs are written here either way",
    )
    _add_input_options(build)

    watch = command(
        "watch",
        "build a spec, then rebuild whenever it or a file it uses changes",
        "Build SPEC, then rebuild it whenever the spec or any file it reads changes (Ctrl-C stops).",
        "zzreport watch specs/report.yaml",
        f"zzreport watch specs/report.yaml --format {first}     # rebuild one format only",
    )
    _add_single_spec_arguments(watch, "build")
    _add_input_options(watch)

    preview = command(
        "preview",
        "build a spec and write PNG thumbnails of its pages and slides plus a contact sheet",
        "Build SPEC into OUTDIR, then write OUTDIR/<spec name>-preview/ with page-NNN.png, "
        "slide-NNN.png (through LibreOffice, when installed) and contact-sheet.png.",
        "zzreport preview specs/report.yaml          # output/report-preview/contact-sheet.png",
    )
    _add_single_spec_arguments(preview, "preview")
    _add_input_options(preview)

    init = command(
        "init",
        "write a small working project to start from (a spec, a CSV, the schema)",
        "Write DIR/report.yaml (a spec using paragraphs, KPI cards, a chart and a table), the CSV it reads "
        "and\nDIR/zzreport.schema.json (for editors). Nothing is overwritten: if any of them exists, "
        "nothing is written.",
        "zzreport init                               # in the current folder",
        "zzreport init annual-report && zzreport build annual-report/report.yaml",
    )
    init.add_argument("folder", nargs="?", default=Path("."), type=Path, metavar="DIR", help="the project folder")

    diff = command(
        "diff",
        "list the values, cards, table cells, chart data and outputs that changed between two builds",
        "Compare two builds' manifests (two <spec name>.manifest.json files, or two output folders, whose\n"
        "manifests are paired by spec name) and print every named value, KPI card, table cell and\n"
        "figure point whose printed text or number changed, was added or removed, the inputs whose bytes changed\n"
        f"and the outputs whose bytes changed. Nothing is printed when nothing changed (exit {EXIT_OK}); "
        f"changes exit {EXIT_CHANGED}.",
        "zzreport diff old/ output/                   # two output folders",
        "zzreport diff old/report.manifest.json output/report.manifest.json",
        "zzreport diff --markdown old/ output/ > pr-body.md",
        "zzreport diff -q old/ output/ || echo changed",
    )
    diff.add_argument("old", metavar="OLD", type=Path, help="the earlier build: a manifest, or an output folder")
    diff.add_argument("new", metavar="NEW", type=Path, help="the later build: a manifest, or an output folder")
    diff.add_argument(
        "--markdown", action="store_true", help="print a pull-request body: a heading per report, a table per kind"
    )
    diff.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing; the exit code says whether they differ"
    )

    schema = command(
        "schema",
        "print the JSON Schema of the spec language",
        "Print the JSON Schema of zzreport specs (for editors and validators).",
        "zzreport schema -o specs/zzreport.schema.json",
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to this file instead of stdout")
    return parser


def _cmd_check(args: argparse.Namespace) -> int:
    from zzreport.api import check
    from zzreport.app.batch import Unit, expand, take_params, units

    status = EXIT_OK
    every: list[Unit] = []
    for given in args.specs:  # a spec with `slices`: each slice, or the one --slice names
        found, unlisted = (
            units(expand([given]), _limits(args), _options(args)) if given.exists() else ([Unit(given)], [])
        )
        every += found
        for failed in unlisted:
            _print_problems(failed)
            status = EXIT_SPEC
    if args.slice is not None and status == EXIT_OK and not any(unit.slice for unit in every):
        args.error(f"--slice {args.slice}: no spec given has `slices` (one report per row of a CSV)")
    every, wrong = take_params(every, _options(args).params, _limits(args))
    if wrong:
        for problem in wrong:
            print(problem, file=sys.stderr)
        return EXIT_SPEC
    for spec in every:
        try:
            options = spec.options(_options(args))
            result = check(spec.spec, limits=_limits(args), options=options)
        except SpecError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"{spec}: {_count(len(exc.problems), 'problem')}", file=sys.stderr)
            status = EXIT_SPEC
            continue
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        if not args.quiet:
            doc = result.document
            figures = sum(1 for _ in doc.figures())
            tables = sum(1 for _ in doc.tables())
            print(
                f"{spec}: ok ({_count(len(doc.sections), 'section')}, "
                f"{_count(figures, 'figure')}, {_count(tables, 'table')})"
            )
    return status


def _formats(parser_error: Any, text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        parser_error(f"--format: unknown format {', '.join(unknown) or text!r}; choose from {', '.join(FORMATS)}")
    return formats


def _cmd_build(args: argparse.Namespace) -> int:
    from zzreport.app import batch
    from zzreport.app.executors import ExecutorError, parse_executor

    formats = _formats(args.error, args.format)
    try:
        executor = parse_executor(args.executor)
    except ValueError as exc:
        args.error(str(exc))
    if str(args.outdir) == STDOUT:
        if executor.remote:
            args.error(f"-o {STDOUT} cannot be used with --executor {executor} (it builds one spec here)")
        return _build_to_stdout(args, formats)
    if args.shard:
        try:
            k, n = batch.parse_shard(args.shard)
        except ValueError as exc:
            args.error(str(exc))
    # Every report of the batch: each spec, or each slice of a spec with `slices`; a shard splits them.
    everything, unlisted = batch.units(batch.expand(args.specs), _limits(args), _options(args))
    everything, wrong = batch.take_params(everything, _options(args).params, _limits(args))
    if wrong:  # a --set no spec of the batch declares: nothing is built
        for problem in wrong:
            print(problem, file=sys.stderr)
        return EXIT_SPEC
    if args.slice is not None and not unlisted and not any(unit.slice for unit in everything):
        args.error(f"--slice {args.slice}: no spec given has `slices` (one report per row of a CSV)")
    specs = batch.shard(everything, k, n) if args.shard else everything
    if args.shard and k > 1:
        unlisted = []  # a spec whose slices cannot be read is reported (and fails) in the first share only
    for result in unlisted:
        _print_problems(result)
    if not specs:
        if not unlisted:
            print("no specs to build", file=sys.stderr)
        return EXIT_SPEC if unlisted else EXIT_OK
    if args.check:
        status = _check_outputs(args, specs, formats, everything)
        return EXIT_SPEC if unlisted else status

    from zzreport.app.progress import Progress, live_terminal

    # On a terminal, a status line names the spec being built and the time left; in a log, plain lines.
    progress = Progress(len(specs), sys.stderr, live=live_terminal(sys.stderr) and not args.quiet)

    def on_start(unit: batch.Unit) -> None:
        if not args.quiet:
            progress.start(unit)

    failed: list[batch.Unit] = [result.unit for result in unlisted]
    results = batch.run(
        specs, args.outdir, formats, _limits(args), _options(args), jobs=args.jobs,
        on_start=on_start if args.jobs <= 1 and not executor.remote else None, batch=everything, executor=executor,
    )  # fmt: skip
    try:
        for done, result in enumerate(results, start=1):
            progress.finish()
            _report(args, result, f"[{done}/{len(specs)}] " if len(specs) > 1 else "", progress, failed)
    except ExecutorError as exc:
        progress.close()
        print(exc, file=sys.stderr)
        return EXIT_SPEC
    progress.close()
    total = len(specs) + len(unlisted)
    if total > 1 and (failed or not args.quiet):
        noun = "report" if any(unit.slice is not None for unit in everything) else "spec"
        summary = f"built {total - len(failed)} of {_count(total, noun)}"
        if failed:
            summary += "; failed: " + ", ".join(str(f) for f in failed)
        print(summary, file=sys.stderr)
    return EXIT_SPEC if failed else EXIT_OK


def _report(args: argparse.Namespace, result: Any, prefix: str, progress: Any, failed: list[Any]) -> None:
    """What ``build`` prints for one spec of a batch: what it wrote, or its problems; with ``-v`` its timings."""
    if result.ok:
        made = ", ".join(
            f"{out.path} ({registry.FORMATS[out.format].count(out.pages)}, {out.size / 1024:.0f} KiB"
            + (f", embedded fonts +{out.embedded_font_bytes / 1024:.0f} KiB" if out.embedded_font_bytes else "")
            + ")"
            for out in result.outputs
        )
        if not args.quiet:
            progress.line(f"{prefix}{result.unit}: wrote {made}")
    else:
        failed.append(result.unit)
        _print_problems(result, prefix, progress.line)
    if args.verbose:
        for line in verbose_lines(result):
            progress.line(line)


def _build_to_stdout(args: argparse.Namespace, formats: list[str]) -> int:
    """``-o -``: one spec, one format, its bytes on standard output (no folder, no manifest)."""
    from zzreport.api import check
    from zzreport.builder import planned_formats, render

    if len(formats) != 1:
        args.error(
            f"-o {STDOUT} writes one format to standard output; choose one with "
            + " or ".join(f"--format {f}" for f in FORMATS)
        )
    if args.check:
        args.error(f"-o {STDOUT} cannot be used with --check (it compares a folder's outputs)")
    if args.shard:
        args.error(f"-o {STDOUT} cannot be used with --shard (it writes one spec)")
    if len(args.specs) != 1 or args.specs[0].is_dir():
        count = len(args.specs) if not args.specs[0].is_dir() else "a folder"
        args.error(f"-o {STDOUT} writes one spec to standard output, got {count}")
    out = sys.stdout.buffer
    if out.isatty():
        args.error(f"-o {STDOUT} would write binary {formats[0]} data to the terminal; redirect it (> file)")
    spec = args.specs[0]
    try:
        document = check(spec, limits=_limits(args), options=_options(args)).document
        if not planned_formats(document, formats):
            raise SpecError.single(Location(str(spec)), f"the spec disables its {formats[0]} output (`outputs`)")
        data, result = render(document, formats[0])
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{spec}: {_count(len(exc.problems), 'problem')}; nothing written", file=sys.stderr)
        return EXIT_SPEC
    out.write(data)
    out.flush()
    if not args.quiet:
        print(
            f"{spec}: wrote the {formats[0]} to standard output "
            f"({registry.FORMATS[formats[0]].count(result.pages)}, {len(data) / 1024:.0f} KiB)",
            file=sys.stderr,
        )
    return EXIT_OK


def _to_stderr(text: str) -> None:
    print(text, file=sys.stderr)


def _print_problems(result: Any, prefix: str = "", write: Callable[[str], None] = _to_stderr) -> None:
    for problem in result.problems:
        write(str(problem))
    # Outputs are replaced all together or not at all; only a failed roll-back leaves a mix, which its message names.
    written = "old and new outputs mixed, see above" if result.partial else "nothing written"
    write(f"{prefix}{result.unit}: {_count(len(result.problems), 'problem')}; {written}")


def _print_result(result: Any) -> None:
    if result.ok:
        print(f"{result.spec}: wrote " + ", ".join(str(o.path) for o in result.outputs), file=sys.stderr)
    else:
        _print_problems(result)


def verbose_lines(result: Any) -> list[str]:
    """``-v``: how long each stage of a build took, and what its disk caches answered."""
    record = result.record
    stages = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in record.stages)
    lines = [f"  stages: {stages or 'none'} (total {result.seconds * 1000:.0f} ms)"]
    kinds = sorted(set(record.hits) | set(record.misses))
    if kinds:
        lines.append(
            "  disk cache: "
            + ", ".join(
                f"{kind} {_count(record.hits[kind], 'hit')}, {_count(record.misses[kind], 'miss')}".replace(
                    "misss", "misses"
                )
                for kind in kinds
            )
        )
    else:
        lines.append("  disk cache: no entry read")
    return lines


def watch_lines(result: Any, now: time.struct_time | None = None) -> list[str]:
    """What ``watch`` prints for one build: the time it ended, what it wrote or its problems, how long it took."""
    stamp = time.strftime("%H:%M:%S", now or time.localtime())
    took = f"{result.seconds:.1f} s"
    if result.ok:
        written = ", ".join(str(o.path) for o in result.outputs)
        return [f"[{stamp}] {result.spec}: wrote {written} in {took}"]
    written = "old and new outputs mixed, see above" if result.partial else "nothing written"
    return [*result.problems, f"[{stamp}] {result.spec}: {_count(len(result.problems), 'problem')}; {written} ({took})"]


def _print_watch_result(result: Any) -> None:
    for line in watch_lines(result):
        print(line, file=sys.stderr)


def _cmd_watch(args: argparse.Namespace) -> int:
    from zzreport.app.watch import watch

    process.with_cyclic_gc()  # a long-running process: collect cycles as usual (see run())
    formats = _formats(args.error, args.format)
    print(f"watching {args.spec} (Ctrl-C to stop)", file=sys.stderr)
    watch(
        args.spec,
        args.outdir,
        formats,
        _limits(args),
        _options(args),
        _print_watch_result,
        on_error=lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr),
    )
    return EXIT_OK


def _cmd_preview(args: argparse.Namespace) -> int:
    from zzreport.app.batch import build_one
    from zzreport.app.preview import make_preview

    formats = _formats(args.error, args.format)
    print(f"building {args.spec} …", file=sys.stderr)
    result = build_one(args.spec, args.outdir, formats, _limits(args), _options(args))
    _print_result(result)
    if not result.ok:
        return EXIT_SPEC
    by_format = {o.format: o.path for o in result.outputs}
    try:
        preview = make_preview(
            by_format,
            args.outdir / f"{args.spec.stem}-preview",
            on_step=lambda step: print(f"previewing {step}", file=sys.stderr),
        )
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_SPEC
    for note in preview.notes:
        print(note, file=sys.stderr)
    print(
        f"{preview.folder}: "
        + ", ".join(_count(len(images), preview.nouns[fmt]) for fmt, images in preview.images.items())
        + (f", {preview.sheet.name}" if preview.sheet else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def _check_outputs(args: argparse.Namespace, specs: list[Any], formats: list[str], everything: list[Any]) -> int:
    from zzreport.app.batch import collisions
    from zzreport.builder import check_outputs

    status = EXIT_OK
    clashes = collisions(everything, formats, _limits(args))
    for spec in specs:  # each a report of the batch (batch.Unit): a spec, or a slice of one
        if spec in clashes:  # their outputs overwrite each other: whatever the folder holds, one of them is stale
            for problem in clashes[spec]:
                print(problem, file=sys.stderr)
            status = EXIT_SPEC
            continue
        options = spec.options(_options(args))
        try:
            reasons = check_outputs(spec.spec, args.outdir, formats, limits=_limits(args), options=options)
        except SpecError as exc:
            for located in exc.problems:
                print(located, file=sys.stderr)
            status = EXIT_SPEC
            continue
        if reasons:
            if status == EXIT_OK:  # a broken spec outranks a stale one: it cannot be rebuilt
                status = EXIT_STALE
            print(f"{spec}: stale in {args.outdir}:", file=sys.stderr)
            for reason in reasons:
                print(f"  {reason}", file=sys.stderr)
        elif not args.quiet:
            print(f"{spec}: up to date in {args.outdir}", file=sys.stderr)
    return status


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cmd_init(args: argparse.Namespace) -> int:
    from zzreport.app.scaffold import SPEC_NAME, existing, scaffold_files, write_scaffold
    from zzreport.language.schema import schema_text

    files = scaffold_files(schema_text())
    if args.folder.exists() and not args.folder.is_dir():
        args.error(f"{args.folder} is a file, not a folder")
    clash = existing(args.folder, files)
    if clash:
        verb = "exists" if len(clash) == 1 else "exist"
        args.error(f"{', '.join(map(str, clash))} already {verb}; nothing written (choose an empty folder)")
    written = write_scaffold(args.folder, files)
    for path in written.files:
        print(f"wrote {path}", file=sys.stderr)
    print(f"next: zzreport build {args.folder / SPEC_NAME}", file=sys.stderr)
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from zzreport.diff import ManifestError, as_markdown, as_text, compare_paths

    try:
        reports = compare_paths(args.old, args.new)
    except ManifestError as exc:
        print(f"zzreport diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        sys.stdout.write((as_markdown if args.markdown else as_text)(reports))
    return EXIT_CHANGED if reports else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from zzreport.language.schema import schema_text

    text = schema_text()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def run() -> None:
    """The ``zzreport`` command: :func:`main` in a short-lived process, made to behave like one.

    The process runs without the cyclic garbage collector and leaves without
    tearing the interpreter down (:mod:`zzreport.app.process`), reads font
    faces from stored readings (:mod:`zzreport.app.faces`) and labels' word
    ends from stored entries (:mod:`zzreport.app.words`) and font subsets
    from stored ones (:mod:`zzreport.app.subsets`), each with its
    measured gain; the formats of a spec are rendered in parallel
    (:mod:`zzreport.app.parallel`) unless ``ZZREPORT_PARALLEL=0``.
    """
    process.without_cyclic_gc()
    faces.use_stored_readings()
    words.use_stored_word_ends()
    subsets.use_stored_subsets()
    process.exit_now(main())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handlers = {
        "check": _cmd_check,
        "build": _cmd_build,
        "watch": _cmd_watch,
        "preview": _cmd_preview,
        "schema": _cmd_schema,
        "init": _cmd_init,
        "diff": _cmd_diff,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
