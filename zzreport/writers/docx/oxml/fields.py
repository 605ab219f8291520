"""Fields: the page number, the page count, the section in the header, the contents and its page references.

A complex field (ECMA-376 part 1, 17.16.2) is a run of runs: ``fldChar``
``begin``, the instruction (``instrText``), ``separate``, the result a
reader sees until the application updates it, ``end``. python-docx has no
API for them. The runs themselves are made by the caller through
python-docx (so every run carries the writer's fonts); this module only
marks them.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.settings import Settings
from docx.text.run import Run
from lxml import etree

from zzreport.writers.docx.oxml.order import replace
from zzreport.writers.docx.oxml.text import element_of


def mark_field_char(run: Run, kind: str, *, dirty: bool = False) -> None:
    """Make ``run`` a field character: ``begin``, ``separate`` or ``end``.

    ``dirty`` asks the application to update the field when it opens the
    document (the contents' page numbers are only known once it is laid out).
    """
    char = etree.SubElement(element_of(run), qn("w:fldChar"))
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")


def mark_instruction(run: Run, instruction: str) -> None:
    """Make ``run`` hold a field's instruction (`` PAGE ``, `` TOC \\o "1-3" \\h \\z \\u ``)."""
    text = etree.SubElement(element_of(run), qn("w:instrText"))
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = instruction


def set_update_fields(settings: Settings) -> None:
    """Ask Word and WPS to update the document's fields (contents, page references) when it opens."""
    replace(element_of(settings), "w:updateFields").set(qn("w:val"), "true")
