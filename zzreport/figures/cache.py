"""The figure cache: laid-out charts stored as JSON under a content hash.

The key covers exactly what changes the picture: the figure's data and
drawing options (not its title, caption or source, which the writer sets
outside the chart, so fixing a caption's typo keeps the cache), the theme
colours, the figure fonts (by the sha256 of their bytes), the size, and
the code (:func:`zzreport.cache_files.code_fingerprint`: a digest of every
module of zzreport, its version and those of reportlab and python-pptx, so
no code change, in layout or in text measurement, can serve a stale
picture). Entries are written atomically (temporary file + ``os.replace``),
so parallel builds sharing a cache never read half a file; an unreadable
cache is simply a miss.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from zzreport.cache_files import cache_root, code_fingerprint, read_entry, write_entry
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.ir.theme import Theme

#: Bump when the layout changes in a way the source digest would not catch.
LAYOUT_VERSION = "1"
_SUFFIX = ".scene.json"


def default_cache_dir() -> Path:
    """``figures`` in the cache root (see :func:`zzreport.cache_files.cache_root`)."""
    return cache_root() / "figures"


def _fonts_fingerprint(fonts: FontSet) -> list[Any]:
    """The figure role's font files by content (face index and sha256; not the path, which draws nothing)."""
    return [list(face.file_id[1:]) for bold in (False, True) for face in fonts.chain("figure", bold)]


def figure_cache_key(fig: FigureData, fonts: FontSet, theme: Theme, width: float, height: float | None) -> str:
    """A hex digest that changes whenever the drawn chart could."""
    content = {
        "code": [LAYOUT_VERSION, code_fingerprint()],
        "kind": fig.kind,
        "categories": fig.categories,
        "series": [[s.name, s.values, s.labels, s.color, s.type, s.axis, s.unit, asdict(s.format)] for s in fig.series],
        "format": asdict(fig.format),
        "text": [fig.unit, fig.x_title, fig.y_title, fig.y2_title],
        "options": [fig.labels, fig.legend, fig.highlight],
        "pins": [asdict(pin) for pin in fig.pins],
        "colors": theme.colors.model_dump(),
        "fonts": _fonts_fingerprint(fonts),
        "size": [round(width, 3), None if height is None else round(height, 3)],
    }
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def read_cached(directory: Path, key: str) -> str | None:
    data = read_entry(directory / (key + _SUFFIX))
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write_cached(directory: Path, key: str, text: str) -> None:
    """Store an entry atomically; a cache that cannot be written is skipped, never an error."""
    write_entry(directory / (key + _SUFFIX), text.encode("utf-8"))
