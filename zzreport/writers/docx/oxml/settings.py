"""Document settings for Chinese text: punctuation compression, kinsoku character lists, theme languages.

Word's Typography options (段落 › 中文版式) are document settings
(ECMA-376 part 1, 17.15.1): ``w:characterSpacingControl`` compresses
punctuation (标点挤压), and ``w:noLineBreaksBefore``/``w:noLineBreaksAfter``
are the characters no line may start or end with (避头尾), for the Chinese
language; python-docx has no API for them. ``w:themeFontLang`` says which
language the theme's East Asian fonts are chosen for (python-docx's
template says Japanese). ``w:compat`` says which Word's layout rules the
document follows.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.settings import Settings
from lxml import etree

from zzreport.writers.docx.oxml.order import replace
from zzreport.writers.docx.oxml.text import element_of


def set_east_asian_typography(settings: Settings, language: str, line_start: str, line_end: str) -> None:
    """Compress punctuation, and forbid ``line_start`` characters at a line's start and ``line_end`` at its end."""
    element = element_of(settings)
    replace(element, "w:characterSpacingControl").set(qn("w:val"), "compressPunctuation")
    for tag, characters in (("w:noLineBreaksAfter", line_end), ("w:noLineBreaksBefore", line_start)):
        rule = replace(element, tag)
        rule.set(qn("w:lang"), language)
        rule.set(qn("w:val"), characters)


def set_theme_languages(settings: Settings, latin: str, east_asian: str) -> None:
    """The languages the theme's fonts are picked for: ``latin`` and ``east_asian`` (``zh-CN``)."""
    lang = replace(element_of(settings), "w:themeFontLang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asian)


def drop_preview_picture(settings: Settings) -> None:
    """No ``w:savePreviewPicture``: the writer stores no thumbnail, so Word should not expect to keep one."""
    element = element_of(settings)
    for old in element.findall(qn("w:savePreviewPicture")):
        element.remove(old)


#: Word 2013's layout rules, the mode every Word since writes (python-docx's template says 14, Word 2010).
COMPATIBILITY_MODE = "15"
_WORD_SETTINGS = "http://schemas.microsoft.com/office/word"


def set_current_layout_rules(settings: Settings) -> None:
    """Lay the document out by Word 2013's rules (``compatibilityMode`` 15), not Word 2010's.

    Under the older mode Word opens the document in 兼容模式 (Compatibility
    Mode), and it and LibreOffice hang every table out into the left margin
    by its cells' default padding, so KPI cards and tables sat 5 pt left of
    the text they belong to; Word 2013's rules put a table's edge on the
    margin, as the PDF does.
    """
    element = element_of(settings)
    compat = element.find(qn("w:compat"))
    if compat is None:
        compat = replace(element, "w:compat")
    modes = [s for s in compat.findall(qn("w:compatSetting")) if s.get(qn("w:name")) == "compatibilityMode"]
    if not modes:
        modes = [etree.SubElement(compat, qn("w:compatSetting"))]
        modes[0].set(qn("w:name"), "compatibilityMode")
        modes[0].set(qn("w:uri"), _WORD_SETTINGS)
    for mode in modes:
        mode.set(qn("w:val"), COMPATIBILITY_MODE)
