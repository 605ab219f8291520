"""Figures for print: a reportlab vector ``Drawing`` with every label as real, embedded text.

Approach: our own layout on reportlab's graphics shapes, not matplotlib → SVG
→ svglib, and not reportlab's stock chart classes. Every label is measured
with the same font metrics (:meth:`FontSet.width`) and wrapped by the same
kinsoku line breaker as the body text, so long Chinese category labels wrap
to their slot and provably never overlap, and the text lands in the PDF as
text in the registered figure face — no family-name mapping through SVG to go
wrong, no tofu, no transforms. matplotlib does not wrap CJK labels, its SVG
text round-trips through svglib's font mapping, and importing it costs
~0.45 s; the stock chart classes have no CJK wrapping, leader-line pie labels
or combo axes with our number formats.

Layout (the expensive part: font metrics, line breaking, tick choice, label
placement) produces a renderer-free :class:`~zzreport.figures.scene.Scene`,
which is cached as JSON under :func:`figure_cache_key`; turning a scene into
shapes is a loop (~1 ms). Measured at 450 pt: a layout takes 0.1–9 ms once
the font metrics are loaded (the first one in a process ~60–100 ms, loading
them), a 240-category, 4-series line chart ~15 ms; a cache hit (key, read,
parse) ~0.5 ms, 1.5 ms for the big one, and needs no metrics. So the cache
matters for big or many figures and cold processes, and costs little
otherwise; matplotlib is never imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.graphics import shapes
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics

from zzreport.figures.cache import default_cache_dir, figure_cache_key, read_cached, write_cached
from zzreport.figures.kinds import kind_of
from zzreport.figures.kit import Kit
from zzreport.figures.model import FigureData
from zzreport.figures.reportlab_faces import register_face
from zzreport.figures.scene import Circle, Item, Line, Poly, Rect, Scene, Text, Wedge
from zzreport.fonts.fontset import FontSet
from zzreport.ir.theme import Theme

__all__ = ["figure_cache_key", "figure_drawing", "figure_scene", "layout_figure", "register_face", "scene_drawing"]


def layout_figure(fig: FigureData, fonts: FontSet, theme: Theme, width: float, height: float | None = None) -> Scene:
    """Lay a figure out (no cache), as its kind lays it out."""
    return kind_of(fig).lay_out(fig, Kit(fonts, theme), width, height)


def figure_scene(
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    width: float,
    height: float | None = None,
    cache_dir: Path | None = None,
) -> Scene:
    """The laid-out figure, from the cache when its inputs are unchanged."""
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = figure_cache_key(fig, fonts, theme, width, height)
    cached = read_cached(directory, key)
    if cached is not None:
        try:
            return Scene.from_json(cached)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry: lay out again and overwrite it
    scene = layout_figure(fig, fonts, theme, width, height)
    write_cached(directory, key, scene.to_json())
    return scene


def figure_drawing(
    fig: FigureData,
    fonts: FontSet,
    theme: Theme,
    width: float,
    height: float | None = None,
    cache_dir: Path | None = None,
) -> shapes.Drawing:
    """The chart as a vector Drawing ``width`` points wide (title, caption and source excluded).

    ``height`` defaults to about 0.55 × ``width``; horizontal bar charts grow
    with their categories, scorecards take the height of their tiles.
    """
    return scene_drawing(figure_scene(fig, fonts, theme, width, height, cache_dir), fonts)


# --------------------------------------------------------------------------- scene -> reportlab shapes

_COLORS: dict[str, Color] = {}


def _color(value: str | None) -> Color | None:
    if value is None:
        return None
    if value not in _COLORS:
        _COLORS[value] = HexColor(value)
    return _COLORS[value]


def _text(item: Text, fonts: FontSet) -> list[shapes.String]:
    """One String per font run, so a character the figure face lacks falls back like body text."""
    face = fonts.roles["figure"].face(item.bold)
    if all(face.covers(c) for c in item.text):  # the usual case, without walking the fallback chain
        parts = [(register_face(face), item.text)]
    else:
        parts = [(register_face(f), part) for f, part in fonts.segments(item.text, "figure", item.bold)]
    widths = [pdfmetrics.stringWidth(part, key, item.size) for key, part in parts]
    total = sum(widths)
    x = item.x - (total if item.anchor == "end" else total / 2 if item.anchor == "middle" else 0.0)
    out = []
    for (key, part), w in zip(parts, widths, strict=True):
        out.append(shapes.String(x, item.y, part, fontName=key, fontSize=item.size, fillColor=_color(item.color)))
        x += w
    return out


def _untyped(**props: Any) -> dict[str, Any]:
    """Keyword arguments for a shape whose stub types ``**kw`` wrongly (types-reportlab's ``Rect`` lacks ``Unpack``)."""
    return props


def _dash(dash: tuple[float, ...]) -> dict[str, Any]:
    """``strokeDashArray`` for ``dash``; none for a solid line (reportlab's default, which its stub cannot spell)."""
    return {"strokeDashArray": list(dash)} if dash else {}


def _shape(item: Item, fonts: FontSet) -> list[shapes.Shape]:
    if isinstance(item, Text):
        return list(_text(item, fonts))
    if isinstance(item, Rect):
        return [
            shapes.Rect(
                item.x,
                item.y,
                item.w,
                item.h,
                **_untyped(fillColor=_color(item.fill), strokeColor=_color(item.stroke), strokeWidth=item.stroke_width),
            )
        ]
    if isinstance(item, Line):
        return [
            shapes.Line(
                item.x1,
                item.y1,
                item.x2,
                item.y2,
                strokeColor=_color(item.stroke),
                strokeWidth=item.width,
                **_dash(item.dash),
            )
        ]
    if isinstance(item, Poly):
        if item.closed:
            return [
                shapes.Polygon(
                    list(item.points),
                    fillColor=_color(item.fill),
                    strokeColor=_color(item.stroke),
                    strokeWidth=item.width,
                )
            ]
        return [
            shapes.PolyLine(
                list(item.points),
                strokeColor=_color(item.stroke),
                strokeWidth=item.width,
                strokeLineJoin=1,
                strokeLineCap=1,
                **_dash(item.dash),
            )
        ]
    if isinstance(item, Wedge):
        wedge = shapes.Wedge(
            item.cx,
            item.cy,
            item.r,
            item.start,
            item.end,
            fillColor=_color(item.fill),
            strokeColor=_color(item.stroke),
            strokeWidth=item.width,
            strokeLineJoin=1,
            radius1=item.r_inner if item.r_inner > 0 else None,  # None: a full pie slice (reportlab's default)
        )
        return [wedge]
    if isinstance(item, Circle):
        return [
            shapes.Circle(
                item.cx,
                item.cy,
                item.r,
                fillColor=_color(item.fill),
                strokeColor=_color(item.stroke),
                strokeWidth=item.width,
            )
        ]
    raise TypeError(f"unknown scene item {item!r}")  # pragma: no cover


def scene_drawing(scene: Scene, fonts: FontSet) -> shapes.Drawing:
    """Turn a laid-out scene into a reportlab Drawing."""
    # renderPDF starts every drawing with setFont(initialFontName): left at its
    # default, that puts an unembedded Helvetica into the page, whatever the canvas.
    drawing = shapes.Drawing(
        scene.width, scene.height, initialFontName=register_face(fonts.roles["figure"].regular), initialFontSize=8
    )
    for item in scene.items:
        for shape in _shape(item, fonts):
            drawing.add(shape)
    return drawing
