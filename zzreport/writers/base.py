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
    #: What the fonts a file carries for its reader add to its size (bytes, as stored); 0: none, or not told.
    embedded_font_bytes: int = 0


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class WriteContext:
    """What a writer is given besides the document: the build's options and the session owning its caches."""

    options: WriteOptions = WriteOptions()
    #: A new session (empty caches) unless the caller passes a long-lived one.
    session: Session = field(default_factory=Session)
    #: When the build began (UTC, whole seconds): the outputs' timestamp when nothing else gives one,
    #: taken once so that every format of one build carries the same moment.
    started: dt.datetime = field(default_factory=_now)


class Writer(Protocol):
    """An output format: writes ``document`` to ``out`` and reports what it wrote; nothing else."""

    format: str
    suffix: str

    def write(self, document: Document, out: BinaryIO, context: WriteContext) -> WriteResult: ...


def build_timestamp(document: Document, context: WriteContext) -> dt.datetime:
    """The moment every output records (PDF Info and XMP, the deck's core.xml and zip entries).

    ``SOURCE_DATE_EPOCH`` when set (reproducible builds: the regeneration
    workflow sets it from the last commit of the specs), else the spec's
    ``date``, else the moment the build began. Never a made-up constant: a
    reader takes the file's date for the report's. ``as_of`` is when the data
    were true, not when the report was made, so it dates nothing.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (OverflowError, ValueError, OSError):
            raise SpecError.single(
                Location("SOURCE_DATE_EPOCH"), f"the timestamp {epoch} is after the year 9999; give seconds since 1970"
            ) from None
    day = document.meta.date
    if day is not None:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return context.started


#: The longest text the Office libraries accept for a file property (they raise beyond it).
PROPERTY_CHARS = 255


def property_text(text: str) -> str:
    """``text`` cut to fit a file property, with ``…`` where it was cut.

    The file's title, subject and keywords are what a file browser shows; the
    slides and pages keep the whole text. Cutting at a character is safe for Chinese,
    and Python strings never split a surrogate pair.
    """
    if len(text) <= PROPERTY_CHARS:
        return text
    return text[: PROPERTY_CHARS - 1].rstrip() + "…"
