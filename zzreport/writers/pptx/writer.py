"""The PowerPoint writer: a document model in, an editable, reproducible .pptx out.

The pipeline is: open the template (ours or the author's), add the slides
(cover, agenda, per section a divider and its content, summary), group them
into PowerPoint sections (the opening, one per spec section, the summary), set the
core properties from the document rather than python-pptx's defaults, embed
the slide fonts (:mod:`~zzreport.writers.pptx.embed`), and repackage the zip
so identical documents give identical bytes.
"""

from __future__ import annotations

from typing import BinaryIO

from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document
from zzreport.writers.base import WriteContext, WriteResult, build_timestamp, property_text
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.embed import embed_fonts
from zzreport.writers.pptx.slides import DeckBuilder
from zzreport.writers.pptx.template import open_template
from zzreport.writers.pptx.thumbnail import cover_thumbnail


def _set_core_properties(prs, document: Document, when) -> None:
    """Title, author, dates from the document; none of python-pptx's sample values survive."""
    meta = document.meta
    props = prs.core_properties
    props.title = property_text(meta.title)
    props.subject = property_text(meta.subtitle)
    props.author = property_text(meta.author or meta.organisation)
    props.last_modified_by = property_text(meta.author or meta.organisation)
    props.keywords = property_text(", ".join(meta.keywords))
    props.language = property_text(meta.language)
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

    def write(self, document: Document, out: BinaryIO, context: WriteContext) -> WriteResult:
        with context.session.active():  # measuring code finds its caches in the session
            when = build_timestamp(document, context)
            fonts = FontSet.from_plan(document.font_plan)
            template = open_template(
                document.theme, fonts.family("slide"), document.assets.template, document.meta.language
            )
            builder = DeckBuilder(document, template, when, fonts)
            builder.build()
            parts = builder.sections()
            builder.link_agenda([ids for _, ids in parts[1:]])
            oxml.set_sections(template.prs, parts)
            _set_core_properties(template.prs, document, when)
            if len(template.prs.slides):
                size = (int(template.prs.slide_width or 0), int(template.prs.slide_height or 0))
                slide_fonts = fonts.roles["slide"]
                faces = (slide_fonts.regular.path, slide_fonts.bold.path)
                jpeg = cover_thumbnail(template.prs.slides[0], size, document.theme.colors, faces)
                oxml.set_thumbnail(template.prs, jpeg)
            embedded = embed_fonts(template.prs, fonts, document.theme.slides.embed_fonts)  # last: reads the text
            out.write(oxml.reproducible_package(template.prs, when, document.meta.language))
            return WriteResult(self.format, len(template.prs.slides), embedded_font_bytes=embedded.zipped_bytes)
