"""Pictures: the spec's images and figures drawn in code, inline and centred, with alt text and captions.

A PNG or JPEG is placed as it is. An SVG (a spec's image, or a figure drawn
in code, which holds both) is placed as its SVG, drawn by Word 2016 and
later, WPS and LibreOffice, over a PNG that older applications show: an
SVG image's PNG is rasterised here the way the deck rasterises it (svglib,
through zzreport's confined reader, then pypdfium2), so its references stay
inside the spec's folder and its bytes are the same every build. Each
picture is the text width times its share, no taller than a page less its
caption, and carries its alt text as ``descr``.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.shared import Emu, Pt
from PIL import Image as PILImage

from zzreport import ir
from zzreport.svg import drawing_png, load_drawing
from zzreport.writers.docx import oxml
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.context import WordContext, captions

#: Room below a picture for its caption lines, in points.
CAPTION_ROOM = 60.0
EMU = 12700


def svg_png(path: Path, reference_root: Path | None) -> tuple[bytes, float, float]:
    """An SVG file as PNG bytes, with the drawing's width and height in points."""
    drawing = load_drawing(path, reference_root)
    return drawing_png(drawing), float(drawing.width), float(drawing.height)


def _place(ctx: WordContext, png: bytes, size: tuple[float, float], share: float, alt: str, svg: bytes | None) -> None:
    """The picture in a centred paragraph of its own: ``share`` of the text width, no taller than a page allows."""
    width = ctx.width * share
    height = width * size[1] / size[0] if size[0] else width
    room = ctx.height - CAPTION_ROOM * EMU
    if room > 0 and height > room:
        width, height = width * room / height, room
    holder = ctx.paragraph(st.NORMAL)
    holder.alignment = st.alignment("center")
    holder.paragraph_format.keep_with_next = True
    holder.paragraph_format.space_before = Pt(4)
    run = ctx.setter.run(holder)
    picture = run.add_picture(io.BytesIO(png), width=Emu(int(width)), height=Emu(int(height)))
    oxml.set_descr(picture, alt)
    if svg is not None:
        oxml.add_svg(picture, holder.part, svg)


def image(block: ir.Image, ctx: WordContext) -> None:
    if block.path.suffix.lower() == ".svg":
        png, width, height = svg_png(block.path, ctx.document.assets.reference_root)
        _place(ctx, png, (width, height), block.width, _alt(block), block.path.read_bytes())
    else:
        data = block.path.read_bytes()
        with PILImage.open(io.BytesIO(data)) as picture:
            size = (float(picture.width), float(picture.height))
        _place(ctx, data, size, block.width, _alt(block), None)
    captions(ctx, block.caption, "", block.source_line)


def _alt(block: ir.Image) -> str:
    return block.alt or block.caption or block.path.stem


def graphic(block: ir.Graphic, ctx: WordContext) -> None:
    """A figure drawn in code: its SVG over its PNG, at its own aspect ratio."""
    _place(ctx, block.png, block.size, block.width, block.alt, block.svg)
    captions(ctx, block.caption, "", "")


def figure_picture(block: ir.Figure, ctx: WordContext) -> None:
    """A chart drawn as the PDF draws it, placed as a picture at the text width (no native chart for it)."""
    from zzreport.figures.pdf_drawing import figure_drawing

    width = ctx.width / EMU
    room = ctx.height / EMU - CAPTION_ROOM
    drawing = figure_drawing(block.data, ctx.fonts, ctx.theme, width, cache_dir=ctx.figure_cache)
    if room > 0 and drawing.height > room:
        drawing = figure_drawing(block.data, ctx.fonts, ctx.theme, width, room, cache_dir=ctx.figure_cache)
    alt = block.data.alt or block.title_line
    _place(ctx, drawing_png(drawing), (float(drawing.width), float(drawing.height)), 1.0, alt, None)
