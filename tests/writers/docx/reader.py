"""Reading a Word document back as a reader (and Word) meets it: text, styles, runs, settings, fields.

Lives under ``tests/``: nothing in ``zzreport/`` outside the writer package
may name the format. python-docx reopens the file; what it has no API for
(``w:eastAsia``, settings, fields) is read from the parts' XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from lxml import etree

from zzreport import ir
from zzreport.writers.registry import FORMATS, Format

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
#: The registry entry the writer gets once it is registered; tests that need it before add it themselves.
DOCX_FORMAT = Format(
    "docx", ".docx", "Word document", "page", True, "zzreport.writers.docx.writer:DocxWriter",
    as_pdf="zzreport.libreoffice:convert_to_pdf",
)  # fmt: skip


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def open_docx(data: bytes | Path) -> WordDocument:
    return docx.Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.namelist()


def story_parts(data: bytes) -> list[str]:
    """The document's body, header and footer parts."""
    return [n for n in part_names(data) if n == "word/document.xml" or n.startswith(("word/header", "word/footer"))]


def paragraph_texts(data: bytes) -> list[str]:
    """Every paragraph's text, body (tables included), headers and footers, in part order."""
    texts = []
    for name in story_parts(data):
        for p in part_xml(data, name).iter(w("p")):
            texts.append("".join(t.text or "" for t in p.iter(w("t"))))
    return texts


def runs(data: bytes) -> Iterator[tuple[str, etree._Element]]:
    """Every run holding text, with its part's name."""
    for name in story_parts(data):
        for r in part_xml(data, name).iter(w("r")):
            if r.find(w("t")) is not None:
                yield name, r


def with_docx(document: ir.Document) -> ir.Document:
    """``document`` with every block shown in the PDF shown in the Word document too (before registration,
    resolve gives no block the target)."""

    def tag(node: ir.Block) -> ir.Block:
        if isinstance(node, ir.ReviewPlan):
            node = replace(
                node,
                review=tuple(tag(b) for b in node.review) if node.review is not None else None,
                plan=tuple(tag(b) for b in node.plan) if node.plan is not None else None,
            )
        return replace(node, targets=node.targets | {"docx"}) if "pdf" in node.targets else node

    sections = tuple(replace(s, blocks=tuple(tag(b) for b in s.blocks)) for s in document.sections)
    return replace(document, sections=sections)


def registered() -> bool:
    return "docx" in FORMATS
