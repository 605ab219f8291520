"""DrawingML runs with East Asian fonts: ``a:latin`` + ``a:ea``, the run language, substitution hints.

python-pptx's ``Font.name`` writes only ``a:latin``; Chinese characters are
drawn with the ``a:ea`` typeface, and East Asian line breaking needs
``lang="zh-CN"`` (python-pptx #720, #768), so every run, paragraph default
and end-of-paragraph mark of a chart (and of a deck's slides) gets both here.
"""

from __future__ import annotations

from lxml import etree
from pptx.text.text import Font, TextFrame

from zzreport.drawingml.oxml.base import element_of, qn
from zzreport.drawingml.oxml.order import get_or_add

#: PANOSE-1 numbers (OS/2 table) of the faces we ship, for font substitution.
_PANOSE = {"Noto Sans SC": "020B0200000000000000"}
#: ``charset`` of a Simplified Chinese face: GB2312 (134) as the schema's signed byte.
GB2312_CHARSET = "-122"


def set_ea_typeface(ea: etree._Element, typeface: str) -> None:
    """``typeface`` plus the hints PowerPoint uses when that face is not installed.

    CT_TextFont's ``charset`` (GB2312), ``pitchFamily`` (variable pitch, sans
    0x22 or roman 0x12) and ``panose`` let PowerPoint on Windows or a Mac pick
    a Simplified Chinese substitute (微软雅黑, 苹方) instead of a Japanese face.
    """
    ea.set("typeface", typeface)
    panose = _PANOSE.get(typeface)
    if panose:
        ea.set("panose", panose)
    ea.set("pitchFamily", "18" if "serif" in typeface.lower().replace("sans", "") else "34")
    ea.set("charset", GB2312_CHARSET)


def set_run_fonts(rPr: etree._Element, typeface: str, lang: str) -> None:
    """Set ``a:latin`` and ``a:ea`` to ``typeface`` and the run language.

    Chinese characters are drawn with ``a:ea``, and without it LibreOffice
    picks a Japanese face. Used for slide runs and chart text alike (any
    ``a:rPr``/``a:defRPr``/``a:endParaRPr``).
    """
    rPr.set("lang", lang)
    if lang.lower().startswith("zh"):
        rPr.set("altLang", "en-US")
    get_or_add(rPr, "a:latin").set("typeface", typeface)
    set_ea_typeface(get_or_add(rPr, "a:ea"), typeface)


def set_east_asian_font(font: Font, typeface: str, lang: str = "zh-CN") -> None:
    """``a:latin`` + ``a:ea`` and the language on a python-pptx :class:`Font`.

    Works for every ``Font`` a chart hands out (``chart.font``,
    ``tick_labels.font``, ``legend.font``, ``data_labels.font``, ``run.font``):
    each wraps a ``defRPr``/``rPr`` inside the right ``c:txPr``/``c:rich``.
    """
    set_run_fonts(element_of(font), typeface, lang)


def set_text_frame_east_asian(text_frame: TextFrame, typeface: str, lang: str = "zh-CN") -> None:
    """East Asian font on every paragraph default and run of a text frame (chart and axis titles).

    Titles are ``c:rich`` bodies; PowerPoint reads the run's ``a:rPr`` first,
    then the paragraph's ``a:defRPr``, so both carry the typeface.
    """
    for p in element_of(text_frame).findall(qn("a:p")):
        set_run_fonts(p.get_or_add_pPr().get_or_add_defRPr(), typeface, lang)
        for run in p.r_lst:
            set_run_fonts(run.get_or_add_rPr(), typeface, lang)
        end = p.find(qn("a:endParaRPr"))
        if end is not None:
            set_run_fonts(end, typeface, lang)
