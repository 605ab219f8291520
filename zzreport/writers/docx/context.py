"""What the Word writer's block builders share while one document is built: the context and captions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as WordDocument
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from zzreport import ir
from zzreport.fonts.fontset import FontSet
from zzreport.writers.docx import styles as st
from zzreport.writers.docx.text import Typesetter

#: The writer's format name, as the registry spells it: which blocks a spec shows in this output.
TARGET = "docx"
#: Twips per point.
TWIPS = 20
#: Body paragraphs' first-line indent: two characters of 10.5 pt, as Chinese body text is set.
FIRST_LINE_INDENT = 21.0


@dataclass
class WordContext:
    """What block builders share while one document is built."""

    word: WordDocument
    document: ir.Document
    setter: Typesetter
    fonts: FontSet
    #: The text frame's width and height in EMU.
    width: int
    height: int
    #: The bullet list definitions' ids (``w:numId``), made once.
    bullets: int = 0
    #: The next bookmark's id, and each heading's bookmark for the contents.
    bookmark: int = 0
    figure_cache: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The styles :meth:`style` has looked up, by name.
    styles: dict[str, ParagraphStyle | None] = field(default_factory=dict)

    @property
    def theme(self) -> ir.Theme:
        return self.document.theme

    def style(self, name: str) -> ParagraphStyle | None:
        """The style to give a paragraph or table for ``name``: None for Normal, the one every paragraph has.

        python-docx finds a style by name with a search of every style in the
        document, and setting any style but the default makes it look for the
        default among them all again: about 2 ms a paragraph, a third of the
        writer's time. So each style is looked up once per document, and
        body paragraphs are given none, which means Normal.
        """
        if name not in self.styles:
            style = None if name == st.NORMAL else self.word.styles[name]
            assert style is None or isinstance(style, ParagraphStyle)  # a table style is one too
            self.styles[name] = style
        return self.styles[name]

    def paragraph(self, style: str, text: str = "", role: str | None = None) -> Paragraph:
        """A new paragraph of ``style`` at the end of the body, holding ``text`` in one run when given."""
        paragraph = self.word.add_paragraph(style=self.style(style))
        if text:
            self.setter.run(paragraph, text, role or _role_of(style))
        return paragraph

    def next_bookmark(self) -> tuple[int, str]:
        """A fresh bookmark id and name (``_Toc…``, as Word names the contents' targets), in document order."""
        self.bookmark += 1
        return self.bookmark, bookmark_name(self.bookmark)


def bookmark_name(number: int) -> str:
    """The name of the ``number``-th heading's bookmark, as Word names the contents' targets."""
    return f"_Toc{number:08d}"


def _role_of(style: str) -> str:
    """The FontSet role a style sets its text in (the body face for body text, else the heading face)."""
    return "body" if style in (st.NORMAL, st.TABLE_TEXT) else "heading"


def captions(ctx: WordContext, title: str, caption: str, source_line: str) -> None:
    """The caption (题注) below a figure or picture, and its note and source line, each when there is one."""
    lines = [ctx.paragraph(st.CAPTION, title)] if title else []
    lines += [ctx.paragraph(st.NOTE, text) for text in (caption, source_line) if text]
    for line in lines[:-1]:
        line.paragraph_format.keep_with_next = True
    if lines:
        lines[-1].paragraph_format.space_after = Pt(10)
