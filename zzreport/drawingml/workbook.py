"""The workbook embedded in each chart: the chart's data as plain values, never as formulas or links.

A native chart carries its data in an embedded xlsx, which whoever receives
the file opens in Excel ("Edit Data"). python-pptx writes that workbook with
XlsxWriter's generic ``write()``, which turns a string starting with ``=``
into a live formula (``=cmd|' /C calc'!A0`` is a DDE payload), ``{=…}`` into
an array formula and anything that looks like a URL into a hyperlink. The
categories and series names come from the spec and its CSV files, which are
untrusted, so this module writes the same sheet layout itself: every text as
a string cell (with Excel's quote prefix, so editing the cell keeps it text),
every number as a number, nothing else.

:class:`PlainCellChartData` is python-pptx's own :class:`CategoryChartData`
with its public ``xlsx_blob`` replaced, so both ``add_chart`` and a later
``chart.replace_data(...)`` with such data get the safe workbook.
"""

from __future__ import annotations

import io
import math
from datetime import datetime

from pptx.chart.data import ChartData  # CategoryChartData by its name in add_chart's signature
from xlsxwriter import Workbook

from zzreport.drawingml import oxml

#: XlsxWriter options: no guessing of formulas, links or numbers from text, even where ``write()`` is used.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
#: Width of the categories column, as python-pptx sets it ("wide enough for a date").
CATEGORY_COLUMN_WIDTH = 10


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _write_cell(worksheet, row: int, col: int, value: object, text_format, number_format) -> None:
    """A number as a number, ``None`` (a gap) as nothing, anything else as a string cell."""
    if value is None:
        return
    if _is_number(value):
        worksheet.write_number(row, col, value, number_format)
    else:
        worksheet.write_string(row, col, str(value), text_format)


class PlainCellChartData(ChartData):
    """Category chart data whose embedded workbook holds only strings and numbers.

    The sheet has python-pptx's layout (categories in column A from row 2,
    each series' name in row 1 of the next columns, its values below), so
    the chart's references (``Sheet1!$A$2:$A$5``, ``Sheet1!$B$1``) still
    point at the right cells. ``when`` stamps the workbook, so the same data
    always gives the same bytes (python-pptx #702).
    """

    def __init__(self, number_format: str = "General", *, when: datetime) -> None:
        super().__init__(number_format=number_format)
        self._when = when

    @property
    def xlsx_blob(self) -> bytes:
        categories = self.categories
        if categories.depth > 1:
            raise ValueError("multi-level categories are not written by PlainCellChartData")
        out = io.BytesIO()
        workbook = Workbook(out, WORKBOOK_OPTIONS)
        worksheet = workbook.add_worksheet()
        category_number = workbook.add_format({"num_format": categories.number_format})
        category_text = workbook.add_format({"num_format": categories.number_format, "quote_prefix": True})
        name_text = workbook.add_format({"quote_prefix": True})
        worksheet.set_column(0, 0, CATEGORY_COLUMN_WIDTH)
        for row, category in enumerate(categories, start=1):
            _write_cell(worksheet, row, 0, category.label, category_text, category_number)
        for col, series in enumerate(self, start=categories.depth):
            number = workbook.add_format({"num_format": series.number_format})
            text = workbook.add_format({"num_format": series.number_format, "quote_prefix": True})
            _write_cell(worksheet, 0, col, series.name, name_text, None)
            for row, value in enumerate(series.values, start=1):
                _write_cell(worksheet, row, col, value, text, number)
        workbook.close()
        return oxml.normalise_xlsx(out.getvalue(), self._when)
