"""The PowerPoint writer: a document model in, an editable, reproducible .pptx out.

The pipeline is: open the template (ours or the author's), add the slides
(cover, agenda, per section a divider and its content, summary), set the
core properties from the document rather than python-pptx's defaults, and
repackage the zip so identical documents give identical bytes.
"""

from __future__ import annotations

from typing import BinaryIO

from zzreport.document import Document
from zzreport.writers.base import WriteOptions, WriteResult, build_timestamp
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.slides import DeckBuilder
from zzreport.writers.pptx.template import open_template


def _set_core_properties(prs, document: Document, when) -> None:
    """Title, author, dates from the document; none of python-pptx's sample values survive."""
    meta = document.meta
    props = prs.core_properties
    props.title = meta.title
    props.subject = meta.subtitle
    props.author = meta.author or meta.organisation
    props.last_modified_by = meta.author or meta.organisation
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.language
    props.category = ""
    props.comments = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.revision = 1
    naive = when.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive


class PptxWriter:
    """Writes a deck with python-pptx (see :mod:`zzreport.writers.pptx.slides` for the slide kinds)."""

    format = "pptx"
    suffix = ".pptx"

    def prepare(self, document: Document) -> None:
        """Nothing beyond importing this module: measurements are cached as the deck is built."""

    def write(self, document: Document, out: BinaryIO, options: WriteOptions) -> WriteResult:
        when = build_timestamp(document)
        template = open_template(document.theme, document.fonts.family("slide"), document.assets.template)
        builder = DeckBuilder(document, template, when)
        builder.cover()
        builder.lead()
        builder.agenda()
        for section in document.sections:
            builder.section(section)
        builder.summary()
        _set_core_properties(template.prs, document, when)
        out.write(oxml.reproducible_package(template.prs, when))
        return WriteResult(self.format, len(template.prs.slides))
