"""Helpers for testing reports: write a spec to a folder, read back what a reader of the outputs sees.

For a program that builds reports with zzreport and wants its own tests to
assert what its readers will notice (a number on a slide, a label in the
PDF, a chart of the right type), not bytes. zzreport's own tests use the
same helpers. Typical use::

    from zzreport import build
    from zzreport.testing import pdf_page_texts, slide_texts, write_spec

    spec = write_spec(tmp_path, {"zzreport": 1, "title": "月报", "sections": [...]},
                      files={"data/sales.csv": "月份,销售额\\n1月,12\\n"})
    outputs = {o.format: o.path for o in build(spec, tmp_path / "out")}
    assert "月报" in pdf_page_texts(outputs["pdf"])[0]

Reading a PDF's text needs ``pdfplumber`` (in zzreport's ``test`` extra);
it is imported only when called, so importing this module costs nothing
and needs nothing beyond zzreport's own dependencies. Rendering a deck to
images needs LibreOffice (``soffice``) on the PATH.

This module is not used by the library itself: nothing in the package
imports it.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: A file to read back: its path, or its bytes (as ``zzreport.render`` returns them).
Source = str | Path | bytes


# -- writing specs ---------------------------------------------------------------------------------------


def write_files(folder: str | Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (a path relative to ``folder`` -> its text, as UTF-8, or bytes) into ``folder``; return it.

    Folders are created as needed, ``folder`` itself included.
    """
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def write_spec(
    folder: str | Path,
    spec: Mapping[str, Any],
    *,
    files: Mapping[str, str | bytes] | None = None,
    name: str = "report.yaml",
) -> Path:
    """Write ``spec`` as YAML into ``folder``, with the files it names (CSV, images), and return its path.

    ``files`` maps a path relative to ``folder`` to its text (written as
    UTF-8) or bytes; folders are created. Loading the returned path gives
    located errors with line numbers, as an author's own file does, which
    :func:`zzreport.load_dict` cannot.
    """
    root = write_files(folder, files or {})
    path = root / name
    path.write_text(yaml.safe_dump(dict(spec), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows as CSV text, for a ``files`` entry of :func:`write_spec`."""
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# -- comparing text --------------------------------------------------------------------------------------


def flat(text: str) -> str:
    """``text`` without any whitespace: text extraction inserts spaces and line breaks a reader does not see."""
    return re.sub(r"\s+", "", text)


def appears_wrapped(label: str, lines: list[str]) -> bool:
    """Whether ``label`` is in ``lines``, whole or as consecutive pieces each on some line (a wrapped label)."""
    text = "".join(lines)
    rest = flat(label)
    while rest:
        size = max((n for n in range(1, len(rest) + 1) if any(rest[:n] in line for line in lines)), default=0)
        if size == 0 or (size == 1 and len(rest) > 1 and rest not in text):
            return False
        rest = rest[size:]
    return True


def unified_diff(expected: str, actual: str, expected_name: str = "expected", actual_name: str = "actual") -> str:
    """A unified diff of two texts, line by line, for a readable failure message of a golden-file test."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=expected_name,
            tofile=actual_name,
        )
    )


# -- reading a PDF ---------------------------------------------------------------------------------------


def _stream(source: Source) -> str | Path | io.BytesIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source


def pdf_page_texts(pdf: Source) -> list[str]:
    """The text of each page of a PDF, in reading order, as pdfplumber extracts it (one line per line)."""
    import pdfplumber

    with pdfplumber.open(_stream(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def pdf_lines(pdf: Source) -> list[str]:
    """Every text line of a PDF, whitespace removed (see :func:`flat`), for :func:`appears_wrapped`."""
    return [flat(line) for page in pdf_page_texts(pdf) for line in page.splitlines() if line.strip()]


@dataclass(frozen=True)
class PdfWord:
    """A word on a page and its box, in points from the page's top left (pdfplumber's coordinates)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PdfShape:
    """A vector shape on a page: its kind, box and colours as ``#RRGGBB`` (``None``: not filled / not stroked)."""

    kind: str  # "rect", "curve" (any path that is not a straight line or rectangle) or "line"
    x0: float
    top: float
    x1: float
    bottom: float
    fill: str | None
    stroke: str | None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class PdfPage:
    """What one page holds, as a reader finds it: its text, words, pictures and vector shapes (a chart's bars)."""

    number: int  # 1-based
    width: float
    height: float
    text: str
    words: tuple[PdfWord, ...]
    images: int
    shapes: tuple[PdfShape, ...]


def _hex(color: object) -> str | None:
    """A pdfplumber colour (gray, RGB or CMYK components in 0–1) as ``#RRGGBB``."""
    if not isinstance(color, (tuple, list)) or not all(isinstance(c, (int, float)) for c in color):
        return None
    if len(color) == 1:
        color = (color[0],) * 3
    elif len(color) == 4:
        c, m, y, k = color
        color = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    if len(color) != 3:
        return None
    return "#" + "".join(f"{round(float(c) * 255):02X}" for c in color)


def _shape(kind: str, obj: dict[str, Any]) -> PdfShape:
    return PdfShape(
        kind=kind,
        x0=float(obj["x0"]),
        top=float(obj["top"]),
        x1=float(obj["x1"]),
        bottom=float(obj["bottom"]),
        fill=_hex(obj.get("non_stroking_color")) if obj.get("fill") else None,
        stroke=_hex(obj.get("stroking_color")) if obj.get("stroke") else None,
    )


def pdf_pages(pdf: Source) -> list[PdfPage]:
    """Each page as a reader meets it: text, positioned words, how many pictures, every vector shape."""
    import pdfplumber

    pages: list[PdfPage] = []
    with pdfplumber.open(_stream(pdf)) as document:
        for i, page in enumerate(document.pages, start=1):
            words = tuple(
                PdfWord(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
                for w in page.extract_words()
            )
            shapes = tuple(
                [_shape("rect", r) for r in page.rects]
                + [_shape("curve", c) for c in page.curves]
                + [_shape("line", ln) for ln in page.lines]
            )
            pages.append(
                PdfPage(
                    number=i,
                    width=float(page.width),
                    height=float(page.height),
                    text=page.extract_text() or "",
                    words=words,
                    images=len(page.images),
                    shapes=shapes,
                )
            )
    return pages


def render_pdf(pdf: Source, folder: str | Path, *, dpi: float = 60, prefix: str = "page") -> list[Path]:
    """Rasterise every page of a PDF to ``folder/<prefix>-<n>.png`` (pypdfium2), for looking or pixel checks.

    ``n`` is zero-padded to the page count's width, so the files sort in page order.
    """
    import pypdfium2

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    paths: list[Path] = []
    digits = len(str(len(document)))  # page-01 … page-12: the files sort in page order
    try:
        for i in range(len(document)):
            page = document[i]
            image = page.render(scale=dpi / 72).to_pil()
            path = out / f"{prefix}-{i + 1:0{digits}d}.png"
            image.save(path)
            paths.append(path)
            page.close()
    finally:
        document.close()
    return paths


# -- reading a deck --------------------------------------------------------------------------------------


def _presentation(deck: Source) -> Any:
    from pptx import Presentation

    return Presentation(io.BytesIO(deck) if isinstance(deck, bytes) else str(deck))


def _shape_texts(shapes: Iterable[Any]) -> list[str]:
    texts: list[str] = []
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type.name == "GROUP":
            texts.extend(_shape_texts(shape.shapes))
            continue
        if shape.has_text_frame and shape.text_frame.text:
            texts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                texts.extend(cell.text for cell in row.cells if cell.text)
        if getattr(shape, "has_chart", False) and shape.has_chart and shape.chart.has_title:
            texts.append(shape.chart.chart_title.text_frame.text)
    return texts


def slide_texts(deck: Source) -> list[list[str]]:
    """For each slide, the text of every shape a reader sees: text boxes, table cells, group members, chart titles.

    Speaker notes are left out (see :func:`slide_notes`): an audience does not see them.
    """
    return [_shape_texts(slide.shapes) for slide in _presentation(deck).slides]


def slide_notes(deck: Source) -> list[str]:
    """Each slide's speaker notes ("" for a slide without notes)."""
    return [
        slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "" for slide in _presentation(deck).slides
    ]


@dataclass(frozen=True)
class DeckChart:
    """A native chart of a deck, as PowerPoint shows it."""

    slide: int  # 1-based
    chart_type: str  # the name of python-pptx's XL_CHART_TYPE of its first plot, e.g. "COLUMN_CLUSTERED"
    plots: tuple[str, ...]  # the class name of each plot ("BarPlot", "LinePlot"): a combo chart has two
    title: str
    categories: tuple[str, ...]
    series: tuple[str, ...]


def chart_summary(chart: Any, number: int) -> DeckChart:
    """What a reader sees of a python-pptx ``Chart`` (any DrawingML chart part it reads), numbered ``number``."""
    plots = tuple(chart.plots)
    return DeckChart(
        slide=number,
        chart_type=chart.chart_type.name,
        plots=tuple(type(p).__name__ for p in plots),
        title=chart.chart_title.text_frame.text if chart.has_title else "",
        categories=tuple(str(c) for c in plots[0].categories) if plots else (),
        series=tuple(s.name for p in plots for s in p.series),
    )


def deck_charts(deck: Source) -> list[DeckChart]:
    """Every native chart of a deck, slide by slide (inside groups too)."""
    charts: list[DeckChart] = []

    def visit(shapes: Iterable[Any], number: int) -> None:
        for shape in shapes:
            if shape.shape_type is not None and shape.shape_type.name == "GROUP":
                visit(shape.shapes, number)
            elif getattr(shape, "has_chart", False) and shape.has_chart:
                charts.append(chart_summary(shape.chart, number))

    for number, slide in enumerate(_presentation(deck).slides, start=1):
        visit(slide.shapes, number)
    return charts


def deck_pictures(deck: Source) -> list[tuple[int, str]]:
    """Every picture of a deck as (slide number, its alternative text), inside groups too."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    found: list[tuple[int, str]] = []

    def visit(shapes: Iterable[Any], number: int) -> None:
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                visit(shape.shapes, number)
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                # python-pptx has no public property for a picture's description (``descr``); read it off the XML.
                found.append((number, shape.element.nvPicPr.cNvPr.get("descr", "")))

    for number, slide in enumerate(_presentation(deck).slides, start=1):
        visit(slide.shapes, number)
    return found


def render_deck(deck: Source, folder: str | Path, *, dpi: float = 60, timeout: float = 180) -> list[Path]:
    """Render every slide to ``folder/slide-<n>.png`` (numbered as :func:`render_pdf` does).

    LibreOffice converts the deck to PDF, pypdfium2 rasterises it.

    The conversion is zzreport's own (the bundled fonts are made known to
    LibreOffice, so the slides look as they will on a machine with them).
    Raises :class:`zzreport.libreoffice.ConversionError` when
    LibreOffice is missing or fails.
    """
    from zzreport.libreoffice import convert_to_pdf

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        source = work / "deck.pptx"
        if isinstance(deck, bytes):
            source.write_bytes(deck)
        else:
            shutil.copyfile(deck, source)
        pdf = convert_to_pdf(source, work, timeout=timeout)
        return render_pdf(pdf, folder, dpi=dpi, prefix="slide")


# -- deck XML, for tests ---------------------------------------------------------------------------------
# Reserved for the deck's test-only XML readers (moving here from ``zzreport.writers.pptx.oxml``).
