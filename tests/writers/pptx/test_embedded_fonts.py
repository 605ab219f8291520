"""The deck carries its fonts: EOT ``.fntdata`` parts listed in ``p:embeddedFontLst``, as PowerPoint embeds them.

Reopened as a reader's machine would: the package's parts, content types
and relationships; each ``.fntdata`` read back as EOT, its header checked
against the TrueType data after it, and that data's cmap against every
character a reader sees in the deck (slides, notes, charts).

LibreOffice 7.4, the renderer here, does not read the fonts a PowerPoint
deck embeds (rendered with Noto SC removed from fontconfig, its PDF names
only DejaVu), so no render can show the embedded faces; the fntdata checks
below are the evidence instead.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from lxml import etree
from pptx import Presentation
from pptx.chart.plot import XyPlot

import zzreport
from zzreport.app.cli import main
from zzreport.fonts.embedding import common_characters
from zzreport.fonts.eot import TTEMBED_SUBSET, read_eot
from zzreport.testing import deck_charts, slide_notes, slide_texts, write_spec
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

SMALL = {
    "zzreport": 1,
    "title": "郑州市政府工作报告",
    "sections": [
        {
            "id": "a",
            "title": "创新发展",
            "notes": "讲稿：先讲**研发投入**。",
            "blocks": [
                {"paragraph": "郑州深入推进**创新驱动**，省实验室增至18家。"},
                {"kpis": [{"label": "高新技术企业", "value": 5800, "unit": "家", "qualifier": "多"}]},
            ],
        }
    ],
}


def _deck(document: Any) -> bytes:
    out = io.BytesIO()
    PptxWriter().write(document, out, WriteContext())
    return out.getvalue()


def _small(tmp_path: Path, mode: str | None) -> bytes:
    spec = dict(SMALL)
    if mode is not None:
        spec["theme"] = {"slides": {"embed_fonts": mode}}
    return _deck(zzreport.resolve(zzreport.load(write_spec(tmp_path / (mode or "default"), spec))))


@pytest.fixture(scope="module")
def decks() -> dict[str, bytes]:
    return {
        name: _deck(zzreport.resolve(zzreport.load(ROOT / "specs" / f"{name}.yaml")))
        for name in ("zhengzhou-2025", "showcase")
    }


@pytest.fixture(scope="module")
def common_deck(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _small(tmp_path_factory.mktemp("common"), "common")


def _seen_characters(deck: bytes) -> set[str]:
    """What a reader sees, read with python-pptx: slide texts, notes, charts' titles, categories, series, formats."""
    texts = [text for slide in slide_texts(deck) for text in slide] + slide_notes(deck)
    for chart in deck_charts(deck):
        texts += [chart.title, *chart.categories, *chart.series]
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                for plot in shape.chart.plots:
                    if isinstance(plot, XyPlot):  # python-pptx reads no plot-wide labels here; its points are named
                        texts += [p.data_label.text_frame.text for x in plot.series for p in x.points]
                    elif plot.has_data_labels:
                        texts.append(plot.data_labels.number_format)
    return {char for char in "".join(texts) if not char.isspace() and char.isprintable()}


def _font_parts(deck: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        return {name: z.read(name) for name in z.namelist() if name.startswith("ppt/fonts/")}


def _presentation_xml(deck: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        return etree.fromstring(z.read("ppt/presentation.xml"))


def _embedded_faces(deck: bytes) -> dict[str, TTFont]:
    """Each style the list names, its part read back through the presentation's relationships."""
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        rels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
        targets = {rel.get("Id"): rel for rel in rels}
        root = etree.fromstring(z.read("ppt/presentation.xml"))
        faces = {}
        for entry in root.iter(f"{P}embeddedFont"):
            for face in entry:
                if face.tag == f"{P}font":
                    continue
                rel = targets[face.get(R_ID)]
                assert rel.get("Type") == FONT_REL
                _header, data = read_eot(z.read("ppt/" + rel.get("Target")))
                faces[etree.QName(face).localname] = TTFont(io.BytesIO(data))
        return faces


@pytest.mark.parametrize("name", ["zhengzhou-2025", "showcase"])
def test_the_examples_embed_noto_sans_sc_regular_and_bold_as_powerpoint_lists_them(
    decks: dict[str, bytes], name: str
) -> None:
    deck = decks[name]
    root = _presentation_xml(deck)
    assert root.get("embedTrueTypeFonts") == "1" and root.get("saveSubsetFonts") == "1"
    children = [etree.QName(child).localname for child in root]
    assert children.index("notesSz") < children.index("embeddedFontLst") < children.index("defaultTextStyle")
    (entry,) = root.find(f"{P}embeddedFontLst")
    assert [etree.QName(child).localname for child in entry] == ["font", "regular", "bold"]
    assert dict(entry[0].attrib) == {
        "typeface": "Noto Sans SC",
        "panose": "020B0200000000000000",
        "pitchFamily": "34",
        "charset": "-122",
    }
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        types = etree.fromstring(z.read("[Content_Types].xml"))
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{CT}Default")}
    assert defaults["fntdata"] == "application/x-fontdata"
    assert sorted(_font_parts(deck)) == ["ppt/fonts/font1.fntdata", "ppt/fonts/font2.fntdata"]


@pytest.mark.parametrize("name", ["zhengzhou-2025", "showcase"])
def test_every_fntdata_is_a_subset_covering_every_character_the_deck_shows(decks: dict[str, bytes], name: str) -> None:
    deck = decks[name]
    seen = _seen_characters(deck)
    assert len([c for c in seen if "\u4e00" <= c <= "\u9fff"]) > 200
    if name == "zhengzhou-2025":
        assert "万" in seen  # also the unit of its labels' number format (0!.0,"万")
    faces = _embedded_faces(deck)
    assert sorted(faces) == ["bold", "regular"]
    for style, font in faces.items():
        cmap = set(font.getBestCmap())
        missing = sorted(char for char in seen if ord(char) not in cmap)
        assert not missing, f"{style} lacks {''.join(missing)}"
        assert len(cmap) < 3 * len(seen)  # a subset: the face maps 30,000 characters
        assert font["OS/2"].usWeightClass == (700 if style == "bold" else 400)
    for blob in _font_parts(deck).values():
        assert read_eot(blob)[0].flags == TTEMBED_SUBSET


def test_common_adds_all_of_gb2312_level_1_and_lets_powerpoint_keep_every_character(common_deck: bytes) -> None:
    level_1 = {c for c in common_characters() if "\u4e00" <= c <= "\u9fff"}
    assert len(level_1) >= 3755
    for style, font in _embedded_faces(common_deck).items():
        cmap = set(font.getBestCmap())
        assert not [c for c in level_1 if ord(c) not in cmap], style
    root = _presentation_xml(common_deck)
    assert root.get("embedTrueTypeFonts") == "1" and root.get("saveSubsetFonts") is None


def test_none_embeds_nothing(tmp_path: Path) -> None:
    deck = _small(tmp_path, "none")
    assert _font_parts(deck) == {}
    root = _presentation_xml(deck)
    assert root.find(f"{P}embeddedFontLst") is None and root.get("embedTrueTypeFonts") is None
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        assert FONT_REL not in z.read("ppt/_rels/presentation.xml.rels").decode()


def test_used_is_the_default_and_the_deck_is_reproducible(tmp_path: Path) -> None:
    first, second = _small(tmp_path / "a", None), _small(tmp_path / "b", "used")
    assert first == second and len(_font_parts(first)) == 2


def test_the_build_line_and_the_manifest_tell_what_the_fonts_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, SMALL)
    assert main(["build", str(spec), "-o", str(tmp_path / "out"), "--format", "pptx"]) == 0
    err = capsys.readouterr().err
    manifest = json.loads((tmp_path / "out" / "report.manifest.json").read_text(encoding="utf-8"))
    (entry,) = manifest["outputs"]
    fonts = sum(len(blob) for blob in _font_parts((tmp_path / "out" / "report.pptx").read_bytes()).values())
    assert 0.3 * fonts < entry["embedded_fonts"] < fonts  # what they take in the zip, deflated
    assert f"embedded fonts +{entry['embedded_fonts'] / 1024:.0f} KiB)" in err


@pytest.mark.parametrize("mode", ["used", "none"])
def test_a_template_embedding_the_slide_family_has_its_subset_replaced_not_doubled(tmp_path: Path, mode: str) -> None:
    template = _small(tmp_path / "template", None)  # a deck embedding Noto Sans SC for its own text
    spec = dict(SMALL, title="洛阳市政府工作报告", theme={"slides": {"template": "t.pptx", "embed_fonts": mode}})
    path = write_spec(tmp_path / "deck", spec, files={"t.pptx": template})
    deck = _deck(zzreport.resolve(zzreport.load(path)))
    root = _presentation_xml(deck)
    if mode == "none":
        assert _font_parts(deck) == {} and root.find(f"{P}embeddedFontLst") is None
        assert root.get("embedTrueTypeFonts") is None
        return
    assert len(root.findall(f"{P}embeddedFontLst/{P}embeddedFont")) == 1
    assert sorted(_font_parts(deck)) == ["ppt/fonts/font1.fntdata", "ppt/fonts/font2.fntdata"]
    for font in _embedded_faces(deck).values():
        assert ord("洛") in font.getBestCmap()  # this deck's characters, not the template's
