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
from zzreport.fonts.linebreak import Run
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


class TextMaker:
    """Makes runs and paragraphs in the document's fonts."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts

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
        )
        return para

    def paragraphs(
        self, spans: Spans, style: TextStyle, *, indent: bool = False, space_after: float = 0.0
    ) -> Iterable[CJKParagraph]:
        """One paragraph per line break of ``spans``, each set as :meth:`paragraph` sets one."""
        for part in split_paragraphs(spans):
            yield self.paragraph(part, style, indent=indent, space_after=space_after)

    def width(self, text: str, style: TextStyle, bold: bool | None = None) -> float:
        return self.fonts.width(text, style.role, style.size, style.bold if bold is None else bold)
