"""Building outputs: the library entry points behind ``zzreport build``.

:func:`build` reads top to bottom: load, resolve and check the spec; refuse
targets that cannot be written; render every requested format into memory,
one after the other; then replace the outputs and the manifest all together
or not at all (:func:`zzreport.output.replace_together`), so a failure at any
point leaves the previous build's set exactly as it was.

The library never starts a process or a thread: it is safe to call from a
threaded service. Rendering the formats at the same time is a trick of the
short-lived command line (:mod:`zzreport.app.parallel`), which passes its
own ``render_formats`` with the same signature and the same bytes as
:func:`render_serially`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from zzreport.api import check
from zzreport.errors import Location, Problem, SpecError
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document
from zzreport.language.models import NAME_MAX_BYTES, Report
from zzreport.loading import Limits
from zzreport.manifest import OutputRecord, manifest_path, staleness, write_manifest
from zzreport.output import prepare_folder, replace_together, write_atomic
from zzreport.resolve import ResolveOptions
from zzreport.resolve.resolver import _outputs as output_plan  # the one naming rule, shared
from zzreport.session import Session
from zzreport.stages import stage
from zzreport.writers.base import WriteContext, WriteOptions, WriteResult
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
    #: Bytes of the file that are fonts carried for its reader (a deck's embedded faces, as stored); 0: none.
    embedded_font_bytes: int = 0


@dataclass(frozen=True)
class Rendered:
    """One format of a document, rendered into memory and not yet written."""

    format: str
    data: bytes
    result: WriteResult


#: How :func:`build` renders the formats of one document: ``(document, formats, context)`` to one
#: :class:`Rendered` per format, in the order asked for. The library's is :func:`render_serially`.
RenderFormats = Callable[[Document, Sequence[str], WriteContext], list[Rendered]]


def _context(options: WriteOptions, session: Session | None) -> WriteContext:
    return WriteContext(options, Session() if session is None else session)


def render(
    document: Document, fmt: str, options: WriteOptions = WriteOptions(), *, session: Session | None = None
) -> tuple[bytes, WriteResult]:
    """Render ``document`` as ``fmt`` (a format of the writer registry) into memory.

    ``session`` owns the caches the writer uses; a long-lived caller (a
    service rendering many reports) passes its own, else each call has a new one.
    """
    return _render(document, fmt, _context(options, session))


def _render(document: Document, fmt: str, context: WriteContext) -> tuple[bytes, WriteResult]:
    buffer = io.BytesIO()
    result = get_writer(fmt).write(document, buffer, context)
    return buffer.getvalue(), result


def render_serially(document: Document, formats: Sequence[str], context: WriteContext) -> list[Rendered]:
    """Every format of ``document``, one after the other, in this process and thread."""
    return [Rendered(fmt, *_render(document, fmt, context)) for fmt in formats]


def write(
    document: Document,
    fmt: str,
    target: str | Path | BinaryIO,
    options: WriteOptions = WriteOptions(),
    *,
    session: Session | None = None,
) -> WriteResult:
    """Write ``document`` as ``fmt`` to a path (atomically) or to a binary file object."""
    data, result = render(document, fmt, options, session=session)
    if isinstance(target, (str, Path)):
        write_atomic(Path(target), data)
    else:
        target.write(data)
    return result


def planned_formats(document: Document, formats: Iterable[str] | None) -> list[str]:
    """The formats to build: those asked for, among those the spec enables."""
    enabled = [f for f in FORMATS if f in document.outputs]
    if formats is None:
        return enabled
    return [f for f in FORMATS if f in set(formats) and f in enabled]


def planned_names(report: Report, formats: Iterable[str] | None, slice_key: str | None = None) -> dict[str, str]:
    """The file names a build of ``report`` (its slice ``slice_key``) writes, by format, without resolving it.

    See :mod:`zzreport.app.batch`.
    """
    plan = output_plan(report, report.origin.file if report.origin else Path("<dict>"), slice_key)
    return {f: name for f, name in plan.items() if formats is None or f in set(formats)}


def output_path(document: Document, fmt: str, outdir: Path) -> Path:
    name = document.outputs[fmt]
    return outdir / name


def output_location(document: Document, fmt: str) -> Location:
    """Where the spec names the ``fmt`` output (its file, when given); the spec's top when it is a default."""
    found = document.places.get(("outputs", fmt))
    return found if found is not None else Location(str(document.spec_path), path=f"outputs.{fmt}")


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
    faces = FontSet.from_plan(document.font_plan).faces()
    inputs = {_resolved(path) for path in (*document.inputs, *(face.path for face in faces))}
    manifest = manifest_path(folder, document.spec_path, document.slice)
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


@dataclass(frozen=True)
class Prepared:
    """A build rendered into memory and not yet written: its files in writing order (the manifest last).

    :func:`build` is :func:`prepare` then :func:`commit`. They are apart so
    that a batch on other machines (``zzreport build --executor dask://…``)
    can prepare on a worker and commit where the output folder is, with the
    same bytes and the same all-or-nothing replacement as a local build.
    """

    folder: Path
    #: ``(file name inside folder, bytes)``: the outputs in format order, then the manifest.
    files: tuple[tuple[str, bytes], ...]
    outputs: tuple[Output, ...]

    def into(self, folder: Path) -> Prepared:
        """The same build, to be written into ``folder`` (the names and bytes unchanged)."""
        outputs = tuple(dataclasses.replace(o, path=folder / o.path.name) for o in self.outputs)
        return Prepared(folder, self.files, outputs)


def prepare(
    spec: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] | None = None,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
    write_options: WriteOptions = WriteOptions(),
    session: Session | None = None,
    render_formats: RenderFormats = render_serially,
    params: Mapping[str, str | float] | None = None,
) -> Prepared:
    """Check ``spec`` and render what :func:`build` would write into ``outdir``; writes nothing.

    Raises :class:`zzreport.SpecError` as :func:`build` does, except for
    problems of the folder itself, which :func:`commit` finds. ``params``
    sets the spec's params, as ``--set name=value`` does.
    """
    document = check(spec, limits=limits, options=options, params=params).document
    folder = Path(outdir)
    wanted = planned_formats(document, formats)
    if not wanted:
        raise SpecError.single(Location(str(spec)), "no output to build (all requested formats are disabled)")
    _check_targets(document, wanted, folder)

    with stage("render " + "+".join(wanted)):
        rendered = render_formats(document, wanted, _context(write_options, session))

    files: list[tuple[str, bytes]] = []
    outputs: list[Output] = []
    for item in rendered:
        path = output_path(document, item.format, folder)
        files.append((path.name, item.data))
        digest = hashlib.sha256(item.data).hexdigest()
        outputs.append(
            Output(item.format, path, item.result.pages, len(item.data), digest, item.result.embedded_font_bytes)
        )
    records = [OutputRecord(o.format, o.path, o.sha256, o.size, o.pages, o.embedded_font_bytes) for o in outputs]
    manifest, data = write_manifest(folder, document, wanted, records)
    return Prepared(folder, (*files, (manifest.name, data)), tuple(outputs))


def commit(prepared: Prepared) -> list[Output]:
    """Write a prepared build into its folder: every file replaced together, or none (the manifest last)."""
    folder = prepare_folder(prepared.folder)
    with stage("write"):
        replace_together([(folder / name, data) for name, data in prepared.files])
    return list(prepared.outputs)


def build(
    spec: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] | None = None,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
    write_options: WriteOptions = WriteOptions(),
    session: Session | None = None,
    render_formats: RenderFormats = render_serially,
    params: Mapping[str, str | float] | None = None,
) -> list[Output]:
    """Check ``spec`` and write its outputs into ``outdir``; returns what was written.

    Raises :class:`zzreport.SpecError` (nothing written) when the spec,
    its files or the output folder are wrong. ``session`` owns the caches
    (a new one when None); ``render_formats`` is how the formats are
    rendered, :func:`render_serially` unless the caller brings its own.
    ``params`` sets the spec's params, as ``--set name=value`` does.
    """
    prepared = prepare(
        spec,
        outdir,
        formats,
        limits=limits,
        options=options,
        write_options=write_options,
        session=session,
        render_formats=render_formats,
        params=params,
    )
    return commit(prepared)


def check_outputs(
    spec: str | Path,
    outdir: str | Path = "output",
    formats: Sequence[str] | None = None,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
    params: Mapping[str, str | float] | None = None,
) -> list[str]:
    """Why the outputs of ``spec`` in ``outdir`` are stale (empty list: up to date). Writes nothing."""
    document = check(spec, limits=limits, options=options, params=params).document
    wanted = planned_formats(document, formats)
    planned = {fmt: output_path(document, fmt, Path(outdir)).name for fmt in wanted}
    return staleness(Path(outdir), document, wanted, planned)
