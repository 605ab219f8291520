"""The output formats zzreport can write: the one place their names are spelled.

The spec's ``show:`` and ``outputs:``, the document model's output plan, the
manifest and the command line all derive from :data:`FORMATS`; adding a format
is one writer module plus one entry here. Writers are imported only when used,
and this module imports no writer, so the spec models can read it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zzreport.writers.base import Writer


@dataclass(frozen=True)
class Format:
    """One output format, as the spec, the manifest and the command line name it."""

    #: The key in the spec (``outputs.<name>``, ``show: <name>``) and in the manifest.
    name: str
    #: The suffix of its files, which a file name given in ``outputs`` must end in.
    suffix: str
    #: What a reader calls it, for messages ("only in the deck").
    title: str
    #: What one of its pages is called ("page", "slide"), for counts and the manifest.
    unit: str
    #: Whether it is printed on the theme's ``page`` (so a table must fit across it).
    paged: bool
    #: The writer, as ``module:ClassName``, imported when first used.
    writer: str
    #: How a preview sees its files: ``""`` when they are PDFs already, else ``module:function``
    #: turning one into a PDF, ``function(path, folder) -> Path``, raising ``RuntimeError`` with the
    #: reason when it cannot (a converter not installed).
    as_pdf: str = ""
    #: Who counts its pages when the writer cannot: ``""`` when the writer does (a PDF's pages, a deck's
    #: slides); else the application that lays the file out, named in messages instead of a number.
    counted_by: str = ""
    #: The font plan's roles (``slide``; ``fallback``: its fallbacks) whose faces the file carries for editing,
    #: where a face's licence matters: one embeddable for preview and print only makes the file read-only.
    font_roles: tuple[str, ...] = ()
    #: The resolved theme's attribute choosing how it carries them (``slides.embed_fonts``), dotted.
    embedding: str = ""
    #: What its application does with such a face where it is not installed, for the warning.
    read_only: str = ""

    def count(self, n: int) -> str:
        """How many of its units a file has, as messages print it: ``"12 pages"``, ``"1 slide"``, or, when the
        count is the application's to decide, who decides it (never a number the writer cannot know)."""
        if self.counted_by:
            return f"{self.unit}s as {self.counted_by} lays them out"
        return f"{n} {self.unit}{'' if n == 1 else 's'}"

    def recorded(self, n: int) -> int | None:
        """The count a manifest records: ``None`` (JSON ``null``) when it is not the writer's to know."""
        return None if self.counted_by else n


#: Every format, in the order builds make them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("pdf", ".pdf", "PDF", "page", True, "zzreport.writers.pdf.writer:PdfWriter"),
        Format(
            "pptx",
            ".pptx",
            "deck",
            "slide",
            False,
            "zzreport.writers.pptx.writer:PptxWriter",
            as_pdf="zzreport.libreoffice:convert_to_pdf",
            font_roles=("slide",),
            embedding="slides.embed_fonts",
            read_only="PowerPoint opens the deck read-only",
        ),
        Format(
            "docx",
            ".docx",
            "Word document",
            "page",
            True,
            "zzreport.writers.docx.writer:DocxWriter",
            as_pdf="zzreport.libreoffice:convert_to_pdf",
            counted_by="the word processor",
            font_roles=("body", "heading", "figure", "fallback"),
            embedding="embed_fonts",
            read_only="Word opens the document read-only",
        ),
    )
}

#: format -> "module:ClassName" (kept for callers that only need the names).
WRITERS: dict[str, str] = {name: f.writer for name, f in FORMATS.items()}


def _named(target: str) -> object:
    module_name, _, name = target.partition(":")
    return getattr(importlib.import_module(module_name), name)


def get_writer(fmt: str) -> Writer:
    """An instance of the writer for ``fmt`` (a key of :data:`FORMATS`)."""
    writer: Writer = _named(FORMATS[fmt].writer)()  # type: ignore[operator]  # a class named by the entry
    return writer


def as_pdf(fmt: str, path: Path, folder: Path) -> Path:
    """``path`` (a file of format ``fmt``) as a PDF, converted into ``folder`` when it is not one.

    Raises ``RuntimeError`` saying why when the format's converter cannot run.
    """
    target = FORMATS[fmt].as_pdf
    if not target:
        return path
    convert = _named(target)
    result: Path = convert(path, folder)  # type: ignore[operator]  # a function named by the entry
    return result
