"""Reading data files (CSV) that specs point at, with located errors.

Scheduled regeneration works by replacing these files; a malformed row must
be reported with the CSV's own file, line and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from zzreport.errors import Location, Problem, SpecError, display_path

MAX_DATA_BYTES = 20 * 1024 * 1024
#: Default bound on a number's magnitude (the spec's own numbers have the same one).
MAX_NUMBER = 1e15
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
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

    @property
    def name(self) -> str:
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


def read_csv(path: Path, where: Location) -> CsvTable:
    """Read a UTF-8 CSV (a BOM is allowed) whose first row is the header."""
    name = display_path(path)
    try:
        if path.stat().st_size > MAX_DATA_BYTES:
            raise SpecError.single(where, f"data file `{name}` is larger than {MAX_DATA_BYTES} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError.single(where, f"cannot read data file `{name}`: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SpecError.single(
            Location(name, line, 1), f"data file is not valid UTF-8 (byte 0x{raw[exc.start]:02X})"
        ) from None
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


def parse_number(text: str, max_number: float = MAX_NUMBER) -> float | None:
    """``'1,234.5'`` -> 1234.5; ``''``/``'-'`` -> None (no value); otherwise :class:`NumberError`.

    Magnitudes beyond ``max_number`` are refused as the spec's own numbers are:
    a float no longer holds their units, and sums and axis ranges of a few of
    them (a 300-digit cell is a valid number) would overflow to infinity.
    """
    cleaned = text.strip().rstrip("%％").strip()
    if cleaned in ("", "-", "—", "NA", "N/A"):
        return None
    if not _NUMBER.match(cleaned) or cleaned in ("+", "-", "."):
        raise NumberError(f"expected a number, got {text!r}")
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value) or abs(value) > max_number:
        shown = text if len(text) <= 24 else text[:20] + "…"
        raise NumberError(
            f"the number {shown!r} is too large: numbers stay within ±{max_number:g} "
            "(write it in a larger unit, or raise the limit with --max-number)"
        )
    return value
