"""The package's import rules, read from every module's source with ``ast``.

1. No import cycle among zzreport's modules at import time: a cycle makes
   what a module sees depend on which module was imported first.
2. Nothing inside the package imports a name from the package root: the
   root only re-exports the library API for users, and importing it from
   within ties every module to all the others (and makes cycles).
   ``from zzreport import <submodule>`` names a module, not the root's
   re-exports, and is allowed.
3. No writer imports another writer: what two formats share lives outside
   ``zzreport/writers/<format>/`` (the IR, ``fonts``, ``figures``,
   ``writers/base.py``).

Imports inside functions do not run at import time, so they are no edge of
rule 1's graph; they count for rules 2 and 3. Imports under
``if TYPE_CHECKING:`` never run and count for none.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "zzreport"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str, *, at_import_time: bool) -> Iterator[tuple[str, str | None, int]]:
    """``(imported module, name imported from it or None, line)`` for each import statement of ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def visit(nodes: list[ast.stmt]) -> Iterator[tuple[str, str | None, int]]:
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield alias.name, None, node.lineno
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                for alias in node.names:
                    yield base, alias.name, node.lineno
            elif isinstance(node, ast.If) and _is_type_checking(node.test):
                continue
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if not at_import_time:
                    yield from visit(node.body)
            elif isinstance(node, ast.Try):
                yield from visit([*node.body, *node.orelse, *node.finalbody])
                for handler in node.handlers:
                    yield from visit(handler.body)
            else:
                for field in ("body", "orelse", "finalbody"):
                    children = getattr(node, field, None)
                    if isinstance(children, list):
                        yield from visit([c for c in children if isinstance(c, ast.stmt)])

    yield from visit(tree.body)


def targets(module: str, *, at_import_time: bool) -> Iterator[tuple[str, str | None, int]]:
    """The zzreport modules ``module`` imports: ``(module, name from the root or None, line)``."""
    for base, name, line in imports(module, at_import_time=at_import_time):
        if base != "zzreport" and not base.startswith("zzreport."):
            continue
        if name is not None and f"{base}.{name}" in MODULES:
            yield f"{base}.{name}", None, line  # `from zzreport.x import y` where y is a module
        else:
            yield base, name if base == "zzreport" else None, line


def test_the_checker_sees_the_package() -> None:
    assert {"zzreport", "zzreport.builder", "zzreport.app.cli", "zzreport.writers.pdf.writer"} <= set(MODULES)
    edges = {t for t, _, _ in targets("zzreport.builder", at_import_time=True)}
    assert {"zzreport.api", "zzreport.output", "zzreport.writers.registry"} <= edges


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_at_import_time() -> None:
    graph = {m: {t for t, _, _ in targets(m, at_import_time=True) if t in MODULES} for m in MODULES}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "zzreport"))
def test_no_module_imports_the_package_root(module: str) -> None:
    found = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: from zzreport import {name}"
        for target, name, line in targets(module, at_import_time=False)
        if target == "zzreport"
    ]
    assert not found, "import from the module it belongs to instead: " + "; ".join(found)


def _writer(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 3 and parts[:2] == ["zzreport", "writers"] and f"zzreport.writers.{parts[2]}" in MODULES:
        package = MODULES[f"zzreport.writers.{parts[2]}"]
        return parts[2] if package.name == "__init__.py" else None
    return None


def test_the_writers_are_found() -> None:
    assert _writer("zzreport.writers.pdf.writer") == "pdf"
    assert _writer("zzreport.writers.pptx.slides") == "pptx"
    assert _writer("zzreport.writers.base") is None


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _writer(m)))
def test_no_writer_imports_another_writer(module: str) -> None:
    own = _writer(module)
    found = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: {target}"
        for target, _, line in targets(module, at_import_time=False)
        if _writer(target) not in (None, own)
    ]
    assert not found, f"the {own} writer imports another writer: " + "; ".join(found)
