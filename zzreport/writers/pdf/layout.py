"""Page geometry: trim size, margins, bleed and the slug area for crop marks."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5, B5, LETTER
from reportlab.lib.units import mm

from zzreport.ir import Page

NAMED_SIZES = {"A4": A4, "A5": A5, "B5": B5, "Letter": LETTER}
#: Room outside the bleed for crop marks.
SLUG = 10 * mm
MARK_LENGTH = 6 * mm


@dataclass(frozen=True)
class PageGeometry:
    """All lengths in points; the trim box sits at (offset, offset) on the media."""

    trim_width: float
    trim_height: float
    bleed: float
    offset: float  # from media edge to trim edge
    top: float
    bottom: float
    left: float
    right: float
    crop_marks: bool

    @classmethod
    def from_theme(cls, page: Page) -> PageGeometry:
        size = NAMED_SIZES[page.size] if isinstance(page.size, str) else (page.size[0] * mm, page.size[1] * mm)
        bleed = page.bleed * mm
        marks = page.crop_marks and bleed > 0
        offset = bleed + (SLUG if marks else 0.0)
        m = page.margins
        return cls(size[0], size[1], bleed, offset, m.top * mm, m.bottom * mm, m.left * mm, m.right * mm, marks)

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_width + 2 * self.offset, self.trim_height + 2 * self.offset

    @property
    def frame(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the text frame on the media."""
        return (
            self.offset + self.left,
            self.offset + self.bottom,
            self.trim_width - self.left - self.right,
            self.trim_height - self.top - self.bottom,
        )

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return o, o, o + self.trim_width, o + self.trim_height

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        o = self.offset - self.bleed
        return o, o, o + self.trim_width + 2 * self.bleed, o + self.trim_height + 2 * self.bleed

    def top_band(self, height: float) -> tuple[float, float, float, float]:
        """x, y, width, height of a band ``height`` deep inside the trim along its top edge.

        An element touching the trim edge must run exactly to the bleed edge
        (the cutter's tolerance) on every side it touches, and stop there: past
        the bleed lie the crop marks. Without a bleed the trim is the page.
        """
        x0, _, x1, y1 = self.bleed_box
        return x0, y1 - self.bleed - height, x1 - x0, height + self.bleed

    def crop_mark_lines(self) -> list[tuple[float, float, float, float]]:
        """Crop marks at the trim corners, drawn outside the bleed."""
        x0, y0, x1, y1 = self.trim_box
        gap = self.bleed + 1 * mm
        lines = []
        for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
            lines.append((x + dx * gap, y, x + dx * (gap + MARK_LENGTH), y))
            lines.append((x, y + dy * gap, x, y + dy * (gap + MARK_LENGTH)))
        return lines
