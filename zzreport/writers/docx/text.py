"""Runs as the writer sets them: every run names its faces for Latin and East Asian text, and its languages.

Word picks a run's face per character class: ``w:ascii``/``w:hAnsi`` for
Latin letters and digits, ``w:eastAsia`` for Han characters; a run that
names only the first (python-docx's ``font.name``) sets Chinese in
whatever face the reader's Word falls back to. So no run is made but
through :class:`Typesetter`, which names the role's family for both, and
marks the run's languages (English for Latin words, the document's
Chinese for Han), so spelling and line breaking follow each language.
"""

from __future__ import annotations

from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from zzreport.ir import FontPlan, Span, Spans
from zzreport.writers.docx import oxml
from zzreport.writers.docx.styles import hex_of


class Typesetter:
    """Makes runs in a role's faces with the document's languages."""

    def __init__(self, plan: FontPlan, latin: str, east_asian: str) -> None:
        self.plan, self.latin, self.east_asian = plan, latin, east_asian

    def run(
        self,
        paragraph: Paragraph,
        text: str = "",
        role: str = "body",
        *,
        bold: bool | None = None,
        size: float | None = None,
        color: str | None = None,
    ) -> Run:
        """A run of ``text`` at the end of ``paragraph``, in ``role``'s family (the style gives what is None)."""
        run = paragraph.add_run(text)
        oxml.set_typefaces(run, self.plan.family(role))
        oxml.set_language(run, self.latin, self.east_asian)
        if bold is not None:
            run.bold = bold
        if size is not None:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = RGBColor.from_string(hex_of(color))
        return run

    def spans(
        self,
        paragraph: Paragraph,
        spans: Spans,
        role: str = "body",
        *,
        size: float | None = None,
        color: str | None = None,
    ) -> list[Run]:
        """One run per span (bold where the spec said ``**…**``)."""
        runs = []
        for span in spans:
            run = self.run(paragraph, span.text, role, size=size, color=color)
            if span.bold:
                run.bold = True
            runs.append(run)
        return runs


def paragraphs_of(spans: Spans) -> list[Spans]:
    """``spans`` split where the text holds a line break: each piece a paragraph of its own, as the PDF sets
    them (a break inside a Word paragraph would be a hard line break, which Word and WPS cannot reflow)."""
    pieces: list[list[Span]] = [[]]
    for span in spans:
        parts = span.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                pieces.append([])
            if part:
                pieces[-1].append(Span(part, span.bold))
    return [tuple(piece) for piece in pieces if piece]
