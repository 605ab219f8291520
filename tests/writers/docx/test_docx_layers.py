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

from tests.writers.layers import imports, modules, private_names, tree

PACKAGE = Path(__file__).resolve().parents[3] / "zzreport"
WRITER = PACKAGE / "writers" / "docx"
OXML = WRITER / "oxml"


def _outside_oxml() -> list[Path]:
    return [p for p in modules(WRITER) if OXML not in p.parents]


def test_outside_oxml_the_writer_reads_no_private_attribute() -> None:
    assert {"_element", "_p", "_tbl", "_inline"} <= private_names(Path(docx.__file__).parent)  # the scan sees them
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)[:60]}"
        for path in _outside_oxml()
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
    ]
    assert found == []


def test_lxml_only_in_oxml_and_no_other_writer_imported() -> None:
    lxml_users = [p for p in _outside_oxml() if any(n.split(".")[0] == "lxml" for n in imports(tree(p)))]
    assert lxml_users == []
    assert any("lxml" in imports(tree(p)) for p in modules(OXML))  # the scan sees lxml imports
    writers = [
        (p.name, n)
        for p in modules(WRITER)
        for n in imports(tree(p))
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
