"""Helpers shared by several test modules."""

from __future__ import annotations

import io
import os

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from zzreport.testing import appears_wrapped, flat

__all__ = ["appears_wrapped", "flat", "require_tool", "tiny_font"]


def require_tool(name: str, found: object) -> None:
    """Skip when an external tool is missing, or fail when CI demands it (``ZZREPORT_REQUIRE_TOOLS=1``)."""
    if found:
        return
    if os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is required (ZZREPORT_REQUIRE_TOOLS=1) but not installed")
    pytest.skip(f"{name} is not installed")


def tiny_font(advance: int = 500) -> bytes:
    """A valid TrueType font of the Latin letters and digits, every glyph ``advance`` units wide (a few KB).

    Fonts of two advances have the same size in bytes: only the width
    values differ, and with them every line break and chart label.
    """
    names = [".notdef", "space", *[chr(c) for c in range(ord("a"), ord("z") + 1)]]
    names += [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [chr(c) for c in range(ord("0"), ord("9") + 1)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(n): n for n in names if len(n) == 1} | {32: "space"})
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((450, 0))
    pen.lineTo((450, 600))
    pen.closePath()
    box = pen.glyph()
    builder.setupGlyf({n: (box if len(n) == 1 else TTGlyphPen(None).glyph()) for n in names})
    builder.setupHorizontalMetrics({n: (advance, 50) for n in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular", "psName": "Tiny-Regular"})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
