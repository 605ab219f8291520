"""Speaker-notes pages, each a copy of the first.

python-pptx makes a notes page by cloning the notes master's placeholders
(slide image, notes body, slide number) into a new part, about 0.8 ms per
slide. Before any text is written every notes page of a deck is the same,
so the first is made by python-pptx and the others are copies of its XML,
related exactly as python-pptx relates a new one (to the notes master,
then to its slide, and the slide to it); the deck's bytes are the same.

Each copy is named as python-pptx's ``Package.next_partname`` would name it,
by :class:`~zzreport.writers.pptx.parts.PartNames`, without walking the
package for each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.parts.slide import NotesSlidePart
from pptx.slide import NotesSlide, Slide
from pptx.text.text import TextFrame

from zzreport.writers.pptx.parts import part_names
from zzreport.writers.pptx.text import para, write_paragraphs

#: Speaker notes are read on a presenter's screen or printed: 12 pt black.
NOTES_SIZE = 12
NOTES_COLOR = "#000000"

#: python-pptx's name for the notes pages (``NotesSlidePart.new``).
NOTES_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"


class NotesPages:
    """Makes the notes pages of one deck."""

    def __init__(self) -> None:
        self._prototype: BaseOxmlElement | None = None

    def text_frame(self, slide: Slide) -> TextFrame:
        """The notes body of ``slide``, its notes page made first if it has none."""
        part = slide.part
        if self._prototype is None or part.has_notes_slide:
            notes = slide.notes_slide
            if self._prototype is None:
                self._prototype = deepcopy(notes.element)
            return _body(notes)
        package = part.package
        notes_part = NotesSlidePart(
            part_names(package).next(NOTES_PARTNAME),
            CT.PML_NOTES_SLIDE,
            package,
            deepcopy(self._prototype),
        )
        notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        notes_part.relate_to(part, RT.SLIDE)
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        return _body(slide.notes_slide)

    def add(self, slide: Slide, texts: Sequence[str], typeface: str) -> None:
        """Append ``texts`` to ``slide``'s speaker notes, each line a paragraph that flows (no line breaks)."""
        frame = self.text_frame(slide)
        lines = [line for line in frame.text.split("\n") if line]
        lines += [line for text in texts for line in text.split("\n") if line.strip()]
        write_paragraphs(frame, [para(line, NOTES_SIZE, color=NOTES_COLOR) for line in lines], typeface)


def notes_of(*texts: str) -> list[str]:
    """The speaker notes among ``texts`` (the empty ones left out)."""
    return [text for text in texts if text.strip()]


def _body(notes: NotesSlide) -> TextFrame:
    """The notes placeholder's text frame, which every notes page cloned from the notes master has."""
    frame = notes.notes_text_frame
    if frame is None:
        raise ValueError("the notes master has no notes placeholder")
    return frame
