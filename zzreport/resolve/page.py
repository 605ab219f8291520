"""Checks of the printed page that the PDF writer would otherwise trip over.

The page's sizes are computed here as the PDF's page geometry computes them
(reportlab's named sizes, millimetres to points), so a check and the layout
agree to the last bit; resolve does not import the writer to ask it.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.pagesizes import A4, A5, B5, LETTER
from reportlab.lib.units import mm

from zzreport.errors import Location, Problem
from zzreport.language.models import Page
from zzreport.loading.yaml_source import KeyPath
from zzreport.resolve.placeholders import TemplateError, check_template
from zzreport.resolve.words import PAGE_NUMBER_FIELDS
from zzreport.writers.registry import FORMATS

#: Page sides in millimetres: from a small card up to the 200 inches a PDF page can have.
SMALLEST_SIDE, LARGEST_SIDE = 50.0, 5080.0
#: The least text area (mm) every block fits in: a narrower column leaves table cells and
#: figure labels no room, a lower one cannot hold a KPI row or a section opening.
MIN_TEXT_WIDTH, MIN_TEXT_HEIGHT = 40.0, 50.0
#: The narrowest column of a printed table (points): its padding (2 × 5), a rule and one character at 9 pt.
MIN_COLUMN_WIDTH = 20.0
#: The named page sizes in points (width, height), as the PDF prints them.
NAMED_SIZES = {"A4": A4, "A5": A5, "B5": B5, "Letter": LETTER}
#: Formats not printed on the page, where a table too wide for it can go instead.
_UNPAGED = tuple(f for f in FORMATS.values() if not f.paged)


def check_page(page: Page, where: Callable[[KeyPath], Location]) -> list[Problem]:
    """Problems with ``theme.page``, located at the key that causes them."""
    problems: list[Problem] = []
    try:
        check_template(page.page_number, PAGE_NUMBER_FIELDS)
    except TemplateError as exc:
        problems.append(Problem(where(("theme", "page", "page_number")), str(exc)))
    problems += _check_size(page, where)
    return problems


def _check_size(page: Page, where: Callable[[KeyPath], Location]) -> list[Problem]:
    if isinstance(page.size, str):
        named = NAMED_SIZES[page.size]
        width, height = round(named[0] / mm, 1), round(named[1] / mm, 1)
    else:
        width, height = page.size
        if not all(SMALLEST_SIDE <= side <= LARGEST_SIDE for side in page.size):
            return [
                Problem(
                    where(("theme", "page", "size")),
                    f"page sides are {SMALLEST_SIDE:g} to {LARGEST_SIDE:g} mm, got {width:g} × {height:g}",
                )
            ]
    m = page.margins
    text_width, text_height = width - m.left - m.right, height - m.top - m.bottom
    if text_width >= MIN_TEXT_WIDTH and text_height >= MIN_TEXT_HEIGHT:
        return []
    return [
        Problem(
            where(("theme", "page", "margins")),
            f"the margins leave a text area of {text_width:g} × {text_height:g} mm on a {width:g} × {height:g} mm "
            f"page, less than the {MIN_TEXT_WIDTH:g} × {MIN_TEXT_HEIGHT:g} mm a report needs; "
            "make the margins smaller or the page larger",
        )
    ]


def text_width(page: Page) -> float:
    """The printed page's text width in points."""
    width = NAMED_SIZES[page.size][0] if isinstance(page.size, str) else page.size[0] * mm
    return width - page.margins.left * mm - page.margins.right * mm


def max_table_columns(page: Page) -> int:
    """How many columns of a table fit across the printed page's text area."""
    return int(text_width(page) // MIN_COLUMN_WIDTH)


def check_table_columns(page: Page, count: int, where: Location) -> list[Problem]:
    """A problem when a printed table has more columns than fit across the page, each narrower than a character."""
    most = max_table_columns(page)
    if count <= most:
        return []
    width = text_width(page) / mm
    return [
        Problem(
            where,
            f"the table has {count} columns, but at most {most} fit across the page's {width:.0f} mm text width; "
            "split the table" + "".join(f", or show it only in the {f.title} (show: {f.name})" for f in _UNPAGED),
        )
    ]
