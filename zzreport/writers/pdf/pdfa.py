"""Finish a reportlab PDF as PDF/A-2b, or tagged as PDF/A-2a and PDF/UA-1, with full metadata, reproducibly.

reportlab writes the page content; pikepdf then adds what archives and
printers check: XMP metadata that mirrors the document info (with
``pdfaid:part=2``, ``conformance=B``), an sRGB output intent, the language
in the catalogue, the print flag on every annotation, and dates taken from the build timestamp, never the clock,
with a document ID derived from the content. When the writer recorded the
document's structure (``theme.page.tagged``), the structure tree goes in
(:mod:`zzreport.writers.pdf.structure`), ``/MarkInfo`` says so, and the XMP
says ``conformance=A`` and ``pdfuaid:part=1``.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

import pikepdf

from zzreport.ir import Document
from zzreport.version import __version__
from zzreport.writers.pdf.structure import add_pdfua_extension, write_structure
from zzreport.writers.pdf.tagging import Recorder

PRODUCER = f"zzreport {__version__}"


#: The output intent's profile: LittleCMS's built-in sRGB (``PIL.ImageCms.createProfile("sRGB")``,
#: 588 bytes) with its creation date and profile ID zeroed (zero means "not computed"). Shipped
#: rather than made at run time, so the PDF's bytes do not depend on the LittleCMS installed.
SRGB_PROFILE = Path(__file__).with_name("sRGB.icc")


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """The sRGB ICC profile of the output intent."""
    return SRGB_PROFILE.read_bytes()


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


#: Annotation flags (ISO 32000-1 12.5.3): PDF/A-2 (6.3.2) wants Print set and these clear.
PRINT_FLAG = 4
HIDING_FLAGS = 1 | 2 | 32 | 256  # Invisible, Hidden, NoView, ToggleNoView


def _print_annotations(pdf: pikepdf.Pdf) -> None:
    """Give every annotation (the contents' links among them) the print flag ISO 19005-2 6.3.2 requires.

    reportlab writes its link annotations without ``/F``, which means
    "not printed" and fails PDF/A; setting it here covers every source of
    annotations at once.
    """
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            annot.F = (int(annot.get("/F", 0)) | PRINT_FLAG) & ~HIDING_FLAGS


def finish_pdf(raw: bytes, document: Document, when: dt.datetime, tagger: Recorder | None = None) -> bytes:
    """Return ``raw`` with PDF/A-2b metadata, output intent, /Lang, printable annotations and fixed dates;
    with ``tagger``'s structure tree as PDF/A-2a and PDF/UA-1."""
    meta = document.meta
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        _print_annotations(pdf)
        root = pdf.Root
        root.Lang = pikepdf.String(meta.language)
        root.MarkInfo = pikepdf.Dictionary(Marked=tagger is not None)
        if tagger is not None:
            write_structure(pdf, tagger)
        root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        icc = pikepdf.Stream(pdf, srgb_profile())
        icc.N = 3
        root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                    Info=pikepdf.String("sRGB IEC61966-2.1"),
                    DestOutputProfile=icc,
                )
            ]
        )
        info = pdf.docinfo
        info.Title = pikepdf.String(meta.title)
        info.Author = pikepdf.String(meta.author or meta.organisation)
        info.Subject = pikepdf.String(meta.subtitle or meta.title)
        info.Keywords = pikepdf.String(", ".join(meta.keywords))
        info.Creator = pikepdf.String(PRODUCER)
        info.Producer = pikepdf.String(PRODUCER)
        info.CreationDate = pikepdf.String(_pdf_date(when))
        info.ModDate = pikepdf.String(_pdf_date(when))
        if "/Trapped" in info:
            del info.Trapped  # no XMP equivalent in PDF/A-2; reportlab's default adds nothing
        iso = when.isoformat()
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(info)
            xmp["pdfaid:part"] = "2"
            xmp["pdfaid:conformance"] = "A" if tagger is not None else "B"
            if tagger is not None:
                xmp["pdfuaid:part"] = "1"
            xmp["xmp:CreateDate"] = iso
            xmp["xmp:ModifyDate"] = iso
            xmp["xmp:MetadataDate"] = iso
            xmp["pdf:Producer"] = PRODUCER
            xmp["xmp:CreatorTool"] = PRODUCER
            xmp["dc:language"] = [meta.language]
        if tagger is not None:
            add_pdfua_extension(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            linearize=False,
        )
    return out.getvalue()
