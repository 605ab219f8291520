"""A matplotlib figure as a block of a document built in code: :func:`MatplotlibFigure`.

Library users have matplotlib code for charts zzreport has no kind for
(maps, heatmaps, annotated plots). :func:`MatplotlibFigure` renders such a
figure once, when it is made, into an :class:`~zzreport.ir.Graphic`: an SVG
whose text stays text (``svg.fonttype = 'none'``), set in zzreport's bundled
faces, and a PNG of the same drawing. The document therefore stays plain
data, and no writer ever runs plotting code: the PDF draws the SVG as vector
graphics with real, searchable text in the embedded bundled faces, the deck
shows it as an SVG picture with the PNG as its fallback.

matplotlib is an optional extra (``pip install 'zzreport[matplotlib]'``),
imported only here, only when a figure is made. Nothing of the caller's
matplotlib state changes: the settings are an ``rc_context``, and the
figure's texts get their own fonts back after rendering. The bundled faces
are added to matplotlib's font manager (``font_manager.addfont``), once per
process, so other code may use them by family name too.
"""

from __future__ import annotations

import inspect
import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from zzreport.errors import Location
from zzreport.fonts.bundled import BUNDLED_FAMILY_NAMES, BUNDLED_FILES, Family, bundled_font_path
from zzreport.ir.nodes import Graphic
from zzreport.language.models import SHOW, show_targets
from zzreport.writers.registry import FORMATS

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

#: What to install when matplotlib is missing.
EXTRA = "pip install 'zzreport[matplotlib]'"

#: The PNG fallback's width in pixels (a figure across a 16:9 slide stays sharp on a 2560-pixel screen).
PNG_WIDTH = 2560
#: The most pixels of one PNG fallback, as for a rasterised SVG image (about twice a 4K screen).
MAX_PNG_PIXELS = 16_000_000

#: matplotlib settings for reproducible output with text as text. The hash salt fixes the ids of
#: clip paths and markers, which are random otherwise; the metadata below drops dates and versions.
_RC: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": "zzreport", "svg.image_inline": True}
_SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None}
_PNG_METADATA: dict[str, Any] = {"Software": None}

#: Bundled faces already added to matplotlib's font manager by this process.
_ADDED: set[str] = set()


def MatplotlibFigure(
    fig: MplFigure,
    *,
    alt: str,
    caption: str = "",
    width: float = 1.0,
    font: Family = "sans",
    show: str | Sequence[str] = "all",
) -> Graphic:
    """``fig`` rendered into a block for :meth:`zzreport.Document.with_block`.

    ``alt`` says what the figure shows (screen readers, the deck's alt text);
    ``caption`` is printed under it; ``width`` is the share of the column (of
    the slide's content width) it takes, at its own aspect ratio; ``font`` is
    the bundled family (``sans`` or ``serif``) every text of the figure is set
    in, each text keeping its weight and size; ``show`` is ``all``, one
    format's name or a list of them, as a spec's ``show:``.

    Raises :class:`ImportError` naming the extra when matplotlib is not
    installed, :class:`ValueError` for an empty ``alt``, a ``width`` outside
    (0, 1], an unknown ``font`` or ``show``, and for a text with a character the bundled
    face lacks (it would print as a box).
    """
    try:
        import matplotlib
    except ImportError as error:
        raise ImportError(f"zzreport.MatplotlibFigure needs matplotlib, an optional extra: {EXTRA}") from error
    if not alt.strip():
        raise ValueError("MatplotlibFigure: `alt` must say what the figure shows (screen readers read it)")
    if not 0 < width <= 1:
        raise ValueError(f"MatplotlibFigure: `width` is a share of the column, in (0, 1], not {width}")
    if font not in BUNDLED_FAMILY_NAMES:
        raise ValueError(f"MatplotlibFigure: `font` is one of {sorted(BUNDLED_FAMILY_NAMES)}, not {font!r}")
    try:
        shown = SHOW.validate_python(show if isinstance(show, str) else list(show))
    except ValidationError:
        raise ValueError(
            f"MatplotlibFigure: `show` is 'all', one of {list(FORMATS)} or a list of them, not {show!r}"
        ) from None
    _add_bundled_faces()
    family = BUNDLED_FAMILY_NAMES[font]
    w_in, h_in = (float(v) for v in fig.get_size_inches())
    dpi = min(PNG_WIDTH / w_in, math.sqrt(MAX_PNG_PIXELS / (w_in * h_in)))
    rc: dict[Any, Any] = {**_RC, "font.family": [family]}
    with matplotlib.rc_context(rc), _texts_in(fig, family):
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata=_SVG_METADATA)
        _check_glyphs(fig, font)  # after drawing: tick labels get their texts when the figure is drawn
        fig.savefig(png, format="png", dpi=dpi, metadata=_PNG_METADATA)
    targets = show_targets(shown)
    return Graphic(_caller(), targets, svg.getvalue(), png.getvalue(), (w_in * 72, h_in * 72), alt, caption, width)


def _check_glyphs(fig: MplFigure, font: Family) -> None:
    """Refuse a figure with a character the bundled face lacks, as ``check`` refuses one in a spec.

    The preflight of :func:`zzreport.check` never sees these texts (they are
    inside the SVG), and both writers would print such a character as a box.
    Mathtext (``$...$``) is left out: matplotlib sets it in its own math fonts.
    """
    from matplotlib.text import Text

    from zzreport.fonts.coverage import describe_char
    from zzreport.fonts.fontset import bundled

    faces = bundled(font)
    missing: dict[str, str] = {}
    for text in fig.findobj(Text):
        content = text.get_text()
        if not text.get_visible() or not content or "$" in content:
            continue
        face = faces.face(_bold(text.get_fontweight()))
        for char in content:
            if not char.isspace() and not face.covers(char):
                missing.setdefault(char, content)
    if missing:
        found = "; ".join(f"{describe_char(c)} in {t!r}" for c, t in missing.items())
        raise ValueError(f"MatplotlibFigure: the bundled {font} font has no glyph for {found}: it would print as a box")


def _bold(weight: str | float) -> bool:
    """Whether matplotlib's weight (a number or a name) is set in the bundled bold face."""
    if isinstance(weight, str):
        return weight in ("semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black")
    return weight >= 600


def _add_bundled_faces() -> None:
    from matplotlib import font_manager

    for family, weight in BUNDLED_FILES:
        path = str(bundled_font_path(family, weight))
        if path not in _ADDED:
            font_manager.fontManager.addfont(path)
            _ADDED.add(path)


class _texts_in:
    """Every text of ``fig`` set in ``family`` while the context lasts, its own font properties restored after."""

    def __init__(self, fig: MplFigure, family: str) -> None:
        self.fig, self.family = fig, family
        self.saved: list[tuple[Any, Any]] = []

    def __enter__(self) -> None:
        from matplotlib.text import Text

        for text in self.fig.findobj(Text):
            self.saved.append((text, text.get_fontproperties().copy()))
            text.set_fontfamily([self.family])

    def __exit__(self, *exc: object) -> None:
        for text, properties in self.saved:
            text.set_fontproperties(properties)


def _caller() -> Location:
    """Where the program made the figure (its file and line), for messages about the block."""
    frame = inspect.currentframe()
    caller = frame.f_back.f_back if frame is not None and frame.f_back is not None else None
    if caller is None:
        return Location("<python>")
    return Location(caller.f_code.co_filename, caller.f_lineno, 1, "MatplotlibFigure")
