"""Building outputs: the library entry points behind ``zzreport build``.

Every requested output is rendered into memory before anything is written,
so a failure leaves earlier outputs untouched.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from zzreport.api import check
from zzreport.concurrent_render import render_all
from zzreport.document import Document
from zzreport.errors import Location, SpecError
from zzreport.loading import Limits
from zzreport.manifest import OutputRecord, staleness, write_manifest
from zzreport.output import prepare_folder, write_atomic
from zzreport.resolve import ResolveOptions
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


def output_path(document: Document, fmt: str, outdir: Path) -> Path:
    name = getattr(document.outputs, fmt)
    return outdir / name


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
    rendered = render_all(document, wanted, write_options, render, parallel=parallel, prepare=prepare)
    prepare_folder(folder)
    outputs = []
    for fmt, data, result in rendered:
        path = output_path(document, fmt, folder)
        write_atomic(path, data)
        outputs.append(Output(fmt, path, result.pages, len(data), hashlib.sha256(data).hexdigest()))
    manifest, data = write_manifest(
        folder, document, wanted, [OutputRecord(o.format, o.path, o.sha256, o.size, o.pages) for o in outputs]
    )
    write_atomic(manifest, data)
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
