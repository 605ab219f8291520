"""What the XML-layer tests of every writer read: a package's modules, their syntax trees, imports, and
the private names a library defines (so a test can refuse them outside the writer's ``oxml/``)."""

from __future__ import annotations

import ast
from pathlib import Path


def modules(root: Path) -> list[Path]:
    """Every Python module under ``root``, in a stable order."""
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(module: ast.Module) -> set[str]:
    """The modules ``module`` imports (``import x`` and ``from x import …``)."""
    names: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def private_names(library: Path) -> set[str]:
    """Every private attribute and method the library at ``library`` defines (``_element``, ``_p`` …)."""
    names: set[str] = set()
    for path in modules(library):
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                name = node.attr
            elif isinstance(node, ast.FunctionDef):
                name = node.name
            else:
                continue
            if name.startswith("_") and not name.startswith("__"):
                names.add(name)
    return names
