"""Line breaking for mixed Chinese/Latin text, shared by every writer.

The PDF writer measures with reportlab and the PPTX writer with fontTools
metrics, but a report must break its lines by the same rules in both, so the
rules live here, renderer-free: the caller supplies a width function and gets
back positioned pieces.

Rules (each one is what a Chinese reader expects from typeset text):

* kinsoku: closing punctuation and small marks never start a line, opening
  punctuation never ends one; ``……``/``——`` are never split. A character that
  would violate this is pushed to the next line together with its neighbour
  (oidashi), unless setting line-end punctuation half-width pulls it in
  (oikomi); letters are never squeezed;
* a number stays whole and with its unit (``52.9万辆``, ``112.9%``,
  ``240小时``); Latin words and alphanumeric tokens (``5.5G``, ``RCEP``) are
  never split, except as a last resort when one is wider than the line;
* a quarter em (configurable) separates a Han character from an adjacent
  Latin letter or digit, as xeCJK and Typst do, except at line edges;
* spaces at a line break are dropped;
* justification information: Chinese text is justified by spreading the
  slack over every gap next to a CJK character, Latin text at its spaces.

A renderer that places every piece itself (the PDF) asks for more, each an
option that is off by default so the deck's measurements stay those of the
text PowerPoint sets: ``compress_punctuation`` (adjacent full-width marks
at half an em, :mod:`zzreport.fonts.clreq`), ``total_fit`` (breaks chosen
over the whole paragraph, :mod:`zzreport.fonts.totalfit`, and long Latin
tokens breakable at ``/ - _ .``) and ``justify`` (clreq's line adjustment:
marks' blanks and CJK–Latin gaps first, ideographs capped at 1.05 em, Latin
never letter-spaced).

The width function is assumed additive (no kerning across the places where
a line may break), which holds for reportlab's ``stringWidth`` and for
fontTools advance widths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import Generic, TypeVar

from zzreport.fonts import clreq
from zzreport.fonts.totalfit import badness, total_fit

__all__ = [
    "LINE_END_FORBIDDEN",
    "LINE_START_FORBIDDEN",
    "SQUEEZABLE_AT_LINE_END",
    "EmFn",
    "Line",
    "Piece",
    "Run",
    "Segment",
    "WidthFn",
    "break_lines",
    "cjk_latin_gaps",
    "slice_runs",
    "violations",
]

#: Characters that must not begin a line: closing punctuation, small marks,
#: and the second halves of ``……`` and ``——``.
LINE_START_FORBIDDEN: frozenset[str] = frozenset(
    "，。、；：？！）》」』】〕〉”’…—％・·,.;:?!)]}%‰℃"
    "］｝〗〙〛｠．"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー々〻ゝゞヽヾ"
)

#: Closing punctuation whose ink sits in the left half of the em box in
#: Simplified Chinese fonts, so at a line end it may be set half-width
#: (CLREQ: 行末点号可压缩为半角) to pull it onto the line instead of
#: pushing a whole word down.
SQUEEZABLE_AT_LINE_END: frozenset[str] = frozenset("，。、；：？！）》」』】〕〉”’")

#: Marks that may hang whole into the margin at a line end (悬挂标点, ``hang_punctuation``): the pause and stop marks.
HANGING_AT_LINE_END: frozenset[str] = frozenset("，。、．")

#: Characters that must not end a line: opening punctuation.
LINE_END_FORBIDDEN: frozenset[str] = frozenset("（《「『【〔〈“‘([{［｛〖〘〚｟")

#: A writer's run style: opaque to this module, which only compares and hashes it.
S = TypeVar("S", bound=Hashable)

WidthFn = Callable[[str, S], float]
"""Width of a string drawn in a style, at that style's size."""

EmFn = Callable[[S], float]
"""Size of one em (the font size) for a style."""

_DIGITS = frozenset("0123456789０１２３４５６７８９")
#: Characters that may sit inside a number (``1.4``, ``1~11``, ``7+28``).
_NUMBER_JOINERS = frozenset(".,~+-．～＋－")
#: Characters glued to a number that follows them (``第3``, ``￥5``).
_NUMBER_PREFIXES = frozenset("第￥¥$＄€£#＃№")
_MAGNITUDES = frozenset("十百千万亿兆")
_APPROXIMATORS = frozenset("多余几来")
#: Units and measure words that stay on the line of their number. Longer
#: words win (``个月`` before ``个``), so ``320万平方米`` stays whole.
_MULTI_CHAR_UNITS = (
    "平方公里 平方千米 平方米 立方米 公里 千米 厘米 毫米 千克 公斤 公顷"
    " 小时 分钟 班次 架次 人次 车次 航次 标箱 周年 个月 美元 欧元 日元"
    " 港元 英镑 千瓦 兆瓦 吉瓦 千瓦时"
)
_SINGLE_CHAR_UNITS = (
    "元角分吨亩辆家个人天张所户次年月日号时秒岁倍度米克斤条座台套件项名位"
    "批栋间层期届场处株棵头只块本篇部款种类份例起周强级成折点列架趟艘里升"
    "瓦枚支首册页卷箱包袋瓶颗粒节轮站㎡㎏㎞"
)
_UNIT_WORDS: frozenset[str] = frozenset(_MULTI_CHAR_UNITS.split()) | frozenset(_SINGLE_CHAR_UNITS)
_MAX_UNIT_LEN = max(len(word) for word in _UNIT_WORDS)
#: Bounds written after a quantity's unit (1000家以上, 60个左右), glued to it.
_BOUNDS = ("以上", "以下", "以内", "左右", "上下")

_SPACE, _IDEO, _LATIN, _NEUTRAL, _MARK = range(5)
#: A Latin token longer than this may break inside at ``/ - _ .`` (total fit only).
_SOFT_MIN_TOKEN = 12
#: The cost of such a break, in TeX penalty units (a hyphen's, so it is taken only to save a loose line).
_SOFT_PENALTY = 50.0
#: Extra demerits of a last line holding one character (see :func:`_is_runt`).
_RUNT_DEMERITS = 1e6
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
_EPS = 1e-6


@dataclass(frozen=True)
class Run(Generic[S]):
    """A stretch of text in one style; the style is opaque to this module."""

    text: str
    style: S


@dataclass(frozen=True)
class Piece(Generic[S]):
    """A fragment of a line drawn in one style, starting at ``x``.

    ``char_space`` is extra space after each character (PDF ``Tc``, PPTX
    ``spc``); it is 0 until :meth:`Line.justified` spreads the slack.
    ``gaps_before`` counts the stretchable gaps left of the piece and
    ``stretch_inside`` tells whether the gaps inside it stretch, which is all
    a writer needs to justify a line itself.
    """

    text: str
    style: S
    x: float
    width: float
    gaps_before: int = 0
    stretch_inside: bool = False
    char_space: float = 0.0


@dataclass(frozen=True)
class Line(Generic[S]):
    """One output line.

    ``start``/``end`` index the paragraph's concatenated run text (spaces
    dropped at the break lie outside), so a writer can continue a paragraph
    on the next page from ``start`` of its first unplaced line. ``indent`` is
    where the line starts inside the column. ``ends_paragraph`` is true for
    the last line and for a line ended by ``"\\n"``: such lines are not
    justified. ``overhang`` is how far the last glyph's advance reaches past
    ``width`` when line-end punctuation was squeezed to half an em (its ink
    sits in the left half of the em box, so nothing visible overhangs).
    """

    pieces: tuple[Piece[S], ...]
    width: float
    ends_paragraph: bool
    stretch_gaps: int
    start: int
    end: int
    indent: float = 0.0
    overhang: float = 0.0

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    def justified(self, target_width: float) -> Line[S]:
        """Return the line spread to ``target_width``.

        Lines that are already full (or overfull, after a last-resort break)
        or have nowhere to stretch come back unchanged: squeezing glyphs
        would make them overlap.
        """
        slack = target_width - self.width
        if slack <= _EPS or self.stretch_gaps == 0:
            return self
        step = slack / self.stretch_gaps
        pieces = []
        for piece in self.pieces:
            inner = step if piece.stretch_inside else 0.0
            pieces.append(
                replace(
                    piece,
                    x=piece.x + step * piece.gaps_before,
                    width=piece.width + inner * (len(piece.text) - 1),
                    char_space=inner,
                )
            )
        return replace(self, pieces=tuple(pieces), width=target_width)


# --------------------------------------------------------------------------
# character classes


def _is_cjk_letter(char: str) -> bool:
    """Han ideographs, kana and hangul: the letters that get CJK–Latin space."""
    cp = ord(char)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3FFFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x3040 <= cp <= 0x30FF
        or 0xAC00 <= cp <= 0xD7AF
        or cp in (0x3005, 0x3006, 0x3007)
    )


def _is_latin_alnum(char: str) -> bool:
    return _kind(char) == _LATIN and (char.isalpha() or char.isdigit())


#: Signs that belong to the number after them (至+12.8℃, 气温−3.5℃): the gap goes before the sign.
_SIGNS = frozenset("+-−±")
#: Unit symbols that end a Latin-side stretch (5%的, 12.8℃至): the gap goes after them.
_LATIN_UNITS = frozenset("%‰℃℉°′″")


def _latin_gap(text: str, j: int) -> bool:
    """Whether the CJK–Latin space goes between ``text[j]`` and ``text[j + 1]``.

    Between a Han character (or kana) and a Latin letter or digit, either
    way round; a sign starting a number and a unit symbol ending one count
    as the number's (至+12.8℃, 12.8℃至, 5%的), as xeCJK and Typst space them.
    """
    a, b = text[j], text[j + 1]
    if _is_cjk_letter(a):
        return _is_latin_alnum(b) or (b in _SIGNS and j + 2 < len(text) and text[j + 2] in _DIGITS)
    if _is_cjk_letter(b):
        return _is_latin_alnum(a) or (a in _LATIN_UNITS and j > 0 and (text[j - 1] in _DIGITS or text[j - 1] in "%"))
    return False


def cjk_latin_gaps(text: str) -> list[int]:
    """Indices ``j`` of the junctions ``text[j]|text[j + 1]`` that get the CJK–Latin space (a quarter em).

    The one spacing rule of every text zzreport sets: the line breaker
    applies it, and a writer drawing a label outside it (a card, a table
    cell, a chart label) calls this to put the same space in the same
    places.
    """
    return [
        j for j in range(len(text) - 1) if not text[j].isspace() and not text[j + 1].isspace() and _latin_gap(text, j)
    ]


@lru_cache(maxsize=4096)
def _kind(char: str) -> int:
    """Break class of a character (cached process-wide on purpose: keyed by one character, never text).

    Ideographic characters (Han, fullwidth forms, CJK symbols) allow a break
    on either side; Latin and "neutral" characters (curly quotes, dashes,
    ellipsis, which Latin text uses too) stick to each other, so ``don’t``
    and ``7+28+N`` stay whole.
    """
    if char in _NO_BREAK_SPACES:
        return _LATIN  # glues like a letter: "100\u00a0km" stays whole
    if char == "\u200b":
        return _IDEO  # zero-width space: a break opportunity, kept in text
    if char != "\u3000" and char.isspace():
        return _SPACE
    category = unicodedata.category(char)
    if category.startswith("M"):
        return _MARK
    width = unicodedata.east_asian_width(char)
    if width in ("W", "F"):
        return _IDEO
    if width == "A" and ord(char) >= 0x2000:
        return _NEUTRAL if category.startswith("P") else _IDEO
    return _LATIN


def _number_glue(text: str) -> set[int]:
    """Indices ``i`` where a break before ``text[i]`` would split a number.

    A digit run (with ``.``, ``,``, ``~``, ``+``, ``-`` between digits) is
    unbreakable and keeps up to two magnitude characters, an approximator
    (``多``, ``余``), one unit word from :data:`_UNIT_WORDS` and a bound
    (``以上``, ``左右`` …) after it.
    """
    glued: set[int] = set()
    n = len(text)
    i = 0
    while i < n:
        if text[i] not in _DIGITS:
            i += 1
            continue
        start = i
        if start > 0 and text[start - 1] in _NUMBER_PREFIXES:
            glued.add(start)
        j = i + 1
        while j < n and (text[j] in _DIGITS or (text[j] in _NUMBER_JOINERS and j + 1 < n and text[j + 1] in _DIGITS)):
            glued.add(j)
            j += 1
        k = j
        while k < n and k - j < 2 and text[k] in _MAGNITUDES:
            k += 1
        if k < n and text[k] in _APPROXIMATORS:
            k += 1
        for length in range(min(_MAX_UNIT_LEN, n - k), 0, -1):
            if text[k : k + length] in _UNIT_WORDS:
                k += length
                break
        for bound in _BOUNDS:  # 1000家以上, 95%以上: the bound belongs to the quantity
            if text.startswith(bound, k):
                k += len(bound)
                break
        glued.update(range(j, k))
        i = max(k, j)
    return glued


def _pair_breakable(a: str, b: str) -> bool:
    """Whether a line may break between two adjacent non-space characters."""
    if b in LINE_START_FORBIDDEN or a in LINE_END_FORBIDDEN:
        return False
    kind_a, kind_b = _kind(a), _kind(b)
    if kind_b == _MARK:
        return False
    if kind_a == _IDEO or kind_b == _IDEO:
        return True
    # ”“ between two quotations: closing then opening is a fine break.
    return a in LINE_START_FORBIDDEN and b in LINE_END_FORBIDDEN


# --------------------------------------------------------------------------
# the breaker


def _em_function(em: float | EmFn[S] | None, width_fn: WidthFn[S]) -> EmFn[S]:
    """Normalise the ``em`` argument of :func:`break_lines` to a function."""
    if callable(em):
        return em
    if em is None:

        def ideographic_space(style: S) -> float:
            # U+3000 is exactly one em in every CJK font: a good default.
            return width_fn("\u3000", style)

        return ideographic_space
    size = float(em)

    def constant(style: S) -> float:
        return size

    return constant


@dataclass(frozen=True)
class Segment:
    """An unbreakable stretch ``text[start:end]`` of a paragraph: a line may break only between two of them.

    ``width`` is its natural width; ``gap`` is what separates it from the
    segment before it when both sit on one line (the spaces between them and
    any CJK–Latin space), 0 for the first. A line from segment ``a`` to ``b``
    is therefore ``sum(width[a..b]) + sum(gap[a+1..b])`` wide, exactly as the
    greedy breaker adds it up.
    """

    start: int
    end: int
    width: float
    gap: float


#: A line before it is built: (start, end, ends_paragraph, indent, overhang), the arguments of ``_Breaker.line``.
_Span = tuple[int, int, bool, float, float]


class _Atom:
    """An unbreakable stretch ``[start, end)`` plus trailing spaces to ``tail``."""

    __slots__ = ("end", "lead", "start", "tail", "tail_width", "width")

    def __init__(self, start: int, end: int, tail: int) -> None:
        self.start, self.end, self.tail = start, end, tail
        self.width = self.tail_width = self.lead = 0.0


class _Breaker(Generic[S]):
    def __init__(
        self,
        runs: Sequence[Run[S]],
        width_fn: WidthFn[S],
        em: float | EmFn[S] | None,
        cjk_latin_space: float,
        squeeze: bool,
        compress: bool = False,
        fit_all: bool = False,
        hang: bool = False,
        trim_start: bool = False,
    ) -> None:
        self.text = "".join(run.text for run in runs)
        self.width_fn = width_fn
        styles: list[S] = []
        ids: list[int] = []
        seen: dict[S, int] = {}
        for run in runs:
            sid = seen.setdefault(run.style, len(seen))
            styles.extend([run.style] * len(run.text))
            ids.extend([sid] * len(run.text))
        self.styles, self.ids = styles, ids
        self.kinds = [_kind(char) for char in self.text]
        self.glue = _number_glue(self.text)

        em_fn = _em_function(em, width_fn)
        self.em_fn = em_fn
        self.squeeze_enabled = squeeze
        self.extra, self.stretch = self._gaps(em_fn, cjk_latin_space)
        self.fit_all = fit_all
        self.hang_enabled = hang
        self.trim_start_enabled = trim_start
        #: Where a line may break inside a Latin token (a URL, a long compound) at a cost: index -> penalty.
        self.soft: dict[int, float] = {}
        if compress:
            self._compress()
        if fit_all:
            self._find_soft_breaks()
        self._adjust: list[clreq.Adjust] | None = None
        self._atoms: dict[tuple[int, int], list[_Atom]] = {}

    # ------------------------------------------------------------ clreq

    def _compress(self) -> None:
        """Trim the blank between adjacent full-width marks (”，  。“  ）、) by half an em (see :mod:`.clreq`).

        The trim is a negative fixed gap, so it counts wherever the
        CJK–Latin space counts: in every measured width and in the pieces'
        positions; at a line break it falls away with the junction.
        """
        text, extra = self.text, self.extra
        marks = clreq.BLANK_LEFT | clreq.BLANK_RIGHT
        for j in range(len(text) - 1):
            a, b = text[j], text[j + 1]
            if a in marks and b in marks:
                style_a, style_b = self.styles[j], self.styles[j + 1]
                em = self.em_fn(style_a if a in clreq.BLANK_RIGHT else style_b)
                trim = clreq.pair_compression(a, b, self.width_fn(a, style_a), self.width_fn(b, style_b), em)
                if trim:
                    extra[j] = -trim

    def _find_soft_breaks(self) -> None:
        """Break opportunities inside long Latin tokens: after ``/ - _ .`` (URLs, file names).

        After the dot, not before: a line never starts with ``.`` (kinsoku),
        and in Chinese text a dot at a line end cannot be taken for a full stop.

        A token qualifies when it is longer than :data:`_SOFT_MIN_TOKEN`
        characters; at least two characters stay on either side of a break,
        ``//`` stays whole and numbers (``1.4``, ``5.5G``) are never cut
        (their glue wins). Each carries :data:`_SOFT_PENALTY`, so total fit
        takes one only when it saves a loose line.
        """
        text, kinds, n = self.text, self.kinds, len(self.text)
        i = 0
        while i < n:
            if kinds[i] != _LATIN:
                i += 1
                continue
            j = i
            while j < n and kinds[j] == _LATIN:
                j += 1
            if j - i > _SOFT_MIN_TOKEN:
                for k in range(i + 2, j - 1):
                    before, after = text[k - 1], text[k]
                    if k in self.glue or after in LINE_START_FORBIDDEN or (after in "/-_." and before in "/-_."):
                        continue
                    if before in "/-_.":
                        self.soft[k] = _SOFT_PENALTY
            i = j

    def adjustments(self) -> list[clreq.Adjust]:
        """How each junction (after character ``j``) may stretch and shrink in a justified line (clreq §3.8)."""
        if self._adjust is not None:
            return self._adjust
        text, kinds, extra, n = self.text, self.kinds, self.extra, len(self.text)
        found = [clreq.NONE] * n
        em_of: dict[int, float] = {}
        cjk: dict[float, clreq.Adjust] = {}  # one Adjust per em size, not one per junction

        def ems(j: int) -> float:
            sid = self.ids[j]
            if sid not in em_of:
                em_of[sid] = self.em_fn(self.styles[j])
            return em_of[sid]

        for j in range(n - 1):
            if kinds[j + 1] == _SPACE:
                continue
            if kinds[j] == _SPACE:
                found[j] = clreq.space_adjust(self.width_fn(text[j], self.styles[j]))
                continue
            a, b = text[j], text[j + 1]
            if extra[j] > 0:  # the CJK–Latin gap
                han = j if _is_cjk_letter(a) else j + 1
                found[j] = clreq.gap_adjust(ems(han))
            elif extra[j] < 0:  # compressed marks: their blank is spent
                continue
            elif kinds[j] == _IDEO or kinds[j + 1] == _IDEO:
                em_a, em_b = ems(j), ems(j + 1)
                if (a in clreq.BLANK_RIGHT or b in clreq.BLANK_LEFT) and clreq.has_blank_at(
                    a, b, self.width_fn(a, self.styles[j]), self.width_fn(b, self.styles[j + 1]), max(em_a, em_b)
                ):
                    found[j] = clreq.punct_adjust(em_a if a in clreq.BLANK_RIGHT else em_b)
                else:
                    em = em_a if kinds[j] == _IDEO else em_b
                    found[j] = cjk.get(em) or cjk.setdefault(em, clreq.cjk_adjust(em))
        self._adjust = found
        return found

    def _gaps(self, em_fn: EmFn[S], ratio: float) -> tuple[list[float], list[bool]]:
        """Fixed CJK–Latin space and stretchability of the gap after each char."""
        text, kinds, n = self.text, self.kinds, len(self.text)
        extra = [0.0] * n
        stretch = [False] * n
        ems: dict[int, float] = {}
        for j in range(n - 1):
            a = text[j]
            kind_a, kind_b = kinds[j], kinds[j + 1]
            if kind_b == _SPACE:
                continue
            if kind_a == _SPACE:
                stretch[j] = True
                continue
            stretch[j] = kind_a == _IDEO or kind_b == _IDEO
            if ratio and _latin_gap(text, j):
                han = j if _is_cjk_letter(a) else j + 1
                sid = self.ids[han]
                if sid not in ems:
                    ems[sid] = em_fn(self.styles[han])
                extra[j] = ratio * ems[sid]
        return extra, stretch

    def measure(self, start: int, end: int) -> float:
        """Natural width of ``text[start:end]`` including CJK–Latin space."""
        if end - start == 1:  # most atoms of Chinese text are one character
            return self.width_fn(self.text[start], self.styles[start])
        total = 0.0
        seg = start
        ids, extra, text = self.ids, self.extra, self.text
        for j in range(start, end):
            if j == end - 1 or ids[j + 1] != ids[j] or extra[j]:
                total += self.width_fn(text[seg : j + 1], self.styles[seg])
                if j < end - 1:
                    total += extra[j]
                seg = j + 1
        return total

    def _width_past(self, start: int, end: int, limit: float, probe: int) -> float:
        """:meth:`measure` of ``text[start:end]``, or of its first ``probe`` characters when those alone pass ``limit``.

        Widths only grow as characters are added (the advances and the
        CJK–Latin space are never negative, and rounding a sum of such terms
        never makes it smaller), so a prefix past ``limit`` means the whole is
        too: every comparison of the result with ``limit`` comes out as it
        would for the whole width.
        """
        if end - start > probe >= 2:
            prefix = self.measure(start, start + probe)
            if prefix > limit:
                return prefix
        return self.measure(start, end)

    def can_break_before(self, i: int, lo: int) -> bool:
        """Whether a line may start at non-space ``text[i]`` (block starts at lo)."""
        text, kinds = self.text, self.kinds
        if i in self.soft:
            return True
        if kinds[i] == _MARK or i in self.glue:
            return False
        if kinds[i - 1] != _SPACE:
            return _pair_breakable(text[i - 1], text[i])
        q = i - 1
        while q >= lo and kinds[q] == _SPACE:
            q -= 1
        if q < lo:
            return True
        return text[q] not in LINE_END_FORBIDDEN and text[i] not in LINE_START_FORBIDDEN

    def atoms(self, lo: int, hi: int) -> list[_Atom]:
        """Split a block into unbreakable stretches (leading spaces dropped); a fresh list each call.

        Atoms do not depend on the line width, so they are measured once per
        block and reused when the same text is broken at another width.
        """
        found = self._atoms.get((lo, hi))
        if found is None:
            found = self._atoms[lo, hi] = self._measure_atoms(lo, hi)
        return list(found)

    def _measure_atoms(self, lo: int, hi: int) -> list[_Atom]:
        kinds = self.kinds
        first = next((i for i in range(lo, hi) if kinds[i] != _SPACE), None)
        if first is None:
            return []
        starts = [first] + [i for i in range(first + 1, hi) if kinds[i] != _SPACE and self.can_break_before(i, lo)]
        atoms = []
        for index, start in enumerate(starts):
            tail = starts[index + 1] if index + 1 < len(starts) else hi
            end = tail
            while kinds[end - 1] == _SPACE:
                end -= 1
            atom = _Atom(start, end, tail)
            atom.width = self.measure(start, end)
            atom.tail_width = self.measure(end, tail) if tail > end else 0.0
            atom.lead = self.extra[start - 1] if start > first else 0.0
            atoms.append(atom)
        return atoms

    def split_overlong(self, atom: _Atom, avail: float) -> int:
        """Where to cut an atom wider than a whole line (last resort).

        Prefer the last fitting cut after ``/`` or ``-`` (URLs, compounds),
        then the last fitting kinsoku-clean cut, then one that keeps
        ``……``/``——`` whole, then any fitting cut; always at least one
        character so layout terminates.
        """
        text, kinds = self.text, self.kinds
        fitting = []
        used = 0.0  # width of text[atom.start:k], grown one character at a time
        for k in range(atom.start + 1, atom.end):
            used += self.width_fn(text[k - 1], self.styles[k - 1])
            if used > avail + _EPS:
                break
            if kinds[k] != _MARK:
                fitting.append(k)
            used += self.extra[k - 1]
        if not fitting:
            k = atom.start + 1
            while k < atom.end and kinds[k] == _MARK:
                k += 1
            return k

        def clean(k: int) -> bool:
            return text[k] not in LINE_START_FORBIDDEN and text[k - 1] not in LINE_END_FORBIDDEN and kinds[k] != _SPACE

        def keeps_pair(k: int) -> bool:
            return not (text[k] == text[k - 1] and text[k] in "…—")

        for good in (
            lambda k: clean(k) and text[k - 1] in "/-",
            clean,
            keeps_pair,
            lambda k: True,
        ):
            for k in reversed(fitting):
                if good(k):
                    return k
        raise AssertionError("unreachable")  # pragma: no cover

    def squeeze(self, atom: _Atom) -> float:
        """Width a line-end squeeze of the atom's last character saves.

        Only the advance beyond half an em is saved, so proportional (already
        narrow) quotes in a Latin font are left alone.
        """
        return self._squeeze_at(atom.end - 1)

    def hang(self, last: int) -> float:
        """How far a line ending at ``text[last]`` reaches into the margin: a full-width pause or stop mark's
        advance when hanging is on (the line's other characters then fill the measure), else 0."""
        if not self.hang_enabled or self.text[last] not in HANGING_AT_LINE_END:
            return 0.0
        style = self.styles[last]
        advance = self.width_fn(self.text[last], style)
        return advance if advance >= clreq.FULL_WIDTH * self.em_fn(style) else 0.0

    def trim(self, first: int) -> float:
        """How far a line starting at ``text[first]`` begins left of the measure: the blank left half of a
        full-width opening mark when line-start half width is on (行首开始标点半角), else 0.

        The mark's ink then sits at the margin like any first character's,
        and the line has that much more room. Not applied to a line that is
        indented (a paragraph's first): the indent already sets it apart.
        """
        if not self.trim_start_enabled or self.text[first] not in clreq.BLANK_LEFT:
            return 0.0
        style = self.styles[first]
        em = self.em_fn(style)
        return 0.5 * em if self.width_fn(self.text[first], style) >= clreq.FULL_WIDTH * em else 0.0

    def _squeeze_at(self, last: int) -> float:
        hung = self.hang(last)
        if hung:
            return hung
        if not self.squeeze_enabled or self.text[last] not in SQUEEZABLE_AT_LINE_END:
            return 0.0
        style = self.styles[last]
        full = self.width_fn(self.text[last], style)
        return max(0.0, full - 0.5 * self.em_fn(style))

    def line(
        self,
        start: int,
        end: int,
        ends_paragraph: bool,
        indent: float,
        overhang: float = 0.0,
    ) -> Line[S]:
        text, ids, extra, stretch = self.text, self.ids, self.extra, self.stretch
        pieces: list[Piece[S]] = []
        x = 0.0
        gaps = 0
        seg = start
        mode: bool | None = None
        for j in range(start, end):
            last = j == end - 1
            cut = last or ids[j + 1] != ids[j] or bool(extra[j])
            if not cut and mode is not None and stretch[j] != mode:
                cut = True
            if not cut:
                if mode is None:
                    mode = stretch[j]
                continue
            piece_text = text[seg : j + 1]
            width = self.width_fn(piece_text, self.styles[seg])
            pieces.append(Piece(piece_text, self.styles[seg], x, width, gaps, bool(mode)))
            if mode:
                gaps += j - seg
            x += width
            if not last:
                x += extra[j]
                gaps += stretch[j]
            seg = j + 1
            mode = None
        return Line(
            tuple(pieces),
            x - overhang,
            ends_paragraph,
            gaps,
            start,
            end,
            indent,
            overhang,
        )

    def block(self, lo: int, hi: int, max_width: float, indent: float) -> list[_Span]:
        """Lines of one paragraph, as spans; a last line of a single character is avoided.

        A lone character (with its closing punctuation) on the last line
        looks like a mistake in Chinese typesetting, as a one-word last line
        does in English. When the greedy fill ends that way, the last two
        lines are broken again with the second-to-last one a little shorter,
        which sends one more character down; it is then justified to the
        full measure like any other line.
        """
        if self.fit_all:
            fitted = self._fit(lo, hi, max_width, indent)
            if fitted is not None:
                return fitted
        text = self.text
        spans = self._fill(lo, hi, max_width, indent)
        if len(spans) < 2 or not _is_runt(text[spans[-1][0] : spans[-1][1]]):
            return spans
        before = self.line(*spans[-2])
        narrower = before.indent + before.width - _EPS * 10
        redone = self._fill(before.start, hi, narrower, before.indent)
        if len(redone) == 2 and not any(_is_runt(text[start:end]) for start, end, *_ in redone):
            start, end, _ends, line_indent, overhang = redone[0]
            return [*spans[:-2], (start, end, False, line_indent, overhang), redone[1]]
        return spans

    def _fit(self, lo: int, hi: int, max_width: float, indent: float) -> list[_Span] | None:
        """The block's lines by total fit (:mod:`.totalfit`), or ``None`` when an atom is wider than a line.

        A line's demerits come from its badness (how much of its stretch,
        or shrink, justification would use; see :mod:`.clreq` for what
        stretches), a soft break's penalty, and a lone character on the
        last line, which the greedy fill corrects after the fact.
        """
        atoms = self.atoms(lo, hi)
        if not atoms:
            return [(lo, lo, True, indent, 0.0)]
        count = len(atoms)
        left, right = [0.0] * count, [0.0] * count
        pos = 0.0
        for i, atom in enumerate(atoms):
            if i:
                pos += atoms[i - 1].tail_width + atom.lead
            left[i] = pos
            pos += atom.width
            right[i] = pos
        adjust = self.adjustments()
        # Prefix sums over the junctions after text[lo:hi]'s characters: first-level stretch (word spaces,
        # CJK–Latin gaps, marks' blanks, which may open past it), the capped stretch between ideographs, shrink.
        first, capped, shrink = [0.0], [0.0], [0.0]
        for j in range(lo, hi):
            first.append(first[-1] + adjust[j].stretch)
            capped.append(capped[-1] + adjust[j].cjk)
            shrink.append(shrink[-1] + adjust[j].shrink)
        # A hanging mark is outside the measure whenever it ends a line: the line is that much shorter
        # (for nothing); otherwise a line-end mark may give up its blank half as the first shrink.
        hangs = [self.hang(atom.end - 1) for atom in atoms]
        for i, hung in enumerate(hangs):
            right[i] -= hung
        squeezes = [0.0 if hung else self.squeeze(atom) for atom, hung in zip(atoms, hangs, strict=True)]
        text, soft = self.text, self.soft
        em = self.em_fn(self.styles[lo]) if hi > lo else 1.0
        # Per atom: where its junctions start and end in the prefix sums, and the penalty of breaking after it.
        starts = [atom.start - lo for atom in atoms]
        ends_ = [atom.end - lo - 1 for atom in atoms]
        penalties = [soft.get(atoms[i + 1].start, 0.0) if i + 1 < count else 0.0 for i in range(count)]
        # A line's start: the block's indent for its first line; left of the measure by a trimmed
        # opening mark's blank half for any unindented line.
        trims = [self.trim(atom.start) if i or not indent else 0.0 for i, atom in enumerate(atoms)]
        starts_at = [indent - trims[0], *(-t for t in trims[1:])]

        def fits(a: int, b: int) -> bool:
            s, e = starts[a], ends_[b]
            natural = right[b] - left[a]
            return natural - (shrink[e] - shrink[s] + squeezes[b]) <= max_width - starts_at[a] + _EPS

        def demerits(a: int, b: int) -> float | None:
            width = max_width - starts_at[a]
            natural = right[b] - left[a]
            slack = width - natural
            last = b == count - 1
            if not last and natural < 0.5 * width:
                return None
            if last and slack >= -_EPS:
                bad = 0.0
            else:
                s, e = starts[a], ends_[b]
                open_first = first[e] - first[s]
                give = shrink[e] - shrink[s] + squeezes[b]
                # Without first-level junctions the stretch is a hard limit: the rest stays at the line end.
                bad = badness(slack, open_first + capped[e] - capped[s], give, hard=None if open_first > 0 else em)
            if last:  # a runt is one atom, or one and its closing marks
                runt = a > 0 and b - a < 3 and _is_runt(text[atoms[a].start : atoms[b].end])
                return (1.0 + bad) ** 2 + (_RUNT_DEMERITS if runt else 0.0)
            return (1.0 + bad) ** 2 + penalties[b] ** 2

        ends = total_fit(count, fits, demerits)
        if ends is None:
            return None
        spans: list[_Span] = []
        a = 0
        for b in ends:
            width, natural = max_width - starts_at[a], right[b] - left[a]
            overhang = hangs[b] or min(squeezes[b], max(0.0, natural - width))
            spans.append((atoms[a].start, atoms[b].end, b == count - 1, starts_at[a], overhang))
            a = b + 1
        return spans

    def set_line(self, span: _Span, max_width: float, stretch: bool) -> Line[S]:
        """The line of ``span`` set in ``max_width`` by clreq's line adjustment (:mod:`.clreq`).

        An overfull line (total fit counts on shrinking) gives back first
        its line-end mark's blank half, then its word spaces, CJK–Latin gaps
        and punctuation blanks in proportion. With ``stretch``, a short one
        opens first those same junctions (up to their stretch), then the
        junctions between Chinese characters up to the cap, then word
        spaces or, in a line without any, its CJK–Latin gaps or else its
        marks' blanks beyond their stretch; only a line with none of these
        keeps the rest at its end.
        So no ideograph's advance passes 1.05 em and no Latin word is
        letter-spaced. The
        pieces carry their final positions (``gaps_before`` and
        ``stretch_gaps`` are 0: the line is not to be spread again).
        """
        start, end, ends_paragraph, indent, _overhang = span
        text, ids, extra, kinds = self.text, self.ids, self.extra, self.kinds
        available = max_width - indent
        natural = self.measure(start, end) if end > start else 0.0
        overhang = self.hang(end - 1) if end > start else 0.0  # a hanging mark is outside the measure
        slack = available - natural + overhang
        junctions = range(start, end - 1)
        adjust = self.adjustments()
        spread: list[float] | None = None
        if slack < -_EPS:
            if not overhang:
                overhang = min(self._squeeze_at(end - 1), -slack)
                slack += overhang
            give = sum(adjust[j].shrink for j in junctions)
            if slack < -_EPS and give > 0:
                ratio = min(1.0, -slack / give)
                spread = [-adjust[j].shrink * ratio for j in junctions]
        elif stretch and slack > _EPS:
            first = [adjust[j].stretch for j in junctions]
            capped = [adjust[j].cjk for j in junctions]
            total_first, total_capped = sum(first), sum(capped)
            if slack <= total_first:
                spread = [value * slack / total_first for value in first]
            elif slack - total_first <= total_capped:
                share = (slack - total_first) / total_capped
                spread = [value + cap * share for value, cap in zip(first, capped, strict=True)]
            else:
                spread = [value + cap for value, cap in zip(first, capped, strict=True)]
                rest = slack - total_first - total_capped
                # Past every limit, the rest goes where a reader (and a text extractor) already sees a
                # space: word spaces, else CJK–Latin gaps, else the blanks of the marks.
                spaces = [k for k, j in enumerate(junctions) if kinds[j] == _SPACE] or [
                    k for k, j in enumerate(junctions) if extra[j] > 0
                ]
                if spaces:
                    for k in spaces:
                        spread[k] += rest / len(spaces)
                elif total_first > 0:
                    spread = [value + own * rest / total_first for value, own in zip(spread, first, strict=True)]
        pieces: list[Piece[S]] = []
        x = 0.0
        seg = start
        space: float | None = None
        for j in range(start, end):
            last = j == end - 1
            step = 0.0
            if not last:
                step = spread[j - start] if spread is not None else 0.0
                if ids[j + 1] == ids[j] and not extra[j] and (space is None or step == space):
                    space = step
                    continue
            piece_text = text[seg : j + 1]
            inner = space or 0.0
            width = self.width_fn(piece_text, self.styles[seg]) + inner * (len(piece_text) - 1)
            pieces.append(Piece(piece_text, self.styles[seg], x, width, 0, False, inner))
            x += width
            if not last:
                x += extra[j] + step
            seg = j + 1
            space = None
        return Line(tuple(pieces), x - overhang, ends_paragraph, 0, start, end, indent, overhang)

    def _fill(self, lo: int, hi: int, max_width: float, indent: float) -> list[_Span]:
        atoms = self.atoms(lo, hi)
        if not atoms:
            return [(lo, lo, True, indent, 0.0)]
        lines: list[_Span] = []
        current: list[_Atom] = []
        used = 0.0
        avail = max_width - indent
        index = 0
        while index < len(atoms):
            atom = atoms[index]
            is_last = index == len(atoms) - 1
            if not current:
                if indent <= 0.0:  # an unindented line: an opening mark may start it half-width
                    indent = -self.trim(atom.start)
                    avail = max_width - indent
                if atom.width <= avail + _EPS:
                    current, used = [atom], atom.width
                    index += 1
                    continue
                squeeze = self.squeeze(atom)
                if squeeze and atom.width - squeeze <= avail + _EPS:
                    lines.append((atom.start, atom.end, is_last, indent, squeeze))
                    indent, avail = 0.0, max_width
                    index += 1
                    continue
                cut = self.split_overlong(atom, avail)
                if cut >= atom.end:  # one glyph (plus marks) wider than the line
                    lines.append((atom.start, atom.end, is_last, indent, 0.0))
                    indent, avail = 0.0, max_width
                    index += 1
                    continue
                head_end = cut
                while head_end > atom.start + 1 and self.kinds[head_end - 1] == _SPACE:
                    head_end -= 1
                lines.append((atom.start, head_end, False, indent, 0.0))
                indent, avail = 0.0, max_width
                rest = cut  # never past atom.end: the atom ends on a non-space
                while self.kinds[rest] == _SPACE:
                    rest += 1
                tail = _Atom(rest, atom.end, atom.tail)
                # Only whether the rest fits the next line matters until it does: measuring all of it
                # on every line made one long unbreakable token (a URL, 20,000 letters) quadratic.
                limit = max_width + 2 * _EPS + self.squeeze(tail)  # past both of the checks below
                tail.width = self._width_past(rest, atom.end, limit, 2 * (head_end - atom.start) + 16)
                tail.tail_width = atom.tail_width
                atoms[index] = tail
                continue
            wanted = current[-1].tail_width + atom.lead + atom.width
            if used + wanted <= avail + _EPS:
                current.append(atom)
                used += wanted
                index += 1
                continue
            squeeze = self.squeeze(atom)
            if squeeze and used + wanted - squeeze <= avail + _EPS:
                # Oikomi: pull the atom in with its end punctuation half-width.
                lines.append((current[0].start, atom.end, is_last, indent, squeeze))
                index += 1
            else:  # oidashi: the atom starts the next line
                lines.append((current[0].start, current[-1].end, False, indent, 0.0))
            indent, avail = 0.0, max_width
            current = []
        if current:
            lines.append((current[0].start, current[-1].end, True, indent, 0.0))
        return lines


def _is_runt(text: str) -> bool:
    """A line holding one character at most, besides spaces and closing punctuation."""
    letters = [c for c in text if not c.isspace() and c not in LINE_START_FORBIDDEN]
    return len(letters) <= 1


def break_lines(
    runs: Sequence[Run[S]],
    max_width: float,
    width_fn: WidthFn[S],
    *,
    em: float | EmFn[S] | None = None,
    cjk_latin_space: float = 0.25,
    first_line_indent: float = 0.0,
    squeeze_line_end: bool = True,
    compress_punctuation: bool = False,
    total_fit: bool = False,
    justify: bool = False,
    hang_punctuation: bool = False,
    half_width_line_start: bool = False,
) -> list[Line[S]]:
    """Break styled runs into lines no wider than ``max_width``.

    ``em`` is the font size used for the CJK–Latin space (a number, or a
    function of the style); by default it is the width of U+3000 IDEOGRAPHIC
    SPACE, which CJK fonts make exactly one em. ``cjk_latin_space`` is in
    ems; 0 disables it. ``"\\n"`` forces a line break. Lines are filled
    greedily; a character that may not end or start a line travels with its
    neighbour to the next line. Only a single unbreakable stretch wider than
    the whole line is cut inside (after ``/`` or ``-`` if possible).

    With ``squeeze_line_end`` (the default), closing punctuation that ends
    a line may be set half-width (see :data:`SQUEEZABLE_AT_LINE_END` and
    ``Line.overhang``) when that saves pushing its word down; disable it for
    renderers that cannot let a glyph's advance pass the margin.

    ``compress_punctuation`` trims the blank between adjacent full-width
    marks (”，  。“) by half an em; ``total_fit`` chooses all breaks of a
    paragraph together (Knuth–Plass, :mod:`zzreport.fonts.totalfit`) and
    lets long Latin tokens break at ``/ - _ .``; with it, ``justify`` sets
    every line but a paragraph's last to ``max_width`` by clreq's line
    adjustment (:mod:`zzreport.fonts.clreq`); ``hang_punctuation`` sets a
    pause or stop mark that ends a line whole in the margin (悬挂标点, see
    :data:`HANGING_AT_LINE_END`); ``half_width_line_start`` sets a
    full-width opening mark (（《“) that starts an unindented line
    half-width, its ink at the margin (a negative ``Line.indent``). All five
    need a renderer that
    places pieces at their ``x`` (the PDF); they are off for the deck, whose
    renderer sets the text itself.
    """
    return PreparedText(
        runs,
        width_fn,
        em=em,
        cjk_latin_space=cjk_latin_space,
        squeeze_line_end=squeeze_line_end,
        compress_punctuation=compress_punctuation,
        total_fit=total_fit,
        hang_punctuation=hang_punctuation,
        half_width_line_start=half_width_line_start,
    ).lines(max_width, first_line_indent, justify=justify)


class PreparedText(Generic[S]):
    """Runs analysed once (character classes, number glue, gaps, measured atoms), to break at many widths.

    :func:`break_lines` at one width is ``PreparedText(...).lines(width)``.
    Writers that try several widths for the same text (fitting a title,
    balancing a label) keep one of these and skip the analysis and the
    measuring after the first width. The options mean what they mean for
    :func:`break_lines`.
    """

    def __init__(
        self,
        runs: Sequence[Run[S]],
        width_fn: WidthFn[S],
        *,
        em: float | EmFn[S] | None = None,
        cjk_latin_space: float = 0.25,
        squeeze_line_end: bool = True,
        compress_punctuation: bool = False,
        total_fit: bool = False,
        hang_punctuation: bool = False,
        half_width_line_start: bool = False,
    ) -> None:
        self._breaker = _Breaker(
            runs,
            width_fn,
            em,
            cjk_latin_space,
            squeeze_line_end,
            compress_punctuation,
            total_fit,
            hang_punctuation,
            half_width_line_start,
        )

    def lines(self, max_width: float, first_line_indent: float = 0.0, *, justify: bool = False) -> list[Line[S]]:
        """The text broken into lines no wider than ``max_width`` (justified with total fit and ``justify``)."""
        breaker = self._breaker
        spans = self._spans(max_width, first_line_indent)
        if not breaker.fit_all:
            return [breaker.line(*span) for span in spans]
        return [breaker.set_line(span, max_width, justify and not span[2]) for span in spans]

    def spans(self, max_width: float, first_line_indent: float = 0.0) -> list[tuple[int, int]]:
        """Where each line of :meth:`lines` starts and ends in the text, without building the lines.

        Measuring (how many lines, where a paragraph may be split) needs no
        more, and skips placing and measuring each line's pieces.
        """
        return [(start, end) for start, end, *_ in self._spans(max_width, first_line_indent)]

    @property
    def text(self) -> str:
        """The runs' text, concatenated."""
        return self._breaker.text

    def segments(self) -> list[Segment]:
        """The unbreakable stretches of a text without forced breaks, in order (leading spaces dropped).

        These are the break opportunities the greedy breaker uses (kinsoku,
        numbers with their units, Latin words), for callers that choose among
        them by another rule, such as the balanced-label breaker in
        :mod:`zzreport.fonts.balance`. Text holding ``"\\n"`` has more than one
        paragraph and is refused.
        """
        breaker = self._breaker
        if "\n" in breaker.text:
            raise ValueError("segments() takes a text without forced line breaks")
        atoms = breaker.atoms(0, len(breaker.text))
        out: list[Segment] = []
        for index, atom in enumerate(atoms):
            gap = atoms[index - 1].tail_width + atom.lead if index else 0.0
            out.append(Segment(atom.start, atom.end, atom.width, gap))
        return out

    def _spans(self, max_width: float, first_line_indent: float) -> list[_Span]:
        breaker = self._breaker
        text = breaker.text
        if not text:
            return []
        spans: list[_Span] = []
        lo = 0
        indent = first_line_indent
        while True:
            hi = text.find("\n", lo)
            block_end = len(text) if hi < 0 else hi
            spans.extend(breaker.block(lo, block_end, max_width, indent))
            indent = 0.0
            if hi < 0:
                return spans
            lo = hi + 1


def slice_runs(runs: Iterable[Run[S]], start: int, end: int | None = None) -> list[Run[S]]:
    """The runs covering ``text[start:end]`` of their concatenation.

    Writers use it to continue a paragraph after a page break from
    ``Line.start`` of the first line that did not fit.
    """
    result: list[Run[S]] = []
    offset = 0
    for run in runs:
        run_start, run_end = offset, offset + len(run.text)
        offset = run_end
        lo = max(start, run_start)
        hi = run_end if end is None else min(end, run_end)
        if lo < hi:
            result.append(Run(run.text[lo - run_start : hi - run_start], run.style))
    return result


def violations(lines: Sequence[str], *, numbers: bool = True) -> list[str]:
    """Kinsoku violations and (with ``numbers``) split numbers in consecutive plain-text lines.

    Pass ``numbers=False`` for text that is not running prose (a whole page's
    extracted text holds chart ticks and card figures on lines of their own).

    Works on text only (e.g. lines extracted from a PDF), so it cannot see
    whether a space stood at a break; it therefore checks numbers (a digit
    run cut, or cut from its unit, ``%`` or following letters as in ``5.5G``)
    but not Latin words, which a break at a space legitimately separates.
    """
    found: list[str] = []
    stripped = [line.strip() for line in lines]
    for number, line in enumerate(stripped, 1):
        if not line:
            continue
        if line[0] in LINE_START_FORBIDDEN:
            found.append(f"line {number} starts with {line[0]!r}: {line}")
        if line[-1] in LINE_END_FORBIDDEN:
            found.append(f"line {number} ends with {line[-1]!r}: {line}")
    if not numbers:
        return found
    for number, (before, after) in enumerate(pairwise(stripped), 1):
        if not before or not after:
            continue
        tail, head = before[-12:], after[:12]
        joined = tail + head
        cut = len(tail)
        if cut in _number_glue(joined) or (tail[-1] in _DIGITS and _is_latin_alnum(head[0])):
            found.append(f"number split after line {number}: {tail!r} | {head!r}")
    return found
