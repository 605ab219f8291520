"""Preview images: PNG thumbnails of the PDF pages and the slides, and one contact sheet.

For reviewing a report without opening it (e.g. as a CI artifact). PDF pages
are rasterised with pypdfium2; slides go through LibreOffice when it is
installed, and are skipped with a clear message when it is not.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from zzreport.output import prepare_folder, write_atomic

THUMB_WIDTH = 480
SHEET_COLUMNS = 6


@dataclass
class Preview:
    folder: Path
    pages: list[Path] = field(default_factory=list)
    slides: list[Path] = field(default_factory=list)
    sheet: Path | None = None
    notes: list[str] = field(default_factory=list)


def _png_bytes(image: object) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _thumbnails(pdf: Path, folder: Path, prefix: str) -> list[Path]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    paths = []
    try:
        for index in range(len(document)):
            page = document[index]
            scale = THUMB_WIDTH / page.get_width()
            image = page.render(scale=scale).to_pil().convert("RGB")
            path = folder / f"{prefix}-{index + 1:03d}.png"
            write_atomic(path, _png_bytes(image))
            paths.append(path)
    finally:
        document.close()
    return paths


def contact_sheet(images: list[Path], target: Path) -> None:
    """All thumbnails on one PNG, in rows of :data:`SHEET_COLUMNS`."""
    from PIL import Image

    opened = [Image.open(p).convert("RGB") for p in images]
    cell_w = max(i.width for i in opened)
    cell_h = max(i.height for i in opened)
    gap = 12
    columns = min(SHEET_COLUMNS, len(opened))
    rows = (len(opened) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (cell_w + gap) + gap, rows * (cell_h + gap) + gap), (230, 230, 230))
    for i, image in enumerate(opened):
        x = gap + (i % columns) * (cell_w + gap)
        y = gap + (i // columns) * (cell_h + gap)
        sheet.paste(image, (x, y))
    write_atomic(target, _png_bytes(sheet))


def make_preview(pdf: Path | None, pptx: Path | None, folder: Path) -> Preview:
    """Thumbnails of the given outputs in ``folder`` plus ``contact-sheet.png``."""
    prepare_folder(folder)
    preview = Preview(folder)
    if pdf is not None:
        preview.pages = _thumbnails(pdf, folder, "page")
    if pptx is not None:
        from zzreport.writers.pptx.libreoffice import ConversionError, convert_to_pdf, find_soffice

        if find_soffice() is None:
            preview.notes.append("slides not previewed: LibreOffice (soffice) is not installed")
        else:
            with tempfile.TemporaryDirectory() as temp:
                try:
                    converted = convert_to_pdf(pptx, Path(temp))
                    preview.slides = _thumbnails(converted, folder, "slide")
                except ConversionError as exc:
                    preview.notes.append(f"slides not previewed: {exc}")
    images = preview.pages + preview.slides
    if images:
        preview.sheet = folder / "contact-sheet.png"
        contact_sheet(images, preview.sheet)
    return preview
