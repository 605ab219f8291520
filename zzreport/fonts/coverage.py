"""Glyph coverage preflight: no tofu reaches a reader.

Every text of the document (the spec's words as resolved, numbers as
printed, the cells and names read from data files, the fixed words) is
checked against the font chains before anything is drawn. A character that
no font has is an error at the author's line and column, naming the
character, because a box in place of a hanzi makes a report unusable.

The check walks the document itself, not the spec: what is checked is what
a writer prints, and a data file's column that no table shows is not
reported. Each text is located by the place resolve recorded for it
(:attr:`~zzreport.ir.Document.places`), else at its nearest ancestor with
one, else at its node's ``where``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass
from typing import Literal

from zzreport.errors import Location, Problem, SpecError, display_path
from zzreport.fonts.fontset import ROLES, FontSet
from zzreport.ir import DocPath, Document, Node, Section

#: Fields of the document that no writer prints: ids, enumerations, colours, files and fonts.
_NOT_DRAWN = frozenset(
    {"id", "where", "targets", "kind", "extent", "align", "tone", "direction", "role", "type", "axis", "color"}
)
#: The document's parts that hold printed text (the others are files, fonts and the output plan).
_PRINTED = ("meta", "labels", "continued", "theme", "sections")


def _strings(value: object, path: DocPath, where: Location) -> Iterator[tuple[DocPath, str, Location]]:
    """Every printed string below ``value``, with its path and the ``where`` of the node holding it."""
    stack: list[tuple[object, DocPath, Location]] = [(value, path, where)]
    while stack:
        item, at, node_where = stack.pop()
        if isinstance(item, str):
            yield at, item, node_where
        elif isinstance(item, tuple):
            stack.extend((child, (*at, i), node_where) for i, child in reversed(list(enumerate(item))))
        elif is_dataclass(item) and not isinstance(item, type):
            if isinstance(item, (Node, Section)):
                node_where = item.where
            children = [
                (getattr(item, f.name), (*at, f.name), node_where)
                for f in fields(item)
                if f.compare and f.name not in _NOT_DRAWN
            ]
            stack.extend(reversed(children))


def _texts(document: Document) -> Iterator[tuple[str, DocPath, Location]]:
    """Every printed text of the document that a bundled face might lack, with its path and node's ``where``."""
    root = Location(display_path(document.spec_path))
    for name in _PRINTED:
        for path, text, where in _strings(getattr(document, name), (name,), root):
            if not (text.isascii() and text.isprintable()):  # the bundled faces cover printable ASCII
                yield text, path, where


def _locate(places: Mapping[DocPath, Location], path: DocPath, where: Location) -> Location:
    """The place of ``path`` or of its nearest placed ancestor; else the holding node's ``where``."""
    probe = path
    while probe:
        found = places.get(probe)
        if found is not None:
            return found
        probe = probe[:-1]
    return where


def describe_char(char: str) -> str:
    """``U+6C49 '汉' (CJK UNIFIED IDEOGRAPH-6C49)``: how messages name a character (invisible ones by code only)."""
    name = unicodedata.name(char, "")
    invisible = unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    shown = "" if invisible else f" '{char}'"
    return f"U+{ord(char):04X}{shown}" + (f" ({name})" if name else "")


def coverage_problems(document: Document, fonts: FontSet, severity: str = "error") -> list[Problem]:
    """Problems for every character of every printed text that no font covers.

    Each distinct character is looked up once per role, however many texts use it.
    """
    texts = list(_texts(document))
    chars = "".join(sorted({char for text, _, _ in texts for char in text}))
    missing: dict[str, list[str]] = {}
    for role in ROLES:
        for char in fonts.missing(chars, role):
            missing.setdefault(char, []).append(role)
    if not missing:
        return []
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()  # a text the document repeats (a takeaway as a title) is one problem
    for text, path, where in texts:
        place = _locate(document.places, path, where)
        for char in text:
            if char not in missing or (str(place), char) in reported:
                continue
            reported.add((str(place), char))
            roles = missing[char]
            which = "no font" if len(roles) == len(ROLES) else "no font of the " + "/".join(roles) + " role"
            problems.append(
                Problem(
                    place,
                    f"{which} has the character {describe_char(char)}: it would print as a box; "
                    "add a font that has it to `theme.fonts.fallback`",
                    severity,
                )
            )
    return problems


def preflight(document: Document, missing_glyphs: Literal["error", "warn"] = "error") -> list[Problem]:
    """Run the coverage check on a document; raise on errors, return warnings."""
    from zzreport.fonts.embedding import embedding_notes

    severity = "warning" if missing_glyphs == "warn" else "error"
    problems = sorted(coverage_problems(document, FontSet.from_plan(document.font_plan), severity))
    if severity == "error" and problems:
        raise SpecError(problems)
    return problems + embedding_notes(document)
