"""The Word document carries its fonts: obfuscated ``.odttf`` parts named by ``fontTable.xml``, as Word embeds them.

Reopened as a reader's machine would: the zip's parts, content types and
relationships; each ``.odttf`` de-obfuscated with its ``w:fontKey`` by the
algorithm of ECMA-376 part 1 §17.8.1 (written out here again, not imported)
and parsed as TrueType, its cmap checked against every character python-docx
reads back from the document. The real proof is a render: LibreOffice reads
the fonts a Word document embeds, so the document converted with a
fontconfig that has no Noto SC face must still be set in Noto SC, with
every character present; the same document without its fonts is the
control that shows the check can fail.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree

from tests.helpers import require_tool
from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.embedding import common_characters
from zzreport.fonts.fontset import FontSet, RoleFonts, face_at
from zzreport.writers.docx.fonts import embed_fonts
from zzreport.writers.docx.oxml.package import font_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SONG, HEI = "Noto Serif SC", "Noto Sans SC"

TITLE = "政府工作报告之“郑州实践”"
BODY = "郑州深入推进科技创新，省实验室数量增至18家；新能源汽车52.9万辆，增长112.9%。"
HEADER = "郑州市 2025 年简报"
FOOTER = "内部资料 注意保存"


def _run(paragraph: object, text: str, typeface: str, *, bold: bool = False) -> None:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.bold = bold
    run.font.size = Pt(14 if bold else 11)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(name), typeface)


def _document(*, typefaces: tuple[str, str] = (HEI, SONG)) -> Document:
    """A Word document as the writer makes one: a Hei bold heading, Song body, header and footer text."""
    document = docx.Document()
    # python-docx's template lists styles in stylesWithEffects.xml that disagree with styles.xml (an audit error
    # of the template, not of embedding): the part is dropped so the audit below judges the fonts alone.
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rid)
    heading, body = typefaces
    _run(document.add_paragraph(), TITLE, heading, bold=True)
    _run(document.add_paragraph(), BODY, body)
    section = document.sections[0]
    _run(section.header.paragraphs[0], HEADER, body)
    _run(section.footer.paragraphs[0], FOOTER, heading)
    return document


def _saved(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _embedded(mode: str = "used", fonts: FontSet | None = None, **kwargs: object) -> tuple[bytes, int]:
    document = _document(**kwargs)  # type: ignore[arg-type]
    embed_fonts(document, fonts or FontSet.default(), mode)
    saved = _saved(document)
    return saved, font_bytes(saved)


def deobfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 part 1 §17.8.1: the key's 16 bytes, last first, XORed over the font's first 32 bytes."""
    mask = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1] * 2
    return bytes(byte ^ mask[i] for i, byte in enumerate(data[:32])) + data[32:]


def _xml(package: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return etree.fromstring(z.read(name))


def embedded_faces(package: bytes) -> dict[tuple[str, str], tuple[TTFont, etree._Element]]:
    """{(family, style): (the face de-obfuscated and parsed, its w:embed… element)}, followed as Word would."""
    rels = {rel.get("Id"): rel for rel in _xml(package, "word/_rels/fontTable.xml.rels")}
    faces = {}
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        for font in _xml(package, "word/fontTable.xml").iterfind(f"{W}font"):
            for embed in font:
                if not embed.tag.startswith(f"{W}embed"):
                    continue
                rel = rels[embed.get(R_ID)]
                assert rel.get("Type") == FONT_REL
                data = z.read("word/" + rel.get("Target"))
                assert data[:4] not in (b"\0\1\0\0", b"true"), "the face is stored in the clear"
                plain = deobfuscate(data, embed.get(f"{W}fontKey"))
                faces[(font.get(f"{W}name"), embed.tag[len(W) :])] = (TTFont(io.BytesIO(plain)), embed)
    return faces


def _seen(package: bytes) -> set[str]:
    """What a reader sees, read back with python-docx: paragraphs, header and footer."""
    document = docx.Document(io.BytesIO(package))
    texts = [p.text for p in document.paragraphs]
    for section in document.sections:
        texts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return {char for char in "".join(texts) if char.isprintable() and not char.isspace()}


@pytest.fixture(scope="module")
def used() -> tuple[bytes, int]:
    return _embedded()


def test_every_named_family_embeds_its_regular_and_bold_faces_covering_every_character(
    used: tuple[bytes, int],
) -> None:
    package, _ = used
    faces = embedded_faces(package)
    assert set(faces) == {(f, s) for f in (SONG, HEI) for s in ("embedRegular", "embedBold")}
    seen = _seen(package)
    assert {"郑", "“", "；", "%"} <= seen
    for (family, style), (font, embed) in faces.items():
        names = font["name"]
        assert names.getDebugName(1) == family
        assert (font["OS/2"].usWeightClass >= 700) == (style == "embedBold")
        missing = seen - {chr(code) for code in font.getBestCmap()}
        assert not missing, f"{family} {style} lacks {''.join(sorted(missing))}"
        assert embed.get(f"{W}subsetted") in ("1", "true")
        assert len(font.getGlyphOrder()) < 400  # a subset, not the 30,000 glyphs of the face


def test_the_parts_are_typed_and_the_settings_say_fonts_are_embedded_as_subsets(used: tuple[bytes, int]) -> None:
    package, reported = used
    types = {
        o.get("PartName"): o.get("ContentType") for o in _xml(package, "[Content_Types].xml").iterfind(f"{CT}Override")
    }
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        fonts = [info for info in z.infolist() if info.filename.startswith("word/fonts/")]
    assert len(fonts) == 4 and all(info.filename.endswith(".odttf") for info in fonts)
    assert all(types["/" + info.filename] == OBFUSCATED for info in fonts)
    # What the build reports is what the faces take in the file: their deflated bytes, and no other member's.
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        deflated = [zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15) for _ in fonts]
        sizes = [len(d.compress(z.read(info)) + d.flush()) for d, info in zip(deflated, fonts, strict=True)]
    assert reported == sum(sizes) > 0
    settings = _xml(package, "word/settings.xml")
    tags = [child.tag for child in settings]
    assert f"{W}embedTrueTypeFonts" in tags and f"{W}saveSubsetFonts" in tags
    assert tags.index(f"{W}embedTrueTypeFonts") < tags.index(f"{W}saveSubsetFonts") < tags.index(f"{W}proofState")
    entry = next(f for f in _xml(package, "word/fontTable.xml").iterfind(f"{W}font") if f.get(f"{W}name") == SONG)
    assert entry.find(f"{W}charset").get(f"{W}val") == "86"  # GB2312: Word maps Chinese runs to the face
    assert entry.find(f"{W}family").get(f"{W}val") == "roman"


def test_the_same_document_embeds_the_same_bytes_on_every_build(used: tuple[bytes, int]) -> None:
    again, _ = _embedded()
    with zipfile.ZipFile(io.BytesIO(used[0])) as one, zipfile.ZipFile(io.BytesIO(again)) as two:
        names = [n for n in one.namelist() if n.startswith("word/fonts/") or n.startswith("word/fontTable")]
        assert names and all(one.read(n) == two.read(n) for n in names)


def test_only_the_families_the_document_names_are_embedded() -> None:
    package, _ = _embedded(typefaces=(HEI, "Calibri"))
    assert {family for family, _ in embedded_faces(package)} == {HEI}


def test_none_embeds_nothing_and_common_embeds_common_chinese_without_the_subset_flag() -> None:
    nothing, reported = _embedded("none")
    with zipfile.ZipFile(io.BytesIO(nothing)) as z:
        assert not [n for n in z.namelist() if n.startswith("word/fonts/")]
    assert reported == 0
    assert _xml(nothing, "word/settings.xml").find(f"{W}embedTrueTypeFonts") is None
    common, _ = _embedded("common", typefaces=(HEI, HEI))
    typed = {char for char in common_characters() if "\u4e00" <= char <= "\u9fff"} - _seen(common)
    for font, _embed in embedded_faces(common).values():
        assert typed <= {chr(code) for code in font.getBestCmap()}
    assert _xml(common, "word/settings.xml").find(f"{W}saveSubsetFonts") is None


def test_a_face_whose_licence_forbids_subsetting_is_embedded_whole(tmp_path: Path) -> None:
    options = subset.Options()
    font = subset.load_font(str(bundled_font_path("sans")), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=TITLE + BODY + HEADER + FOOTER + "多余的字")
    subsetter.subset(font)
    font["OS/2"].fsType = 0x0100  # installable, no subsetting
    font.save(str(tmp_path / "whole.ttf"))
    face = face_at(tmp_path / "whole.ttf")
    own = RoleFonts(face, face)
    fonts = FontSet({"body": own, "heading": own, "figure": own, "slide": own})
    package, _ = _embedded(fonts=fonts, typefaces=(face.family, face.family))
    faces = embedded_faces(package)
    assert list(faces) == [(face.family, "embedRegular")]  # one face for both styles: listed once
    embedded, embed = faces[(face.family, "embedRegular")]
    assert "余" in {chr(code) for code in embedded.getBestCmap()}  # a character the document does not use
    assert embed.get(f"{W}subsetted") is None
    assert _xml(package, "word/settings.xml").find(f"{W}saveSubsetFonts") is None


def test_openxml_audit_finds_no_error(used: tuple[bytes, int], tmp_path: Path) -> None:
    beside = Path(sys.executable).parent / "openxml-audit"
    tool = str(beside) if beside.exists() else shutil.which("openxml-audit")
    require_tool("openxml-audit", tool)
    assert tool is not None
    path = tmp_path / "fonts.docx"
    path.write_bytes(used[0])
    run = subprocess.run([tool, "-o", "json", "-q", str(path)], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    assert report["error_count"] == 0, [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]


#: Fonts LibreOffice must not find on the machine for the render to prove anything: Noto SC by family and file.
_REJECTED = ("Noto Sans SC", "Noto Serif SC", "Noto Sans CJK SC", "Noto Serif CJK SC")


def _fonts_without_noto(folder: Path) -> Path:
    """A fontconfig of the system's fonts with every Noto SC / CJK face rejected (by family and by file name)."""
    families = "".join(
        f'<pattern><patelt name="family"><string>{name}</string></patelt></pattern>' for name in _REJECTED
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<selectfont><rejectfont><glob>*NotoS*SC*</glob><glob>*NotoS*CJK*</glob>{families}</rejectfont></selectfont>"
        f"<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def rendered(used: tuple[bytes, int], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The document with its fonts and without (the control), converted by LibreOffice on a machine without Noto SC."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require_tool("LibreOffice", soffice)
    require_tool("fc-list", shutil.which("fc-list"))
    assert soffice is not None
    folder = tmp_path_factory.mktemp("render")
    env = dict(os.environ, FONTCONFIG_FILE=str(_fonts_without_noto(folder)))
    listed = subprocess.run(["fc-list", ":", "family", "file"], capture_output=True, text=True, env=env, check=True)
    assert not [line for line in listed.stdout.splitlines() if "Noto" in line and ("SC" in line or "CJK" in line)]
    (folder / "embedded.docx").write_bytes(used[0])
    (folder / "control.docx").write_bytes(_saved(_document()))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "control.docx"),  # first: LibreOffice keeps a document's fonts for the next one
            str(folder / "embedded.docx"),
        ],
        capture_output=True,
        env=env,
        timeout=240,
        check=True,
    )
    return {name: folder / f"{name}.pdf" for name in ("embedded", "control")}


def _fonts_by_character(pdf: Path) -> dict[str, set[str]]:
    chars: dict[str, set[str]] = {}
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for char in page.chars:
                chars.setdefault(char["text"], set()).add(char["fontname"].split("+")[-1])
    return chars


def test_libreoffice_without_noto_sets_the_text_in_the_embedded_faces(rendered: dict[str, Path]) -> None:
    seen = _fonts_by_character(rendered["embedded"])
    expected = {char for char in TITLE + BODY + HEADER + FOOTER if not char.isspace()}
    assert expected <= set(seen), f"lost in the render: {''.join(sorted(expected - set(seen)))}"
    faces = {face for fonts in seen.values() for face in fonts}
    assert faces <= {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"}, faces
    assert seen["郑"] >= {"NotoSansSC-Bold", "NotoSerifSC-Regular"}  # heading in Hei bold, body in Song
    control = {face for fonts in _fonts_by_character(rendered["control"]).values() for face in fonts}
    assert not any(face.startswith("Noto") for face in control), "the machine has Noto SC: the render proves nothing"
