"""The PDF is tagged (PDF/UA-1, PDF/A-2a) by default, checked by :mod:`tests.writers.pdf.tagged_rules`.

Both examples and a stress spec (a table over several pages with its header
repeated, a paragraph split by a page break, a level-3 heading straight
under a section, rows of KPI cards, nested bullets) pass the structural
check; ``theme.page.tagged: false`` gives an untagged PDF that fails it;
tagging changes no pixel of any page; a tag-aware reading gives the spec's
order, KPI cards label then value, not interleaved by rows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2
import pytest

from tests.writers.pdf.tagged_rules import elements, spans, tagged_problems, tagged_text
from zzreport.builder import build
from zzreport.testing import write_spec
from zzreport.writers.pdf.contents import toc_items
from zzreport.writers.pdf.tagging import Tag

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ("zhengzhou-2025", "showcase")
CARDS = [(f"指标{k}", 100 + k) for k in range(1, 8)]
LATIN = "建设 RCEP 示范区，加大 R&D 投入，建成 5.5G 网络。"
LONG = "这是一段很长的示例正文，用来检验跨页的段落仍是一个段落元素。" * 60
STRESS = {
    "zzreport": 1,
    "title": "标记测试",
    "summary": ["要点一", "要点二"],
    "sections": [
        {
            "id": "a",
            "title": "第一节",
            "blocks": [
                {"heading": "直接三级标题", "level": 3},
                {"kpis": [{"label": label, "value": value, "unit": "家", "change": 5} for label, value in CARDS]},
                {"paragraph": LONG},
                {"paragraph": LATIN},
                {"bullets": ["甲项", {"text": "乙项", "items": ["乙一", "乙二"]}, "丙项"]},
                {
                    "table": {
                        "title": "长表",
                        "columns": [{"name": "地区"}, {"name": "数量", "unit": "个"}],
                        "rows": [[f"地区{k}", k] for k in range(120)],
                    }
                },
            ],
        },
        {"id": "b", "title": "RCEP 合作", "blocks": [{"kpis": [{"label": "R&D 投入", "value": 3, "unit": "亿元"}]}]},
    ],
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("tagged")
    found = {name: build(ROOT / "specs" / f"{name}.yaml", out, ["pdf"])[0].path for name in EXAMPLES}
    for name, tagged in (("stress", True), ("untagged", False)):
        spec = {**STRESS, "theme": {"page": {"tagged": tagged}}}
        found[name] = build(write_spec(out / name, spec), out / name / "out", ["pdf"])[0].path
    # The showcase untagged: a copy of the examples' folder (its data and images), the one key added.
    specs = shutil.copytree(ROOT / "specs", out / "specs")
    source = (specs / "showcase.yaml").read_text(encoding="utf-8")
    assert "\ntheme:\n" in source
    (specs / "showcase.yaml").write_text(source.replace("\ntheme:\n", "\ntheme:\n  page: {tagged: false}\n"), "utf-8")
    found["showcase untagged"] = build(specs / "showcase.yaml", out / "untagged-showcase", ["pdf"])[0].path
    return found


@pytest.mark.parametrize("name", [*EXAMPLES, "stress"])
def test_the_pdf_holds_the_tagged_structure(pdfs: dict[str, Path], name: str) -> None:
    assert tagged_problems(pdfs[name]) == []


@pytest.mark.parametrize("name", [*EXAMPLES, "stress"])
def test_pdfinfo_says_tagged(pdfs: dict[str, Path], name: str) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("no pdfinfo (poppler-utils)")
    info = subprocess.run(["pdfinfo", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_tagged_false_gives_an_untagged_pdf_the_check_fails(pdfs: dict[str, Path]) -> None:
    problems = tagged_problems(pdfs["untagged"])
    assert "catalogue: no /StructTreeRoot" in problems
    with pikepdf.open(pdfs["untagged"]) as pdf, pdf.open_metadata() as xmp:
        assert xmp.get("pdfaid:conformance") == "B"
        assert xmp.get("pdfuaid:part") is None


@pytest.mark.parametrize(("name", "plain"), [("stress", "untagged"), ("showcase", "showcase untagged")])
def test_tagging_changes_no_pixel(pdfs: dict[str, Path], name: str, plain: str) -> None:
    tagged, untagged = (pypdfium2.PdfDocument(str(pdfs[n])) for n in (name, plain))
    assert len(tagged) == len(untagged)
    for index in range(len(tagged)):
        a, b = (np.asarray(doc[index].render(scale=1).to_pil().convert("L")) for doc in (tagged, untagged))
        assert a.shape == b.shape and (a != b).sum() == 0, f"page {index + 1} differs"


def broken(source: Path, target: Path, change: str) -> Path:
    """A copy of ``source`` with one tagging rule broken."""
    with pikepdf.open(source) as pdf:
        if change == "alt":
            figure = next(e for e in elements(pdf) if e.S == "/Figure")
            del figure.Alt
        elif change == "parents":
            page = next(p for p in pdf.pages if "/StructParents" in p.obj)
            del page.obj.StructParents
        elif change == "link":
            annot = next(a for p in pdf.pages for a in p.obj.get("/Annots", []))
            del annot.Contents
        elif change == "heading":
            heading = next(e for e in elements(pdf) if e.S == "/H2")
            heading.S = pikepdf.Name("/H3")
        elif change == "untagged text":
            page = pdf.pages[2]
            page.contents_add(pikepdf.Stream(pdf, b"BT /F1 10 Tf (x) Tj ET"), prepend=False)
        pdf.save(target)
    return target


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ("alt", "a Figure without /Alt"),
        ("parents", "marked content but no /StructParents"),
        ("link", "a link annotation without /Contents"),
        ("heading", "a level skipped"),
        ("untagged text", "a text object outside marked content"),
    ],
)
def test_the_check_names_a_broken_rule(pdfs: dict[str, Path], tmp_path: Path, change: str, problem: str) -> None:
    problems = tagged_problems(broken(pdfs["showcase"], tmp_path / "broken.pdf", change))
    assert any(problem in p for p in problems), problems


def test_a_tag_aware_reading_follows_the_spec(pdfs: dict[str, Path]) -> None:
    texts = tagged_text(pdfs["stress"])
    cards = [t for t in texts if t.startswith("指标") or t.endswith("家")]
    expected = []
    for label, value in CARDS:
        expected += [label, f"{value}家"]
    assert cards[: len(expected)] == expected  # label then value, card after card; not row by row
    headings = [t for t in texts if t in ("标记测试", "第一节", "直接三级标题", "长表", "要点回顾")]
    assert headings[:2] == ["标记测试", "第一节"]
    assert texts.index("直接三级标题") < texts.index(cards[0]) < texts.index("甲项") < texts.index("地区0")


def test_a_paragraph_over_a_page_break_is_one_element_and_a_repeated_header_is_an_artifact(
    pdfs: dict[str, Path],
) -> None:
    texts = tagged_text(pdfs["stress"])
    assert LONG in texts
    assert texts.count("地区") == 1  # the header cell, once: its repeats on later pages are artifacts
    with pikepdf.open(pdfs["stress"]) as pdf:
        roles = [str(e.S)[1:] for e in elements(pdf)]
    assert roles.count("TH") == 2 and roles.count("Table") == 1
    assert roles.count("TR") == 121
    assert {"L", "LI", "LBody", "Div", "TOC", "TOCI", "Link", "Caption", "THead", "TBody"} <= set(roles)
    assert "H3" not in roles  # a level-3 heading straight under a section title reads as H2


def test_the_contents_are_a_toc_of_entries_each_a_reference_to_its_link(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["showcase"]) as pdf:
        toc = next(e for e in elements(pdf) if e.S == "/TOC")
        items = [k for k in toc.K if k.S == "/TOCI"]
        links = [e for e in elements(pdf) if e.S == "/Link"]
        assert len(links) == len(items) == len([a for p in pdf.pages for a in p.obj.get("/Annots", [])])
        assert all(str(item.K[0].S) == "/Reference" and item.K[0].K[0].S == "/Link" for item in items)


def test_a_deeper_contents_entry_sits_in_a_toc_inside_the_entry_above_it() -> None:
    toc = Tag("TOC")
    first, sub, sub2, second = toc_items([0, 1, 1, 0], toc)
    assert first.parent is toc and second.parent is toc
    assert sub.parent is sub2.parent and sub.parent is not None
    assert sub.parent.role == "TOC" and sub.parent.parent is first


def test_latin_words_in_chinese_text_are_spans_marked_english(pdfs: dict[str, Path]) -> None:
    with pikepdf.open(pdfs["stress"]) as pdf:
        assert "/Span" in {str(e.S) for e in elements(pdf)}
    found = spans(pdfs["stress"])
    assert ("P", "en", "RCEP") in found and ("P", "en", "R&D") in found
    assert not [text for *_, text in found if "5.5G" in text or text == "G"]  # a number with a unit letter is not
    assert LATIN in tagged_text(pdfs["stress"])  # read in their place in the paragraph
    with pikepdf.open(pdfs["untagged"]) as pdf:
        assert b"/Span" not in b"".join(page.obj.Contents.read_bytes() for page in pdf.pages)


def test_latin_words_on_one_line_texts_are_spans_too(pdfs: dict[str, Path]) -> None:
    """A section title, its contents entry and a card label: drawn a line at a time, marked all the same."""
    found = spans(pdfs["stress"])
    assert ("H1", "en", "RCEP") in found and ("Link", "en", "RCEP") in found and ("P", "en", "R&D") in found
    assert len([s for s in found if s[2] == "R&D"]) == 2  # in the paragraph and on the card
    texts = tagged_text(pdfs["stress"])
    assert "RCEP 合作" in texts and "R&D 投入" in texts
