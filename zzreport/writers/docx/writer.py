"""The Word document writer: the report as a DOCX that Word and WPS文字 open, edit and print like the PDF.

python-docx builds the document from its default template: Word's own
styles set to the PDF's type (:mod:`.styles`), the theme's page size and
margins, the cover on a first page of its own, a contents field, the
sections (eyebrow, heading 1, takeaway, then their blocks, :mod:`.blocks`),
the closing summary, and the running header and footer (:mod:`.running`).
The settings switch on what Chinese text needs: punctuation compression,
kinsoku with zzreport's own line-start and line-end rules
(:mod:`zzreport.fonts.linebreak`), Chinese theme languages, fields
refreshed when the document opens, and Word 2013's layout rules (no 兼容模式,
tables on the text margin). Every paragraph is one paragraph of the
document: Word and WPS break its lines. The package is then rewritten so
the same document gives the same bytes (:mod:`.oxml.package`).

Last, the document carries its fonts (:mod:`.fonts`, as ``theme.embed_fonts``
says), read from the finished text.

A DOCX has no pages until Word lays it out: the writer reports no page
count (0) rather than guess one, and the registry says the word processor
counts them.
"""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Mm, Pt

from zzreport.fonts.fontset import FontSet
from zzreport.fonts.linebreak import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN
from zzreport.ir import Document
from zzreport.version import __version__
from zzreport.writers.base import WriteContext, WriteResult, build_timestamp, property_text
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.blocks import build_block
from zzreport.writers.docx.context import TARGET, WordContext
from zzreport.writers.docx.fonts import embed_fonts
from zzreport.writers.docx.front import contents, cover, section_opener, summary
from zzreport.writers.docx.running import running
from zzreport.writers.docx.text import Typesetter

#: Named page sizes in millimetres (as the PDF's: ISO A4, A5, B5 and US Letter).
NAMED_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210, 297),
    "A5": (148, 210),
    "B5": (176, 250),
    "Letter": (215.9, 279.4),
}
#: Where the header's and footer's text stands off the text frame (the PDF's running texts), in points.
HEADER_RAISE = 22.0
FOOTER_DROP = 28.0
#: The bullets' symbols, sizes (half-points) and indents (twips): the PDF's ● and –.
BULLET_SYMBOLS = (("●", 11, 280, 280), ("–", 16, 520, 240))


class DocxWriter:
    """Writes the document as an editable Word document (A4, or the theme's page)."""

    format = "docx"
    suffix = ".docx"

    def write(self, document: Document, out: BinaryIO, context: WriteContext) -> WriteResult:
        with context.session.active():  # measuring code finds its caches in the session
            word, ctx = build(document, context)
            moment = build_timestamp(document, context)
            _properties(word, document, moment)
            embed_fonts(word, ctx.fonts, document.theme.embed_fonts)  # last: reads the text
            package = oxml.reproducible_package(word, moment, document.meta.organisation)
            out.write(package)
        return WriteResult(self.format, 0, embedded_font_bytes=oxml.font_bytes(package))


def build(document: Document, context: WriteContext) -> tuple[WordDocument, WordContext]:
    """The document built in python-docx (not yet saved), and the context its blocks were built with."""
    word = docx.Document()
    moment = build_timestamp(document, context)
    latin, east_asian = st.languages(document.meta.language)
    st.set_up_styles(word, document)
    section = word.sections[0]
    width_mm, height_mm = _page_size(document)
    section.orientation = WD_ORIENT.LANDSCAPE if width_mm > height_mm else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    m = document.theme.page.margins
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance = max(Mm(m.top) - Pt(HEADER_RAISE), Pt(12))
    section.footer_distance = max(Mm(m.bottom) - Pt(FOOTER_DROP), Pt(12))
    width = int(Mm(width_mm - m.left - m.right))
    height = int(Mm(height_mm - m.top - m.bottom))
    settings = word.settings
    oxml.set_east_asian_typography(
        settings, east_asian, "".join(sorted(LINE_START_FORBIDDEN)), "".join(sorted(LINE_END_FORBIDDEN))
    )
    oxml.set_theme_languages(settings, latin, east_asian)
    oxml.set_update_fields(settings)
    oxml.drop_preview_picture(settings)
    oxml.set_current_layout_rules(settings)
    fonts = FontSet.from_plan(document.font_plan)
    ctx = WordContext(
        word,
        document,
        Typesetter(document.font_plan, latin, east_asian),
        fonts,
        width,
        height,
        figure_cache=context.options.figure_cache,
    )
    ctx.extra["moment"] = moment  # the embedded workbooks' date, the document's
    primary = st.hex_of(document.theme.colors.primary)
    heading_family = document.font_plan.family("heading")
    ctx.bullets = oxml.add_bullet_list(
        word,
        [oxml.BulletLevel(s, heading_family, primary, size, left, hang) for s, size, left, hang in BULLET_SYMBOLS],
    )
    running(section, ctx)
    cover(ctx)
    contents(ctx)
    for section_ir in document.sections:
        section_opener(section_ir, ctx)
        for block in section_ir.blocks_for(TARGET, takeaway_shown=True):
            build_block(block, ctx)
    summary(ctx)
    return word, ctx


def _page_size(document: Document) -> tuple[float, float]:
    size = document.theme.page.size
    return NAMED_SIZES[size] if isinstance(size, str) else (float(size[0]), float(size[1]))


def _properties(word: WordDocument, document: Document, moment: dt.datetime) -> None:
    """Core properties (File › Properties): title, subject, author, keywords, language, the build's moment."""
    meta = document.meta
    props = word.core_properties
    props.title = property_text(meta.title)
    props.subject = property_text(meta.subtitle)
    props.author = property_text(meta.author or meta.organisation)
    props.keywords = property_text(", ".join(meta.keywords))
    props.language = property_text(meta.language)
    props.comments = ""
    props.category = ""
    props.last_modified_by = f"zzreport {__version__}"
    props.revision = 1
    utc = moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
    props.created = utc
    props.modified = utc
