"""Reproducible packages: a Word document whose bytes depend only on its content and one moment.

python-docx saves through its public ``Document.save()``; the zip it writes
carries the wall-clock time and python-docx's own member order, and its
template brings a sample ``docProps/app.xml`` ("Microsoft Macintosh Word",
one page, no words) and a thumbnail of an empty page. The zip is rewritten
here with fixed entry headers (one date, the document's; fixed permissions
and compression), ``[Content_Types].xml`` first, the other members in name
order, each embedded workbook normalised the same way; ``app.xml`` is
written from the document, and the template's thumbnail (an empty page) and
its ``stylesWithEffects`` part are left out.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable

from docx.document import Document
from lxml import etree

Stamp = tuple[int, int, int, int, int, int]

#: The W3CDTF dates a workbook writer stamps into ``docProps/core.xml`` with the wall clock.
_CORE_DATE_RE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
APP_PART = "docProps/app.xml"
#: Relationships to parts of python-docx's template that the document is better without: the thumbnail of an
#: empty page, and Word 2010's ``stylesWithEffects`` copy of the styles (it would contradict the styles set here).
_DROPPED_RELATIONSHIPS = ("/metadata/thumbnail", "/stylesWithEffects")
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The application named in ``docProps/app.xml``: the program that wrote the file.
APPLICATION = "zzreport"


def zip_timestamp(moment: dt.datetime) -> Stamp:
    """A zip entry date in UTC (zip stores only 1980 to 2107: later dates are stamped 2107-12-31)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    moment = min(max(moment.replace(tzinfo=None), dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _entry(name: str, stamp: Stamp) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    info.create_system = 0
    return info


def _rewrite(blob: bytes, stamp: Stamp, transform: Callable[[str, bytes], bytes | None], *, sort: bool) -> bytes:
    """Copy a zip entry by entry through ``transform`` (``None`` drops an entry), with fixed headers."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names: Iterable[str] = source.namelist()
        if sort:
            names = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            data = transform(name, source.read(name))
            if data is not None:
                target.writestr(_entry(name, stamp), data)
    return out.getvalue()


def _iso(moment: dt.datetime) -> bytes:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def _stable_workbook(blob: bytes, stamp: Stamp, iso: bytes) -> bytes:
    def fix_dates(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return _CORE_DATE_RE.sub(lambda m: m.group(1) + iso + m.group(3), data)

    return _rewrite(blob, stamp, fix_dates, sort=False)


def app_properties_xml(company: str) -> bytes:
    """``docProps/app.xml`` true of the document: the application, and no page or word counts.

    Pages, words and lines are only known once Word lays the document out;
    every one is optional (ECMA-376 part 1, 22.2), and Word recounts them on save.
    """
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP, "vt": _VT})
    for name, value in (
        ("Application", APPLICATION),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{_EP}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def reproducible_package(document: Document, moment: dt.datetime, company: str = "") -> bytes:
    """The document saved with python-docx's public ``save()``, then rewritten to depend only on ``moment``
    (``company``: the organisation ``app.xml`` names, as Word's Properties › Company shows it)."""
    _drop_template_parts(document)
    saved = io.BytesIO()
    document.save(saved)
    stamp, iso = zip_timestamp(moment), _iso(moment)
    app = app_properties_xml(company)

    def member(name: str, data: bytes) -> bytes | None:
        if name == APP_PART:
            return app
        return _stable_workbook(data, stamp, iso) if name.endswith(".xlsx") else data

    return _rewrite(saved.getvalue(), stamp, member, sort=True)


def _drop_template_parts(document: Document) -> None:
    """Unrelate the template's thumbnail and ``stylesWithEffects``: python-docx saves only parts still related."""
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_RELATIONSHIPS):
                del rels[rel_id]
