"""The deck's XML lives in one layer: ``writers/pptx/oxml/`` (with the shared charts' ``drawingml/oxml/``).

Outside those no module imports lxml (but the two that audit untrusted XML in
``resolve/``), reads a private attribute of python-pptx, or patches a
library object; inside it every child is added in the order its parent
declares once. The deck is saved through python-pptx's public ``save()`` and
normalised, so its zip depends only on its content and the document's date.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import zipfile
from pathlib import Path

import pptx
import pytest
from lxml import etree
from pptx import Presentation

from tests.writers.layers import imports, modules, private_names, tree
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.oxml import order
from zzreport.writers.pptx.oxml.base import qn

PACKAGE = Path(__file__).resolve().parents[3] / "zzreport"
DECK = PACKAGE / "writers" / "pptx"
OXML = DECK / "oxml"
#: The charts every Office writer shares (moved out of the deck, held to the deck's rules).
CHARTS = PACKAGE / "drawingml"
#: Modules that parse untrusted XML to audit it (a corporate template, an SVG), before any writer runs.
XML_AUDITORS = {PACKAGE / "resolve" / "templates.py", PACKAGE / "resolve" / "images.py"}


def _outside_oxml(root: Path) -> list[Path]:
    """Modules outside every XML layer (a package named ``oxml``: the deck's, the Word document's, the shared
    charts')."""
    return [
        p for p in modules(root) if not any(parent.name == "oxml" for parent in p.parents if PACKAGE in parent.parents)
    ]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}: {ast.unparse(node)[:80]}"


def _on_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")


def test_no_module_outside_oxml_reads_a_private_attribute_of_python_pptx() -> None:
    private = private_names(Path(pptx.__file__).parent)
    assert {"_element", "_txBody", "_tc", "_tbl", "_p", "_parent", "_blob"} <= private  # the scan sees them
    found = [
        _where(path, node)
        for path in _outside_oxml(PACKAGE)
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute) and node.attr in private and not _on_self(node)
    ]
    assert found == []


def test_the_deck_writer_outside_oxml_reads_no_private_attribute_of_another_object() -> None:
    found = [
        _where(path, node)
        for path in _outside_oxml(DECK) + _outside_oxml(CHARTS)
        for node in ast.walk(tree(path))
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not _on_self(node)
    ]
    assert found == []


def test_lxml_is_imported_only_in_oxml_and_by_the_xml_auditors() -> None:
    importers = {
        path
        for path in _outside_oxml(PACKAGE)
        if any(name == "lxml" or name.startswith("lxml.") for name in imports(tree(path)))
    }
    assert importers <= XML_AUDITORS, sorted(str(p) for p in importers - XML_AUDITORS)
    assert any("lxml" in imports(tree(path)) for path in modules(OXML))  # the scan sees lxml imports


def test_the_deck_writer_patches_no_library_object() -> None:
    """No function is assigned onto another object (``package.next_partname = …``)."""
    found = []
    for path in modules(DECK) + modules(CHARTS):
        module = tree(path)
        functions = {n.name for n in ast.walk(module) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        for node in ast.walk(module):
            if not isinstance(node, ast.Assign):
                continue
            value = node.value
            is_function = isinstance(value, ast.Lambda) or (isinstance(value, ast.Name) and value.id in functions)
            for target in node.targets:
                if is_function and isinstance(target, ast.Attribute) and not _on_self(target):
                    found.append(_where(path, node))
    assert found == []


# --------------------------------------------------------------------------- declared child order


def test_every_declared_parent_lists_each_child_once() -> None:
    for parent, places in order.CHILD_ORDER.items():
        tags = [tag for place in places for tag in ((place,) if isinstance(place, str) else place)]
        assert len(tags) == len(set(tags)), parent


def _element(tag: str, *children: str) -> etree._Element:
    element = etree.Element(qn(tag))
    for child in children:
        etree.SubElement(element, qn(child))
    return element


def _names(element: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def test_a_child_goes_before_the_first_of_a_shared_place_whichever_tag_comes_first() -> None:
    # Runs, breaks and fields share one place in a paragraph: a pPr goes before a leading a:br too.
    paragraph = _element("a:p", "a:br", "a:r", "a:endParaRPr")
    order.insert(paragraph, etree.Element(qn("a:pPr")))
    assert _names(paragraph) == ["pPr", "br", "r", "endParaRPr"]
    order.insert(paragraph, etree.Element(qn("a:fld")))
    assert _names(paragraph) == ["pPr", "br", "r", "fld", "endParaRPr"]


def test_run_fonts_keep_the_schema_order_of_run_properties() -> None:
    rPr = _element("a:rPr", "a:solidFill", "a:hlinkClick")
    oxml.set_run_fonts(rPr, "Noto Sans SC", "zh-CN")
    assert _names(rPr) == ["solidFill", "latin", "ea", "hlinkClick"]
    assert [rPr.find(qn(t)).get("typeface") for t in ("a:latin", "a:ea")] == ["Noto Sans SC"] * 2
    assert rPr.get("lang") == "zh-CN"


def test_an_undeclared_child_is_refused() -> None:
    with pytest.raises(KeyError):
        order.insert(etree.Element(qn("a:rPr")), etree.Element(qn("a:p")))


# --------------------------------------------------------------------------- the saved package

WHEN = dt.datetime(2025, 3, 1, 9, 30, 0)


def _deck() -> bytes:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6])
    return oxml.reproducible_package(prs, WHEN)


def test_the_saved_deck_has_fixed_entry_headers_and_office_member_order() -> None:
    blob = _deck()
    with zipfile.ZipFile(io.BytesIO(blob)) as deck:
        infos = deck.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(2025, 3, 1, 9, 30, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o600}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert len(Presentation(io.BytesIO(blob)).slides) == 1


def test_the_saved_deck_depends_only_on_its_content_and_date() -> None:
    first = _deck()
    assert _deck() == first
    assert oxml.normalise_package(first, WHEN) == first  # normalising is idempotent
    assert oxml.normalise_package(first, WHEN + dt.timedelta(days=1)) != first
