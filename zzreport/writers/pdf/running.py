"""The running header and footer, laid into measured slots so that no two of their texts ever overprint.

The header has two slots on one line: the report title at the left, the
section at the right; each keeps its whole width when the two fit, and the
shorter one gives the longer what it does not need. The footer has three:
the page number centred, the footer line to its left and the source to its
right, each side slot as wide as the room beside the page number. A text
wider than its slot is broken into balanced lines (the card labels' breaker,
so kinsoku and words hold), the first level with the page number and the
others below it, as many as the bottom margin holds clear of the trim edge
(at most :data:`FOOTER_LINES`); only a text that still does not fit is
shortened, by measurement, with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from zzreport.fonts.balance import balanced_lines
from zzreport.ir import Document, PageLabel
from zzreport.writers.pdf.flowables import draw_string
from zzreport.writers.pdf.layout import PageGeometry
from zzreport.writers.pdf.styles import PdfStyles, TextStyle
from zzreport.writers.pdf.text import TextMaker

#: Points between two slots of one line.
SLOT_GAP = 12.0
#: The most lines one footer slot takes.
FOOTER_LINES = 2
#: The lowest footer baseline stays this far above the trim edge (the descenders and a printer's tolerance).
FOOTER_FLOOR = 6 * mm
#: The header's baseline above the text frame, and the rule under it.
HEADER_RAISE = 12.0
HEADER_RULE = 4.0
#: The footer's first baseline below the text frame.
FOOTER_DROP = 20.0


@dataclass(frozen=True)
class Slot:
    """Where one text goes: its left and right ends and its anchor."""

    left: float
    right: float
    anchor: str  # "left", "right" or "center"

    @property
    def width(self) -> float:
        return max(self.right - self.left, 0.0)

    @property
    def x(self) -> float:
        return {"left": self.left, "right": self.right}.get(self.anchor, (self.left + self.right) / 2)


def clipped(maker: TextMaker, text: str, style: TextStyle, width: float) -> str:
    """``text``, or its longest head that fits ``width`` with an ellipsis."""
    if maker.width(text, style) <= width:
        return text
    lo, hi = 0, len(text)  # the head text[:lo] + "…" fits; text[:hi] + "…" does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if maker.width(text[:mid] + "…", style) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo] + "…"


def slot_lines(maker: TextMaker, text: str, style: TextStyle, width: float, most: int) -> list[str]:
    """``text`` in at most ``most`` lines no wider than ``width``: whole when it fits, else balanced, else cut."""
    if not text:
        return []
    if maker.width(text, style) <= width or most <= 1:
        return [clipped(maker, text, style, width)]

    def measure(part: str, size: float) -> float:
        return maker.fonts.width(part, style.role, size, style.bold)

    lines = balanced_lines(text, measure, width, style.size)
    if len(lines) <= most and all(maker.width(line, style) <= width for line in lines):
        return lines
    head, end = lines[: most - 1], 0
    for line in head:  # the lines are slices of the text, spaces at the breaks dropped
        end = text.index(line, end) + len(line)
    return [*head, clipped(maker, text[end:].lstrip(), style, width)]


def shared(total: float, first: float, second: float) -> tuple[float, float]:
    """Widths of two slots side by side in ``total`` (less :data:`SLOT_GAP`) for texts ``first`` and ``second`` wide.

    Both whole when they fit; else the one that fits in half keeps its width
    and the other takes the rest; else half each.
    """
    room = total - SLOT_GAP
    half = room / 2
    if first + second <= room:
        return first, second
    if first <= half:
        return first, room - first
    if second <= half:
        return room - second, second
    return half, half


def page_label(label: PageLabel, numbers: dict[str, int]) -> str:
    """The footer's page label with this page's numbers in their places."""
    pieces = zip(label.fields, label.texts[1:], strict=True)
    return label.texts[0] + "".join(str(numbers[name]) + text for name, text in pieces)


def draw_header(
    canv: Canvas, document: Document, styles: PdfStyles, maker: TextMaker, geometry: PageGeometry, section: str
) -> None:
    """The report title at the left, the page's section at the right, and the rule under them."""
    style = styles.header
    left, right = _edges(geometry)
    top = geometry.offset + geometry.trim_height - geometry.top + HEADER_RAISE
    title = document.meta.title
    first, second = shared(right - left, maker.width(title, style), maker.width(section, style) if section else 0.0)
    draw_string(canv, maker, clipped(maker, title, style, first), style, left, top)
    if section:
        draw_string(canv, maker, clipped(maker, section, style, second), style, right, top, anchor="right")
    canv.setStrokeColor(styles.color("muted"))
    canv.setLineWidth(0.4)
    canv.line(left, top - HEADER_RULE, right, top - HEADER_RULE)


def footer_slots(maker: TextMaker, label: str, style: TextStyle, geometry: PageGeometry) -> tuple[Slot, Slot, Slot]:
    """The footer line's, the page number's and the source's slots on this page."""
    left, right = _edges(geometry)
    centre = (left + right) / 2
    half = min(maker.width(label, style), right - left) / 2
    return (
        Slot(left, centre - half - SLOT_GAP, "left"),
        Slot(centre - half, centre + half, "center"),
        Slot(centre + half + SLOT_GAP, right, "right"),
    )


def footer_line_count(geometry: PageGeometry, style: TextStyle) -> int:
    """How many lines a footer slot may take: those whose baselines stay :data:`FOOTER_FLOOR` above the trim."""
    room = geometry.bottom - FOOTER_DROP - FOOTER_FLOOR
    return max(1, min(FOOTER_LINES, 1 + int(room // style.leading)))


def draw_footer(
    canv: Canvas, document: Document, styles: PdfStyles, maker: TextMaker, geometry: PageGeometry, total: int
) -> None:
    """The page number, and the footer line and the source beside it, each inside its slot."""
    style = styles.header
    numbers = {"page": canv.getPageNumber(), "pages": total}
    left, right = _edges(geometry)
    label = clipped(maker, page_label(document.theme.page.page_number, numbers), style, right - left)
    baseline = geometry.offset + geometry.bottom - FOOTER_DROP
    most = footer_line_count(geometry, style)
    footer_slot, number_slot, source_slot = footer_slots(maker, label, style, geometry)
    draw_string(canv, maker, label, style, number_slot.x, baseline, anchor="center")
    for text, slot in ((document.meta.footer, footer_slot), (document.meta.source_line, source_slot)):
        for row, line in enumerate(slot_lines(maker, text, style, slot.width, most)):
            draw_string(canv, maker, line, style, slot.x, baseline - row * style.leading, anchor=slot.anchor)


def _edges(geometry: PageGeometry) -> tuple[float, float]:
    """The left and right ends of the text frame on the media: the slots' outer bounds."""
    return geometry.offset + geometry.left, geometry.offset + geometry.trim_width - geometry.right
