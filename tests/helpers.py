"""Helpers shared by several test modules."""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from zzreport.testing import appears_wrapped, flat

__all__ = [
    "BUILD_EPOCH",
    "appears_wrapped",
    "flat",
    "plot_area_summary",
    "rename_layout",
    "require_tool",
    "tiny_font",
    "workbook_blob",
    "workbook_rows",
]


#: SOURCE_DATE_EPOCH of the test run (2025-05-01 10:00:00 UTC), as the regeneration workflow sets one:
#: without it a spec with no ``date`` is stamped with the moment of its build, and tests that build twice
#: and compare bytes would depend on the clock. Tests of that rule remove it with ``monkeypatch.delenv``.
BUILD_EPOCH = "1746093600"


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


# --------------------------------------------------------------------------- decks

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def plot_area_summary(chart: Any) -> list[str]:
    """Local names of a chart's groups (``barChart`` …) and axes (``catAx`` …) in ``c:plotArea``, in order."""
    plot_area = chart.element.find(f"{_C}chart/{_C}plotArea")
    names = [child.tag.rpartition("}")[2] for child in plot_area]
    return [name for name in names if name.endswith(("Chart", "Ax"))]


def workbook_blob(chart_part: Any) -> bytes | None:
    """The bytes of the workbook embedded in a chart part, or None."""
    xlsx_part = chart_part.chart_workbook.xlsx_part
    return None if xlsx_part is None else xlsx_part.blob


def workbook_rows(chart: Any) -> list[list[str]]:
    """The rows of a chart's embedded workbook (first sheet) as cell texts: numbers as written, strings
    shared or inline, empty cells left out."""
    blob = workbook_blob(chart.part)
    assert blob is not None, "the chart has no embedded workbook"
    return xlsx_rows(blob)


def xlsx_rows(blob: bytes) -> list[list[str]]:
    """The rows of a workbook's first sheet as cell texts (see :func:`workbook_rows`)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", shared)
    rows = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet):
        cells = []
        for attrs, body in re.findall(r"<c([^>]*)>(.*?)</c>", row):
            value = re.search(r"<v>([^<]*)</v>", body)
            inline = re.search(r"<t[^>]*>([^<]*)</t>", body)
            if 't="s"' in attrs and value:
                cells.append(strings[int(value.group(1))])
            elif inline:
                cells.append(inline.group(1))
            elif value:
                cells.append(value.group(1))
        rows.append(cells)
    return rows


def rename_layout(layout: Any, name: str) -> None:
    """Rename a slide layout (``p:cSld/@name``), e.g. to build a template with Chinese layout names."""
    layout.element.find(f"{_P}cSld").set("name", name)
