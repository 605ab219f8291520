"""The Word document's XML lives in one layer, ``writers/docx/oxml/``, and the format's name in two places.

Outside that package the writer reads no private attribute of python-docx
(or of anything) and imports no lxml; it imports no other writer; and in
``zzreport/`` only the writer package and the registry name the format.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import docx

PACKAGE = Path(__file__).resolve().parents[3] / "zzreport"
WRITER = PACKAGE / "writers" / "docx"
OXML = WRITER / "oxml"


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _outside_oxml() -> list[Path]:
    return [p for p in _modules(WRITER) if OXML not in p.parents]


def _imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _docx_private_names() -> set[str]:
    names: set[str] = set()
    for path in _modules(Path(docx.__file__).parent):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                name = node.attr
            elif isinstance(node, ast.FunctionDef):
                name = node.name
            else:
                continue
            if name.startswith("_") and not name.startswith("__"):
                names.add(name)
    return names


def test_outside_oxml_the_writer_reads_no_private_attribute() -> None:
    assert {"_element", "_p", "_tbl", "_inline"} <= _docx_private_names()  # the scan sees them
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)[:60]}"
        for path in _outside_oxml()
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    ]
    assert found == []


def test_lxml_only_in_oxml_and_no_other_writer_imported() -> None:
    lxml_users = [p for p in _outside_oxml() if any(n.split(".")[0] == "lxml" for n in _imports(_tree(p)))]
    assert lxml_users == []
    assert any("lxml" in _imports(_tree(p)) for p in _modules(OXML))  # the scan sees lxml imports
    writers = [
        (p.name, n)
        for p in _modules(WRITER)
        for n in _imports(_tree(p))
        if n.startswith("zzreport.writers.") and not n.startswith(("zzreport.writers.docx", "zzreport.writers.base"))
    ]
    assert writers == []


def test_only_the_writer_package_and_the_registry_name_the_format() -> None:
    listed = subprocess.run(
        ["git", "grep", "-il", "docx", "--", "zzreport/"],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    others = [
        name
        for name in listed
        if not name.startswith("zzreport/writers/docx/") and name != "zzreport/writers/registry.py"
    ]
    assert others == []
