"""The figure cache: laid-out charts stored as JSON under a content hash.

The key covers exactly what changes the picture: the figure's data and
drawing options (not its title, caption or source, which the writer sets
outside the chart, so fixing a caption's typo keeps the cache), the theme
colours, the figure fonts (files and sizes), the size, and the layout code
(:data:`LAYOUT_VERSION` plus a digest of the layout modules' source, so a
code change can never serve a stale picture even when nobody bumps the
constant). Entries are written atomically (temporary file + ``os.replace``),
so parallel builds sharing a cache never read half a file; an unreadable
cache is simply a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from zzreport.cache_files import cache_root, write_entry
from zzreport.figures.model import FigureData
from zzreport.fonts.fontset import FontSet
from zzreport.spec.models import Theme

#: Bump when the layout changes in a way the source digest would not catch.
LAYOUT_VERSION = "1"
_LAYOUT_MODULES = ("scene.py", "kit.py", "ticks.py", "cartesian.py", "radial.py", "scorecard.py", "cache.py")
_SUFFIX = ".scene.json"


def default_cache_dir() -> Path:
    """``figures`` in the cache root (see :func:`zzreport.cache_files.cache_root`)."""
    return cache_root() / "figures"


@cache
def _code_digest() -> str:
    digest = hashlib.sha256(LAYOUT_VERSION.encode())
    here = Path(__file__).resolve().parent
    for name in _LAYOUT_MODULES:
        with contextlib.suppress(OSError):  # a zipped install: the version constant alone
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _fonts_fingerprint(fonts: FontSet) -> list[Any]:
    """The figure role's font files (path, face index, size, modification time)."""
    return [list(face.file_id) for bold in (False, True) for face in fonts.chain("figure", bold)]


def figure_cache_key(fig: FigureData, fonts: FontSet, theme: Theme, width: float, height: float | None) -> str:
    """A hex digest that changes whenever the drawn chart could."""
    content = {
        "code": _code_digest(),
        "kind": fig.kind,
        "categories": fig.categories,
        "series": [
            [s.name, s.values, s.labels, s.color, s.type, s.axis, s.unit, s.format.model_dump()] for s in fig.series
        ],
        "format": fig.format.model_dump(),
        "text": [fig.unit, fig.x_title, fig.y_title, fig.y2_title],
        "options": [fig.labels, fig.legend, fig.highlight],
        "colors": theme.colors.model_dump(),
        "fonts": _fonts_fingerprint(fonts),
        "size": [round(width, 3), None if height is None else round(height, 3)],
    }
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def read_cached(directory: Path, key: str) -> str | None:
    try:
        return (directory / (key + _SUFFIX)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_cached(directory: Path, key: str, text: str) -> None:
    """Store an entry atomically; a cache that cannot be written is skipped, never an error."""
    write_entry(directory / (key + _SUFFIX), text.encode("utf-8"))
