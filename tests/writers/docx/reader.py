"""Reading a Word document back as a reader (and Word) meets it: text, styles, runs, settings, fields.

Lives under ``tests/``: nothing in ``zzreport/`` outside the writer package
may name the format. python-docx reopens the file; what it has no API for
(``w:eastAsia``, settings, fields) is read from the parts' XML.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from lxml import etree

import zzreport
from zzreport import ir
from zzreport.testing import DeckChart, chart_summary, write_spec

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


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


def word_charts(data: bytes) -> list[DeckChart]:
    """Every chart part the body names (``c:chart r:id``), read with python-pptx's chart model (the same
    DrawingML chart as a deck's), in document order."""
    from pptx.chart.chart import Chart
    from pptx.oxml import parse_xml

    body = part_xml(data, "word/document.xml")
    rels = part_xml(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    charts = []
    ids = [c.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") for c in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
    )]  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for number, rel_id in enumerate(ids, start=1):
            chart = Chart(
                parse_xml(package.read("word/" + str(targets[rel_id]).lstrip("/").removeprefix("word/"))), None
            )
            charts.append(chart_summary(chart, number))
    return charts


def picture_alts(data: bytes) -> list[str]:
    """The alternative text of every picture of the body (``wp:docPr/@descr`` of each ``pic:pic``)."""
    body = part_xml(data, "word/document.xml")
    alts = []
    for inline in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"):
        if next(inline.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"), None) is not None:
            doc_pr = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
            alts.append(doc_pr.get("descr", "") if doc_pr is not None else "")
    return alts


def built_docx(folder: Path, spec: dict[str, Any], name: str) -> tuple[ir.Document, bytes, Path]:
    """``spec`` written into ``folder``, resolved, and its Word document written as ``name``: the document model,
    the file's bytes and its path (for LibreOffice)."""
    from zzreport.writers.base import WriteContext
    from zzreport.writers.docx.writer import DocxWriter

    document = zzreport.resolve(zzreport.load(write_spec(folder, spec)))
    out = io.BytesIO()
    DocxWriter().write(document, out, WriteContext(started=dt.datetime(2025, 3, 4, tzinfo=dt.timezone.utc)))
    path = folder / name
    path.write_bytes(out.getvalue())
    return document, out.getvalue(), path
