"""Reading SVG files into reportlab drawings, the one way every stage does it.

The check stage, the PDF writer (vector graphics) and the deck writer (a
rasterised picture) all draw an SVG through :func:`load_drawing`, so the
references svglib follows (``<image href>``, ``<use href>``) are confined to
the same folder everywhere: svglib's ``external_reference_root`` refuses a
reference that resolves outside it. What those references point at has been
checked by :mod:`zzreport.resolve.images` before any output is started.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: The largest side an SVG may declare, in points (about 7 m): a real logo or
#: diagram is far below it, and it keeps every later scale finite.
MAX_SIDE = 20_000.0
#: Pixels per point of a rasterised drawing (3x: sharp on a 4K projector at full width).
RASTER_SCALE = 3.0
#: The most pixels one rasterised drawing may have (about twice a 4K screen; 64 MB as RGBA): an SVG may
#: declare any size in a few bytes.
MAX_RASTER_PIXELS = 16_000_000


class SvgError(ValueError):
    """An SVG that cannot be drawn; the message says why, for a located error."""


def load_drawing(
    path: Path | bytes, reference_root: Path | None, fonts: Mapping[tuple[str, str], str] | None = None
) -> Any:
    """The reportlab ``Drawing`` of the SVG at ``path`` (or of these bytes), with a finite, positive size.

    ``reference_root`` is the folder external references must stay inside
    (``None`` when the person running the build allowed files outside the
    spec's folder). ``fonts`` maps an SVG text's ``(font-family, font-weight)``
    to a registered reportlab font name, in a font map of this drawing's own
    (svglib's global one, and its fontconfig look-ups, are left alone).
    """
    from svglib.svglib import svg2rlg

    root = None if reference_root is None else str(reference_root)
    options: dict[str, Any] = {"external_reference_root": root}
    if fonts:
        from svglib.fonts import FontMap

        font_map = FontMap()
        for (family, weight), name in fonts.items():
            font_map.register_font(family, weight=weight, rlgFontName=name)
        options["font_map"] = font_map
    source = io.BytesIO(path) if isinstance(path, bytes) else str(path)
    drawing = svg2rlg(source, **options)
    if drawing is None:
        raise SvgError("is not a readable SVG file")
    width, height = drawing.width, drawing.height
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise SvgError(f"has no usable {name} ({value}); give the <svg> element a width, height and viewBox")
        if value <= 0:
            raise SvgError(f"has a {name} of {value:g}; give the <svg> element a positive width, height or viewBox")
        if value > MAX_SIDE:
            raise SvgError(f"declares a {name} of {value:g} pt, more than {MAX_SIDE:g}")
    return drawing


def raster_scale(width: float, height: float) -> float:
    """Pixels per point for a drawing of ``width`` × ``height`` points: :data:`RASTER_SCALE`, less for a huge one."""
    return min(RASTER_SCALE, math.sqrt(MAX_RASTER_PIXELS / max(width * height, 1.0)))


def drawing_png(drawing: Any) -> bytes:
    """A reportlab ``Drawing`` as PNG bytes, for an output that shows pictures rather than vector drawings.

    Written to a one-page PDF in memory and rasterised with pypdfium2 at
    :func:`raster_scale`, so every writer's bitmap of one drawing is the same,
    and the same on every build (reproducible outputs).
    """
    import pypdfium2
    from reportlab.graphics import renderPDF

    pdf = io.BytesIO()
    renderPDF.drawToFile(drawing, pdf)  # what drawToString does, into a buffer typed as bytes
    pdf.seek(0)
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=raster_scale(drawing.width, drawing.height)).to_pil()
    finally:
        document.close()
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    return png.getvalue()
