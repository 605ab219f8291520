"""Reading data files (CSV) that specs point at, with located errors.

Scheduled regeneration works by replacing these files; a malformed row must
be reported with the CSV's own file, line and column.

**Encodings.** A data file is UTF-8 unless its reference says ``encoding:``
(one of :data:`ENCODINGS`); Excel on Chinese Windows saves CSV as GBK, and
GB18030 is GBK's superset for the rarer characters. A file that starts with
a UTF-8 byte order mark is read as UTF-8 whatever the reference says (Excel's
"CSV UTF-8" writes one, and no GBK text starts with those bytes). A file
that does not decode is reported with the first bad byte and the encoding
it does decode in, so the author knows which key to set.

**Numbers.** Every cell that may hold a number goes through one parser,
:func:`parse_cell`, wherever it is used (table cells, chart values, totals,
named values), so a cell means the same everywhere:

- full-width forms read as their ASCII ones (``５．９％``, ``－３``, ``１，２３４``),
  and the minus sign U+2212 as ``-``; spaces around the number are ignored;
- thousands separators must group by three (``1,234,567``; ``12,34`` is text);
- a ``%`` suffix makes the cell a percentage: ``5.9%`` is the number 5.9 with
  unit ``%`` (:attr:`CellNumber.percent`), not the text ``5.9%`` nor 0.059;
- an empty cell, ``-``, ``—``, ``NA`` or ``N/A`` holds no value (``None``);
- anything else (``五``, ``1e5``, ``约3``) is text: where a number is required
  it is a located error ``expected a number, got '五'``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import get_args

from zzreport.errors import Location, Problem, SpecError, display_path
from zzreport.language.models import Encoding

MAX_DATA_BYTES = 20 * 1024 * 1024
#: Default bound on a number's magnitude (the spec's own numbers have the same one).
MAX_NUMBER = 1e15
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
#: Cells that hold no value: a blank, or the dashes and abbreviations tables write for one.
NO_VALUE = ("", "-", "—", "NA", "N/A")
#: The encodings a data file may be read in (``encoding:`` of a data reference).
ENCODINGS: tuple[Encoding, ...] = get_args(Encoding)
#: How an error names an encoding, and what the hint adds about where such files come from.
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gbk": "GBK", "gb18030": "GB18030"}
#: The encodings a file that does not decode is tried in, for the hint, in order.
_CANDIDATES: tuple[Encoding, ...] = ("utf-8", "gbk", "gb18030")
_ENCODING_NOTES = {"gbk": " (Excel's CSV on Chinese Windows)", "gb18030": ""}
#: Characters no PDF or deck can hold: the ones the spec's own text refuses. Tab, line feed and
#: carriage return are CSV layout; lone surrogates cannot get past the UTF-8 decoding.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class CsvTable:
    """A CSV file: header, rows of raw strings, and each row's line number."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]

    @cached_property
    def name(self) -> str:
        """The file as messages name it, worked out once per table: every cell's location names it, and
        :func:`~zzreport.errors.display_path` resolves the path on disk (a slices file of 200 rows located
        each of its keys, 200 resolutions a report)."""
        return display_path(self.path)

    def column(self, name: str, where: Location) -> int:
        """Index of column ``name``, or a located error listing the columns there are."""
        if name in self.header:
            return self.header.index(name)
        from zzreport.loading.validate import suggest

        raise SpecError.single(
            where,
            f"column `{name}` not found in {self.name}{suggest(name, self.header)}; "
            f"its columns are: {', '.join(self.header)}",
        )

    def cell_location(self, row: int, col: int) -> Location:
        return Location(self.name, self.lines[row], col + 1, f"{self.header[col]}")


class UndecodableFile(SpecError):
    """A data file is not text in the encoding it is read in; the resolver words the fix once per file.

    ``location`` is the first bad byte's line and column in the file,
    ``fits`` the first other encoding of :data:`ENCODINGS` that decodes the
    whole file (``None``: none does).
    """

    def __init__(self, location: Location, encoding: Encoding, byte: int, fits: Encoding | None) -> None:
        self.location, self.encoding, self.byte, self.fits = location, encoding, byte, fits
        super().__init__([Problem(location, self.message())])

    def message(self, keys: tuple[str, ...] = ()) -> str:
        """The problem's text; ``keys`` are the data references reading the file this way (where to set it)."""
        said = f"data file is not valid {_ENCODING_NAMES[self.encoding]} (byte 0x{self.byte:02X})"
        if self.fits is None:
            return f"{said}, nor in another encoding zzreport reads: save it as UTF-8 (in Excel: Save As, CSV UTF-8)"
        where = f" at {' and '.join(keys)}" if keys else ""
        name = _ENCODING_NAMES[self.fits] + _ENCODING_NOTES.get(self.fits, "")
        return f"{said}; it reads cleanly as {name}: set `encoding: {self.fits}`{where}"


def decode(raw: bytes, name: str, encoding: Encoding = "utf-8") -> str:
    """``raw`` as text: UTF-8 when it starts with a UTF-8 byte order mark, else in ``encoding``.

    Raises :class:`UndecodableFile` at the first bad byte, naming the first
    of the other encodings that decodes the whole file.
    """
    if raw.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"
    codec = "utf-8-sig" if encoding in ("utf-8", "utf-8-sig") else encoding
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[start : exc.start].decode(codec, errors="replace")) + 1
        tried = "utf-8" if codec == "utf-8-sig" else codec
        fits = next((other for other in _CANDIDATES if other != tried and _decodes(raw, other)), None)
        raise UndecodableFile(Location(name, line, column), encoding, raw[exc.start], fits) from None


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: Path, where: Location, encoding: Encoding = "utf-8") -> CsvTable:
    """Read a CSV in ``encoding`` (see :func:`decode`) whose first row is the header."""
    name = display_path(path)
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise SpecError.single(where, f"data file `{name}` is larger than {MAX_DATA_BYTES} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError.single(where, f"cannot read data file `{name}`: {exc.strerror}") from None
    text = decode(raw, name, encoding)
    if "\x00" in text:
        raise SpecError.single(Location(name, 1, 1), "data file contains NUL bytes: it is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    try:
        header: tuple[str, ...] | None = None
        header_line = 1
        first_line = 1
        for record in reader:
            problems += _control_characters(name, record, first_line, header)
            start, first_line = first_line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            cells = tuple(cell.strip() for cell in record)
            if header is None:
                header, header_line = cells, start
                continue
            rows.append(cells)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise SpecError.single(Location(name, reader.line_num, 1), f"malformed CSV: {exc}") from None
    if header is None:
        raise SpecError.single(Location(name, 1, 1), "data file is empty; expected a header row")
    problems += _duplicate_names(name, header, header_line)
    problems += [
        Problem(
            Location(name, line, 1),
            f"row has {len(row)} cells, the header has {len(header)}",
        )
        for row, line in zip(rows, lines, strict=True)
        if len(row) != len(header)
    ]
    if problems:
        raise SpecError(problems)
    return CsvTable(path, header, tuple(rows), tuple(lines))


def _control_characters(name: str, record: list[str], line: int, header: tuple[str, ...] | None) -> list[Problem]:
    """A located problem for each cell of ``record`` (starting at ``line``) holding a control character."""
    problems = []
    for col, cell in enumerate(record):
        match = _CONTROL.search(cell)
        if match:
            char = match.group()
            at = line + cell.count("\n", 0, match.start())
            path = header[col] if header is not None and col < len(header) else ""
            problems.append(
                Problem(
                    Location(name, at, col + 1, path),
                    f"contains the control character U+{ord(char):04X} at position {match.start() + 1} "
                    "of the cell; remove it (it cannot appear in a PDF or a deck)",
                )
            )
        line += cell.count("\n")
    return problems


def _duplicate_names(name: str, header: tuple[str, ...], line: int) -> list[Problem]:
    """Columns are found by name, so two columns of one name would silently read the first one twice."""
    problems = []
    first: dict[str, int] = {}
    for col, title in enumerate(header):
        if title not in first:
            first[title] = col
            continue
        what = f"column `{title}`" if title else "a column without a name"
        problems.append(
            Problem(
                Location(name, line, col + 1),
                f"{what} appears twice in the header (also column {first[title] + 1}); "
                "give every column a name of its own",
            )
        )
    return problems


class NumberError(ValueError):
    """A cell that should hold a number does not; the message says why."""


@dataclass(frozen=True)
class CellNumber:
    """The number a cell holds: ``5.9%`` is ``CellNumber(5.9, percent=True)``."""

    value: float
    #: The cell wrote a ``%`` sign: the number is a percentage (unit ``%``).
    percent: bool = False


def parse_cell(text: str, max_number: float = MAX_NUMBER) -> CellNumber | None:
    """The number in one cell (see the module's rules): ``'５．９％'`` -> 5.9 %; no value -> ``None``.

    Raises :class:`NumberError` (``expected a number, got '五'``) for text;
    the caller locates it. Magnitudes beyond ``max_number`` are refused as the
    spec's own numbers are: a float no longer holds their units, and sums and
    axis ranges of a few of them (a 300-digit cell is a valid number) would
    overflow to infinity.
    """
    cleaned = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    if cleaned in NO_VALUE:
        return None
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].rstrip()
    if not _NUMBER.match(cleaned) or cleaned in ("", "+", "-", "."):
        raise NumberError(f"expected a number, got {text!r}")
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value) or abs(value) > max_number:
        shown = text if len(text) <= 24 else text[:20] + "…"
        raise NumberError(
            f"the number {shown!r} is too large: numbers stay within ±{max_number:g} "
            "(write it in a larger unit, or raise the limit with --max-number)"
        )
    return CellNumber(value, percent)


def parse_number(text: str, max_number: float = MAX_NUMBER) -> float | None:
    """The value of :func:`parse_cell` alone (a chart's value; ``5.9%`` is 5.9)."""
    number = parse_cell(text, max_number)
    return None if number is None else number.value
