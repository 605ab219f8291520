"""What every chart layout shares: the print style, text measuring and wrapping, legends, markers.

Text is measured with the figure role's real metrics (:meth:`FontSet.width`)
and wrapped by the report's own line breaker, so a wrapped category label
obeys the same kinsoku rules as the body text and its measured box is the box
the PDF draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zzreport.figures.scene import Anchor, Circle, Line, Poly, Rect, Scene, Text
from zzreport.fonts.balance import balanced_lines
from zzreport.fonts.fontset import FontSet
from zzreport.ir.theme import Theme

# Print sizes in points: chart text 8–8.5 pt, a touch smaller than 10.5 pt body text.
TICK_SIZE = 8.0
CATEGORY_SIZE = 8.5
DATA_SIZE = 8.0
LEGEND_SIZE = 8.5
TITLE_SIZE = 8.0
LINE_GAP = 1.25  # line height as a multiple of the size
#: The ideographic em box relative to the baseline (Noto SC: 0.88 up, 0.12 down).
ASCENT, DESCENT = 0.88, 0.12
GRID_WIDTH = 0.5
AXIS_WIDTH = 0.8


def mix(color: str, other: str, t: float) -> str:
    """``color`` moved a fraction ``t`` towards ``other`` (both #RRGGBB)."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(a, b, strict=True))


def luminance(color: str) -> float:
    """Relative lightness 0 (black) … 1 (white), as a grayscale print would show it."""
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def ink_on(fill: str, dark: str) -> str:
    """Text colour readable on ``fill``: white on dark fills, ``dark`` on light ones."""
    return "#FFFFFF" if luminance(fill) < 0.55 else dark


@dataclass(frozen=True)
class Box:
    """An axis-aligned box (x0 < x1, y0 < y1)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (
            self.x0 < other.x1 + pad
            and other.x0 < self.x1 + pad
            and self.y0 < other.y1 + pad
            and other.y0 < self.y1 + pad
        )


def text_box(x: float, baseline: float, width: float, size: float, anchor: Anchor = "start") -> Box:
    """The box a line of text covers."""
    x0 = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0.0)
    return Box(x0, baseline - DESCENT * size, x0 + width, baseline + ASCENT * size)


@dataclass(frozen=True)
class Colors:
    """The chart's colours, derived from the theme."""

    text: str
    muted: str
    grid: str
    axis: str
    accent: str
    surface: str
    background: str
    palette: tuple[str, ...]
    #: Rising and falling values (waterfall steps): red and green by default, as Chinese reports colour them.
    up: str = "#C8102E"
    down: str = "#1B7F3B"

    @classmethod
    def from_theme(cls, theme: Theme) -> Colors:
        c = theme.colors
        return cls(
            text=c.text,
            muted=c.muted,
            grid=mix(c.muted, c.background, 0.72),
            axis=mix(c.text, c.background, 0.35),
            accent=c.accent,
            surface=c.surface,
            background=c.background,
            palette=tuple(c.palette),
            up=c.up,
            down=c.down,
        )


class Kit:
    """Measuring and wrapping text in the figure font; drawing shared pieces."""

    def __init__(self, fonts: FontSet, theme: Theme) -> None:
        self.fonts = fonts
        self.colors = Colors.from_theme(theme)
        #: Widths of this kit's labels; a kit lives for one figure, so this dies with it.
        self._widths: dict[tuple[str, float, bool], float] = {}

    def _measure(self, text: str, size: float, bold: bool) -> float:
        face = self.fonts.roles["figure"].face(bold)
        if all(face.covers(c) for c in text):  # the usual case, without walking the fallback chain
            return sum(face.advance(c) for c in text) * size
        return self.fonts.width(text, "figure", size, bold)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = float(self._measure(text, size, bold))
        return found

    def wrap(self, text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
        """``text`` broken into balanced lines no wider than ``max_width`` (kinsoku, numbers kept whole).

        The one balanced-label breaker of :mod:`zzreport.fonts.balance`, as
        card labels use: 科技型企业评价 / 入库（累计）, never a stub such as 计）.
        """
        if not text:
            return []
        if self.width(text, size, bold) <= max_width:
            return [text]

        def measure(part: str, part_size: float) -> float:
            return self.width(part, part_size, bold)

        return balanced_lines(text, measure, max(max_width, size), size)

    def lines_width(self, lines: Sequence[str], size: float, bold: bool = False) -> float:
        return max((self.width(line, size, bold) for line in lines), default=0.0)

    def draw_lines(
        self,
        scene: Scene,
        lines: Sequence[str],
        x: float,
        top: float,
        size: float,
        color: str,
        anchor: Anchor = "start",
        bold: bool = False,
    ) -> Box | None:
        """Draw lines downwards from ``top`` (the first line's em-box top); return their box."""
        boxes = []
        for i, line in enumerate(lines):
            baseline = top - ASCENT * size - i * LINE_GAP * size
            scene.add(Text(x, baseline, line, size, color, anchor, bold))
            boxes.append(text_box(x, baseline, self.width(line, size, bold), size, anchor))
        if not boxes:
            return None
        return Box(min(b.x0 for b in boxes), boxes[-1].y0, max(b.x1 for b in boxes), boxes[0].y1)


def block_height(lines: int, size: float) -> float:
    """Height of ``lines`` lines of text, from the first em-box top to the last em-box bottom."""
    return 0.0 if lines <= 0 else size + (lines - 1) * LINE_GAP * size


# --------------------------------------------------------------------------- markers and legends

MARKERS = ("circle", "square", "triangle", "diamond")


def draw_marker(scene: Scene, index: int, x: float, y: float, color: str, background: str, r: float = 2.4) -> None:
    """A line-series marker; shapes differ by series so a grayscale print still tells lines apart."""
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        scene.add(Circle(x, y, r, background, color, 1.1))
    elif shape == "square":
        s = r * 0.9
        scene.add(Rect(x - s, y - s, 2 * s, 2 * s, color))
    elif shape == "triangle":
        s = r * 1.2
        scene.add(Poly((x - s, y - s * 0.8, x + s, y - s * 0.8, x, y + s * 1.05), color, None, 0, True))
    else:
        s = r * 1.2
        scene.add(Poly((x - s, y, x, y + s, x + s, y, x, y - s), color, None, 0, True))


@dataclass(frozen=True)
class LegendItem:
    label: str
    color: str
    shape: str  # "rect" | "line"
    marker: int = -1  # marker index for lines, -1 for none


_SWATCH = {"rect": 9.0, "line": 16.0}
_SWATCH_GAP = 3.5
_ITEM_GAP = 12.0


def legend_rows(kit: Kit, items: Sequence[LegendItem], max_width: float) -> list[list[tuple[LegendItem, float]]]:
    """Items flowed into rows no wider than ``max_width``; each with its width."""
    rows: list[list[tuple[LegendItem, float]]] = [[]]
    used = 0.0
    for item in items:
        width = _SWATCH[item.shape] + _SWATCH_GAP + kit.width(item.label, LEGEND_SIZE)
        extra = width + (_ITEM_GAP if rows[-1] else 0.0)
        if rows[-1] and used + extra > max_width:
            rows.append([])
            used, extra = 0.0, width
        rows[-1].append((item, width))
        used += extra
    return [row for row in rows if row]


def legend_height(rows: int) -> float:
    return rows * LEGEND_SIZE * 1.5


def draw_legend(scene: Scene, kit: Kit, items: Sequence[LegendItem], x0: float, width: float, top: float) -> float:
    """Draw a centred legend below ``top``; return its height."""
    rows = legend_rows(kit, items, width)
    size = LEGEND_SIZE
    for r, row in enumerate(rows):
        row_width = sum(w for _, w in row) + _ITEM_GAP * (len(row) - 1)
        x = x0 + (width - row_width) / 2
        baseline = top - r * size * 1.5 - ASCENT * size
        mid = baseline + 0.35 * size
        for item, w in row:
            if item.shape == "rect":
                s = _SWATCH["rect"]
                scene.add(Rect(x, mid - s * 0.4, s, s * 0.8, item.color))
            else:
                scene.add(Line(x, mid, x + _SWATCH["line"], mid, item.color, 1.6))
                if item.marker >= 0:
                    draw_marker(scene, item.marker, x + _SWATCH["line"] / 2, mid, item.color, kit.colors.background)
            label_x = x + _SWATCH[item.shape] + _SWATCH_GAP
            scene.add(Text(label_x, baseline, item.label, size, kit.colors.text))
            x += w + _ITEM_GAP
    return legend_height(len(rows))
