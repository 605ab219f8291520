"""Located errors: every author mistake is reported as ``file:line:col: key.path: message``.

A spec is written by hand, so an error that does not say *where* is useless.
All stages report through :class:`SpecError`, which carries every problem
found (never just the first one) so an author fixes them in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A position in a source file: 1-based line and column, plus the key path."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""

    def at(self, path: str) -> Location:
        """The same position with another key path."""
        return Location(self.file, self.line, self.column, path)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        return where


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem. ``severity`` is ``error`` or ``warning``."""

    location: Location
    message: str
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        parts = [str(self.location)]
        if self.location.path:
            parts.append(self.location.path)
        prefix = "warning: " if self.severity == "warning" else ""
        return ": ".join(parts) + ": " + prefix + self.message


class SpecError(Exception):
    """A spec (or a file it names) is wrong; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, location: Location, message: str) -> SpecError:
        return cls([Problem(location, message)])


def describe_value(value: object) -> str:
    """How an error names a value the author wrote: ``a list``, ``'五'``, ``nan``."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return repr(str(value))


def display_path(path: Path | str) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder; a symlink loop (RuntimeError before 3.13)
        return str(p)
