"""Pictures for the deck: SVG files are rasterised, since PowerPoint slides built
with python-pptx can only embed bitmap pictures.

The SVG is drawn with svglib (the same reader the PDF writer uses for it),
written to a one-page PDF in memory and rasterised with pypdfium2 at a
resolution that stays sharp on a projector. The PNG bytes are deterministic,
so decks with SVG images stay byte-reproducible.
"""

from __future__ import annotations

import io
from pathlib import Path

#: Pixels per point of the rasterised SVG (3x: sharp on a 4K projector at full width).
SCALE = 3.0


def picture_source(path: Path) -> Path | io.BytesIO:
    """What ``add_picture`` can take for ``path``: the file itself, or a PNG made from an SVG."""
    if path.suffix.lower() != ".svg":
        return path
    import pypdfium2
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(str(path))
    if drawing is None:
        raise ValueError(f"cannot read SVG {path.name}")
    pdf = io.BytesIO(renderPDF.drawToString(drawing))
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=SCALE).to_pil()
    finally:
        document.close()
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    png.seek(0)
    return png
