"""A readable text dump of the document tree, for golden-file tests and debugging."""

from __future__ import annotations

from dataclasses import fields, is_dataclass

from zzreport.ir.document import Document


def dump(document: Document) -> str:
    """The document tree as indented text, for golden-file tests and debugging."""
    lines: list[str] = [f"Document {document.meta.title!r}"]

    def emit(value: object, indent: int) -> None:
        pad = "  " * indent
        if is_dataclass(value) and not isinstance(value, type):
            lines.append(f"{pad}{type(value).__name__}")
            for f in fields(value):
                if f.name in ("where", "targets"):
                    continue
                item = getattr(value, f.name)
                if is_dataclass(item) or (isinstance(item, tuple) and item and is_dataclass(item[0])):
                    lines.append(f"{pad}  {f.name}:")
                    emit(item, indent + 2)
                else:
                    lines.append(f"{pad}  {f.name}: {item!r}")
        elif isinstance(value, tuple):
            for item in value:
                emit(item, indent)
        else:
            lines.append(f"{pad}{value!r}")

    for section in document.sections:
        emit(section, 1)
    return "\n".join(lines) + "\n"
