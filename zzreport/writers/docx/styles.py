"""The Word document's styles: Word's own built-in styles, set to the PDF's type sizes, faces and colours.

Headings are Word's built-in ``heading 1``–``heading 3`` (a Chinese Word or
WPS shows them as 标题 1–3), body text ``Normal`` (正文), captions
``caption`` (题注), the contents ``toc 1``/``toc 2`` (目录 1/2): the
navigation pane, the contents field and a reader's own "apply style" find
them by those names. The few styles Word has no built-in for (the section
eyebrow, the takeaway, notes under figures, KPI card lines) and the table
style are named in Chinese, as a Chinese user would name them.

Sizes, leading and faces are those of the PDF (Song body at 10.5 pt, 五号;
Hei headings on the 号 scale); every style names its faces for Latin and
East Asian text alike, with the document's languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle

from zzreport.ir import Document, FontPlan
from zzreport.writers.docx import oxml
from zzreport.writers.docx.oxml import text as oxml_text


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: role (FontSet role), size and leading in points, colour, weight, spacing."""

    name: str
    role: str
    size: float
    leading: float
    color: str
    bold: bool = False
    before: float = 0.0
    after: float = 0.0
    align: str = "left"
    #: Outline level of a heading (0 for heading 1); None for body styles.
    outline: int | None = None
    keep_next: bool = False
    #: Left indent in points (the contents' second and third levels).
    indent: float = 0.0
    #: The Chinese name a built-in style is also known by (``w:aliases``).
    alias: str = ""


#: The names the writer uses, as Word spells its built-in styles (python-docx's UI names).
NORMAL = "Normal"
HEADINGS = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
TITLE = "Title"
SUBTITLE = "Subtitle"
CAPTION = "Caption"
HEADER = "Header"
FOOTER = "Footer"
CONTENTS_TITLE = "TOC Heading"
CONTENTS = {1: "toc 1", 2: "toc 2", 3: "toc 3"}
#: Styles Word has no built-in for.
EYEBROW = "章节眉题"
TAKEAWAY = "章节要点"
NOTE = "图表注释"
COVER_META = "封面信息"
CARD_LABEL = "指标名称"
CARD_VALUE = "指标数值"
CARD_META = "指标说明"
BAND = "回顾目标标签"
TABLE_TEXT = "表格文字"
TABLE = "表格"


def style_specs(document: Document) -> list[StyleSpec]:
    """Every paragraph style of the document, from the theme's colours (sizes as the PDF's)."""
    c = document.theme.colors
    return [
        StyleSpec(NORMAL, "body", 10.5, 18.5, c.text, after=4, align="justify"),
        StyleSpec(HEADINGS[1], "heading", 22, 30, c.text, True, 6, 4, outline=0, keep_next=True, alias="标题 1"),
        StyleSpec(HEADINGS[2], "heading", 13, 20, c.text, True, 10, 4, outline=1, keep_next=True, alias="标题 2"),
        StyleSpec(HEADINGS[3], "heading", 11, 17, c.text, True, 8, 4, outline=2, keep_next=True, alias="标题 3"),
        StyleSpec(TITLE, "heading", 28, 40, c.text, True, 0, 10, alias="标题"),
        StyleSpec(SUBTITLE, "heading", 15, 23, c.text, False, 0, 18, alias="副标题"),
        StyleSpec(CAPTION, "heading", 9.5, 14, c.text, True, 4, 4, align="center", alias="题注"),
        StyleSpec(HEADER, "heading", 8, 10, c.muted, alias="页眉"),
        StyleSpec(FOOTER, "heading", 8, 10, c.muted, alias="页脚"),
        StyleSpec(CONTENTS_TITLE, "heading", 22, 30, c.text, True, 0, 16, alias="TOC 标题"),
        StyleSpec(CONTENTS[1], "heading", 12, 26, c.text, alias="目录 1"),
        StyleSpec(CONTENTS[2], "heading", 10, 18, c.muted, indent=28, alias="目录 2"),
        StyleSpec(CONTENTS[3], "heading", 10, 18, c.muted, indent=42, alias="目录 3"),
        StyleSpec(EYEBROW, "heading", 9, 13, c.primary, True, 26, 6, keep_next=True),
        StyleSpec(TAKEAWAY, "heading", 11, 17, c.muted, False, 2, 14, keep_next=True),
        StyleSpec(NOTE, "heading", 8, 12, c.muted, after=2),
        StyleSpec(COVER_META, "heading", 10.5, 16, c.muted, after=30),
        StyleSpec(CARD_LABEL, "heading", 8.5, 12, c.muted, after=2),
        StyleSpec(CARD_VALUE, "heading", 19, 24, c.text, True, after=2),
        StyleSpec(CARD_META, "heading", 8, 11.5, c.muted, after=1),
        StyleSpec(BAND, "heading", 10.5, 15, c.text, True, 10, 6, keep_next=True),
        StyleSpec(TABLE_TEXT, "body", 9, 13.5, c.text),
    ]


def hex_of(color: str) -> str:
    """``#RRGGBB`` as Word writes colours: ``RRGGBB``."""
    return color.lstrip("#").upper()


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def alignment(name: str) -> WD_ALIGN_PARAGRAPH:
    """python-docx's alignment for ``left``, ``center``, ``right`` or ``justify``."""
    return _ALIGN[name]


def set_up_styles(word: WordDocument, document: Document) -> dict[str, StyleSpec]:
    """Define every style of the document in ``word``; returns the specs by style name."""
    plan = document.font_plan
    latin, east_asian = languages(document.meta.language)
    run_defaults, paragraph_defaults = oxml_text.defaults(word.styles.element)
    oxml.set_typefaces(run_defaults, plan.family("body"))
    oxml.set_language(run_defaults, latin, east_asian)
    oxml.set_east_asian_paragraph(paragraph_defaults)
    _drop_template_table_styles(word)
    specs = style_specs(document)
    names = {style.name for style in word.styles}
    for spec in specs:
        _paragraph_style(word, spec, plan, latin, east_asian, spec.name in names)
    _table_style(word, document)
    return {spec.name: spec for spec in specs}


#: The template's table styles a document keeps: the default every table has, and the plain grid users reach for.
KEPT_TABLE_STYLES = frozenset({"Normal Table", "Table Grid"})


def _drop_template_table_styles(word: WordDocument) -> None:
    """Delete python-docx's template's 2007 table styles (Light Shading, Medium Grid … in six accents each).

    They are 98 of its 164 styles, none used here, and Word's and WPS's
    table galleries offer their own whatever the document defines. Every
    style given to a paragraph makes python-docx search the document's
    styles (:meth:`~zzreport.writers.docx.context.WordContext.style`), so
    they also made each one cost twice what it does now; and they were
    150 kB of the styles part.
    """
    for style in list(word.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in KEPT_TABLE_STYLES:
            style.delete()


def languages(language: str) -> tuple[str, str]:
    """The Latin and East Asian languages runs are marked with: English beside the document's Chinese."""
    main = language or "zh-CN"
    if main.lower().startswith("zh"):
        return "en-US", main
    return main, "zh-CN"


def _paragraph_style(
    word: WordDocument, spec: StyleSpec, plan: FontPlan, latin: str, east_asian: str, defined: bool
) -> None:
    style = word.styles[spec.name] if defined else word.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    if spec.name != NORMAL:
        style.base_style = word.styles[NORMAL]
    if spec.name not in (NORMAL, *HEADINGS.values(), TITLE, SUBTITLE, CAPTION, HEADER, FOOTER, CONTENTS_TITLE):
        style.quick_style = spec.name in (EYEBROW, TAKEAWAY, NOTE)
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = RGBColor.from_string(hex_of(spec.color))
    oxml.set_typefaces(style, plan.family(spec.role))
    oxml.set_language(style, latin, east_asian)
    oxml.clear_paragraph_borders(style)
    fmt = style.paragraph_format
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.line_spacing = Pt(spec.leading)
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    fmt.alignment = alignment(spec.align)
    fmt.keep_with_next = spec.keep_next
    fmt.widow_control = True
    if spec.outline is not None:
        oxml.set_outline_level(style, spec.outline)
        oxml.set_keep_lines(style)
    if spec.alias:
        oxml.set_style_aliases(style, spec.alias)
    if spec.indent:
        fmt.left_indent = Pt(spec.indent)


def _table_style(word: WordDocument, document: Document) -> None:
    """The 表格 table style: the PDF's table lines (a rule under the table), cell padding, table text."""
    style = word.styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    style.base_style = word.styles["Normal Table"]
    style.font.size = Pt(9)
    oxml.set_typefaces(style, document.font_plan.family("body"))
    text = hex_of(document.theme.colors.text)
    oxml.set_table_borders(style, {"bottom": (6, text)})
    oxml.set_table_cell_margins(style, {"top": 60, "bottom": 60, "left": 100, "right": 100})
