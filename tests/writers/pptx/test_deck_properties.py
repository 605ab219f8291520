"""The deck's file properties (docProps/app.xml, docProps/core.xml) and its PowerPoint sections: what a file
browser, PowerPoint's Info pane and its slide sorter show must be true of the deck, not python-pptx's 4:3
sample values."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from lxml import etree
from pptx import Presentation

import zzreport
from tests.helpers import BUILD_EPOCH, require_tool
from zzreport.ir import Document
from zzreport.libreoffice import convert_to_pdf, find_soffice
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def resolve_spec(name: str) -> Document:
    return zzreport.resolve(zzreport.load(ROOT / "specs" / name))


def build(document: Document) -> bytes:
    out = io.BytesIO()
    PptxWriter().write(document, out, WriteContext())
    return out.getvalue()


@pytest.fixture(scope="module")
def showcase() -> Document:
    return resolve_spec("showcase.yaml")


@pytest.fixture(scope="module")
def zhengzhou() -> Document:
    return resolve_spec("zhengzhou-2025.yaml")


@pytest.fixture(scope="module")
def showcase_deck(showcase: Document) -> bytes:
    with pytest.MonkeyPatch.context() as env:  # the spec's own date, not the test run's SOURCE_DATE_EPOCH
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build(showcase)


def app_properties(blob: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return etree.fromstring(z.read("docProps/app.xml"))


def app_value(root: etree._Element, name: str) -> str | None:
    found = root.find(EP + name)
    return None if found is None else (found.text or "")


def test_app_properties_count_the_decks_slides_and_name_its_format(showcase_deck: bytes) -> None:
    prs = Presentation(io.BytesIO(showcase_deck))
    root = app_properties(showcase_deck)
    assert app_value(root, "Slides") == str(len(prs.slides)) != "0"
    assert app_value(root, "Notes") == str(sum(1 for s in prs.slides if s.has_notes_slide))
    assert app_value(root, "HiddenSlides") == "0"
    assert app_value(root, "PresentationFormat") == "宽屏"  # the showcase is zh-CN and 16:9
    assert app_value(root, "Application") == "zzreport"
    # python-pptx's sample counts (0 words, 0 paragraphs, "Slide Titles" 0, a 2010 Mac version) are gone
    for stale in ("Words", "Paragraphs", "TotalTime", "HeadingPairs", "TitlesOfParts", "AppVersion"):
        assert root.find(EP + stale) is None, stale


@pytest.mark.parametrize(
    ("size", "language", "expected"),
    [
        ((12192000, 6858000), "zh-CN", "宽屏"),
        ((12192000, 6858000), "en-US", "Widescreen"),
        ((9144000, 6858000), "zh-CN", "全屏显示(4:3)"),
        ((9144000, 6858000), "en", "On-screen Show (4:3)"),
        ((9144000, 5143500), "zh-Hans", "全屏显示(16:9)"),
        ((12192000, 7620000), "zh-CN", "自定义"),
        ((10287000, 6858000), "en", "Custom"),
    ],
)
def test_presentation_format_is_powerpoints_name_for_the_size(
    size: tuple[int, int], language: str, expected: str
) -> None:
    assert oxml.presentation_format(*size, language) == expected


def test_core_properties_are_the_specs(showcase_deck: bytes, showcase: Document) -> None:
    props = Presentation(io.BytesIO(showcase_deck)).core_properties
    meta = showcase.meta
    assert meta.date is not None
    day = dt.datetime(meta.date.year, meta.date.month, meta.date.day)
    assert props.title == meta.title
    assert props.subject == meta.subtitle
    assert props.author == (meta.author or meta.organisation)
    assert props.keywords == ", ".join(meta.keywords) != ""
    assert props.language == meta.language
    assert props.created == props.modified == day


def test_a_spec_without_a_date_gives_the_same_bytes_twice_under_source_date_epoch(
    zhengzhou: Document, monkeypatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    assert zhengzhou.meta.date is None and zhengzhou.meta.as_of is None
    first = build(zhengzhou)
    assert build(zhengzhou) == first
    root = app_properties(first)
    assert app_value(root, "Slides") == str(len(Presentation(io.BytesIO(first)).slides))


# --------------------------------------------------------------------------- PowerPoint sections


def sections_of(blob: bytes) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """The deck's slide ids in order, and each p14:section's name, id and slide ids."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
    order = [s.get("id") for s in root.iterfind(f"{P}sldIdLst/{P}sldId")]
    exts = root.findall(f"{P}extLst/{P}ext[@uri='{SECTIONS_URI}']")
    assert len(exts) == 1
    sections = [
        (s.get("name"), s.get("id"), [i.get("id") for i in s.iterfind(f"{P14}sldIdLst/{P14}sldId")])
        for s in exts[0].iterfind(f"{P14}sectionLst/{P14}section")
    ]
    return order, sections


@pytest.mark.parametrize("spec", ["showcase", "zhengzhou"])
def test_every_slide_is_in_one_section_named_as_the_spec(
    spec: str, showcase: Document, showcase_deck: bytes, zhengzhou: Document
) -> None:
    document, blob = (showcase, showcase_deck) if spec == "showcase" else (zhengzhou, build(zhengzhou))
    order, sections = sections_of(blob)
    names = [name for name, _, _ in sections]
    assert names == [document.meta.title, *(s.title for s in document.sections)]
    assert [i for _, _, ids in sections for i in ids] == order  # each slide once, in the deck's order
    assert all(ids for _, _, ids in sections)
    guids = [guid for _, guid, _ in sections]
    assert len(set(guids)) == len(guids)
    assert all(re.fullmatch(r"\{[0-9A-F]{8}-([0-9A-F]{4}-){3}[0-9A-F]{12}\}", g or "") for g in guids)
    # the opening holds the cover, the key points and the contents; a section starts at its divider (its title on it)
    prs = Presentation(io.BytesIO(blob))
    slide_of = {str(s.slide_id): s for s in prs.slides}
    for (name, _, ids), section in zip(sections[1:], document.sections, strict=True):
        first = slide_of[ids[0]]
        texts = [shape.text_frame.text for shape in first.shapes if shape.has_text_frame]
        assert any(section.title in text for text in texts), name


def test_libreoffice_opens_the_deck_with_sections(showcase_deck: bytes, tmp_path: Path) -> None:
    require_tool("LibreOffice (soffice)", find_soffice())
    path = tmp_path / "showcase.pptx"
    path.write_bytes(showcase_deck)
    pdf = convert_to_pdf(path, tmp_path)
    with pdfplumber.open(pdf) as opened:
        assert len(opened.pages) == len(Presentation(io.BytesIO(showcase_deck)).slides)


def test_a_templates_own_sections_are_replaced_not_merged() -> None:
    prs = Presentation()
    first, second = (prs.slides.add_slide(prs.slide_layouts[6]) for _ in range(2))
    oxml.set_sections(prs, [("样例", [first.slide_id]), ("旧的", [second.slide_id])])  # as a template had them
    oxml.set_sections(prs, [("开篇", [first.slide_id, second.slide_id]), ("空的", [])])
    saved = io.BytesIO()
    prs.save(saved)
    order, sections = sections_of(saved.getvalue())
    assert [(name, ids) for name, _, ids in sections] == [("开篇", order)]  # the empty section is left out
    oxml.set_sections(prs, [])
    assert prs.element.find(f"{P}extLst") is None
