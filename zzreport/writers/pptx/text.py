"""Text on slides: one paragraph model, written and measured by the same rules.

PowerPoint and LibreOffice break lines themselves and never shrink text that
is opened (autofit only runs after an edit), so the writer must know in
advance how many lines a paragraph takes. Every paragraph is written with an
*exact* line pitch, and measured with the real font metrics through the
shared line breaker, conservatively (no CJK–Latin space, no squeezed
punctuation, a safety margin on the width). :func:`measure_text_frame` reads
a finished shape back, so tests check the deck itself, not our intentions.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, cast

from pptx.dml.color import RGBColor
from pptx.text.text import TextFrame

from zzreport import session
from zzreport.fonts.fontset import FontSet
from zzreport.fonts.linebreak import PreparedText, Run
from zzreport.ir import Span, Spans
from zzreport.writers.pptx import oxml

EMU_PER_PT = 12700
#: Share of the width kept free so the real renderer never needs a line more than we counted.
WIDTH_SAFETY = 0.07
#: Default text-frame insets (EMU): 0.1" left/right, 0.05" top/bottom.
INSET_X = 91440
INSET_Y = 45720
#: LibreOffice adds about a quarter em between Han characters and Latin letters or digits
#: (PowerPoint does not); counting it keeps the measurement on the safe side for both.
CJK_LATIN_SPACE = 0.25
BODY_LEADING = 1.4
TITLE_LEADING = 1.2

#: ``a:pPr/@algn`` of each alignment.
_ALIGN = {"left": "l", "center": "ctr", "right": "r", "justify": "just"}


@dataclass(frozen=True)
class TextRun:
    """A stretch of text in one size, weight and colour; ``field`` marks a slide-number field."""

    text: str
    size: float
    bold: bool = False
    color: str = "#1A1A1A"
    field: str = ""


@dataclass(frozen=True)
class TextPara:
    """One paragraph: runs, an exact line pitch (points), spacing before, bullet and alignment."""

    runs: tuple[TextRun, ...]
    leading: float = BODY_LEADING
    space_before: float = 0.0
    bullet: str = ""
    bullet_color: str = "#1A1A1A"
    level: int = 0
    align: str = "left"
    #: Set when read back from a deck: the written pitch (points) and left margin (EMU).
    line_pitch: float | None = None
    left_margin: int | None = None
    #: Space kept free at the right (EMU), e.g. beside a badge.
    right_margin: int = 0
    #: Break into lines of similar length (titles, labels, values): never a lone last character.
    balance: bool = False

    @property
    def size(self) -> float:
        return max((r.size for r in self.runs), default=12.0)

    @property
    def pitch(self) -> float:
        """Line pitch in points."""
        if self.line_pitch is not None:
            return self.line_pitch
        return round(self.size * self.leading, 1)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def margin(self) -> int:
        """Left margin in EMU where the text (not the bullet) starts."""
        if self.left_margin is not None:
            return self.left_margin
        if not self.bullet:
            return 0
        return int(self.size * EMU_PER_PT * (1.2 + 1.2 * self.level))

    @property
    def hanging(self) -> int:
        return int(self.size * EMU_PER_PT * 1.2) if self.bullet else 0


def para(
    text: str | Spans,
    size: float,
    *,
    color: str,
    bold: bool = False,
    emphasis: str | None = None,
    leading: float = BODY_LEADING,
    space_before: float = 0.0,
    bullet: str = "",
    bullet_color: str = "#1A1A1A",
    level: int = 0,
    align: str = "left",
) -> TextPara:
    """A paragraph from plain text or spans (bold spans keep their weight, in ``emphasis`` colour if given)."""
    spans: Spans = (Span(text),) if isinstance(text, str) else text
    runs = tuple(
        TextRun(s.text, size, bold or s.bold, (emphasis or color) if s.bold else color) for s in spans if s.text
    )
    return TextPara(
        runs or (TextRun("", size, bold, color),),
        leading=leading,
        space_before=space_before,
        bullet=bullet,
        bullet_color=bullet_color,
        level=level,
        align=align,
    )


def split_paragraph_breaks(p: TextPara) -> list[TextPara]:
    """A "\\n" inside span text is a paragraph break: one TextPara per piece."""
    out: list[TextPara] = []
    current: list[TextRun] = []
    for run in p.runs:
        pieces = run.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                out.append(replace(p, runs=tuple(current) or (replace(run, text=""),)))
                current = []
            if piece:
                current.append(replace(run, text=piece))
    out.append(replace(p, runs=tuple(current) or (replace(p.runs[-1], text=""),)))
    return [out[0], *(replace(q, space_before=max(q.space_before, p.size * 0.4)) for q in out[1:])]


# --------------------------------------------------------------------------- measuring

#: Marks that end a sentence or a clause (Chinese and Latin), and what may follow one before the cut.
_SENTENCE_ENDS = frozenset("。！？；!?;.")
_CLAUSE_ENDS = frozenset("，、：,:")
_CLOSERS = frozenset("”’）」』】》〉)]\"'")


def _ends_at(text: str, k: int, marks: frozenset[str]) -> int | None:
    """The cut after the mark at ``text[k]`` (and the closing quotes or brackets after it), or None."""
    if text[k] not in marks:
        return None
    if text[k] == "." and k + 1 < len(text) and not text[k + 1].isspace():
        return None  # "3.5", "zzreport.yaml": a full stop ends a sentence before a space or the end
    end = k + 1
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return end


def sentence_cut(text: str, lines: Sequence[tuple[int, int]]) -> int | None:
    """Where to cut ``text`` so the first piece fits ``lines`` (its first lines, as spans) and ends a sentence.

    The last sentence end (。！？； or a Latin full stop before a space) in the
    second half of those lines; else the last clause end (，、：) on their last
    two lines; else None (cut where the breaker ended the last line).
    """
    if not lines:
        return None
    boundary = lines[-1][1]
    for marks, first_line in ((_SENTENCE_ENDS, len(lines) // 2), (_CLAUSE_ENDS, max(0, len(lines) - 2))):
        for k in range(boundary - 1, lines[first_line][0] - 1, -1):
            cut = _ends_at(text, k, marks)
            if cut is not None and cut <= boundary:
                return cut
    return None


_QUOTES = frozenset("“”‘’\"'")
#: Latin letters standing in for glued characters while breaking (the breaker never splits a Latin word).
_STAND_INS = [chr(c) for c in range(0x0100, 0x0250) if chr(c).isalpha()]


def glue_around_quotes(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with every quotation mark and its two neighbours turned into one unbreakable "word".

    LibreOffice (ICU rule LB19) never breaks next to an ambiguous quotation
    mark (“ ” ‘ ’), so ``省“7+28+N”产`` moves as one piece there; PowerPoint
    breaks more freely. Measuring with the stricter rule keeps both inside the
    box. Returns the substituted text and the map back to the original characters.
    """
    marked = [False] * len(text)
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            for j in (i - 1, i, i + 1):
                if 0 <= j < len(text) and not text[j].isspace():
                    marked[j] = True
    if not any(marked):
        return text, {}
    out, back, k = [], {}, 0
    for ch, glue in zip(text, marked, strict=True):
        if glue and k < len(_STAND_INS):
            stand_in = _STAND_INS[k]
            k += 1
            back[stand_in] = ch
            out.append(stand_in)
        else:
            out.append(ch)
    return "".join(out), back


#: A line as where it starts and ends in its paragraph's text.
LineSpan = tuple[int, int]
#: What a face chain's per-character advances are counted as against the session's byte bound:
#: they are bounded by the characters a chain has, not by the text measured.
_ADVANCES_BYTES = 256 * 1024


def _text_bytes(p: TextPara) -> int:
    return sum(sys.getsizeof(r.text) for r in p.runs)


def _key_text_bytes(key: tuple[object, ...]) -> int:
    """The text of a ``(chain, paragraph, width)`` memo key (see :meth:`Measurer._break`)."""
    p = key[-2]
    return _text_bytes(p) if isinstance(p, TextPara) else 0


def _spans_size(key: tuple[object, ...], spans: list[LineSpan]) -> int:
    return _key_text_bytes(key) + 72 * len(spans) + 64


def _count_size(key: tuple[object, ...], count: int) -> int:
    return _key_text_bytes(key) + 64


def _prepared_size(key: tuple[object, ...], prepared: PreparedText | None) -> int:
    """The analysis of a text holds a few numbers per character: about 280 bytes each (tracemalloc)."""
    # The key is ``(chain, ((text, size, bold), ...))``, as :meth:`Measurer._break_at` builds it.
    runs = cast("tuple[tuple[str, float, bool], ...]", key[-1])
    return sum(280 * len(text) for text, _size, _bold in runs) + 256


class _Share(NamedTuple):
    """The lines of a piece of a longer paragraph: ``spans[first:stop]`` of the whole, less ``offset``."""

    spans: list[LineSpan]
    first: int
    stop: int
    offset: int


class Measurer:
    """Counts lines with real font metrics, conservatively."""

    def __init__(self, fonts: FontSet, role: str = "slide") -> None:
        self.fonts = fonts
        self.role = role
        # Measurements depend only on the faces (by content), so they live in the active session's
        # memos: shared by every build of a long-lived session (a watch loop or a web service
        # re-measures nothing that did not change), bounded in bytes.
        faces = tuple(f.file_id for bold in (False, True) for f in fonts.chain(role, bold))
        self._chain: tuple[object, ...] = (faces, role)
        self._advances: dict[bool, dict[str, float]] = session.memo(
            "pptx-advances", lambda key, value: _ADVANCES_BYTES
        ).get(self._chain, lambda: {False: {}, True: {}})
        self._breaks = session.memo("pptx-breaks", _spans_size)
        self._prepared = session.memo("pptx-prepared", _prepared_size)
        self._counts = session.memo("pptx-line-counts", _count_size)
        # Pieces cut by :meth:`split` keep the lines of the paragraph they were cut from, so a
        # paragraph continued over many slides is broken once, not once per slide (that was
        # quadratic in its length). Weak keys: a piece is forgotten with the last page that holds it.
        self._pieces: weakref.WeakKeyDictionary[TextPara, dict[int, _Share]] = weakref.WeakKeyDictionary()

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width in points; :meth:`FontSet.width` per character (it is additive), cached."""
        advances = self._advances[bold]
        total = 0.0
        for char in text:
            advance = advances.get(char)
            if advance is None:
                advance = advances[char] = self.fonts.width(char, self.role, 1.0, bold)
            total += advance
        return total * size

    def _share(self, p: TextPara, box_width_emu: int) -> _Share | None:
        shares = self._pieces.get(p)
        return shares.get(box_width_emu) if shares is not None else None

    def _break(self, p: TextPara, box_width_emu: int) -> list[LineSpan]:
        share = self._share(p, box_width_emu)
        if share is not None:
            spans, first, stop, offset = share
            return [(start - offset, end - offset) for start, end in spans[first:stop]]
        return self._breaks.get((self._chain, p, box_width_emu), lambda: self._break_uncached(p, box_width_emu))

    @staticmethod
    def _available(p: TextPara, box_width_emu: int) -> float:
        """The width (points) lines of ``p`` are broken at: the box less margins and the safety share."""
        return max((box_width_emu - p.margin - p.right_margin) / EMU_PER_PT * (1 - WIDTH_SAFETY), 1.0)

    def _break_uncached(self, p: TextPara, box_width_emu: int) -> list[LineSpan]:
        return self._break_at(p, self._balanced_available(p, box_width_emu))

    def _balanced_available(self, p: TextPara, box_width_emu: int) -> float:
        """The width (points) ``p`` is broken at: for a balanced paragraph the narrowest that gives as many lines."""
        available = self._available(p, box_width_emu)
        if not p.balance:
            return available
        lines = self._break_at(p, available)
        if len(lines) < 2:
            return available
        # The narrowest width that still gives as many lines: the lines come out of similar length.
        low, high = available / len(lines), available
        while high - low > 1.0:
            mid = (low + high) / 2
            if len(self._break_at(p, mid)) == len(lines):
                high = mid
            else:
                low = mid
        return high

    def balance_indent(self, p: TextPara, box_width_emu: int) -> int:
        """EMU to take off a balanced paragraph's width so a renderer's own breaks come out of similar length.

        The deck's text flows (the renderer breaks it), so a two-line title is
        balanced by narrowing its paragraph to the width at which the breaker
        found balanced lines, widened by the same safety share every other
        paragraph keeps: the renderer then needs no more lines than measured,
        and its last line cannot shrink to a lone character.
        """
        if not p.balance:
            return 0
        available = self._available(p, box_width_emu)
        balanced = self._balanced_available(p, box_width_emu)
        if balanced >= available:
            return 0
        return max(0, int((available - balanced) / (1 - WIDTH_SAFETY) * EMU_PER_PT) - EMU_PER_PT)

    def _break_at(self, p: TextPara, available: float) -> list[LineSpan]:
        """``p`` broken at ``available`` points (the measuring rules: quotes glued, nothing squeezed)."""
        key = (self._chain, tuple((r.text, r.size, r.bold) for r in p.runs))
        prepared = self._prepared.get(key, lambda: self._prepare(p))
        return prepared.spans(available) if prepared is not None else []

    def _prepare(self, p: TextPara) -> PreparedText | None:
        """``p``'s text analysed and measured once, for every width it is tried at."""
        glued, original = glue_around_quotes(p.text)
        runs, pos = [], 0
        for r in p.runs:
            if r.text:
                runs.append(Run(glued[pos : pos + len(r.text)], (r.size, r.bold)))
            pos += len(r.text)
        if not runs:
            return None

        def width_fn(text: str, style: tuple[float, bool]) -> float:
            size, bold = style
            if original:
                text = "".join(original.get(ch, ch) for ch in text)
            return self.width(text, size, bold)

        return PreparedText(runs, width_fn, cjk_latin_space=CJK_LATIN_SPACE, squeeze_line_end=False)

    def lines(self, p: TextPara, box_width_emu: int) -> tuple[str, ...]:
        """The lines ``p`` needs in a text area ``box_width_emu`` wide (insets already removed)."""
        text = p.text
        return tuple(text[start:end] for start, end in self._break(p, box_width_emu)) or ("",)

    def line_count(self, p: TextPara, box_width_emu: int) -> int:
        """How many lines ``p`` needs in a text area ``box_width_emu`` wide (insets already removed).

        Balancing a paragraph's lines never changes how many there are, so
        counting skips it (fitting a size or a layout only counts).
        """
        share = self._share(p, box_width_emu)
        if share is not None:
            return max(1, share.stop - share.first)
        key = (self._chain, p, box_width_emu)

        def count() -> int:
            spans = self._breaks.peek(key)
            if spans is None:
                spans = self._break_at(p, self._available(p, box_width_emu))
            return max(1, len(spans))

        return int(self._counts.get(key, count))

    def para_height(self, p: TextPara, box_width_emu: int, first: bool) -> int:
        """Height in EMU of one paragraph (its space before counted unless it opens the box)."""
        n = self.line_count(p, box_width_emu)
        before = 0.0 if first else p.space_before
        return round((n * p.pitch + before) * EMU_PER_PT)

    def height(
        self, paras: Sequence[TextPara], box_width_emu: int, inset_x: int = INSET_X, inset_y: int = INSET_Y
    ) -> int:
        """Height in EMU a text box ``box_width_emu`` wide needs for ``paras``, insets included."""
        inner = box_width_emu - 2 * inset_x
        body = sum(self.para_height(p, inner, i == 0) for i, p in enumerate(paras))
        return body + 2 * inset_y

    def fits_one_line(self, p: TextPara, box_width_emu: int, inset_x: int = INSET_X) -> bool:
        return self.line_count(p, box_width_emu - 2 * inset_x) == 1

    def split(
        self, p: TextPara, box_width_emu: int, keep_lines: int, *, at_sentence: bool = False
    ) -> tuple[TextPara, TextPara] | None:
        """Cut ``p`` within its first ``keep_lines`` lines: at a line boundary, or (``at_sentence``) a sentence end.

        At a line boundary both pieces keep ``p``'s lines at this width (the
        breaker fills lines greedily, so a piece broken afresh gives the same
        lines): measuring them breaks nothing again, and cutting a long
        paragraph into many slides stays linear in its length. A paragraph
        continued on the next slide is cut ``at_sentence`` (see
        :func:`sentence_cut`): the reader turns the slide at a full stop, not
        in the middle of a word.
        """
        share = self._share(p, box_width_emu)
        if share is None:
            lines = self._break(p, box_width_emu)
            share = _Share(lines, 0, len(lines), 0)
        spans, first, stop, offset = share
        if keep_lines <= 0 or keep_lines >= stop - first:
            return None
        i = spans[first + keep_lines][0] - offset
        if at_sentence:
            kept = [(a - offset, b - offset) for a, b in spans[first : first + keep_lines]]
            cut = sentence_cut(p.text, kept)
            if cut is not None and cut != i:
                return self._cut_at_sentence(p, box_width_emu, share, kept, cut)
        head, tail, stripped = self._cut(p, i)
        if not p.balance:  # balanced lines depend on the whole text: those pieces are broken afresh
            available = self._available(p, box_width_emu)
            if self._available(head, box_width_emu) == available:
                self._remember(head, box_width_emu, _Share(spans, first, first + keep_lines, offset))
            whole_tail = not stripped  # the tail's lines are p's only when nothing was stripped at the cut
            if whole_tail and self._available(tail, box_width_emu) == available:
                self._remember(tail, box_width_emu, _Share(spans, first + keep_lines, stop, offset + i))
        return head, tail

    def _cut_at_sentence(
        self, p: TextPara, box_width_emu: int, share: _Share, kept: list[LineSpan], cut: int
    ) -> tuple[TextPara, TextPara]:
        """``p`` cut at ``cut`` (a sentence end on one of its ``kept`` lines), the pieces measured by ``p``'s lines.

        The head keeps the lines before the cut, its last one ending there;
        the tail's first line is the rest of that line, then ``p``'s own lines:
        at most one line more than a tail broken afresh needs (its first line
        is short), so the count stays on the safe side, and a paragraph
        continued over many slides is still broken once.
        """
        head, tail, stripped = self._cut(p, cut)
        if p.balance:
            return head, tail
        spans, first, _stop, offset = share
        line = next((n for n, (start, end) in enumerate(kept) if start < cut <= end), None)
        if line is None:
            return head, tail
        at = first + line
        head_lines = [*spans[first:at], (spans[at][0], cut + offset)]
        start = cut + offset + stripped
        tail_lines = ([(start, spans[at][1])] if start < spans[at][1] else []) + spans[at + 1 : share.stop]
        available = self._available(p, box_width_emu)
        if self._available(head, box_width_emu) == available:
            self._remember(head, box_width_emu, _Share(head_lines, 0, len(head_lines), offset))
        if tail_lines and self._available(tail, box_width_emu) == available:
            self._remember(tail, box_width_emu, _Share(tail_lines, 0, len(tail_lines), start))
        return head, tail

    @staticmethod
    def _cut(p: TextPara, i: int) -> tuple[TextPara, TextPara, int]:
        """``p`` cut before character ``i``, and how many spaces were stripped from the tail's start."""
        head_runs, tail_runs, pos = [], [], 0
        for run in p.runs:
            start, end = pos, pos + len(run.text)
            pos = end
            if end <= i:
                head_runs.append(run)
            elif start >= i:
                tail_runs.append(run)
            else:
                head_runs.append(replace(run, text=run.text[: i - start]))
                tail_runs.append(replace(run, text=run.text[i - start :]))
        stripped = 0
        while tail_runs and not tail_runs[0].text.lstrip():
            stripped += len(tail_runs.pop(0).text)
        if tail_runs:
            text = tail_runs[0].text
            stripped += len(text) - len(text.lstrip())
            tail_runs[0] = replace(tail_runs[0], text=text.lstrip())
        head = replace(p, runs=tuple(head_runs))
        tail = replace(p, runs=tuple(tail_runs), bullet="", space_before=0.0)
        if p.bullet:  # the tail continues the bullet's text, aligned with it
            tail = replace(tail, bullet="\u00a0", bullet_color="#FFFFFF")
        return head, tail, stripped

    def _remember(self, piece: TextPara, box_width_emu: int, share: _Share) -> None:
        self._pieces.setdefault(piece, {})[box_width_emu] = share


# --------------------------------------------------------------------------- writing


def prepare_frame(
    frame: TextFrame,
    *,
    anchor: str = "top",
    inset_x: int = INSET_X,
    inset_y: int = INSET_Y,
    autofit: bool = True,
) -> None:
    """Wrap, fixed insets, anchored as asked; ``autofit``: shrink on overflow as the safety net.

    zzreport fits every text itself (size, splits, pagination), so what it
    writes fits at 100 %: ``a:normAutofit`` only acts when a user's edit
    adds text, which then shrinks instead of spilling out of its shape.
    """
    oxml.set_body_properties(frame, anchor=anchor, inset_x=inset_x, inset_y=inset_y, autofit=autofit)


def _text_width(frame: TextFrame) -> int | None:
    """Width of the frame's text area (its shape's width less the insets), or None (a table cell)."""
    width = getattr(oxml.frame_owner(frame), "width", None)
    if width is None:
        return None
    return int(width) - int(frame.margin_left) - int(frame.margin_right)


def _author_lines(p: TextPara) -> list[tuple[TextRun, ...]]:
    """``p``'s runs cut where the text holds a line break ("\n"): the only breaks the deck writes."""
    lines: list[list[TextRun]] = [[]]
    for run in p.runs:
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if piece or run.field:
                lines[-1].append(replace(run, text=piece))
    return [tuple(line) for line in lines]


def write_paragraphs(
    frame: TextFrame,
    paras: Sequence[TextPara],
    typeface: str,
    measurer: Measurer | None = None,
    width: int | None = None,
) -> None:
    """Replace the frame's text with ``paras`` (CJK breaking, exact pitch, fonts on every run).

    Text flows: the renderer breaks the lines itself (East Asian breaking
    and hanging punctuation on), so an edited paragraph rewraps in
    PowerPoint, WPS and LibreOffice; a line break is written only where the
    text holds one. The measurement kept room to spare (see
    :class:`Measurer`), so no renderer needs a line more than was counted.
    With a ``measurer``, a balanced paragraph (titles, card labels) is
    narrowed to its balanced width in a text area ``width`` EMU wide
    (default: the shape's width less its insets; see :meth:`Measurer.balance_indent`).
    """
    if measurer is not None and width is None:
        width = _text_width(frame)
    written = []
    for i, p in enumerate(paras):
        lines = _author_lines(p)
        indent = measurer.balance_indent(p, width) if measurer is not None and width is not None else 0
        # Each line break carries the style of the run before it (the paragraph's last when a line is empty).
        breaks = [None, *((line[-1] if line else p.runs[-1]) for line in lines[:-1])]
        written.append(
            oxml.WrittenParagraph(
                _paragraph_format(p, p.space_before if i else 0.0, typeface, indent),
                [oxml.Line(line, before) for line, before in zip(lines, breaks, strict=True)],
            )
        )
    oxml.write_paragraphs(frame, written, typeface)


def _paragraph_format(p: TextPara, space_before: float, face: str, indent: int = 0) -> oxml.ParagraphFormat:
    """``p``'s format; ``indent`` EMU narrow it, taken from the side its alignment leaves free."""
    end_size = p.runs[-1].size if p.runs else 12.0
    left = {"center": indent // 2, "right": indent}.get(p.align, 0)
    right = p.right_margin + indent - left
    margin = p.margin if p.bullet else left
    return oxml.ParagraphFormat(_ALIGN[p.align], p.pitch, space_before, right, p.bullet, p.bullet_color,
                                margin, p.hanging, end_size, face)  # fmt: skip


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


# --------------------------------------------------------------------------- reading back


def read_paragraphs(frame: TextFrame) -> list[TextPara]:
    """The paragraphs of a finished text frame, as :class:`TextPara`, for measuring what was written."""
    out: list[TextPara] = []
    for read in oxml.read_paragraphs(frame):
        runs = tuple(TextRun(r.text, r.size, r.bold) for r in read.runs)
        size = max(r.size for r in runs)
        out.append(
            TextPara(
                runs,
                space_before=read.space_before,
                bullet=read.bullet,
                line_pitch=read.pitch if read.pitch is not None else size * 1.2,
                left_margin=read.left_margin,
                right_margin=read.right_margin,
            )
        )
    return out


def measure_text_frame(
    frame: TextFrame, width_emu: int, measurer: Measurer, insets: tuple[int, int, int, int] | None = None
) -> int:
    """Height in EMU the frame's text needs at ``width_emu`` with the frame's own insets.

    ``insets`` (left, right, top, bottom) replaces them for table cells, whose
    margins live on the cell rather than on the text body.
    """
    paras = read_paragraphs(frame)
    left, right, top, bottom = insets or (
        int(frame.margin_left),
        int(frame.margin_right),
        int(frame.margin_top),
        int(frame.margin_bottom),
    )
    inset_x, inset_y = left + right, top + bottom
    inner = width_emu - inset_x
    return sum(measurer.para_height(p, inner, i == 0) for i, p in enumerate(paras)) + inset_y
