"""Document settings for Chinese text: punctuation compression, kinsoku character lists, theme languages.

Word's Typography options (段落 › 中文版式) are document settings
(ECMA-376 part 1, 17.15.1): ``w:characterSpacingControl`` compresses
punctuation (标点挤压), and ``w:noLineBreaksBefore``/``w:noLineBreaksAfter``
are the characters no line may start or end with (避头尾), for the Chinese
language; python-docx has no API for them. ``w:themeFontLang`` says which
language the theme's East Asian fonts are chosen for (python-docx's
template says Japanese).
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.settings import Settings

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
