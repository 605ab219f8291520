"""A chart as a flat list of positioned primitives: the laid-out, renderer-free result.

Laying a chart out (measuring and wrapping labels, choosing ticks, placing
pie labels apart) is the work; turning the result into reportlab shapes is a
loop. Keeping the two apart lets the cache store the layout as small JSON,
lets tests inspect geometry without a renderer, and would let another
vector writer (SVG, HTML) draw the same chart.

Coordinates are PDF points with the origin at the bottom left; angles are
degrees counter-clockwise from 3 o'clock; colours are ``#RRGGBB``.
"""

from __future__ import annotations

import json
from dataclasses import astuple, dataclass, field
from typing import Any, Literal

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Poly:
    """A polyline (``closed=False``) or a polygon; points as (x1, y1, x2, y2, …)."""

    points: tuple[float, ...]
    fill: str | None
    stroke: str | None
    width: float
    closed: bool
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Wedge:
    """A pie slice; ``r_inner > 0`` makes it a donut segment."""

    cx: float
    cy: float
    r: float
    r_inner: float
    start: float
    end: float
    fill: str
    stroke: str | None
    width: float


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None
    width: float


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline; drawn in the figure role's font."""

    x: float
    y: float
    text: str
    size: float
    color: str
    anchor: Anchor = "start"
    bold: bool = False


Item = Rect | Line | Poly | Wedge | Circle | Text
_TYPES: dict[str, type[Item]] = {
    "rect": Rect,
    "line": Line,
    "poly": Poly,
    "wedge": Wedge,
    "circle": Circle,
    "text": Text,
}
_TAGS = {cls: tag for tag, cls in _TYPES.items()}
_TUPLE_FIELDS = {"points", "dash"}


@dataclass
class Scene:
    """Everything to draw, in painting order."""

    width: float
    height: float
    items: list[Item] = field(default_factory=list)

    def add(self, *items: Item) -> None:
        self.items.extend(items)

    def texts(self) -> list[Text]:
        return [item for item in self.items if isinstance(item, Text)]

    def to_json(self) -> str:
        rows = [[_TAGS[type(item)], *astuple(item)] for item in self.items]
        return json.dumps({"w": self.width, "h": self.height, "items": rows}, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Scene:
        data = json.loads(text)
        items: list[Item] = []
        for tag, *values in data["items"]:
            kind = _TYPES[tag]
            names = list(kind.__dataclass_fields__)
            args: dict[str, Any] = {
                n: tuple(v) if n in _TUPLE_FIELDS else v for n, v in zip(names, values, strict=True)
            }
            items.append(kind(**args))
        return cls(float(data["w"]), float(data["h"]), items)
