"""Pictures for the deck: SVG files are rasterised, since PowerPoint slides built
with python-pptx can only embed bitmap pictures.

The SVG is drawn with svglib through :func:`zzreport.svg.load_drawing` (the
reader every stage uses, so its references stay confined), written to a
one-page PDF in memory and rasterised with pypdfium2 at a resolution that
stays sharp on a projector, but never past
:data:`zzreport.svg.MAX_RASTER_PIXELS` (:func:`zzreport.svg.drawing_png`).
The PNG bytes are deterministic, so decks with SVG images stay
byte-reproducible.
"""

from __future__ import annotations

import io
from pathlib import Path


def picture_source(path: Path, reference_root: Path | None) -> Path | io.BytesIO:
    """What ``add_picture`` can take for ``path``: the file itself, or a PNG made from an SVG."""
    if path.suffix.lower() != ".svg":
        return path
    from zzreport.svg import drawing_png, load_drawing

    return io.BytesIO(drawing_png(load_drawing(path, reference_root)))
