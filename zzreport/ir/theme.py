"""The theme and the fixed words as writers and figures read them: plain frozen data.

Resolve converts the spec's theme and labels (pydantic models of
:mod:`zzreport.language.models`, with their defaults, validators and
shorthands) into these, so a writer depends on the values, never on the
spec language: what the spec may say can change without touching a writer.
Only what some output draws is here; file paths (logo, template, fonts) are
resolved into :class:`~zzreport.ir.document.Assets` instead. The attribute
names are those of the spec models, so ``theme.colors.accent`` reads the same
in the spec, the resolver and every writer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Colors:
    """Theme colours, as ``#RRGGBB``; ``palette`` gives the chart series' colours in order."""

    primary: str
    accent: str
    text: str
    muted: str
    background: str
    surface: str
    up: str  # rising values (red, the Chinese convention)
    down: str  # falling values (green)
    palette: tuple[str, ...]

    def model_dump(self) -> dict[str, Any]:
        """The colours as a dict, as the spec model gives them (the figure cache keys on them)."""
        return asdict(self)


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True)
class PageLabel:
    """The footer's page label as resolve read its template: texts, and between each two a number.

    ``fields[i]`` (``page`` or ``pages``) goes between ``texts[i]`` and
    ``texts[i + 1]``; braces are already unescaped. Only the numbers are left
    to the writer, which alone knows them.
    """

    texts: tuple[str, ...]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """The printed page: a named size (``A4``) or ``(width, height)`` in millimetres, bleed in mm."""

    size: str | tuple[float, float]
    margins: Margins
    bleed: float
    crop_marks: bool
    page_number: PageLabel  # the footer's page label ("第 {page} 页 / 共 {pages} 页")
    contents_on_cover: bool = False  # the contents below the cover when they fit there
    hanging_punctuation: bool = False  # a line-end pause or stop mark hangs into the margin
    line_start_punctuation: str = "full"  # "half": an opening mark starting a line is set half-width
    tagged: bool = True  # tagged PDF (PDF/UA-1, PDF/A-2a); False: untagged PDF/A-2b


@dataclass(frozen=True)
class Slides:
    """The deck: its aspect (``16:9``), the smallest and the normal body size in points, the fonts it carries."""

    size: str
    min_font_size: float
    body_font_size: float
    #: Which characters of the deck's faces the deck embeds: ``used``, ``common`` (used + a common set) or ``none``.
    embed_fonts: Literal["used", "common", "none"] = "used"
    dividers: str = "compact"  # section dividers: "full", "compact" or "none"


@dataclass(frozen=True)
class Theme:
    """Colours, page and slide geometry: everything an output draws from the theme."""

    colors: Colors
    page: Page
    slides: Slides
    #: Which characters of their fonts the editable outputs other than the deck embed (``used``, ``common``,
    #: ``none``; ``common`` unless the spec says); the deck's choice is :attr:`Slides.embed_fonts`.
    embed_fonts: Literal["used", "common", "none"] = "common"


@dataclass(frozen=True)
class Labels:
    """The fixed words every output prints (目录, （续）, 图, 表, 来源 …), as the spec sets them."""

    review: str  # title of a pair's first column (2024 回顾)
    plan: str  # and of its second (2025 目标)
    target: str  # badge of a KPI card that is a target (目标)
    contents: str  # 目录
    summary: str  # title of the PDF's closing points (要点回顾)
    key_points: str  # title of the deck's executive summary slide (核心要点)
    lead: str  # title of the deck's lead slide (导语)
    continued: str  # after a title carried over to the next page or slide (（续）)
    figure: str  # before a figure's number (图)
    table: str  # before a table's number (表)
    source: str  # before a source line (来源)


@dataclass(frozen=True)
class Continued:
    """The fixed words that head a page or slide, as one they are carried over to shows them (目录（续）).

    Composed in resolve (:func:`zzreport.resolve.words.continued_title`), so
    a writer only chooses between ``labels.contents`` and ``continued.contents``.
    """

    contents: str
    summary: str
    lead: str
    key_points: str


__all__ = ["Colors", "Continued", "Labels", "Margins", "Page", "PageLabel", "Slides", "Theme"]
