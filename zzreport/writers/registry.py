"""The output formats zzreport can write, imported only when used."""

from __future__ import annotations

import importlib

from zzreport.writers.base import Writer

#: format -> "module:ClassName"; one line per writer.
WRITERS: dict[str, str] = {
    "pdf": "zzreport.writers.pdf.writer:PdfWriter",
    "pptx": "zzreport.writers.pptx.writer:PptxWriter",
}


def get_writer(fmt: str) -> Writer:
    """An instance of the writer for ``fmt`` (``pdf``, ``pptx``)."""
    module_name, _, class_name = WRITERS[fmt].partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name)()
