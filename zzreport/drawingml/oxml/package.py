"""Reproducible packages: an Office file or workbook whose bytes depend only on its content and one moment.

A saved package (python-pptx's ``save()``, or any OPC writer's) carries the
wall-clock time, the machine's permissions and the library's own member
order, and the workbooks XlsxWriter embeds in charts stamp
``docProps/core.xml`` with the current time (python-pptx #702). Every zip is
therefore rewritten here with fixed entry headers: one date (the
document's), fixed permissions and compression, ``[Content_Types].xml``
first (as Office expects) and the other members in name order, each
embedded workbook normalised the same way.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable

#: The W3CDTF dates XlsxWriter stamps into ``docProps/core.xml`` with the wall clock.
_CORE_DATE_RE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")

Stamp = tuple[int, int, int, int, int, int]


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as a naive UTC time (a naive one is taken as UTC), so no output depends on the machine's zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.replace(tzinfo=None)


def zip_timestamp(moment: dt.datetime) -> Stamp:
    """A zip entry date (zip stores only 1980 to 2107: a spec dated 9999 is stamped 2107-12-31)."""
    moment = min(max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: Stamp) -> zipfile.ZipInfo:
    """A zip entry header that depends only on the name and ``stamp`` (not on the OS or umask)."""
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def _stamps(moment: dt.datetime) -> tuple[Stamp, bytes]:
    """The zip entry date and the W3CDTF ``dcterms`` date that ``moment`` stands for, both in UTC."""
    utc = _utc(moment)
    return zip_timestamp(utc), utc.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def _zip_entries(entries: Iterable[tuple[str, bytes]], stamp: Stamp) -> bytes:
    """A zip of ``entries`` in the order given, every entry with the same fixed header."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(_entry(name, stamp), data)
    return out.getvalue()


def _office_order(names: Iterable[str]) -> list[str]:
    """``[Content_Types].xml`` first (as Office expects), the rest in name order."""
    return sorted(names, key=lambda n: (n != "[Content_Types].xml", n))


def _rewrite_zip(blob: bytes, stamp: Stamp, transform: Callable[[str, bytes], bytes], *, sort: bool) -> bytes:
    """Copy a zip entry by entry through ``transform`` (in Office order if ``sort``), with fixed headers."""
    with zipfile.ZipFile(io.BytesIO(blob)) as source:
        names = _office_order(source.namelist()) if sort else source.namelist()
        return _zip_entries(((name, transform(name, source.read(name))) for name in names), stamp)


def _stable_workbook(blob: bytes, stamp: Stamp, iso: bytes) -> bytes:
    """An xlsx with fixed entry headers and ``iso`` as its ``dcterms:created``/``modified`` dates."""

    def fix_dates(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return _CORE_DATE_RE.sub(lambda m: m.group(1) + iso + m.group(3), data)

    return _rewrite_zip(blob, stamp, fix_dates, sort=False)


def normalise_package(blob: bytes, moment: dt.datetime, replace: dict[str, bytes] | None = None) -> bytes:
    """A saved package (.pptx and its kin) rewritten so its bytes depend only on its content and ``moment``.

    A member named in ``replace`` (one the package has) is written with the bytes given instead.
    """
    stamp, iso = _stamps(moment)
    replace = replace or {}

    def member(name: str, data: bytes) -> bytes:
        if name in replace:
            return replace[name]
        return _stable_workbook(data, stamp, iso) if name.endswith(".xlsx") else data

    return _rewrite_zip(blob, stamp, member, sort=True)


def normalise_xlsx(blob: bytes, when: dt.datetime) -> bytes:
    """Rewrite an xlsx so its bytes depend only on its content and ``when``.

    XlsxWriter stamps ``dcterms:created``/``modified`` in ``docProps/core.xml``
    with the current time; every zip entry is rewritten with ``when`` as its
    date and a fixed compression, in the original entry order (the same code
    :func:`normalise_package` runs on the deck's embedded workbooks).
    """
    return _stable_workbook(blob, *_stamps(when))
