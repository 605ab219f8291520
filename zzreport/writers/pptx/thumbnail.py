"""The deck's thumbnail (``docProps/thumbnail.jpeg``): the real cover, drawn small with Pillow.

File browsers and PowerPoint's open dialog show this picture; python-pptx
ships a generic one. It is drawn from the finished cover slide (where its
title and subtitle sit, their text and sizes, the band of its layout) with
the deck's own bundled face, never by starting a renderer: the library
starts no process. Pillow's JPEG encoder gives the same bytes for the same
picture, so the deck stays reproducible.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide

from zzreport.ir import Colors
from zzreport.writers.pptx.text import EMU_PER_PT, read_paragraphs

#: Width of the thumbnail in pixels (PowerPoint writes 256 across).
WIDTH = 256


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` pixels, character by character (a thumbnail, not type)."""
    lines: list[str] = []
    for part in text.replace("\v", "").split("\n"):
        line = ""
        for char in part:
            if line and font.getlength(line + char) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _texts(slide: Slide, colors: Colors) -> Iterable[tuple[Shape, bool, str]]:
    """The cover's text shapes, each with whether it is set bold and its colour: the title in the text
    colour, the subtitle in the primary one, the byline and lead in the muted one."""
    for shape in slide.shapes:
        if not isinstance(shape, Shape) or not shape.text_frame.text.strip():
            continue
        kind = shape.placeholder_format.type if shape.is_placeholder else None
        if kind in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE):
            yield shape, True, colors.text
        elif kind == PP_PLACEHOLDER.SUBTITLE:
            yield shape, False, colors.primary
        else:
            yield shape, False, colors.muted


def cover_thumbnail(slide: Slide, size: tuple[int, int], colors: Colors, faces: tuple[Path, Path]) -> bytes:
    """A JPEG of ``slide`` (the cover) ``WIDTH`` pixels across: background, band, title and subtitle.

    ``size`` is the slide's width and height (EMU); ``faces`` the regular and
    bold font files the deck's text is set in.
    """
    width, height = size
    scale = WIDTH / width
    image = Image.new("RGB", (WIDTH, max(1, round(height * scale))), colors.background)
    draw = ImageDraw.Draw(image)
    for shape in slide.slide_layout.shapes:  # the title layout's own shapes: our cover band
        if not shape.is_placeholder and shape.width and shape.height:
            box = (
                shape.left * scale,
                shape.top * scale,
                (shape.left + shape.width) * scale,
                (shape.top + shape.height) * scale,
            )
            draw.rectangle(box, fill=colors.primary)
    for shape, bold, color in _texts(slide, colors):
        paras = read_paragraphs(shape.text_frame)
        points = max((p.size for p in paras), default=12.0)
        pixels = max(4, round(points * EMU_PER_PT * scale))
        font = ImageFont.truetype(str(faces[1] if bold else faces[0]), pixels)
        left, top, box_width = shape.left * scale, shape.top * scale, shape.width * scale
        for line in _wrap(shape.text_frame.text, font, box_width):
            draw.text((left, top), line, font=font, fill=color)
            top += pixels * 1.2
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
