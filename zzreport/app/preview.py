"""Preview images: PNG thumbnails of every output's pages, and one contact sheet.

For reviewing a report without opening it (e.g. as a CI artifact). Each
output is seen as a PDF (the writer registry says how: the PDF is one, the
deck goes through LibreOffice when it is installed and is skipped with a
clear message when it is not), rasterised with pypdfium2.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zzreport.output import prepare_folder, write_atomic
from zzreport.writers.registry import FORMATS, as_pdf

if TYPE_CHECKING:
    import PIL.Image

THUMB_WIDTH = 480
SHEET_COLUMNS = 6


@dataclass
class Preview:
    folder: Path
    #: Format -> its thumbnails, in the writer registry's order.
    images: dict[str, list[Path]] = field(default_factory=dict)
    sheet: Path | None = None
    notes: list[str] = field(default_factory=list)
    #: Format -> what one of its thumbnails is called (``page``, ``slide``, ``Word document page``).
    nouns: dict[str, str] = field(default_factory=dict)


def _png_bytes(image: PIL.Image.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
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


#: Height of the label under each thumbnail of the contact sheet, in pixels.
LABEL_HEIGHT = 28


def contact_sheet(images: list[Path], target: Path, labels: list[str] | None = None) -> None:
    """All thumbnails on one PNG, in rows of :data:`SHEET_COLUMNS`, each with its label under it.

    The labels (``page 3``, ``slide 12``) say which file and page a thumbnail
    is, so a reviewer can name what they saw without counting.
    """
    from PIL import Image, ImageDraw, ImageFont

    opened = [Image.open(p).convert("RGB") for p in images]
    cell_w = max(i.width for i in opened)
    cell_h = max(i.height for i in opened) + (LABEL_HEIGHT if labels else 0)
    gap = 12
    columns = min(SHEET_COLUMNS, len(opened))
    rows = (len(opened) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (cell_w + gap) + gap, rows * (cell_h + gap) + gap), (230, 230, 230))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=18)
    for i, image in enumerate(opened):
        x = gap + (i % columns) * (cell_w + gap)
        y = gap + (i // columns) * (cell_h + gap)
        sheet.paste(image, (x, y))
        if labels:
            draw.text((x, y + image.height + 4), labels[i], fill=(40, 40, 40), font=font)
    write_atomic(target, _png_bytes(sheet))


def thumbnail_names(formats: list[str]) -> dict[str, tuple[str, str]]:
    """Each format's thumbnail file prefix and contact-sheet label: its unit (``page``, ``slide``), and for a
    format whose unit an earlier one has (a word processor's pages after the PDF's) its name and title before
    it (``<format>-page``, ``<title> page``), so no thumbnail overwrites another and each label names its file."""
    names: dict[str, tuple[str, str]] = {}
    for fmt in formats:
        entry = FORMATS[fmt]
        shared = any(FORMATS[other].unit == entry.unit for other in names)
        names[fmt] = (f"{fmt}-{entry.unit}", f"{entry.title} {entry.unit}") if shared else (entry.unit, entry.unit)
    return names


def make_preview(outputs: dict[str, Path], folder: Path, on_step: Callable[[str], None] | None = None) -> Preview:
    """Thumbnails of ``outputs`` (format -> file) in ``folder``, plus ``contact-sheet.png``.

    Each thumbnail is named after its format's unit (``page-001.png``,
    ``slide-001.png``; ``<format>-page-001.png`` when an earlier format's pages took the name, see
    :func:`thumbnail_names`). ``on_step`` hears what is being done, before each
    slow step (a deck through LibreOffice takes seconds).
    """
    prepare_folder(folder)
    preview = Preview(folder)
    names = thumbnail_names([fmt for fmt in FORMATS if fmt in outputs])
    preview.nouns = {fmt: noun for fmt, (_, noun) in names.items()}
    for fmt, (prefix, _) in names.items():
        unit = FORMATS[fmt].unit
        if on_step is not None:
            on_step(f"{unit}s of {outputs[fmt].name} …")
        with tempfile.TemporaryDirectory() as temp:
            try:
                pdf = as_pdf(fmt, outputs[fmt], Path(temp))
            except RuntimeError as exc:
                preview.notes.append(f"{unit}s of {outputs[fmt].name} not previewed: {exc}")
                continue
            preview.images[fmt] = _thumbnails(pdf, folder, prefix)
    images = [path for paths in preview.images.values() for path in paths]
    labels = [f"{names[fmt][1]} {n}" for fmt, paths in preview.images.items() for n in range(1, len(paths) + 1)]
    if images:
        preview.sheet = folder / "contact-sheet.png"
        contact_sheet(images, preview.sheet, labels)
    return preview
