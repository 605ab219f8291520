"""The running header and footer, as the PDF's: title and section above, page label, footer and source below.

The header holds the report title at the left and, at the right, the
section a page is in (a ``STYLEREF`` field on heading 1, which Word
fills per page), over a thin rule. The footer holds the spec's footer line
at the left, the page label centred (the theme's words, "第 X 页 / 共 Y
页", with ``PAGE`` and ``NUMPAGES`` fields where the numbers go: only Word
knows them) and the source line at the right. The cover has neither (a
first page of its own).
"""

from __future__ import annotations

from docx.section import Section
from docx.text.paragraph import Paragraph

from zzreport import ir
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.context import WordContext

#: The Word field that prints each of the page label's numbers.
PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def field(ctx: WordContext, paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A field in ``paragraph`` showing ``shown`` until the application computes it."""
    setter = ctx.setter
    oxml.mark_field_char(setter.run(paragraph, "", "heading"), "begin")
    oxml.mark_instruction(setter.run(paragraph, "", "heading"), f" {instruction} ")
    oxml.mark_field_char(setter.run(paragraph, "", "heading"), "separate")
    if shown:
        setter.run(paragraph, shown, "heading")
    oxml.mark_field_char(setter.run(paragraph, "", "heading"), "end")


def page_label(ctx: WordContext, paragraph: Paragraph, label: ir.PageLabel) -> None:
    """The page label's words with a field in each number's place."""
    setter = ctx.setter
    if label.texts[0]:
        setter.run(paragraph, label.texts[0], "heading")
    for name, text in zip(label.fields, label.texts[1:], strict=True):
        field(ctx, paragraph, PAGE_FIELDS[name])
        if text:
            setter.run(paragraph, text, "heading")


def running(section: Section, ctx: WordContext) -> None:
    """The header and the footer of every page but the cover."""
    document, colors = ctx.document, ctx.theme.colors
    right = ctx.width // 635
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = ctx.style(st.HEADER)
    oxml.add_tab_stops(header, [("right", right, "none")])
    ctx.setter.run(header, document.meta.title, "heading")
    ctx.setter.run(header, "\t", "heading")
    field(ctx, header, f'STYLEREF "{st.HEADINGS[1].lower()}"')
    oxml.set_paragraph_border(header, "bottom", st.hex_of(colors.muted), 3, space=4)
    footer = section.footer.paragraphs[0]
    footer.style = ctx.style(st.FOOTER)
    oxml.add_tab_stops(footer, [("center", right // 2, "none"), ("right", right, "none")])
    if document.meta.footer:
        ctx.setter.run(footer, document.meta.footer, "heading")
    ctx.setter.run(footer, "\t", "heading")
    page_label(ctx, footer, document.theme.page.page_number)
    ctx.setter.run(footer, "\t", "heading")
    if document.meta.source_line:
        ctx.setter.run(footer, document.meta.source_line, "heading")
    # The cover's own (first-page) header and footer stay empty.
    for empty in (section.first_page_header, section.first_page_footer):
        empty.is_linked_to_previous = False
