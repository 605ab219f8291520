"""The deck's reproducible package: saved, normalised, and its ``docProps/app.xml`` written from the deck.

python-pptx saves a deck through its public ``Presentation.save()``; the zip
it writes carries the wall-clock time, the machine's permissions and
python-pptx's own member order (python-pptx #702). The zip is rewritten with
fixed entry headers by :func:`zzreport.drawingml.oxml.package.normalise_package`,
which the charts' workbooks share.

python-pptx has no API for ``docProps/app.xml`` and copies its template's
sample (python-pptx #702's sibling): "On-screen Show (4:3)", 0 slides, 0
notes, "Microsoft Macintosh PowerPoint" 14.0. :func:`app_properties_xml`
writes the part from the deck instead, and the repackaging puts it in place.
"""

from __future__ import annotations

import datetime as dt
import io

from lxml import etree
from pptx.presentation import Presentation

from zzreport.drawingml.oxml.package import normalise_package, normalise_xlsx, zip_timestamp
from zzreport.writers.pptx.oxml.base import element_of

__all__ = [
    "APPLICATION",
    "APP_PART",
    "THUMBNAIL_PART",
    "app_properties_xml",
    "normalise_package",
    "normalise_xlsx",
    "presentation_format",
    "reproducible_package",
    "set_thumbnail",
    "zip_timestamp",
]

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


def reproducible_package(presentation: Presentation, moment: dt.datetime, language: str = "") -> bytes:
    """The presentation saved with python-pptx's public ``save()``, then normalised (:func:`normalise_package`),
    with ``docProps/app.xml`` written from the deck (:func:`app_properties_xml`)."""
    saved = io.BytesIO()
    presentation.save(saved)
    return normalise_package(saved.getvalue(), moment, {APP_PART: app_properties_xml(presentation, language)})
