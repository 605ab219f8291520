"""Chinese justification rules of W3C clreq ("Requirements for Chinese Text Layout"), renderer-free.

The line breaker (:mod:`zzreport.fonts.linebreak`) asks this module two
things about each junction between two adjacent characters of a line:

* how much of it :func:`pair_compression` removes (clreq §3.1.6.3
  "punctuation compression"): two adjacent full-width punctuation marks
  each carry half an em of blank on one side, and setting both blanks in
  full leaves a visible hole (”，  。“  ）、); the blank between them is
  trimmed by half an em, as Typst and InDesign's 中文排版 presets do;
* how far it may stretch or shrink when a line is justified
  (:class:`Adjust`, clreq §3.8 "line adjustment"): first the junctions
  that already hold blank space (Latin word spaces, the quarter-em gap
  between Chinese and Latin text, the blank half of a punctuation mark),
  then, capped at :data:`CJK_STRETCH_CAP` of an em, the junctions between
  Chinese characters. Latin letters inside a word never get space.

Where a mark's blank lies is what Simplified Chinese fonts do (GB/T 15834
positions): closing marks and the pause/stop marks (，。、；：？！）》”…)
carry their ink in the left half of the em, opening marks (（《“…) in the
right half. The bundled Noto SC faces measure so (``tests/fonts/``), and a
mark narrower than :data:`FULL_WIDTH` of an em (a proportional quote from a
Latin font) is never compressed.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BLANK_LEFT",
    "BLANK_RIGHT",
    "CJK_STRETCH_CAP",
    "FULL_WIDTH",
    "Adjust",
    "pair_compression",
]

#: Marks whose ink sits in the left half of the em: the right half is blank.
BLANK_RIGHT: frozenset[str] = frozenset("，。、；：？！）》」』】〕〉〗〙〛］｝｠”’")

#: Marks whose ink sits in the right half of the em: the left half is blank.
BLANK_LEFT: frozenset[str] = frozenset("（《「『【〔〈〖〘〚［｛｟“‘")

#: A mark is full-width (has a blank half to give) when its advance is at least this many ems.
FULL_WIDTH = 0.9

#: How far one junction between Chinese characters may open in a justified line, in ems: an
#: ideograph's advance stays at most 1.05 em, which a reader does not see as letter-spacing.
CJK_STRETCH_CAP = 0.05

#: Stretch and shrink of the quarter-em Chinese–Latin gap (it stays between an eighth and three eighths of an
#: em) and of a punctuation mark's blank half (which may open by an eighth, or shrink away), in ems. Larger
#: stretches read as holes beside the evenly set ideographs: the cap between those comes next.
GAP_STRETCH, GAP_SHRINK = 0.125, 0.125
PUNCT_STRETCH, PUNCT_SHRINK = 0.125, 0.5
#: Stretch and shrink of a Latin word space, as fractions of the space (TeX's defaults).
SPACE_STRETCH, SPACE_SHRINK = 0.5, 1 / 3


def pair_compression(a: str, b: str, advance_a: float, advance_b: float, em: float) -> float:
    """How much to trim the junction between adjacent marks ``a`` and ``b`` (0 when nothing is trimmed).

    Trimmed when the junction holds a blank half of at least one of them:
    ``a`` blank on its right (”，  。“) or ``b`` blank on its left (（“).
    Half an em goes; the other blank half, if any, stays, so the two inks
    never meet (clreq sets 。“ as 1.5 em, the 。 half-width).
    """
    if a in BLANK_RIGHT and (b in BLANK_RIGHT or b in BLANK_LEFT) and advance_a >= FULL_WIDTH * em:
        return 0.5 * em
    if b in BLANK_LEFT and a in BLANK_LEFT and advance_b >= FULL_WIDTH * em:
        return 0.5 * em
    return 0.0


@dataclass(frozen=True)
class Adjust:
    """How one junction of a line may change when the line is justified, in points.

    ``stretch``/``shrink`` are used first (level A, spread in proportion to
    them); ``cjk`` is the capped stretch between Chinese characters (level
    B), used only once level A is exhausted.
    """

    stretch: float = 0.0
    shrink: float = 0.0
    cjk: float = 0.0


NONE = Adjust()


def space_adjust(space_width: float) -> Adjust:
    """A Latin word space stretches by half and shrinks by a third of itself."""
    return Adjust(SPACE_STRETCH * space_width, SPACE_SHRINK * space_width)


def gap_adjust(em: float) -> Adjust:
    """The quarter-em Chinese–Latin gap stretches to three eighths of an em and shrinks to an eighth."""
    return Adjust(GAP_STRETCH * em, GAP_SHRINK * em)


def punct_adjust(em: float) -> Adjust:
    """A mark's blank half stretches by an eighth of an em, or shrinks away (the mark set half-width)."""
    return Adjust(PUNCT_STRETCH * em, PUNCT_SHRINK * em)


def cjk_adjust(em: float) -> Adjust:
    """Between Chinese characters: only the capped inter-character stretch."""
    return Adjust(cjk=CJK_STRETCH_CAP * em)


def has_blank_at(a: str, b: str, advance_a: float, advance_b: float, em: float) -> bool:
    """Whether the junction ``a|b`` holds an untrimmed blank half of a full-width mark."""
    return (a in BLANK_RIGHT and advance_a >= FULL_WIDTH * em) or (b in BLANK_LEFT and advance_b >= FULL_WIDTH * em)
