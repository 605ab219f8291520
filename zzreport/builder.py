"""Building outputs: the library entry points behind ``zzreport build``.

Every requested output is rendered into memory before anything is written,
then the outputs and the manifest replace the old ones all together or not
at all (:func:`zzreport.output.replace_together`), so a failure at any
point leaves the previous build's set exactly as it was.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from zzreport.api import check
from zzreport.concurrent_render import render_all
from zzreport.document import Document
from zzreport.errors import Location, Problem, SpecError
from zzreport.loading import Limits
from zzreport.loading.yaml_source import SourceDoc
from zzreport.manifest import OutputRecord, manifest_path, staleness, write_manifest
from zzreport.output import prepare_folder, replace_together, write_atomic
from zzreport.resolve import ResolveOptions
from zzreport.resolve.resolver import _outputs as output_plan  # the one naming rule, shared
from zzreport.spec.models import NAME_MAX_BYTES, Report
from zzreport.writers.base import WriteOptions, WriteResult
from zzreport.writers.registry import WRITERS, get_writer

FORMATS: tuple[str, ...] = tuple(WRITERS)


@dataclass(frozen=True)
class Output:
    """One file a build wrote."""

    format: str
    path: Path
    pages: int
    size: int
    sha256: str


def render(document: Document, fmt: str, options: WriteOptions = WriteOptions()) -> tuple[bytes, WriteResult]:
    """Render ``document`` as ``fmt`` (``pdf`` or ``pptx``) into memory."""
    buffer = io.BytesIO()
    result = get_writer(fmt).write(document, buffer, options)
    return buffer.getvalue(), result


def prepare(document: Document, fmt: str) -> None:
    """Load what rendering ``document`` as ``fmt`` needs once per process (see :func:`render_all`)."""
    get_writer(fmt).prepare(document)


def write(
    document: Document, fmt: str, target: str | Path | BinaryIO, options: WriteOptions = WriteOptions()
) -> WriteResult:
    """Write ``document`` as ``fmt`` to a path (atomically) or to a binary file object."""
    data, result = render(document, fmt, options)
    if isinstance(target, (str, Path)):
        write_atomic(Path(target), data)
    else:
        target.write(data)
    return result


def planned_formats(document: Document, formats: Iterable[str] | None) -> list[str]:
    """The formats to build: those asked for, among those the spec enables."""
    enabled = [f for f in FORMATS if getattr(document.outputs, f) is not None]
    if formats is None:
        return enabled
    return [f for f in FORMATS if f in set(formats) and f in enabled]


def planned_names(report: Report, formats: Iterable[str] | None) -> dict[str, str]:
    """The file names a build of ``report`` writes, by format, without resolving it (see :mod:`zzreport.batch`)."""
    plan = output_plan(report, report.origin.file if report.origin else Path("<dict>"))
    wanted = [f for f in FORMATS if getattr(plan, f) is not None and (formats is None or f in set(formats))]
    return {f: getattr(plan, f) for f in wanted}


def output_path(document: Document, fmt: str, outdir: Path) -> Path:
    name = getattr(document.outputs, fmt)
    return outdir / name


def output_location(document: Document, fmt: str) -> Location:
    """Where the spec names the ``fmt`` output (its file, when given); the spec's top when it is a default."""
    for source in document.sources:
        if isinstance(source, SourceDoc):
            return source.locate(("outputs", fmt))
    return Location(str(document.spec_path), path=f"outputs.{fmt}")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: not an input; writing there fails with a located message
        return path.absolute()


def _check_targets(document: Document, wanted: list[str], folder: Path) -> None:
    """Refuse, before rendering, outputs that cannot be written or must not be.

    An output must not replace a file the build reads (``outputs.pptx:
    template.pptx`` built into the spec's folder), and its name must fit the
    file system, which counts bytes, not the characters the spec limits.
    """
    inputs = {_resolved(path) for path in (*document.inputs, *(face.path for face in document.fonts.faces()))}
    manifest = manifest_path(folder, document.spec_path)
    targets = [(output_path(document, fmt, folder), output_location(document, fmt), "output") for fmt in wanted]
    targets.append((manifest, Location(str(document.spec_path)), "manifest"))
    problems = []
    for target, where, what in targets:
        size = len(os.fsencode(target.name))
        if size > NAME_MAX_BYTES:
            message = f"the {what} file name is {size} bytes long; file systems take at most {NAME_MAX_BYTES}"
            problems.append(Problem(where, message))
        elif _resolved(target) in inputs:
            problems.append(Problem(where, f"the {what} {target.name} would overwrite an input of the build"))
    if problems:
        raise SpecError(problems)


def build(
    spec: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] | None = None,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
    write_options: WriteOptions = WriteOptions(),
    parallel: bool = True,
) -> list[Output]:
    """Check ``spec`` and write its outputs into ``outdir``; returns what was written.

    Raises :class:`zzreport.SpecError` (nothing written) when the spec,
    its files or the output folder are wrong. With ``parallel`` the formats
    are rendered at the same time where the platform allows it.
    """
    document = check(spec, limits=limits, options=options).document
    folder = Path(outdir)
    wanted = planned_formats(document, formats)
    if not wanted:
        raise SpecError.single(Location(str(spec)), "no output to build (all requested formats are disabled)")
    _check_targets(document, wanted, folder)
    rendered = render_all(document, wanted, write_options, render, parallel=parallel, prepare=prepare)
    prepare_folder(folder)
    outputs, files = [], []
    for fmt, data, result in rendered:
        path = output_path(document, fmt, folder)
        files.append((path, data))
        outputs.append(Output(fmt, path, result.pages, len(data), hashlib.sha256(data).hexdigest()))
    manifest, data = write_manifest(
        folder, document, wanted, [OutputRecord(o.format, o.path, o.sha256, o.size, o.pages) for o in outputs]
    )
    replace_together([*files, (manifest, data)])  # the manifest last: it describes only a complete set
    return outputs


def check_outputs(
    spec: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] | None = None,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
) -> list[str]:
    """Why the outputs of ``spec`` in ``outdir`` are stale (empty list: up to date). Writes nothing."""
    document = check(spec, limits=limits, options=options).document
    wanted = planned_formats(document, formats)
    planned = {fmt: output_path(document, fmt, Path(outdir)).name for fmt in wanted}
    return staleness(Path(outdir), document, wanted, planned)
