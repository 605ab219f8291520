"""Preview thumbnails of two formats counted in the same unit (the PDF's pages, a word processor's pages).

Each format's thumbnails must keep their own files and their contact-sheet
labels must say whose pages they are; one PDF stands in for both outputs
(the conversion is not what is tested), so the test needs no LibreOffice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from zzreport.app import preview
from zzreport.writers.registry import FORMATS


def pages(path: Path, count: int) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=(200, 100))
    for _ in range(count):
        drawing.drawString(20, 50, "page")
        drawing.showPage()
    drawing.save()
    return path


def test_two_paged_formats_keep_their_own_thumbnails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paged = [name for name, entry in FORMATS.items() if entry.unit == "page"]
    assert len(paged) >= 2, "only one registered format is counted in pages"
    first, second = paged[0], paged[1]
    files = {first: pages(tmp_path / "a.pdf", 2), second: pages(tmp_path / "b.pdf", 3)}
    monkeypatch.setattr(preview, "as_pdf", lambda fmt, path, folder: path)
    shown = preview.make_preview(files, tmp_path / "preview")
    assert [p.name for p in shown.images[first]] == ["page-001.png", "page-002.png"]
    assert [p.name for p in shown.images[second]] == [f"{second}-page-{n:03d}.png" for n in (1, 2, 3)]
    assert shown.nouns == {first: "page", second: f"{FORMATS[second].title} page"}
    assert len(list((tmp_path / "preview").glob("*.png"))) == 2 + 3 + 1  # and the contact sheet
