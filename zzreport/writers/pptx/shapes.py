"""Flat coloured shapes (bars, bands, cards, badges), made the same way everywhere in the deck."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.util import Emu

from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.layout import Box


def flat_shape(slide: Slide, box: Box, color: str, *, name: str = "", kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE) -> Shape:
    """A ``kind`` shape over ``box``, filled with ``color``, with no outline and no shadow."""
    shape = slide.shapes.add_shape(kind, Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    oxml.set_flat_fill(shape, color)
    if name:
        shape.name = name
    return shape
