"""Helpers shared by several test modules."""

from __future__ import annotations

import io
import os
import re

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


def require_tool(name: str, found: object) -> None:
    """Skip when an external tool is missing, or fail when CI demands it (``ZZREPORT_REQUIRE_TOOLS=1``)."""
    if found:
        return
    if os.environ.get("ZZREPORT_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is required (ZZREPORT_REQUIRE_TOOLS=1) but not installed")
    pytest.skip(f"{name} is not installed")


def flat(text: str) -> str:
    """``text`` without any whitespace (extraction inserts spaces and line breaks)."""
    return re.sub(r"\s+", "", text)


def appears_wrapped(label: str, lines: list[str]) -> bool:
    """``label`` is in the text, whole or as consecutive pieces each on some line (a wrapped label)."""
    text = "".join(lines)
    rest = flat(label)
    while rest:
        size = max((n for n in range(1, len(rest) + 1) if any(rest[:n] in line for line in lines)), default=0)
        if size == 0 or (size == 1 and len(rest) > 1 and rest not in text):
            return False
        rest = rest[size:]
    return True


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
