"""Glyph coverage preflight: no tofu reaches a reader.

Every text of the spec (and of the data files it reads) is checked against
the font chains before anything is drawn. A character that no font has is
an error at the author's line and column, naming the character, because a
box in place of a hanzi makes a report unusable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Literal

from zzreport.errors import Location, Problem, SpecError
from zzreport.fonts.fontset import ROLES, FontSet
from zzreport.loading.yaml_source import KeyPath, SourceDoc
from zzreport.resolve.data import CsvTable

#: Keys whose values are never drawn: ids, paths, enumerations, colours, fonts,
#: and a figure's or table's `data` (file and column names; its cells are
#: checked from the CSV itself).
_NOT_DRAWN = {
    "id", "file", "bold_file", "path", "template", "logo", "kind", "show", "align", "scale",
    "tone", "type", "axis", "better", "language", "zzreport", "size", "index", "colors", "fonts", "data",
}  # fmt: skip


def _strings(data: Any) -> Iterator[tuple[KeyPath, str]]:
    """Every drawn string of the spec data with its key path (aliases checked once)."""
    stack: list[tuple[KeyPath, Any]] = [((), data)]
    seen: set[int] = set()
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, (dict, list)) and id(value) not in seen:
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(((*where, key), child) for key, child in items if key not in _NOT_DRAWN)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    invisible = unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    shown = "" if invisible else f" '{char}'"
    return f"U+{ord(char):04X}{shown}" + (f" ({name})" if name else "")


def _texts(sources: tuple[object, ...]) -> Iterator[tuple[str, Callable[[], Location]]]:
    """Every drawn text of the spec and its data files, with a way to locate it."""
    for source in sources:
        if isinstance(source, SourceDoc):
            for path, text in _strings(source.data):
                if not (text.isascii() and text.isprintable()):  # the bundled faces cover printable ASCII
                    yield text, partial(source.locate, path)
        elif isinstance(source, CsvTable):
            for r, row in enumerate(source.rows):
                for c, text in enumerate(row):
                    if not text.isascii():
                        yield text, partial(source.cell_location, r, c)
            for c, text in enumerate(source.header):
                if not text.isascii():
                    yield text, partial(Location, source.name, 1, c + 1, text)


def coverage_problems(sources: tuple[object, ...], fonts: FontSet, severity: str = "error") -> list[Problem]:
    """Problems for every character of every drawn text that no font covers.

    Each distinct character is looked up once per role, however many texts use it.
    """
    texts = list(_texts(sources))
    chars = "".join(sorted({char for text, _ in texts for char in text}))
    missing: dict[str, list[str]] = {}
    for role in ROLES:
        for char in fonts.missing(chars, role):
            missing.setdefault(char, []).append(role)
    if not missing:
        return []
    problems: list[Problem] = []
    for text, locate in texts:
        reported: set[str] = set()
        for char in text:
            if char not in missing or char in reported:
                continue
            reported.add(char)
            roles = missing[char]
            which = "no font" if len(roles) == len(ROLES) else "no font of the " + "/".join(roles) + " role"
            problems.append(
                Problem(
                    locate(),
                    f"{which} has the character {_describe(char)}: it would print as a box; "
                    "add a font that has it to `theme.fonts.fallback`",
                    severity,
                )
            )
    return problems


def preflight(document: Any, missing_glyphs: Literal["error", "warn"] = "error") -> list[Problem]:
    """Run the coverage check on a document; raise on errors, return warnings."""
    severity = "warning" if missing_glyphs == "warn" else "error"
    problems = sorted(coverage_problems(document.sources, FontSet.from_plan(document.font_plan), severity))
    if severity == "error" and problems:
        raise SpecError(problems)
    return problems
