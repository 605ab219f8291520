"""A reportlab flowable that sets Chinese paragraphs by zzreport's own rules.

reportlab's ``Paragraph(wordWrap="CJK")`` breaks between any two characters
(so lines start with ``，`` and numbers lose their units) and has no CJK–Latin
spacing; this flowable delegates breaking to :mod:`zzreport.fonts.linebreak`,
which the PPTX writer shares, and only positions and draws the result.

Text is drawn as real PDF text, one text object per paragraph with each piece
positioned explicitly, so extraction (pdfplumber, pypdf, copy and paste)
yields every line's characters in order. Justification uses ``Tc`` (char
space) inside CJK pieces and shifts the pieces after each stretchable gap,
so no space characters are invented inside Chinese text.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib.colors import Color, black, toColor
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from zzreport import session
from zzreport.fonts.linebreak import Line, Run, break_lines, slice_runs
from zzreport.writers.pdf.tagging import Recorder, Tag, TaggingCanvas, content, latin_runs, recorder

Align = Literal["left", "center", "right", "justify"]

#: Height tolerance when counting how many lines fit into a frame.
_FIT_EPS = 1e-6
#: Fewest lines allowed on either side of a page break (no widows/orphans).
MIN_LINES_PER_SIDE = 2


@dataclass(frozen=True)
class RunStyle:
    """How one run is drawn; ``font_name`` is a registered reportlab font.

    Bold is simply a run whose ``font_name`` is the bold face: the bundled
    faces are real weights, so nothing is faked.
    """

    font_name: str
    size: float
    color: Color | str | None = None


@functools.lru_cache(maxsize=256)
def _parse_color(value: str) -> Color:
    """Process-wide on purpose: keyed by a colour's spelling (a theme's few), never by text; 256 at most."""
    return toColor(value)


def _color(value: Color | str | None) -> Color:
    """A run's colour as a reportlab Color (parsing a string once: toColor rebuilds its name table per call)."""
    if value is None:
        return black
    return _parse_color(value) if isinstance(value, str) else value


def _width(text: str, style: RunStyle) -> float:
    return stringWidth(text, style.font_name, style.size)


def _size(style: RunStyle) -> float:
    return style.size


class PassCanvas(TaggingCanvas):
    """The canvas of one layout pass, which knows whether the pass will be kept, and its tag recorder.

    ``BaseDocTemplate.build`` takes the maker of its canvas (``canvasmaker``,
    reportlab's public hook); the report template passes this class, saying
    whether the pass is one whose pages are thrown away and (when the PDF is
    tagged) the recorder of its marked content.
    """

    def __init__(self, *args: Any, discarded: bool = False, tagger: Recorder | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.discarded = discarded
        self.tagger = tagger

    @property
    def pdf_document(self) -> object:
        """The document whose font subsets this canvas fills (for ``TTFont.splitString``).

        reportlab documents ``splitString(text, doc)`` but gives a canvas no
        public handle on its document; this is the one place that reads it.
        """
        return self._doc  # type: ignore[attr-defined]  # reportlab's stubs omit Canvas._doc


def drawing_discarded(canv: object) -> bool:
    """Whether the page being laid out will be thrown away (a counting pass of the report template).

    Only its layout counts then, so flowables that know may skip drawing
    themselves; everything they would draw is drawn in the pass that is kept.
    """
    return isinstance(canv, PassCanvas) and canv.discarded


def _breaks_size(key: tuple[tuple[Run, ...], float, float, float, bool, bool], lines: list[Line]) -> int:
    """An entry's estimated bytes: the runs' text, and about 120 bytes a character for the lines' pieces.

    (Measured with tracemalloc on generated Chinese reports: a line holds a
    piece per breakable unit, most often a character.)
    """
    return sum(sys.getsizeof(run.text) + 120 * len(run.text) for run in key[0]) + 200 * len(lines) + 64


def _broken(
    runs: tuple[Run, ...],
    width: float,
    cjk_latin_space: float,
    first_line_indent: float,
    justify: bool,
    hang: bool,
    half_start: bool,
) -> list[Line]:
    """Lines set by the clreq engine, shared by a build's layout passes and by later builds of the active session.

    Every paragraph the PDF sets goes through here: adjacent full-width
    marks compressed, breaks chosen by total fit, and (``justify``) every
    line but the last justified by clreq's priorities, so body text,
    bullets, captions, headings and callouts share one spacing rule.

    A watch loop re-breaks only the paragraphs that changed. Runs name
    registered reportlab fonts, each registered once per file content, so a
    name never changes meaning within a process; callers never modify the list.
    """
    return session.memo("pdf-breaks", _breaks_size).get(
        (runs, width, cjk_latin_space, first_line_indent, justify, hang, half_start),
        lambda: break_lines(
            runs,
            width,
            _width,
            em=_size,
            cjk_latin_space=cjk_latin_space,
            first_line_indent=first_line_indent,
            compress_punctuation=True,
            total_fit=True,
            justify=justify,
            hang_punctuation=hang,
            half_width_line_start=half_start,
        ),
    )


class CJKParagraph(Flowable):
    """A paragraph of styled runs (each ``Run.style`` a :class:`RunStyle`).

    ``first_line_indent`` is in points (Chinese body text: two ems, i.e.
    ``2 * size``). ``leading`` defaults to 1.5 times the largest run size,
    a common setting for Chinese body text. ``continued`` marks the first
    part of a paragraph split across frames, whose last line is justified
    like any other line because the paragraph goes on.
    """

    def __init__(
        self,
        runs: Sequence[Run],
        *,
        align: Align = "justify",
        leading: float | None = None,
        first_line_indent: float = 0.0,
        cjk_latin_space: float = 0.25,
        space_before: float = 0.0,
        space_after: float = 0.0,
        continued: bool = False,
        hanging_punctuation: bool = False,
        half_width_line_start: bool = False,
    ) -> None:
        super().__init__()
        self.runs: list[Run] = [run for run in runs if run.text]
        for run in self.runs:
            if not isinstance(run.style, RunStyle):
                raise TypeError(f"run style must be a RunStyle, not {run.style!r}")
        self.align: Align = align
        self.font_size = max((run.style.size for run in self.runs), default=0.0)
        self.leading = leading if leading is not None else 1.5 * self.font_size
        self.first_line_indent = first_line_indent
        self.cjk_latin_space = cjk_latin_space
        self.hanging_punctuation = hanging_punctuation
        self.half_width_line_start = half_width_line_start
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.continued = continued
        self._layouts: dict[float, list[Line]] = {}
        #: Per width, where this paragraph's text starts in the text its lines index (see :meth:`split`).
        self._origins: dict[float, int] = {}
        self._lines: list[Line] = []
        #: What the paragraph is in the tagged PDF's structure (a heading's builder says H2); its parts share it.
        self.tag: Tag | None = Tag("P")

    # ----------------------------------------------------------------- layout

    def lines(self, width: float) -> list[Line]:
        """The paragraph broken at ``width`` (cached per width, and per text for the process)."""
        if width not in self._layouts:
            self._layouts[width] = _broken(
                tuple(self.runs),
                width,
                self.cjk_latin_space,
                self.first_line_indent,
                self.align == "justify",
                self.hanging_punctuation,
                self.half_width_line_start,
            )
        return self._layouts[width]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._lines = self.lines(avail_width)
        self.width = avail_width
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Split at a page break, keeping ≥ 2 lines on each side.

        Returns ``[]`` (move the whole paragraph on) when that is impossible,
        so a single line is never stranded at the foot or head of a page.
        """
        lines = self.lines(avail_width)
        fits = int((avail_height + _FIT_EPS) // self.leading) if self.leading else 0
        if fits >= len(lines):
            return [self]
        cut = min(fits, len(lines) - MIN_LINES_PER_SIDE)
        if cut < MIN_LINES_PER_SIDE:
            return []
        origin = self._origins.get(avail_width, 0)
        rest = lines[cut].start - origin
        head = self._part(slice_runs(self.runs, 0, rest), continued=True)
        head.first_line_indent = self.first_line_indent
        head.spaceBefore = self.spaceBefore
        head._layouts[avail_width] = lines[:cut]  # identical breaks, no re-layout
        head._origins[avail_width] = origin
        tail = self._part(slice_runs(self.runs, rest), continued=self.continued)
        tail.spaceAfter = self.spaceAfter
        # The rest keeps the whole paragraph's lines too (lines are filled greedily, so breaking it
        # afresh gives the same ones): a paragraph over many pages is broken once, not once a page,
        # which was quadratic in its length. Its lines index the whole text, hence the origin.
        tail._layouts[avail_width] = lines[cut:]
        tail._origins[avail_width] = lines[cut].start
        head.tag = tail.tag = self.tag
        return [head, tail]

    def _part(self, runs: list[Run], *, continued: bool) -> CJKParagraph:
        return CJKParagraph(
            runs,
            align=self.align,
            leading=self.leading,
            cjk_latin_space=self.cjk_latin_space,
            continued=continued,
            hanging_punctuation=self.hanging_punctuation,
            half_width_line_start=self.half_width_line_start,
        )

    # ------------------------------------------------------------------- draw

    def _baseline_offset(self) -> float:
        """Distance from a line box's top to its baseline.

        The CJK em box (ascent 0.88 em in Noto/Source Han) is centred in the
        line box, so half the extra leading goes above and half below.
        """
        if not self.runs:
            return 0.0
        style = max((run.style for run in self.runs), key=_size)
        ascent = getAscentDescent(style.font_name)[0] / 1000.0  # the face's ascent, in thousandths of an em
        return (self.leading - style.size) / 2 + ascent * style.size

    def draw(self) -> None:
        canvas = self.canv
        if drawing_discarded(canvas):
            return
        tagger = recorder(canvas)
        if tagger is None or self.tag is None or not tagger.foreign or not tagger.idle or tagger.repeated(self):
            with content(canvas, self.tag, self):  # (drawn before in this pass: an artifact)
                self._draw_lines(canvas)
            return
        if not any(latin for run in self.runs for _, latin in latin_runs(run.text)):
            with content(canvas, self.tag):
                self._draw_lines(canvas)
            return
        tagger.begin(canvas, self.tag)
        self._draw_lines(canvas, tagger)
        tagger.end(canvas)

    def _draw_lines(self, canvas: Canvas, tagger: Recorder | None = None) -> None:
        """The lines as one text object; with ``tagger`` (a tagged paragraph with Latin words in Chinese
        text), each run of Latin words a text object of its own in a ``Span`` element with ``/Lang``, the
        paragraph's region closed before it and opened again after it (:class:`Recorder`)."""
        text = canvas.beginText()
        written = False  # whether ``text`` holds anything
        in_span = False
        baseline = self._baseline_offset()
        font: tuple[str, float] | None = None
        char_space = 0.0
        color: Color | None = None
        last = len(self._lines) - 1
        for index, line in enumerate(self._lines):
            y = self.height - index * self.leading - baseline
            available = self.width - line.indent
            justify = self.align == "justify" and (not line.ends_paragraph or (self.continued and index == last))
            if justify:
                line = line.justified(available)
            slack = available - line.width
            x0 = (
                line.indent
                + {
                    "left": 0.0,
                    "justify": 0.0,
                    "right": slack,
                    "center": slack / 2,
                }[self.align]
            )
            for piece in line.pieces:
                style = piece.style
                x = x0 + piece.x
                for part, latin in latin_runs(piece.text) if tagger is not None else [(piece.text, False)]:
                    if tagger is not None and self.tag is not None and latin != in_span:
                        if written:
                            canvas.drawText(text)
                        tagger.end(canvas)
                        tagger.begin(canvas, Tag("Span", self.tag, lang=tagger.foreign) if latin else self.tag)
                        in_span, text, written = latin, canvas.beginText(), False
                        font, char_space, color = None, -1.0, None  # the new text object sets its state anew
                    if font != (style.font_name, style.size):
                        font = (style.font_name, style.size)
                        text.setFont(style.font_name, style.size)
                    if char_space != piece.char_space:
                        char_space = piece.char_space
                        text.setCharSpace(char_space)
                    wanted = _color(style.color)
                    if wanted != color:
                        color = wanted
                        text.setFillColor(color)
                    for chunk in self._chunks(part, style, char_space):
                        text.setTextOrigin(x, y)
                        text.textOut(chunk)
                        x += _width(chunk, style) + char_space * len(chunk)
                    written = True
        if written or tagger is None:
            canvas.drawText(text)

    def _chunks(self, text: str, style: RunStyle, char_space: float) -> list[str]:
        """Split a letter-spaced piece where reportlab switches font subsets.

        A TrueType font is embedded as 256-glyph subsets and reportlab emits
        one ``Tj`` per subset. PDF applies ``Tc`` after every glyph, but
        pdfminer (pdfplumber) drops it after the last glyph of each ``Tj``,
        so extracted positions would drift; starting each subset's chunk at
        an explicit origin makes viewers and extractors agree.
        """
        font = getFont(style.font_name)
        if not char_space or not isinstance(font, TTFont):  # TTFont is reportlab's dynamic (subsetted) font
            return [text]
        canvas = self.canv
        if not isinstance(canvas, PassCanvas):  # another canvas than the report's: one chunk, as reportlab draws
            return [text]
        chunks = []
        start = 0
        for _subset, codes in font.splitString(text, canvas.pdf_document):
            chunks.append(text[start : start + len(codes)])  # one byte per char
            start += len(codes)
        return chunks
