"""What every writer is: a format name, a suffix and ``write(document, out, context) -> WriteResult``.

Adding an output format means adding one writer module and one line in
:mod:`zzreport.writers.registry`; a test checks that every writer handles
every block kind of the document model.

A writer gets everything beyond the document through its
:class:`WriteContext`: the choices of the person running the build
(:class:`WriteOptions`) and the :class:`~zzreport.session.Session` that owns
the caches it may use. It keeps no state between calls, so one writer serves
any number of builds, in any thread, in the process that asked for them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from zzreport.errors import Location, SpecError
from zzreport.ir import Document
from zzreport.session import Session

#: Used when neither SOURCE_DATE_EPOCH nor the spec gives a date, so that
#: identical inputs always give identical bytes.
FALLBACK_TIMESTAMP = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class WriteOptions:
    """Choices of the person running the build."""

    #: Where drawn figures are cached (None: the default cache folder).
    figure_cache: Path | None = None


@dataclass(frozen=True)
class WriteResult:
    """What a writer reports about the file it wrote."""

    format: str
    pages: int  # pages of a PDF, slides of a deck


@dataclass(frozen=True)
class WriteContext:
    """What a writer is given besides the document: the build's options and the session owning its caches."""

    options: WriteOptions = WriteOptions()
    #: A new session (empty caches) unless the caller passes a long-lived one.
    session: Session = field(default_factory=Session)


class Writer(Protocol):
    """An output format: writes ``document`` to ``out`` and reports what it wrote; nothing else."""

    format: str
    suffix: str

    def write(self, document: Document, out: BinaryIO, context: WriteContext) -> WriteResult: ...


def build_timestamp(document: Document) -> dt.datetime:
    """The moment written into outputs: SOURCE_DATE_EPOCH, else the spec's date, else a constant.

    Never the wall clock, so a rebuild from identical inputs is byte-identical.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (OverflowError, ValueError, OSError):
            raise SpecError.single(
                Location("SOURCE_DATE_EPOCH"), f"the timestamp {epoch} is after the year 9999; give seconds since 1970"
            ) from None
    day = document.meta.date or document.meta.as_of
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return FALLBACK_TIMESTAMP
