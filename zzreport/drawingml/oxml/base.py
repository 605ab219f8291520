"""What every DrawingML area shares: tag names, required children, and reaching python-pptx's XML.

python-pptx hands out public proxies (charts, text frames, fonts, axes,
data labels); the XML behind them is reached only here. Charts have a
public ``element``; the others (python-pptx 1.0) keep theirs in a private
attribute, read in :func:`element_of` alone, so the rest of the code never
names one and a python-pptx release that makes them public changes one
function.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from lxml import etree
from pptx.chart.axis import CategoryAxis, DateAxis, ValueAxis
from pptx.chart.datalabel import DataLabels
from pptx.chart.series import XySeries
from pptx.oxml.ns import qn as _pptx_qn
from pptx.text.text import Font, TextFrame

#: ``"a:p"`` → ``"{namespace}p"``, computed once per tag: a deck writes tens of thousands of elements.
qn = functools.cache(_pptx_qn)

_CJK_RE = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")

#: The python-pptx objects whose XML element is reached through :func:`element_of`.
HasElement = TextFrame | Font | CategoryAxis | ValueAxis | DateAxis | DataLabels | XySeries


def element_of(obj: HasElement) -> Any:
    """The XML element behind a python-pptx proxy that has no public ``element`` (python-pptx 1.0).

    A text frame's ``a:txBody``/``c:rich``, a font's ``a:rPr``/``a:defRPr``,
    an axis' ``c:catAx``/``c:valAx``, a ``c:dLbls``, an XY series' ``c:ser``.
    Typed ``Any``: the elements are python-pptx's own element classes
    (``get_or_add_pPr`` and the like).
    """
    return obj._element


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han character or CJK punctuation (needs ``a:ea`` and ``zh-CN``)."""
    return bool(_CJK_RE.search(text))


def found(element: etree._Element | None, what: str) -> etree._Element:
    """``element``, which python-pptx always writes: a part without it is broken, not a case to carry on with."""
    if element is None:
        raise ValueError(f"the part's XML has no {what}")
    return element


def required(element: etree._Element, name: str) -> str:
    """The attribute ``name`` of ``element``, which its schema requires."""
    value = element.get(name)
    if value is None:
        raise ValueError(f"<{etree.QName(element).localname}> has no {name!r}")
    return value


def srgb(color: str) -> str:
    """``#rrggbb`` as DrawingML's ``srgbClr/@val`` (``RRGGBB``)."""
    return color.lstrip("#").upper()


def parse_xml(blob: bytes) -> etree._Element:
    """A part's XML (a part python-pptx keeps as bytes, such as a theme)."""
    return etree.fromstring(blob)


def serialize_xml(element: etree._Element) -> bytes:
    """A part's XML as python-pptx writes parts: declared UTF-8, standalone."""
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def copy_element(element: etree._Element) -> etree._Element:
    """A detached copy of ``element`` as a plain lxml element (not python-pptx's element class)."""
    return etree.fromstring(etree.tostring(element))
