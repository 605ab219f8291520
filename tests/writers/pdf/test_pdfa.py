"""Both examples hold PDF/A-2b by the structural check of :mod:`tests.writers.pdf.pdfa_rules`.

The check itself is tested too: each rule the writer once broke is broken
on purpose in a copy of a good file, and the check must name it.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.writers.pdf.pdfa_rules import pdfa2b_problems
from zzreport.builder import build

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ("zhengzhou-2025", "showcase")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdfa")
    return {name: build(ROOT / "specs" / f"{name}.yaml", out, ["pdf"])[0].path for name in EXAMPLES}


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_example_holds_pdfa_2b(built: dict[str, Path], name: str) -> None:
    assert pdfa2b_problems(built[name], "A") == []  # tagged by default: PDF/A-2a


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_annotation_is_printed(built: dict[str, Path], name: str) -> None:
    with pikepdf.open(built[name]) as pdf:
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert annots, "the contents' links are annotations"
    assert {int(a.get("/F", 0)) for a in annots} == {4}


def broken(source: Path, target: Path, change: str) -> Path:
    """A copy of ``source`` with one PDF/A rule broken."""
    with pikepdf.open(source) as pdf:
        page = next(p for p in pdf.pages if "/Annots" in p.obj)
        if change == "flag":
            page.obj.Annots[0].F = 0
        elif change == "xmp":
            pdf.docinfo.Title = pikepdf.String("另一个标题")
        elif change == "date":
            pdf.docinfo.ModDate = pikepdf.String("D:20000101000000+00'00'")
        elif change == "font":
            font = next(iter(page.obj.Resources.Font.values()))
            del font.FontDescriptor.FontFile2
        elif change == "intent":
            del pdf.Root.OutputIntents
        elif change == "action":
            page.obj.Annots[0].A = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        elif change == "group":
            page.obj.Group = pikepdf.Dictionary(Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency)
        pdf.save(target)
    return target


@pytest.mark.parametrize(
    ("change", "clause"),
    [
        ("flag", "6.3.2"),
        ("xmp", "6.6.3: Info /Title"),
        ("date", "6.6.3: Info /ModDate"),
        ("font", "6.2.11.4"),
        ("intent", "6.2.3"),
        ("action", "6.6.1"),
        ("group", "6.2.10"),
    ],
)
def test_the_check_names_a_broken_rule(built: dict[str, Path], tmp_path: Path, change: str, clause: str) -> None:
    problems = pdfa2b_problems(broken(built["showcase"], tmp_path / "broken.pdf", change), "A")
    assert any(p.startswith(clause) for p in problems), problems
