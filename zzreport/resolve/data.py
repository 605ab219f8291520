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
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


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
    try:
        header: tuple[str, ...] | None = None
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            cells = tuple(cell.strip() for cell in record)
            if header is None:
                header = cells
                continue
            rows.append(cells)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise SpecError.single(Location(name, reader.line_num, 1), f"malformed CSV: {exc}") from None
    if header is None:
        raise SpecError.single(Location(name, 1, 1), "data file is empty; expected a header row")
    problems = [
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


def parse_number(text: str) -> float | None:
    """``'1,234.5'`` -> 1234.5; ``''``/``'-'`` -> None (no value); otherwise ValueError."""
    cleaned = text.strip().rstrip("%％").strip()
    if cleaned in ("", "-", "—", "NA", "N/A"):
        return None
    if not _NUMBER.match(cleaned) or cleaned in ("+", "-", "."):
        raise ValueError(text)
    value = float(cleaned.replace(",", ""))
    if not math.isfinite(value):
        raise ValueError(text)
    return value
