"""Text XML: runs with East Asian fonts, paragraphs with exact pitch and CJK breaking, bullets, text bodies.

python-pptx's ``Font.name`` writes only ``a:latin``; Chinese characters are
drawn with the ``a:ea`` typeface, and East Asian line breaking needs
``lang="zh-CN"`` (python-pptx #720, #768), so every run, paragraph default
and end-of-paragraph mark gets both here. The deck's paragraphs are written
straight into the text body (:func:`write_paragraphs`) rather than through
python-pptx's paragraph and font properties: a deck holds thousands of runs,
and the typed API's lookups made up most of the deck's build time.
:func:`read_paragraphs` reads a finished text frame back, for measuring what
was written.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from lxml import etree
from pptx.text.text import TextFrame

from zzreport.drawingml.oxml.text import set_run_fonts
from zzreport.writers.pptx.oxml.base import element_of, has_cjk, qn, srgb
from zzreport.writers.pptx.oxml.order import add, get_or_add, insert

_SPACING_TAGS = ("a:lnSpc", "a:spcBef", "a:spcAft")
_SPACING_CLARK = frozenset(qn(t) for t in _SPACING_TAGS)
_CONTENT_CLARK = frozenset(qn(t) for t in ("a:r", "a:br", "a:fld"))
_BULLET_CLARK = tuple(
    qn(t) for t in ("a:buClrTx", "a:buClr", "a:buFontTx", "a:buFont", "a:buNone", "a:buAutoNum", "a:buChar")
)
_AUTOFIT_CLARK = frozenset(qn(t) for t in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"))
_CTRL_RE = re.compile(r"([\x00-\x08\x0B-\x1F])")
#: ``a:bodyPr`` inset attributes and their schema defaults (a default is written by leaving it out).
_INSET_DEFAULTS = (("lIns", 91440), ("rIns", 91440), ("tIns", 45720), ("bIns", 45720))
_ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}


# --------------------------------------------------------------------------- runs and fonts


def style_run_properties(rPr: etree._Element, size: float, bold: bool, color: str, typeface: str, lang: str) -> None:
    """Size, weight, colour (``#RRGGBB``), fonts (``a:latin`` + ``a:ea``) and language of one run."""
    rPr.set("sz", str(round(size * 100)))
    rPr.set("b", "1" if bold else "0")
    for old in rPr.findall(qn("a:solidFill")):
        rPr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=srgb(color))
    insert(rPr, fill)
    set_run_fonts(rPr, typeface, lang)


def add_slide_number_field(paragraph: etree._Element, number: int, seed: str) -> etree._Element:
    """Add ``<a:fld type="slidenum">`` showing ``number``; returns its ``a:rPr`` to style.

    The field id is derived from ``seed`` so the bytes are reproducible.
    PowerPoint and LibreOffice replace the text with the live slide number.
    """
    field_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"zzreport:{seed}")).upper() + "}"
    fld = etree.Element(qn("a:fld"), id=field_id, type="slidenum")
    rPr = etree.SubElement(fld, qn("a:rPr"), lang="en-US")
    etree.SubElement(fld, qn("a:t")).text = str(number)
    insert(paragraph, fld)
    return rPr


def _append_run(paragraph: etree._Element, text: str, rPr: etree._Element) -> None:
    """Add ``<a:r>`` with properties ``rPr`` and ``text`` (control characters escaped as python-pptx does)."""
    run = etree.Element(qn("a:r"))
    run.append(rPr)
    etree.SubElement(run, qn("a:t")).text = _CTRL_RE.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    insert(paragraph, run)


def _append_line_break(paragraph: etree._Element, rPr: etree._Element) -> None:
    """Add ``<a:br>`` (PowerPoint's Shift+Enter) carrying ``rPr``.

    The deck writes the lines its breaker measured, so the renderer never has
    to choose a break; the break carries the run's size and fonts so an empty
    line's height matches its neighbours in every renderer.
    """
    br = etree.Element(qn("a:br"))
    br.append(rPr)
    insert(paragraph, br)


# --------------------------------------------------------------------------- paragraphs and bullets


def set_paragraph_cjk_breaking(pPr: etree._Element) -> None:
    """Break lines between any two Han characters and hang closing punctuation, as Chinese text expects."""
    pPr.set("eaLnBrk", "1")
    pPr.set("hangingPunct", "1")
    pPr.set("latinLnBrk", "0")


def set_bullet(pPr: etree._Element, char: str, typeface: str, color: str, margin: int, indent: int) -> None:
    """A hanging bullet ``char`` (colour ``#RRGGBB``) with the text starting ``margin`` EMU in."""
    pPr.set("marL", str(margin))
    pPr.set("indent", str(-indent))
    for tag in _BULLET_CLARK:
        for old in pPr.findall(tag):
            pPr.remove(old)
    clr = add(pPr, "a:buClr")
    etree.SubElement(clr, qn("a:srgbClr"), val=srgb(color))
    add(pPr, "a:buFont", typeface=typeface)
    add(pPr, "a:buChar", char=char)


def set_no_bullet(pPr: etree._Element) -> None:
    """Explicitly no bullet, so a template's body style cannot add one."""
    get_or_add(pPr, "a:buNone")


def _spacing(tag: str, points: float) -> etree._Element:
    """``a:lnSpc``/``a:spcBef``/``a:spcAft`` of exactly ``points`` (centipoints rounded as python-pptx does)."""
    element = etree.Element(qn(tag))
    etree.SubElement(element, qn("a:spcPts"), val=str(int(points * 12700) // 127))
    return element


@dataclass(frozen=True)
class ParagraphFormat:
    """Everything of a paragraph's XML but its runs: paragraphs of a deck repeat a few of these.

    ``align`` is DrawingML's (``l``, ``ctr``, ``r``, ``just``); ``pitch`` and
    ``space_before`` are points; margins and the bullet's hanging indent EMU.
    """

    align: str
    pitch: float
    space_before: float
    right_margin: int
    bullet: str
    bullet_color: str
    margin: int
    hanging: int
    end_size: float
    face: str


def format_paragraph(paragraph: etree._Element, f: ParagraphFormat) -> None:
    """Alignment, exact pitch and spacing, CJK breaking, ``marR``, bullet and end-of-paragraph properties.

    Any spacing the paragraph had is replaced; everything else in an existing
    ``a:pPr`` (a placeholder's own) stays.
    """
    pPr = get_or_add(paragraph, "a:pPr")
    pPr.set("algn", f.align)
    set_paragraph_cjk_breaking(pPr)
    # Always explicit: LibreOffice carries an unset marR over from the previous paragraph.
    pPr.set("marR", str(f.right_margin))
    for child in list(pPr):
        if child.tag in _SPACING_CLARK:
            pPr.remove(child)
    for tag, points in zip(_SPACING_TAGS, (f.pitch, f.space_before, 0.0), strict=True):
        insert(pPr, _spacing(tag, points))
    if f.bullet:
        set_bullet(pPr, f.bullet, f.face, f.bullet_color, f.margin, f.hanging)
    else:
        pPr.set("marL", str(f.margin))
        pPr.set("indent", "0")
        set_no_bullet(pPr)
    end = get_or_add(paragraph, "a:endParaRPr")
    end.set("sz", str(round(f.end_size * 100)))
    set_run_fonts(end, f.face, "zh-CN")


@functools.lru_cache(maxsize=1024)
def _paragraph_prototype(f: ParagraphFormat) -> etree._Element:
    """An empty ``a:p`` formatted as ``f``; never inserted anywhere, only copied.

    A process-wide cache, kept so on purpose: it is keyed by paragraph
    *format* (a style), never by text, so it is bounded by the styles a
    theme has, and 1,024 entries cap it.
    """
    paragraph = etree.Element(qn("a:p"))
    format_paragraph(paragraph, f)
    return paragraph


@functools.lru_cache(maxsize=1024)
def _run_prototype(size: float, bold: bool, color: str, typeface: str, cjk: bool, line_break: bool) -> etree._Element:
    """A styled ``a:rPr``, never inserted anywhere: :func:`_run_properties` hands out copies.

    Process-wide on purpose: keyed by a run's style (size, weight, colour,
    face), never its text, and capped at 1,024 styles. A line break's
    properties start with ``lang="zh-CN"``.
    """
    rPr = etree.Element(qn("a:rPr"), lang="zh-CN") if line_break else etree.Element(qn("a:rPr"))
    style_run_properties(rPr, size, bold, color, typeface, "zh-CN" if cjk else "en-US")
    return rPr


class RunLike(Protocol):
    """A stretch of text in one style; ``field == "slidenum"`` marks a slide-number field."""

    @property
    def text(self) -> str: ...
    @property
    def size(self) -> float: ...
    @property
    def bold(self) -> bool: ...
    @property
    def color(self) -> str: ...
    @property
    def field(self) -> str: ...


def _run_properties(run: RunLike, typeface: str, line_break: bool = False) -> etree._Element:
    """A fresh ``a:rPr`` styled for ``run``: a copy of one built per style, as runs of a style share it."""
    return deepcopy(_run_prototype(run.size, run.bold, run.color, typeface, has_cjk(run.text), line_break))


class Line(NamedTuple):
    """One written line: its runs, and the run whose style the ``a:br`` before it carries (None on the first)."""

    runs: Sequence[RunLike]
    break_style: RunLike | None


class WrittenParagraph(NamedTuple):
    """A paragraph as it goes into the XML: its format and its lines."""

    format: ParagraphFormat
    lines: Sequence[Line]


def write_paragraphs(frame: TextFrame, paragraphs: Sequence[WrittenParagraph], typeface: str) -> None:
    """Replace the frame's text with ``paragraphs``, each line after the first behind an ``a:br``.

    The text body is emptied the way python-pptx's ``TextFrame.clear()``
    does: the first paragraph keeps its ``a:pPr`` and ``a:endParaRPr`` (a
    placeholder's own paragraph settings survive) and is formatted in place;
    the others are copies of one prototype per format.
    """
    txBody = element_of(frame)
    first = _clear_paragraphs(txBody)
    for i, (fmt, lines) in enumerate(paragraphs):
        if i == 0 and not (len(first) == 0 and not first.attrib):  # not blank: a placeholder's own paragraph
            paragraph = first
            format_paragraph(paragraph, fmt)
        else:
            paragraph = deepcopy(_paragraph_prototype(fmt))
            if i == 0:
                txBody.replace(first, paragraph)
            else:
                txBody.append(paragraph)
        for runs, break_style in lines:
            if break_style is not None:
                _append_line_break(paragraph, _run_properties(break_style, typeface, line_break=True))
            for run in runs:
                if run.field == "slidenum":
                    rPr = add_slide_number_field(paragraph, int(run.text or 0), f"{typeface}:{run.text}")
                    lang = "zh-CN" if has_cjk(run.text) else "en-US"
                    style_run_properties(rPr, run.size, run.bold, run.color, typeface, lang)
                    continue
                _append_run(paragraph, run.text, _run_properties(run, typeface))


def _clear_paragraphs(txBody: etree._Element) -> etree._Element:
    """Every paragraph but the first removed, the first without runs, breaks and fields; returns it."""
    paragraphs = txBody.findall(qn("a:p"))
    if not paragraphs:
        return etree.SubElement(txBody, qn("a:p"))
    for extra in paragraphs[1:]:
        txBody.remove(extra)
    first = paragraphs[0]
    for child in list(first):
        if child.tag in _CONTENT_CLARK:
            first.remove(child)
    return first


# --------------------------------------------------------------------------- text bodies


def set_body_properties(frame: TextFrame, *, anchor: str, inset_x: int, inset_y: int, autofit: bool = True) -> None:
    """Wrap at the shape's width, fixed insets, ``anchor``; ``autofit``: shrink text on overflow.

    The same XML python-pptx writes for ``word_wrap``, ``auto_size``
    (``TEXT_TO_FIT_SHAPE`` as ``a:normAutofit`` at 100 %, or ``NONE``), the
    four margins and ``vertical_anchor``, without its per-property lookups.
    The writer fits text itself, so the autofit written is the unscaled one:
    it only shrinks text a user's edit makes too long.
    """
    bodyPr = element_of(frame).bodyPr
    bodyPr.set("wrap", "square")
    for child in list(bodyPr):
        if child.tag in _AUTOFIT_CLARK:
            bodyPr.remove(child)
    add(bodyPr, "a:normAutofit" if autofit else "a:noAutofit")
    for (name, default), value in zip(_INSET_DEFAULTS, (inset_x, inset_x, inset_y, inset_y), strict=True):
        if value == default:
            bodyPr.attrib.pop(name, None)
        else:
            bodyPr.set(name, str(value))
    bodyPr.set("anchor", _ANCHORS[anchor])


# --------------------------------------------------------------------------- reading back


class ReadRun(NamedTuple):
    """A run (or field, or ``"\\n"`` for a line break) as written: text, size (points), weight."""

    text: str
    size: float
    bold: bool


class ReadParagraph(NamedTuple):
    """A paragraph as written: runs, line pitch and space before (points; pitch None when not exact), margins
    (EMU) and bullet character."""

    runs: tuple[ReadRun, ...]
    pitch: float | None
    space_before: float
    left_margin: int
    right_margin: int
    bullet: str


def read_paragraphs(frame: TextFrame) -> list[ReadParagraph]:
    """The paragraphs of a finished text frame, for measuring what was written."""
    out: list[ReadParagraph] = []
    for p in element_of(frame).findall(qn("a:p")):
        pPr = p.find(qn("a:pPr"))
        runs: list[ReadRun] = []
        for child in p:
            if child.tag in (qn("a:r"), qn("a:fld")):
                rPr = child.find(qn("a:rPr"))
                size = int(rPr.get("sz", "1800")) / 100 if rPr is not None else 18.0
                bold = rPr is not None and rPr.get("b") == "1"
                runs.append(ReadRun(child.findtext(qn("a:t")) or "", size, bold))
            elif child.tag == qn("a:br"):
                runs.append(ReadRun("\n", runs[-1].size if runs else 18.0, False))
        if not runs:
            end = p.find(qn("a:endParaRPr"))
            runs.append(ReadRun("", int(end.get("sz", "1800")) / 100 if end is not None else 18.0, False))
        pitch_el = pPr.find(f"{qn('a:lnSpc')}/{qn('a:spcPts')}") if pPr is not None else None
        before_el = pPr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}") if pPr is not None else None
        bu_char = pPr.find(qn("a:buChar")) if pPr is not None else None
        out.append(
            ReadParagraph(
                tuple(runs),
                int(pitch_el.get("val", "0")) / 100 if pitch_el is not None else None,
                int(before_el.get("val", "0")) / 100 if before_el is not None else 0.0,
                int(pPr.get("marL", "0")) if pPr is not None else 0,
                int(pPr.get("marR", "0")) if pPr is not None else 0,
                bu_char.get("char", "") if bu_char is not None else "",
            )
        )
    return out
