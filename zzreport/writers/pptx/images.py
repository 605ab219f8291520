"""Pictures for the deck: SVG files are rasterised, since PowerPoint slides built
with python-pptx can only embed bitmap pictures.

The SVG is drawn with svglib through :func:`zzreport.svg.load_drawing` (the
reader every stage uses, so its references stay confined), written to a
one-page PDF in memory and rasterised with pypdfium2 at a resolution that
stays sharp on a projector, but never past :data:`MAX_RASTER_PIXELS`: an SVG
may declare any size in a few bytes. The PNG bytes are deterministic, so
decks with SVG images stay byte-reproducible.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

#: Pixels per point of the rasterised SVG (3x: sharp on a 4K projector at full width).
SCALE = 3.0
#: The most pixels one rasterised SVG may have (about twice a 4K screen; 64 MB as RGBA).
MAX_RASTER_PIXELS = 16_000_000


def raster_scale(width: float, height: float) -> float:
    """Pixels per point for an SVG of ``width`` × ``height`` points: :data:`SCALE`, less for a huge one."""
    return min(SCALE, math.sqrt(MAX_RASTER_PIXELS / (width * height)))


def picture_source(path: Path, reference_root: Path | None) -> Path | io.BytesIO:
    """What ``add_picture`` can take for ``path``: the file itself, or a PNG made from an SVG."""
    if path.suffix.lower() != ".svg":
        return path
    import pypdfium2
    from reportlab.graphics import renderPDF

    from zzreport.svg import load_drawing

    drawing = load_drawing(path, reference_root)
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
    png.seek(0)
    return png
