"""Our own slide master: six named layouts whose placeholders sit where our slides put their text.

python-pptx's default presentation is 4:3: resized to 16:9 its 9-inch
placeholders sit squeezed to the left, and PowerPoint's New Slide gives an
unbranded slide. Rather than ship a binary template (which would have to be
rebuilt for every slide size and theme), the default master is rewritten
here from the same :class:`~.layout.Geometry` the slides are laid out with,
so a slide and its layout always agree, and the bytes follow from the theme
alone (python-pptx's default template is fixed for its pinned version).

The master keeps a title, a body, a footer and a slide number placeholder
(no date: the footer line carries the report's date), the theme's colours
and fonts and its text styles (title and body sizes, East Asian line
breaking). Of the eleven default layouts six remain, in PowerPoint's order
and under the names PowerPoint gives them in the report's language:
title slide (the cover), title and content, section header (the divider,
on the primary colour), two content, title only, blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation
from pptx.shapes.placeholder import LayoutPlaceholder, MasterPlaceholder
from pptx.slide import SlideLayout
from pptx.util import Emu

from zzreport.ir import Theme
from zzreport.writers.pptx.layout import Box, Geometry, inches
from zzreport.writers.pptx.oxml import master as master_xml
from zzreport.writers.pptx.oxml.shapes import remove_shape

#: Width of the slide number at the footer line's right end.
NUMBER_WIDTH = inches(0.9)
#: Size of the footer line and the slide number (furniture, not content).
FOOTER_SIZE = 11.0
#: Left edge of the cover's and the divider's text (clear of the cover's band).
COVER_LEFT = inches(1.1)

#: The hairline under a content slide's title.
RULE_COLOR = "#D9D9D9"

#: The layouts kept from python-pptx's default master, by their index there, with PowerPoint's names.
LAYOUTS: dict[str, tuple[int, str, str]] = {
    "title": (0, "标题幻灯片", "Title Slide"),
    "content": (1, "标题和内容", "Title and Content"),
    "section": (2, "节标题", "Section Header"),
    "two": (3, "两栏内容", "Two Content"),
    "title_only": (5, "仅标题", "Title Only"),
    "blank": (6, "空白", "Blank"),
}


@dataclass(frozen=True)
class MasterLayouts:
    """The six layouts of our master, by what they are for."""

    title: SlideLayout
    content: SlideLayout
    section: SlideLayout
    two: SlideLayout
    title_only: SlideLayout
    blank: SlideLayout


def footer_boxes(geo: Geometry) -> tuple[Box, Box]:
    """The footer line's text (left) and the slide number (right) along the bottom margin."""
    f = geo.footer
    return Box(f.left, f.top, f.width - NUMBER_WIDTH, f.height), Box(
        f.right - NUMBER_WIDTH, f.top, NUMBER_WIDTH, f.height
    )


def title_bar_box(geo: Geometry) -> Box:
    """The accent bar left of a content slide's title."""
    box = geo.title
    height = min(box.height - inches(0.24), inches(0.5))
    return Box(geo.margin, box.top + (box.height - height) // 2, inches(0.08), height)


def title_rule_box(geo: Geometry) -> Box:
    """The hairline between a content slide's title and its content."""
    return Box(geo.margin, geo.content.top - inches(0.14), geo.content.width, inches(0.015))


def cover_boxes(geo: Geometry) -> tuple[Box, Box]:
    """The cover's title and subtitle where a new title slide puts them (the cover itself centres its stack)."""
    width = geo.width - 2 * COVER_LEFT
    title = Box(COVER_LEFT, round(geo.height * 0.24), width, inches(2.2))
    return title, Box(COVER_LEFT, title.bottom, width, inches(1.2))


def section_boxes(geo: Geometry) -> tuple[Box, Box]:
    """A section header's title and text (a new divider slide; the dividers centre their own stack)."""
    width = geo.width - 2 * COVER_LEFT
    title = Box(COVER_LEFT, (geo.height - inches(1.9)) // 2 - inches(0.4), width, inches(1.9))
    return title, Box(COVER_LEFT, title.bottom + inches(0.4), width, inches(1.6))


def _placeholders(owner: SlideLayout) -> list[LayoutPlaceholder]:
    """A layout's placeholders as a list (python-pptx types ``__iter__`` without ``self``, see template.py)."""
    return list(cast("Iterable[LayoutPlaceholder]", owner.placeholders))


def _place(shape: LayoutPlaceholder | MasterPlaceholder, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)


def build_master(prs: Presentation, theme: Theme, geo: Geometry, language: str) -> MasterLayouts:
    """Rewrite ``prs``'s (python-pptx's default) master and layouts for ``theme`` at ``geo``; the layouts kept."""
    c = theme.colors
    chinese = language.lower().startswith("zh")
    lang = language or "en-US"
    body = max(theme.slides.body_font_size, theme.slides.min_font_size)
    footer, number = footer_boxes(geo)
    master = prs.slide_master
    body_sizes = [max(theme.slides.min_font_size, body - 2 * n) for n in range(5)]
    master_xml.set_master_text_styles(master, title_size=28, body_sizes=body_sizes, lang=lang, bullet_color=c.primary)
    furniture = {PP_PLACEHOLDER.FOOTER: footer, PP_PLACEHOLDER.SLIDE_NUMBER: number}
    master_boxes = {PP_PLACEHOLDER.TITLE: geo.title, PP_PLACEHOLDER.BODY: geo.content, **furniture}
    for ph in list(cast("Iterable[MasterPlaceholder]", master.placeholders)):
        kind = ph.placeholder_format.type
        if kind not in master_boxes:
            remove_shape(ph)  # the date: the footer line carries the report's date
            continue
        _place(ph, master_boxes[kind])
        if kind in furniture:
            align = "right" if kind == PP_PLACEHOLDER.SLIDE_NUMBER else "left"
            master_xml.set_list_style(
                ph, size=FOOTER_SIZE, color=c.muted, bold=kind == PP_PLACEHOLDER.SLIDE_NUMBER, align=align, lang=lang
            )
    default = list(prs.slide_layouts)
    kept = {role: default[index] for role, (index, _, _) in LAYOUTS.items()}
    for layout in default:
        if layout not in kept.values():
            prs.slide_layouts.remove(layout)
    for role, layout in kept.items():
        _, zh_name, en_name = LAYOUTS[role]
        master_xml.set_layout_name(layout, zh_name if chinese else en_name)
        _layout(layout, role, theme, geo, lang, body_sizes)
    return MasterLayouts(**kept)


def _layout(layout: SlideLayout, role: str, theme: Theme, geo: Geometry, lang: str, body: list[float]) -> None:
    """Place one layout's placeholders on our grid and give it its look (band, background, title bar)."""
    c = theme.colors
    footer, number = footer_boxes(geo)
    columns = geo.columns(2)
    for ph in _placeholders(layout):
        kind, idx = ph.placeholder_format.type, ph.placeholder_format.idx
        if kind == PP_PLACEHOLDER.DATE:
            remove_shape(ph)
            continue
        if kind == PP_PLACEHOLDER.FOOTER:
            box = footer
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            box = number
        elif role == "title":
            box = cover_boxes(geo)[0 if kind == PP_PLACEHOLDER.CENTER_TITLE else 1]
        elif role == "section":
            box = section_boxes(geo)[0 if kind == PP_PLACEHOLDER.TITLE else 1]
        elif kind == PP_PLACEHOLDER.TITLE:
            box = geo.title
        elif role == "two":
            box = columns[0 if idx == 1 else 1]
        else:
            box = geo.content
        _place(ph, box)
        if role == "title" and kind == PP_PLACEHOLDER.CENTER_TITLE:
            master_xml.set_list_style(ph, size=44, color=c.text, bold=True, anchor="bottom", lang=lang)
        elif role == "title" and kind == PP_PLACEHOLDER.SUBTITLE:
            master_xml.set_list_style(ph, size=26, color=c.primary, anchor="top", lang=lang)
        elif role == "section" and kind == PP_PLACEHOLDER.TITLE:
            master_xml.set_list_style(ph, size=48, color=c.background, bold=True, anchor="bottom", lang=lang)
        elif role == "section" and kind == PP_PLACEHOLDER.BODY:
            master_xml.set_list_style(ph, size=24, color=c.background, anchor="top", lang=lang)
        elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT):
            master_xml.set_level_sizes(ph, body)
    if role == "title":
        master_xml.add_layout_rect(layout, (0, 0, inches(0.3), geo.height), c.primary, "Cover band")
    elif role == "section":
        fill = layout.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(c.primary.lstrip("#").upper())
    elif role in ("content", "two", "title_only"):
        for name, box, color in (
            ("Title rule", title_rule_box(geo), RULE_COLOR),
            ("Title bar", title_bar_box(geo), c.primary),
        ):
            master_xml.add_layout_rect(layout, (box.left, box.top, box.width, box.height), color, name)
