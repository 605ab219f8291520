"""Text of the document model -> CJKParagraph flowables.

Spans are split per character into runs of the face that has each
character (the FontSet's fallback chain), so a rare character drawn by a
fallback font sits in the same line as its neighbours. Text is never parsed
as markup: ``<b>`` and ``&`` reach the page as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from zzreport.figures.reportlab_faces import register_face
from zzreport.fonts.fontset import Face, FontSet
from zzreport.fonts.linebreak import Run, cjk_latin_gaps
from zzreport.ir import Span, Spans
from zzreport.writers.pdf.paragraph import Align, CJKParagraph, RunStyle
from zzreport.writers.pdf.styles import TextStyle


def as_spans(text: str | Spans) -> Spans:
    return (Span(text),) if isinstance(text, str) else text


def split_paragraphs(spans: Spans) -> list[Spans]:
    """Split spans at newlines: each line of a spec text is a paragraph of its own."""
    paragraphs: list[list[Span]] = [[]]
    for span in spans:
        parts = span.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                paragraphs.append([])
            if part:
                paragraphs[-1].append(Span(part, span.bold))
    return [tuple(p) for p in paragraphs if p]


#: The CJK–Latin space in ems, in every text the PDF sets (paragraphs get it from the line breaker).
CJK_LATIN_SPACE = 0.25


class TextMaker:
    """Makes runs and paragraphs in the document's fonts."""

    def __init__(
        self, fonts: FontSet, *, hanging_punctuation: bool = False, half_width_line_start: bool = False
    ) -> None:
        self.fonts = fonts
        #: Whether justified paragraphs let a line-end pause or stop mark hang into the margin (theme.page).
        self.hanging_punctuation = hanging_punctuation
        #: Whether justified paragraphs set an opening mark that starts a line half-width (theme.page).
        self.half_width_line_start = half_width_line_start

    def font_name(self, role: str, bold: bool = False) -> str:
        """The reportlab name of a role's primary face."""
        return register_face(self.fonts.roles[role].face(bold))

    @staticmethod
    def font_name_of(face: Face) -> str:
        """The reportlab name of ``face``, registered on first use."""
        return register_face(face)

    def runs(self, text: str | Spans, style: TextStyle, color: str | None = None) -> list[Run]:
        out: list[Run] = []
        for span in as_spans(text):
            bold = style.bold or span.bold
            for face, part in self.fonts.segments(span.text, style.role, bold):
                out.append(Run(part, RunStyle(register_face(face), style.size, color or style.color)))
        return out

    def paragraph(
        self,
        text: str | Spans,
        style: TextStyle,
        *,
        align: Align = "justify",
        indent: bool = False,
        color: str | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> CJKParagraph:
        para = CJKParagraph(
            self.runs(text, style, color),
            align=align,
            leading=style.leading,
            first_line_indent=2 * style.size if indent else 0.0,
            space_before=space_before,
            space_after=space_after,
            hanging_punctuation=self.hanging_punctuation and align == "justify",
            half_width_line_start=self.half_width_line_start and align == "justify",
        )
        return para

    def paragraphs(
        self, spans: Spans, style: TextStyle, *, indent: bool = False, space_after: float = 0.0
    ) -> Iterable[CJKParagraph]:
        """One paragraph per line break of ``spans``, each set as :meth:`paragraph` sets one."""
        for part in split_paragraphs(spans):
            yield self.paragraph(part, style, indent=indent, space_after=space_after)

    def width(self, text: str, style: TextStyle, bold: bool | None = None) -> float:
        """Width of ``text`` set on one line as :meth:`placed` sets it (CJK–Latin space included)."""
        gaps = len(cjk_latin_gaps(text)) * CJK_LATIN_SPACE * style.size
        return self.fonts.width(text, style.role, style.size, style.bold if bold is None else bold) + gaps

    def placed(
        self, text: str, style: TextStyle, bold: bool | None = None
    ) -> tuple[list[tuple[str, str, float]], float]:
        """``text`` as one line: (reportlab font name, part, x) per drawn part, and the line's width.

        Parts change where the face does (the fallback chain) and where the
        CJK–Latin space goes (:func:`~zzreport.fonts.linebreak.cjk_latin_gaps`,
        a quarter em, the rule paragraphs follow), so a label, a card value,
        a header or a chart label drawn from these is spaced as body text is.
        """
        weight = style.bold if bold is None else bold
        gaps = set(cjk_latin_gaps(text))
        out: list[tuple[str, str, float]] = []
        x = 0.0
        start = 0
        for face, part in self.fonts.segments(text, style.role, weight):
            name = register_face(face)
            cut = 0
            for k in range(len(part)):
                if start + k in gaps and k + 1 < len(part):
                    piece = part[cut : k + 1]
                    out.append((name, piece, x))
                    x += sum(face.advance(c) for c in piece) * style.size + CJK_LATIN_SPACE * style.size
                    cut = k + 1
            piece = part[cut:]
            out.append((name, piece, x))
            x += sum(face.advance(c) for c in piece) * style.size
            if start + len(part) - 1 in gaps:
                x += CJK_LATIN_SPACE * style.size
            start += len(part)
        return out, x
