"""The composed words every output prints alike: numbered captions, source lines, column headers, dates.

Each was written in each writer before and had begun to drift (the year
suffix in one, a separator in the other). Decided here once, they reach
every writer as finished strings in the document; a writer only places them.
The fixed words they are made of come from the spec's ``labels``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from zzreport.ir.nodes import Headline, Span, Spans
from zzreport.ir.theme import PageLabel
from zzreport.resolve.placeholders import parts

#: Between a caption's number and its title: an ideographic space, as Chinese typesetting has it.
CAPTION_GAP = "\u3000"
#: Before the date the data refers to on a cover.
AS_OF = "数据截至"
#: Before a quotation's source.
ATTRIBUTION_DASH = "——"


def numbered(word: str, number: int) -> str:
    """A figure's or table's label: ``图1``, ``表2``."""
    return f"{word}{number}"


def title_line(word: str, number: int, title: str) -> str:
    """A caption's first line: ``图1　标题``, or the label alone for an untitled figure."""
    label = numbered(word, number)
    return f"{label}{CAPTION_GAP}{title}" if title else label


def continued_title(word: str, title: str) -> str:
    """A title as a page or slide it is carried over to shows it: ``标题（续）``."""
    return title + word


def source_line(word: str, source: str) -> str:
    """``来源：河南日报``; empty when there is no source."""
    return f"{word}：{source}" if source else ""


def column_header(name: str, unit: str) -> str:
    """A table column's header: ``产值（亿元）``; the name alone when it already names the unit."""
    return f"{name}（{unit}）" if unit and unit not in name else name


def date_text(day: dt.date | None) -> str:
    """``2025年1月2日``; empty without a date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def as_of_text(day: dt.date | None) -> str:
    """``数据截至2024年12月31日``; empty without a date."""
    return AS_OF + date_text(day) if day else ""


def attribution(source: str) -> str:
    """A quotation's source line: ``——习近平``; empty without one."""
    return ATTRIBUTION_DASH + source if source else ""


#: The placeholders of ``theme.page.page_number``.
PAGE_NUMBER_FIELDS = ("page", "pages")


def page_label(template: str) -> PageLabel:
    """The footer's page label: the template's texts and, between them, ``page`` or ``pages``.

    The template was checked (:func:`zzreport.resolve.page.check_page`); an
    unchecked one raises :class:`~zzreport.resolve.placeholders.TemplateError`.
    """
    texts, fields = [""], []
    for is_field, text in parts(template, PAGE_NUMBER_FIELDS):
        if is_field:
            fields.append(text)
            texts.append("")
        else:
            texts[-1] += text
    return PageLabel(tuple(texts), tuple(fields))


def section_number(number: int) -> str:
    """A section's number as the contents, dividers and openers print it: ``01``."""
    return f"{number:02d}"


#: Between a section's tag and its number on a divider or a section's first slide: "关键词 · 01".
EYEBROW_SEPARATOR = " · "
#: Between a key point's bold lead and its text: "创新发展：…".
POINT_COLON = "："
#: A key point's lead longer than this many characters is not a lead but a sentence (left unbolded).
POINT_LEAD_MAX = 12


def eyebrow(tag: str, number_text: str) -> str:
    """A section's tag and number as its divider, or its first slide without one, shows them: ``关键词 · 01``."""
    return EYEBROW_SEPARATOR.join(part for part in (tag, number_text) if part)


def headline(text: str, continued_word: str) -> Headline:
    """An action title and its wording on the slides it continues onto (``标题（续）``)."""
    return Headline(text, continued_title(continued_word, text))


def comparable(text: str) -> str:
    """``text`` without whitespace and punctuation, for "says the same": 全力推动…城市。 equals 全力推动…城市."""
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "Z")))


def says_the_same(spans: Spans, text: str) -> bool:
    """Whether a paragraph or bullet (its spans, emphasis ignored) says exactly ``text``."""
    wanted = comparable(text)
    return bool(wanted) and comparable("".join(span.text for span in spans)) == wanted


def key_point(spans: Spans) -> Spans:
    """A summary point as the executive summary shows it: the words before a first "：" in bold.

    "创新发展：…" reads as a ministry summary does; a point that already has
    emphasis, or whose words before the colon are a sentence, is left as written.
    """
    if not spans or any(span.bold for span in spans):
        return spans
    head, sep, rest = spans[0].text.partition(POINT_COLON)
    if not sep or len(head) > POINT_LEAD_MAX:
        return spans
    return (Span(head + sep, True), Span(rest), *spans[1:])


def takeaway_point(title: str, takeaway: str) -> Spans:
    """A section as an executive-summary point when the report gives no summary: "**标题：**要点"."""
    return (Span(title + POINT_COLON, True), Span(takeaway))
