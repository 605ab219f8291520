"""The ``zzreport`` command line: argument parsing, messages and exit codes only.

Exit codes: 0 success, 1 spec errors (each printed as
``file:line:col: key.path: message``), 2 usage errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zzreport.app import faces, process, words
from zzreport.errors import SpecError
from zzreport.loading import Limits
from zzreport.resolve import ResolveOptions
from zzreport.version import __version__
from zzreport.writers import registry

FORMATS = tuple(registry.FORMATS)

EXIT_OK, EXIT_SPEC, EXIT_USAGE = 0, 1, 2


def _add_input_options(parser: argparse.ArgumentParser) -> None:
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
        help="what a character no font covers is (default: error)",
    )
    group.add_argument("--max-bytes", type=int, default=defaults.max_bytes, help="largest spec file (bytes)")
    group.add_argument("--max-depth", type=int, default=defaults.max_depth, help="deepest YAML nesting")
    group.add_argument("--max-nodes", type=int, default=defaults.max_nodes, help="most YAML nodes, aliases expanded")
    group.add_argument(
        "--max-number", type=float, default=defaults.max_number, help="largest magnitude of a number (spec, data files)"
    )
    group.add_argument("--max-table-rows", type=int, default=rdefaults.max_table_rows, help="most rows in one table")
    group.add_argument(
        "--max-figure-points", type=int, default=rdefaults.max_figure_points, help="most data points in a figure"
    )
    group.add_argument(
        "--max-image-bytes", type=int, default=rdefaults.max_image_bytes, help="largest image file (bytes)"
    )
    group.add_argument("--max-sections", type=int, default=rdefaults.max_sections, help="most sections in one report")
    group.add_argument(
        "--max-blocks", type=int, default=rdefaults.max_blocks, help="most blocks in one report, nested ones too"
    )
    group.add_argument(
        "--max-text-chars",
        type=int,
        default=rdefaults.max_text_chars,
        help="most characters in one text (a paragraph, bullet, cell, title …)",
    )
    group.add_argument(
        "--max-total-chars",
        type=int,
        default=rdefaults.max_total_chars,
        help="most characters in all the spec's texts together",
    )
    group.add_argument(
        "--max-image-pixels",
        type=int,
        default=rdefaults.max_image_pixels,
        help="most pixels in one image, checked before it is decoded",
    )


def _add_single_spec_arguments(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("spec", metavar="SPEC", type=Path)
    parser.add_argument("-o", "--outdir", type=Path, default=Path("output"), help="output folder (default: output)")
    parser.add_argument("--format", default=",".join(FORMATS), metavar="FORMATS", help=f"formats to {verb}")


def _flags_for(options: type[Limits] | type[ResolveOptions], args: argparse.Namespace) -> dict[str, Any]:
    """The parsed values of ``options``' fields: each field is the flag of the same name (``--max-bytes``)."""
    return {field.name: getattr(args, field.name) for field in dataclasses.fields(options)}


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(**_flags_for(Limits, args))


def _options(args: argparse.Namespace) -> ResolveOptions:
    return ResolveOptions(**_flags_for(ResolveOptions, args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zzreport",
        description="Build a print-ready PDF and an editable PowerPoint deck from a YAML report spec.",
    )
    parser.add_argument("--version", action="version", version=f"zzreport {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate specs and their data, fonts and files (writes nothing)",
        description="Validate and resolve each SPEC; report every problem with file:line:col.",
    )
    check.add_argument("specs", nargs="+", metavar="SPEC", type=Path)
    check.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    _add_input_options(check)

    build = commands.add_parser(
        "build",
        help="build the " + " and the ".join(f.title for f in registry.FORMATS.values()) + " of each spec",
        description="Build each SPEC (a file, or a folder of *.yaml) into OUTDIR/<spec name>"
        + " and ".join(f.suffix for f in registry.FORMATS.values())
        + " (as the spec's `outputs` allow), with a manifest OUTDIR/<spec name>.manifest.json.",
    )
    build.add_argument("specs", nargs="+", metavar="SPEC", type=Path)
    build.add_argument("-o", "--outdir", type=Path, default=Path("output"), help="output folder (default: output)")
    build.add_argument(
        "--format",
        default=",".join(FORMATS),
        metavar="FORMATS",
        help=f"comma-separated formats to build (default: {','.join(FORMATS)})",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 0 if the outputs are up to date with their inputs, 1 (naming why) if not",
    )
    build.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="build N specs at a time")
    build.add_argument("--shard", metavar="K/N", help="build only the K-th of N deterministic shares of the specs")
    _add_input_options(build)

    watch = commands.add_parser(
        "watch",
        help="build a spec, then rebuild whenever it or a file it uses changes",
        description="Build SPEC, then rebuild it whenever the spec or any file it reads changes (Ctrl-C stops).",
    )
    _add_single_spec_arguments(watch, "build")
    _add_input_options(watch)

    preview = commands.add_parser(
        "preview",
        help="build a spec and write PNG thumbnails of its pages and slides plus a contact sheet",
        description="Build SPEC into OUTDIR, then write OUTDIR/<spec name>-preview/ with page-NNN.png, "
        "slide-NNN.png (through LibreOffice, when installed) and contact-sheet.png.",
    )
    _add_single_spec_arguments(preview, "preview")
    _add_input_options(preview)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the spec language",
        description="Print the JSON Schema of zzreport specs (for editors and validators).",
    )
    schema.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    return parser


def schema_text() -> str:
    """The spec language's JSON Schema, as shipped in ``specs/zzreport.schema.json``."""
    from zzreport.language.models import Report

    schema = Report.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _cmd_check(args: argparse.Namespace) -> int:
    from zzreport.api import check

    status = EXIT_OK
    for spec in args.specs:
        try:
            result = check(spec, limits=_limits(args), options=_options(args))
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

    formats = _formats(args.error, args.format)
    specs = everything = batch.expand(args.specs)
    if args.shard:
        try:
            k, n = batch.parse_shard(args.shard)
        except ValueError as exc:
            args.error(str(exc))
        specs = batch.shard(specs, k, n)
    if not specs:
        print("no specs to build", file=sys.stderr)
        return EXIT_OK
    if args.check:
        return _check_outputs(args, specs, formats, everything)

    def say(text: str) -> None:
        if not args.quiet:
            print(text, file=sys.stderr)

    failed: list[Path] = []
    for done, result in enumerate(batch.run(
        specs, args.outdir, formats, _limits(args), _options(args), jobs=args.jobs,
        on_start=(lambda spec: say(f"building {spec} …")) if args.jobs <= 1 else None, batch=everything,
    ), start=1):  # fmt: skip
        prefix = f"[{done}/{len(specs)}] " if len(specs) > 1 else ""
        if result.ok:
            made = ", ".join(
                f"{out.path} ({_count(out.pages, registry.FORMATS[out.format].unit)}, {out.size / 1024:.0f} KiB)"
                for out in result.outputs
            )
            say(f"{prefix}{result.spec}: wrote {made}")
        else:
            failed.append(result.spec)
            _print_problems(result, prefix)
    if len(specs) > 1 and (failed or not args.quiet):
        summary = f"built {len(specs) - len(failed)} of {_count(len(specs), 'spec')}"
        if failed:
            summary += "; failed: " + ", ".join(str(f) for f in failed)
        print(summary, file=sys.stderr)
    return EXIT_SPEC if failed else EXIT_OK


def _print_problems(result: Any, prefix: str = "") -> None:
    for problem in result.problems:
        print(problem, file=sys.stderr)
    # Outputs are replaced all together or not at all; only a failed roll-back leaves a mix, which its message names.
    written = "old and new outputs mixed, see above" if result.partial else "nothing written"
    print(f"{prefix}{result.spec}: {_count(len(result.problems), 'problem')}; {written}", file=sys.stderr)


def _print_result(result: Any) -> None:
    if result.ok:
        print(f"{result.spec}: wrote " + ", ".join(str(o.path) for o in result.outputs), file=sys.stderr)
    else:
        _print_problems(result)


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
        _print_result,
        on_error=lambda message: print(message, file=sys.stderr),
    )
    return EXIT_OK


def _cmd_preview(args: argparse.Namespace) -> int:
    from zzreport.app.batch import build_one
    from zzreport.app.preview import make_preview

    formats = _formats(args.error, args.format)
    result = build_one(args.spec, args.outdir, formats, _limits(args), _options(args))
    _print_result(result)
    if not result.ok:
        return EXIT_SPEC
    by_format = {o.format: o.path for o in result.outputs}
    try:
        preview = make_preview(by_format, args.outdir / f"{args.spec.stem}-preview")
    except SpecError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_SPEC
    for note in preview.notes:
        print(note, file=sys.stderr)
    print(
        f"{preview.folder}: "
        + ", ".join(_count(len(images), registry.FORMATS[fmt].unit) for fmt, images in preview.images.items())
        + (f", {preview.sheet.name}" if preview.sheet else ""),
        file=sys.stderr,
    )
    return EXIT_OK


def _check_outputs(args: argparse.Namespace, specs: list[Path], formats: list[str], everything: list[Path]) -> int:
    from zzreport.app.batch import collisions
    from zzreport.builder import check_outputs

    status = EXIT_OK
    clashes = collisions(everything, formats, _limits(args))
    for spec in specs:
        if spec in clashes:  # their outputs overwrite each other: whatever the folder holds, one of them is stale
            for problem in clashes[spec]:
                print(problem, file=sys.stderr)
            status = EXIT_SPEC
            continue
        try:
            reasons = check_outputs(spec, args.outdir, formats, limits=_limits(args), options=_options(args))
        except SpecError as exc:
            for located in exc.problems:
                print(located, file=sys.stderr)
            status = EXIT_SPEC
            continue
        if reasons:
            status = EXIT_SPEC
            print(f"{spec}: stale in {args.outdir}:", file=sys.stderr)
            for reason in reasons:
                print(f"  {reason}", file=sys.stderr)
        elif not args.quiet:
            print(f"{spec}: up to date in {args.outdir}", file=sys.stderr)
    return status


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cmd_schema(args: argparse.Namespace) -> int:
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
    ends from stored entries (:mod:`zzreport.app.words`), each with its
    measured gain; the formats of a spec are rendered in parallel
    (:mod:`zzreport.app.parallel`) unless ``ZZREPORT_PARALLEL=0``.
    """
    process.without_cyclic_gc()
    faces.use_stored_readings()
    words.use_stored_word_ends()
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
    }
    args.error = parser.error
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
