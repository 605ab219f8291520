"""Reproducible packages: a Word document whose bytes depend only on its content and one moment.

python-docx saves through its public ``Document.save()``; the zip it writes
carries the wall-clock time and python-docx's own member order, and its
template brings a sample ``docProps/app.xml`` ("Microsoft Macintosh Word",
one page, no words) and a thumbnail of an empty page. The zip is rewritten
by the deck's code (:func:`zzreport.drawingml.oxml.package.normalise_package`:
one date, the document's; fixed headers; ``[Content_Types].xml`` first, the
other members in name order; each embedded workbook normalised the same
way); ``app.xml`` is written from the document, and the template's
thumbnail (an empty page) and its ``stylesWithEffects`` part are left out.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile

from docx.document import Document
from lxml import etree

from zzreport.drawingml.oxml.package import normalise_package
from zzreport.writers.docx.oxml.fonts import FONT_PARTNAME

APP_PART = "docProps/app.xml"
#: Relationships to parts of python-docx's template that the document is better without: the thumbnail of an
#: empty page, and Word 2010's ``stylesWithEffects`` copy of the styles (it would contradict the styles set here).
_DROPPED_RELATIONSHIPS = ("/metadata/thumbnail", "/stylesWithEffects")
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The application named in ``docProps/app.xml``: the program that wrote the file.
APPLICATION = "zzreport"


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
    return normalise_package(saved.getvalue(), moment, replace={APP_PART: app_properties_xml(company)})


def _drop_template_parts(document: Document) -> None:
    """Unrelate the template's thumbnail and ``stylesWithEffects``: python-docx saves only parts still related."""
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_RELATIONSHIPS):
                del rels[rel_id]


#: The zip folder of the embedded faces' parts (:data:`~zzreport.writers.docx.oxml.fonts.FONT_PARTNAME`).
FONTS_FOLDER = posixpath.dirname(FONT_PARTNAME).lstrip("/") + "/"


def font_bytes(package: bytes) -> int:
    """The bytes the embedded faces take in ``package`` as saved (their compressed members).

    Read from the saved zip, not compressed once more to learn it: a face
    of the ``common`` mode is 1.7 MB, and deflating the four a document
    carries takes 0.17 s.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return sum(info.compress_size for info in archive.infolist() if info.filename.startswith(FONTS_FOLDER))
