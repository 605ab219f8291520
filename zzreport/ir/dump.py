"""A readable text dump of the document tree, for golden-file tests and debugging.

Modelled on docutils' ``writers/pseudoxml.py``: one node per line, its
attributes on the same line, its children indented below it. The dump exists
so that a reviewer sees, in a plain diff, every word and number the resolver
decided (card lines, table cells, axis plans, the output plan, theme values)
and what a change to the resolver did to them. Hence:

- it walks any dataclass generically (and pydantic-style models, by their
  declared fields), so a field added to an IR class shows up without an edit
  here; fields excluded from comparison (``compare=False``: caches, the fonts
  handle, the parsed sources) are not part of the document's value and are
  left out;
- strings are quoted (JSON escapes, CJK kept as is), numbers and ``true``
  bare, dates in ISO form; an empty string, ``None``, ``False`` or an empty
  collection is omitted, as docutils omits unset attributes;
- nothing depends on the machine: paths are shown relative to the spec's
  folder (files of the zzreport package as ``<zzreport>/…``), a node's
  :class:`~zzreport.errors.Location` as ``@file:line:col`` and the formats a
  block is shown in as ``in="pdf pptx"``; no Python repr with an address.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path, PurePath

from zzreport.errors import Location
from zzreport.ir.document import Document

#: A string longer than this is shown on its own line below the node, so node lines stay scannable.
LONG_STRING = 48

#: The folder holding the zzreport package, for paths of bundled files.
_PACKAGE = Path(__file__).resolve().parent.parent


def dump(document: Document) -> str:
    """The document tree as indented text, one node per line, stable across machines."""
    base = Path(document.spec_path).resolve().parent
    return "".join(line + "\n" for line in _Dumper(base).node(document, 0))


class _Dumper:
    def __init__(self, base: Path) -> None:
        self.base = base

    # -- nodes ---------------------------------------------------------------------------------------

    def node(self, value: object, indent: int, name: str | None = None) -> list[str]:
        """``value`` as one line of its type and short attributes, then its long and nested fields."""
        pad = "  " * indent
        head = [type(value).__name__] if name is None else [f"{name}: {type(value).__name__}"]
        tail: list[str] = []  # where the node is shown and where it came from, at the end of its line
        below: list[str] = []
        for key, item in _fields(value):
            if _omitted(item):
                continue
            if key == "where" and isinstance(item, Location):
                tail.append("@" + self.location(item))
            elif key == "targets" and isinstance(item, (set, frozenset)):
                tail.insert(0, f"in={_quote(' '.join(sorted(map(str, item))))}")
            elif self.is_scalar(item):
                text = self.scalar(item)
                if isinstance(item, str) and len(item) > LONG_STRING:
                    below.append(f"{pad}  {key}={text}")
                else:
                    head.append(f"{key}={text}")
            else:
                below.extend(self.child(key, item, indent + 1))
        return [pad + " ".join(head + tail), *below]

    def child(self, key: str, item: object, indent: int) -> list[str]:
        """A nested field: a node, a mapping or a sequence of them, under its field name."""
        pad = "  " * indent
        if _is_node(item):
            return self.node(item, indent, key)
        if isinstance(item, Mapping):
            lines = [f"{pad}{key}:"]
            for k, v in item.items():
                if self.is_scalar(v):
                    lines.append(f"{pad}  {self.scalar(k)}: {self.scalar(v)}")
                else:  # the key quoted, as beside a scalar: a name is data, not a field
                    lines.extend(self.child(self.scalar(k), v, indent + 1))
            return lines
        if isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            items = list(item)
            if all(self.is_scalar(v) for v in items):
                return [f"{pad}{key}={self.scalar(item)}"]
            lines = [f"{pad}{key}:"]
            for i, v in enumerate(items):
                if _is_node(v):
                    lines.extend(self.node(v, indent + 1))
                else:
                    lines.extend(self.child(f"[{i}]", v, indent + 1))
            return lines
        return [f"{pad}{key}={self.scalar(item)}"]

    # -- scalars -------------------------------------------------------------------------------------

    def is_scalar(self, value: object) -> bool:
        """A value shown inline: a string, number, date, path, kind, or a flat sequence of them."""
        if value is None or isinstance(value, (str, bytes, int, float, dt.date, PurePath, Location, enum.Enum)):
            return True
        if _is_node(value) or isinstance(value, Mapping):
            return False
        if isinstance(value, (tuple, list, set, frozenset)):
            return all(self.is_scalar(v) for v in value) and all(
                not isinstance(v, (tuple, list, set, frozenset)) for v in value
            )
        return True

    def scalar(self, value: object) -> str:
        if value is None:
            return "none"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, enum.Enum):
            return self.scalar(value.value)
        if isinstance(value, (int, float)):
            return repr(value)
        if isinstance(value, str):
            return _quote(value)
        if isinstance(value, bytes):
            return f"<{len(value)} bytes>"
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, PurePath):
            return _quote(self.path(value))
        if isinstance(value, Location):
            return self.location(value)
        if isinstance(value, (set, frozenset)):
            return "{" + ", ".join(sorted(self.scalar(v) for v in value)) + "}"
        if isinstance(value, (tuple, list)):
            return "[" + ", ".join(self.scalar(v) for v in value) + "]"
        if callable(value):
            return _callable_name(value)
        # A registry object or any other value: its name if it has one, else its type (never an address).
        named = getattr(value, "name", None)
        if isinstance(named, str):
            return f"{type(value).__name__}({_quote(named)})"
        return type(value).__name__

    def path(self, value: PurePath) -> str:
        """``value`` relative to the spec's folder, or to the zzreport package for bundled files."""
        path = Path(value)
        if not path.is_absolute():
            path = path.resolve()
        for root, prefix in ((_PACKAGE, "<zzreport>/"), (_PACKAGE.parent, "<zzreport>/../")):
            if path.is_relative_to(root) and not path.is_relative_to(self.base):
                return prefix + path.relative_to(root).as_posix()
        return Path(os.path.relpath(path, self.base)).as_posix()

    def location(self, where: Location) -> str:
        text = self.path(PurePath(where.file)) if where.file else ""
        if where.line:
            text += f":{where.line}:{where.column}"
        return text


def _fields(value: object) -> list[tuple[str, object]]:
    """A node's fields in declaration order, without those that are not part of its value.

    A node that is also a mapping (the output plan: format -> file) shows its entries, as a reader thinks of it.
    """
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    if is_dataclass(value) and not isinstance(value, type):
        return [(f.name, getattr(value, f.name)) for f in fields(value) if f.compare]
    declared = getattr(type(value), "model_fields", None)  # a pydantic-style model, read by its declared fields
    if isinstance(declared, Mapping):
        return [(name, getattr(value, name)) for name in declared]
    return []


def _is_node(value: object) -> bool:
    """Whether ``value`` is shown as a node of its own (a dataclass or a model with declared fields)."""
    if isinstance(value, type):
        return False
    return is_dataclass(value) or isinstance(getattr(type(value), "model_fields", None), Mapping)


def _omitted(value: object) -> bool:
    """Unset values are left out, as docutils omits unset attributes: ``None``, ``False``, ``""``, empties.

    A flag that turns on shows as ``name=true``; one that turns off disappears, which a diff shows as well.
    """
    if value is None or value is False:
        return True
    if isinstance(value, (str, bytes, tuple, list, set, frozenset, dict)):
        return len(value) == 0
    if isinstance(value, Mapping) and not _is_node(value):
        return len(value) == 0
    return False


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _callable_name(value: Callable[..., object]) -> str:
    return getattr(value, "__qualname__", type(value).__name__)
