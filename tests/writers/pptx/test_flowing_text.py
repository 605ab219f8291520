"""The deck's text flows: no line breaks but the author's, East Asian breaking on, shrink on overflow.

An analyst who deletes six characters from a bullet expects the bullet to
rewrap; a deck written as measured lines joined by ``a:br`` kept them frozen.
These tests read the deck's XML back as PowerPoint does.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import zzreport
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SPECS = {
    "zhengzhou": ROOT / "specs" / "zhengzhou-2025.yaml",
    "showcase": ROOT / "specs" / "showcase.yaml",
    "stress": ROOT / "tests" / "fixtures" / "stress" / "stress.yaml",
}


def has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def build(spec: Path) -> bytes:
    out = io.BytesIO()
    PptxWriter().write(zzreport.resolve(zzreport.load(spec)), out, WriteContext())
    return out.getvalue()


@pytest.fixture(scope="module", params=sorted(SPECS))
def slides(request: pytest.FixtureRequest) -> list[tuple[str, etree._Element]]:
    """Every slide's XML of one deck, as (part name, root)."""
    with zipfile.ZipFile(io.BytesIO(build(SPECS[request.param]))) as z:
        names = sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
        return [(name, etree.fromstring(z.read(name))) for name in names]


def shape_paragraphs(root: etree._Element):
    """(shape name, paragraph) for the paragraphs of every shape's text body (not tables or charts)."""
    for sp in root.iter(f"{P}sp"):
        name = sp.find(f"{P}nvSpPr/{P}cNvPr").get("name")
        for p in sp.iter(f"{A}p"):
            yield name, p


def test_no_line_break_but_where_the_author_typed_one(slides) -> None:
    # The example specs type no line break inside a paragraph: their decks hold none.
    breaks = [f"{name}: {''.join(p.itertext())[:30]}" for name, root in slides for p in root.iter(f"{A}p")
              if p.find(f"{A}br") is not None]  # fmt: skip
    assert breaks == []


def test_every_paragraph_breaks_as_chinese_text_does(slides) -> None:
    checked, wrong = 0, []
    for name, root in slides:
        for shape, p in shape_paragraphs(root):
            if not "".join(t.text or "" for t in p.iter(f"{A}t")).strip():
                continue
            pPr = p.find(f"{A}pPr")
            checked += 1
            attrs = {} if pPr is None else dict(pPr.attrib)
            if (attrs.get("eaLnBrk"), attrs.get("hangingPunct"), attrs.get("latinLnBrk")) != ("1", "1", "0"):
                wrong.append(f"{name} {shape!r}: {attrs}")
    assert wrong == []
    assert checked > 50


def test_chinese_runs_say_so_and_name_an_east_asian_face(slides) -> None:
    checked, wrong = 0, []
    for name, root in slides:
        for r in root.iter(f"{A}r"):
            text = r.findtext(f"{A}t") or ""
            if not has_han(text):
                continue
            checked += 1
            rPr = r.find(f"{A}rPr")
            ea = rPr.find(f"{A}ea") if rPr is not None else None
            if rPr is None or rPr.get("lang") != "zh-CN" or rPr.get("altLang") != "en-US" or ea is None:
                wrong.append(f"{name}: {text[:20]}")
            elif not ea.get("typeface"):
                wrong.append(f"{name}: {text[:20]} has no East Asian typeface")
    assert wrong == []
    assert checked > 100


def test_text_shapes_wrap_and_shrink_an_edit_that_overflows(slides) -> None:
    """``normAutofit`` at 100 %: what zzreport wrote fits as is; text a user adds shrinks instead of spilling."""
    wrong, checked = [], 0
    for name, root in slides:
        for sp in root.iter(f"{P}sp"):
            body = sp.find(f"{P}txBody/{A}bodyPr")
            if body is None or not "".join(sp.find(f"{P}txBody").itertext()).strip():
                continue
            checked += 1
            fit = body.find(f"{A}normAutofit")
            if body.get("wrap") != "square" or fit is None or fit.get("fontScale") or fit.get("lnSpcReduction"):
                wrong.append(f"{name} {sp.find(f'{P}nvSpPr/{P}cNvPr').get('name')!r}")
    assert wrong == []
    assert checked > 20


def test_a_paragraph_continued_on_the_next_slide_is_cut_at_a_sentence_end() -> None:
    """The 800-character paragraph of the stress spec turns the slide at a full stop (or ；), never mid-word."""
    with zipfile.ZipFile(io.BytesIO(build(SPECS["stress"]))) as z:
        names = sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml"))
        slides = [(name, etree.fromstring(z.read(name))) for name in names]
    pieces = []
    for _name, root in slides:
        for shape, p in shape_paragraphs(root):
            pPr = p.find(f"{A}pPr")
            text = "".join(t.text or "" for t in p.iter(f"{A}t"))
            if shape == "Text" and len(text) > 60 and (pPr is None or pPr.find(f"{A}buChar") is None):
                pieces.append(text)
    assert len(pieces) >= 2
    assert [t[-12:] for t in pieces if t[-1] not in "。！？；”）"] == []
