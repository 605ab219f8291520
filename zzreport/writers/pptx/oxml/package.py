"""Reproducible packages: a deck or workbook whose bytes depend only on its content and one moment.

python-pptx saves a deck through its public ``Presentation.save()``; the zip
it writes carries the wall-clock time, the machine's permissions and
python-pptx's own member order, and the workbooks XlsxWriter embeds stamp
``docProps/core.xml`` with the current time (python-pptx #702). Every zip is
therefore rewritten here with fixed entry headers: one date (the document's),
fixed permissions and compression, ``[Content_Types].xml`` first (as Office
expects) and the other members in name order, each embedded workbook
normalised the same way.

python-pptx has no API for ``docProps/app.xml`` and copies its template's
sample (python-pptx #702's sibling): "On-screen Show (4:3)", 0 slides, 0
notes, "Microsoft Macintosh PowerPoint" 14.0. :func:`app_properties_xml`
writes the part from the deck instead, and the repackaging puts it in place.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable

from lxml import etree
from pptx.presentation import Presentation

from zzreport.writers.pptx.oxml.base import element_of

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


#: The part python-pptx copies from its template and never updates.
APP_PART = "docProps/app.xml"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The application named in ``docProps/app.xml``: the program that wrote the file.
APPLICATION = "zzreport"

#: PowerPoint's own slide sizes (EMU) and the ``PresentationFormat`` it writes for each, with an English and a
#: Chinese (zh-CN) interface: the Info pane and a file browser show this text as it is, so a Chinese deck carries
#: the Chinese name PowerPoint itself would write ("宽屏"), not an English one.
_FORMATS: dict[tuple[int, int], tuple[str, str]] = {
    (12192000, 6858000): ("Widescreen", "宽屏"),
    (9144000, 6858000): ("On-screen Show (4:3)", "全屏显示(4:3)"),
    (9144000, 5143500): ("On-screen Show (16:9)", "全屏显示(16:9)"),
    (9144000, 5715000): ("On-screen Show (16:10)", "全屏显示(16:10)"),
}
_CUSTOM = ("Custom", "自定义")


def presentation_format(width: int, height: int, language: str) -> str:
    """The name PowerPoint gives a slide size of ``width`` × ``height`` EMU, in Chinese for a ``zh`` deck.

    A size PowerPoint has no name for (our 16:10, 13.33 × 8.33 in, is not its 10 × 6.25 in) is "Custom", as
    PowerPoint writes it for any size set by hand.
    """
    names = _FORMATS.get((width, height), _CUSTOM)
    return names[1] if language.lower().split("-")[0] == "zh" else names[0]


def app_properties_xml(presentation: Presentation, language: str) -> bytes:
    """``docProps/app.xml`` true of ``presentation``: its format, slide, notes and hidden-slide counts.

    Word and paragraph counts and the titles of parts (theme, fonts, slide titles) are left out rather
    than guessed: every one is optional (ECMA-376 part 1, 22.2), and PowerPoint recounts them on save.
    """
    slides = list(presentation.slides)
    hidden = sum(1 for slide in slides if element_of(slide).get("show") in ("0", "false"))
    width, height = int(presentation.slide_width or 0), int(presentation.slide_height or 0)
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP, "vt": _VT})
    for name, value in (
        ("Application", APPLICATION),
        ("PresentationFormat", presentation_format(width, height, language)),
        ("Slides", str(len(slides))),
        ("Notes", str(sum(1 for slide in slides if slide.has_notes_slide))),
        ("HiddenSlides", str(hidden)),
        ("MMClips", "0"),
        ("ScaleCrop", "false"),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{_EP}}}{name}").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: The package's thumbnail part (python-pptx's default template ships a generic picture).
THUMBNAIL_PART = "/docProps/thumbnail.jpeg"


def set_thumbnail(presentation: Presentation, jpeg: bytes) -> bool:
    """Replace the package's thumbnail picture with ``jpeg``; False when the package has none (left so)."""
    for part in presentation.part.package.iter_parts():
        if str(part.partname) == THUMBNAIL_PART:
            part.blob = jpeg
            return True
    return False


def normalise_package(blob: bytes, moment: dt.datetime, replace: dict[str, bytes] | None = None) -> bytes:
    """A saved .pptx rewritten so its bytes depend only on its content and ``moment``.

    A member named in ``replace`` (one the package has) is written with the bytes given instead.
    """
    stamp, iso = _stamps(moment)
    replace = replace or {}

    def member(name: str, data: bytes) -> bytes:
        if name in replace:
            return replace[name]
        return _stable_workbook(data, stamp, iso) if name.endswith(".xlsx") else data

    return _rewrite_zip(blob, stamp, member, sort=True)


def reproducible_package(presentation: Presentation, moment: dt.datetime, language: str = "") -> bytes:
    """The presentation saved with python-pptx's public ``save()``, then normalised (:func:`normalise_package`),
    with ``docProps/app.xml`` written from the deck (:func:`app_properties_xml`)."""
    saved = io.BytesIO()
    presentation.save(saved)
    return normalise_package(saved.getvalue(), moment, {APP_PART: app_properties_xml(presentation, language)})


def normalise_xlsx(blob: bytes, when: dt.datetime) -> bytes:
    """Rewrite an xlsx so its bytes depend only on its content and ``when``.

    XlsxWriter stamps ``dcterms:created``/``modified`` in ``docProps/core.xml``
    with the current time; every zip entry is rewritten with ``when`` as its
    date and a fixed compression, in the original entry order (the same code
    :func:`normalise_package` runs on the deck's embedded workbooks).
    """
    return _stable_workbook(blob, *_stamps(when))
