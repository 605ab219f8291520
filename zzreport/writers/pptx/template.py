"""The deck's starting point: our own 16:9 template, or the author's corporate one.

Our own template is python-pptx's default presentation resized to the
theme's slide size, with the theme's colours and fonts written into the
theme part (its ``a:ea`` would otherwise be empty) and its master rewritten
on our grid (:mod:`.master`): six named layouts whose placeholders are where
the slides put their titles, so every slide's title is its layout's title
placeholder. A corporate template keeps its masters and layouts; the
layouts are found by their placeholder types, never by (often Chinese) names.

A corporate template is untrusted: the deck is built from its cleaned
package (:func:`zzreport.resolve.templates.clean_template`: within size
limits, no macros, ActiveX, OLE objects or other foreign parts, no sample
slides), which ``check`` has already accepted; the file itself is never
handed to python-pptx.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import SlideLayout
from pptx.util import Emu

from zzreport.errors import Location, SpecError
from zzreport.ir import Theme
from zzreport.resolve.templates import TemplateError, clean_template
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import SLIDE_SIZES, Box, Geometry
from zzreport.writers.pptx.master import build_master

#: Placeholders a layout carries on every slide kind; they do not make a layout "content".
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
#: The placeholder types a slide's body text goes into.
BODIES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT})
#: The placeholder types a slide's title goes into.
TITLES = frozenset({PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE})


@dataclass
class DeckTemplate:
    """A presentation to add slides to, and the layouts each slide kind uses.

    ``content_layout`` is a title-only layout (charts, cards, tables are
    placed shapes under the title); ``section_layout`` opens a section;
    ``body_layout`` and ``two_layout`` carry one or two body placeholders.
    A corporate template lacking one of them falls back to the title-only one.
    """

    prs: PresentationType
    geometry: Geometry
    cover_layout: SlideLayout
    content_layout: SlideLayout
    blank_layout: SlideLayout
    corporate: bool
    section_layout: SlideLayout
    body_layout: SlideLayout
    two_layout: SlideLayout


def layout_placeholders(layout: SlideLayout) -> Iterable[LayoutPlaceholder]:
    """``layout.placeholders``, typed as what it is: python-pptx declares its ``__iter__`` as an attribute
    without ``self``, so mypy cannot iterate it directly."""
    return cast("Iterable[LayoutPlaceholder]", layout.placeholders)


def _types(layout: SlideLayout) -> list[PP_PLACEHOLDER]:
    return [
        ph.placeholder_format.type for ph in layout_placeholders(layout) if ph.placeholder_format.type not in _FURNITURE
    ]


def find_blank_layout(layouts: list[SlideLayout]) -> SlideLayout:
    """The layout with the fewest non-furniture placeholders (the Blank / 空白 layout)."""
    return min(layouts, key=lambda layout: len(_types(layout)))


def find_cover_layout(layouts: list[SlideLayout]) -> SlideLayout | None:
    """The title-slide layout: one with a centred title (``ctrTitle``)."""
    for layout in layouts:
        if PP_PLACEHOLDER.CENTER_TITLE in _types(layout):
            return layout
    return None


def find_title_only_layout(layouts: list[SlideLayout]) -> SlideLayout | None:
    """A layout with a title and as little else as possible (标题 / 仅标题 / 标题和内容)."""
    with_title = [layout for layout in layouts if PP_PLACEHOLDER.TITLE in _types(layout) and idx0_is_title(layout)]
    if not with_title:
        return None
    return min(with_title, key=lambda layout: len(_types(layout)))


def find_section_layout(layouts: list[SlideLayout]) -> SlideLayout | None:
    """The section-header layout: a title and one text (``body``, not ``obj``) placeholder, nothing else."""
    for layout in layouts:
        types = _types(layout)
        if len(types) == 2 and PP_PLACEHOLDER.TITLE in types and PP_PLACEHOLDER.BODY in types and idx0_is_title(layout):
            return layout
    return None


def find_body_layout(layouts: list[SlideLayout], count: int) -> SlideLayout | None:
    """A layout with a title and ``count`` content (``obj``) placeholders (标题和内容, 两栏内容)."""
    for layout in layouts:
        types = _types(layout)
        if len(types) == count + 1 and types.count(PP_PLACEHOLDER.OBJECT) == count and idx0_is_title(layout):
            return layout
    return None


def idx0_is_title(layout: SlideLayout) -> bool:
    return any(
        ph.placeholder_format.idx == 0 and ph.placeholder_format.type in TITLES for ph in layout_placeholders(layout)
    )


def title_placeholder_box(layout: SlideLayout) -> Box | None:
    for ph in layout_placeholders(layout):
        if ph.placeholder_format.type in TITLES and ph.width and ph.height:
            return Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
    return None


def _apply_theme(prs: PresentationType, theme: Theme, typeface: str, *, corporate: bool) -> None:
    """Write fonts (and, for our own template, colours) into every master's theme part."""
    c = theme.colors
    palette = [*c.palette, c.primary, c.accent, c.up, c.down, c.muted, c.text][:6]
    colors = {
        "dk1": c.text,
        "lt1": c.background,
        "dk2": c.accent,
        "lt2": c.surface,
        **{f"accent{i + 1}": value for i, value in enumerate(palette)},
        "hlink": c.accent,
        "folHlink": c.muted,
    }
    for master in prs.slide_masters:
        oxml.set_theme(master.part.part_related_by(RT.THEME), typeface, None if corporate else colors)


def open_template(theme: Theme, typeface: str, template: Path | None, language: str) -> DeckTemplate:
    """Our master (16:9, 16:10 or 4:3) with its six layouts, or ``template`` with its sample slides removed."""
    if template is None:
        prs = Presentation()
        width, height = (Emu(n) for n in SLIDE_SIZES[theme.slides.size])
        prs.slide_width, prs.slide_height = width, height
        oxml.set_custom_slide_size(prs)
        _apply_theme(prs, theme, typeface, corporate=False)
        geometry = Geometry.for_size(width, height)
        ours = build_master(prs, theme, geometry, language)
        return DeckTemplate(
            prs,
            geometry,
            cover_layout=ours.title,
            content_layout=ours.title_only,
            blank_layout=ours.blank,
            corporate=False,
            section_layout=ours.section,
            body_layout=ours.content,
            two_layout=ours.two,
        )
    try:
        package = clean_template(template)
    except TemplateError as exc:  # changed since ``check`` accepted it
        raise SpecError.single(Location(str(template)), f"template `{template.name}` {exc}") from None
    prs = Presentation(io.BytesIO(package))  # without the sample slides: the cleaning drops them
    _apply_theme(prs, theme, typeface, corporate=True)
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    blank = find_blank_layout(layouts)
    content = find_title_only_layout(layouts) or blank
    cover = find_cover_layout(layouts) or content
    title_box = title_placeholder_box(content) if content is not blank else None
    if prs.slide_width is None or prs.slide_height is None:  # python-pptx reads a missing <p:sldSz> as None
        raise SpecError.single(Location(str(template)), f"template `{template.name}` has no slide size")
    geometry = Geometry.for_size(int(prs.slide_width), int(prs.slide_height), title_box)
    return DeckTemplate(
        prs,
        geometry,
        cover_layout=cover,
        content_layout=content,
        blank_layout=blank,
        corporate=True,
        section_layout=find_section_layout(layouts) or content,
        body_layout=find_body_layout(layouts, 1) or content,
        two_layout=find_body_layout(layouts, 2) or content,
    )
