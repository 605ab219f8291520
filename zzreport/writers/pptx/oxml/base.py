"""What every XML area of the deck shares: the DrawingML basics, and reaching python-pptx's table XML.

Tag names, required children and the XML behind chart and text proxies
come from :mod:`zzreport.drawingml.oxml.base`, which the charts share with
every Office format; the deck adds its tables and cells (python-pptx 1.0
keeps their XML in private attributes, read in :func:`element_of` alone)
and a text frame's owner.
"""

from __future__ import annotations

from typing import Any

from pptx.table import Table, _Cell
from pptx.text.text import TextFrame

from zzreport.drawingml.oxml import base as drawing
from zzreport.drawingml.oxml.base import copy_element, found, has_cjk, parse_xml, qn, required, serialize_xml, srgb

__all__ = [
    "HasElement",
    "copy_element",
    "element_of",
    "found",
    "frame_owner",
    "has_cjk",
    "parse_xml",
    "qn",
    "required",
    "serialize_xml",
    "srgb",
]

#: The python-pptx objects whose XML element is reached through :func:`element_of`.
HasElement = drawing.HasElement | Table | _Cell


def element_of(obj: HasElement) -> Any:
    """The XML element behind a python-pptx proxy that has no public ``element`` (python-pptx 1.0).

    A table's ``a:tbl``, a cell's ``a:tc``, and everything
    :func:`zzreport.drawingml.oxml.base.element_of` reaches.
    """
    if isinstance(obj, Table):
        return obj._tbl
    if isinstance(obj, _Cell):
        return obj._tc
    return drawing.element_of(obj)


def frame_owner(frame: TextFrame) -> object:
    """The shape (or table cell) a text frame belongs to: python-pptx keeps it as the frame's ``_parent``."""
    return frame._parent
