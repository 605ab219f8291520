"""Where the bundled Noto SC faces live.

The faces are shipped twice over: in the source tree under ``fonts/`` (so an
editable install and a checkout work) and inside the wheel as
``zzreport/_fonts`` (so a plain ``pip install .`` works). Everything else in
zzreport asks this module for a path and never guesses one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Family = Literal["sans", "serif"]
Weight = Literal[400, 700]

#: File names inside the fonts folder, by (family, weight).
BUNDLED_FILES: dict[tuple[Family, Weight], str] = {
    ("serif", 400): "NotoSerifSC-Regular.ttf",
    ("serif", 700): "NotoSerifSC-Bold.ttf",
    ("sans", 400): "NotoSansSC-Regular.ttf",
    ("sans", 700): "NotoSansSC-Bold.ttf",
}

#: Family names as they appear in the fonts' own name tables.
BUNDLED_FAMILY_NAMES: dict[Family, str] = {
    "serif": "Noto Serif SC",
    "sans": "Noto Sans SC",
}


def fonts_dir() -> Path:
    """Return the folder that holds the bundled faces.

    Installed wheels carry ``zzreport/_fonts``; a source checkout has the
    repository's ``fonts/`` next to the package.
    """
    package_dir = Path(__file__).resolve().parent.parent
    candidates = (package_dir / "_fonts", package_dir.parent / "fonts")
    for candidate in candidates:
        if (candidate / BUNDLED_FILES[("sans", 400)]).is_file():
            return candidate
    raise FileNotFoundError(
        "zzreport's bundled fonts are missing (looked in "
        + ", ".join(str(c) for c in candidates)
        + "); reinstall zzreport or run `python fonts/build_fonts.py`"
    )


def bundled_font_path(family: Family, weight: Weight = 400) -> Path:
    """Path of one bundled face."""
    return fonts_dir() / BUNDLED_FILES[(family, weight)]


def bundled_name(path: Path) -> str | None:
    """The file name of ``path`` if it is one of the bundled faces, else None.

    The manifest records a bundled face by this name instead of its path:
    the same face lives in ``fonts/`` of a checkout and in ``zzreport/_fonts``
    of each install, and two installs must agree that nothing changed.
    """
    if path.name not in BUNDLED_FILES.values():
        return None
    try:
        folder = fonts_dir()
    except FileNotFoundError:
        return None
    return path.name if path.resolve().parent == folder else None
