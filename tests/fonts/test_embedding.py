"""Faces made to travel: EOT wrapping, subsetting, the licence bits (``OS/2.fsType``), the common set."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

import zzreport
from zzreport import SpecError
from zzreport.app.cli import main
from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.embedding import Permission, common_characters, embedded_face, subset_font
from zzreport.fonts.eot import EOT_MAGIC, EOT_VERSION, TTEMBED_SUBSET, read_eot, to_eot

SANS = bundled_font_path("sans")
SANS_BOLD = bundled_font_path("sans", 700)
SAMPLE = "郑州新能源汽车52.9万辆，增长112.9%。"


def _font_with_fs_type(path: Path, fs_type: int, text: str = "郑州报告ABC") -> Path:
    """A small real font cut from the bundled Noto Sans SC, its licence bits set to ``fs_type``."""
    options = subset.Options()
    font = subset.load_font(str(SANS), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font["OS/2"].fsType = fs_type
    font.save(str(path))
    return path


def _header_agrees_with_data(blob: bytes, *, subset_flag: bool) -> TTFont:
    """Every field of the EOT header is what the TrueType data after it says; that data, parsed."""
    header, data = read_eot(blob)
    font = TTFont(io.BytesIO(data))
    os2, head, name = font["OS/2"], font["head"], font["name"]
    assert header.eot_size == len(blob)
    assert header.font_data_size == len(data)
    assert header.version == EOT_VERSION and header.magic == EOT_MAGIC
    assert header.flags == (TTEMBED_SUBSET if subset_flag else 0)  # no compression, no XOR
    assert header.charset == 1
    assert header.weight == os2.usWeightClass
    assert header.italic == (os2.fsSelection & 1)
    assert header.fs_type == os2.fsType
    assert list(header.panose) == [
        os2.panose.bFamilyType,
        os2.panose.bSerifStyle,
        os2.panose.bWeight,
        os2.panose.bProportion,
        os2.panose.bContrast,
        os2.panose.bStrokeVariation,
        os2.panose.bArmStyle,
        os2.panose.bLetterForm,
        os2.panose.bMidline,
        os2.panose.bXHeight,
    ]
    assert header.unicode_range == (os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4)
    assert header.code_page_range == (os2.ulCodePageRange1, os2.ulCodePageRange2)
    assert header.checksum_adjustment == head.checkSumAdjustment
    assert header.family_name == name.getDebugName(1)
    assert header.style_name == name.getDebugName(2)
    assert header.version_name == name.getDebugName(5)
    assert header.full_name == name.getDebugName(4)
    assert header.root_string == ""
    return font


@pytest.mark.parametrize("path", [SANS, SANS_BOLD], ids=["regular", "bold"])
def test_a_subset_is_eot_whose_header_matches_its_truetype_data(path: Path) -> None:
    face = embedded_face(path, 0, SAMPLE)
    assert face is not None and face.subset
    font = _header_agrees_with_data(face.eot, subset_flag=True)
    cmap = font.getBestCmap()
    assert {ord(c) for c in SAMPLE} <= set(cmap)
    assert len(cmap) < 40  # a subset, not the 30,000 characters of the face
    assert font["head"].modified == TTFont(str(path), lazy=True)["head"].modified  # no build-time stamp
    # The GB2312 code page stays claimed, so Windows maps Chinese runs to the embedded face.
    assert font["OS/2"].ulCodePageRange1 >> 18 & 1


def test_subsetting_is_reproducible() -> None:
    assert subset_font(SANS, 0, SAMPLE) == subset_font(SANS, 0, "".join(reversed(SAMPLE)))


def test_the_windows_class_of_noto_sans_sc_is_a_variable_pitch_swiss_gb2312_face() -> None:
    face = embedded_face(SANS, 0, "郑")
    assert face is not None
    assert (face.windows.panose, face.windows.pitch_family, face.windows.charset) == ("020B0200000000000000", 34, 134)


def test_read_eot_refuses_what_is_not_eot() -> None:
    data = subset_font(SANS, 0, "郑")
    with pytest.raises(ValueError, match="magic"):
        read_eot(data)
    with pytest.raises(ValueError, match="disagree"):
        read_eot(to_eot(data, subset=True)[:-1])


@pytest.mark.parametrize(
    ("fs_type", "usage", "embeddable", "subsettable"),
    [
        (0x0000, "installable", True, True),
        (0x0002, "restricted", False, True),
        (0x0004, "preview-print", True, True),
        (0x0008, "editable", True, True),
        (0x000A, "editable", True, True),  # the least restrictive usage bit wins
        (0x0108, "editable", True, False),
        (0x0200, "installable", False, True),
    ],
)
def test_fs_type_bits_read_as_the_opentype_spec_says(
    fs_type: int, usage: str, embeddable: bool, subsettable: bool
) -> None:
    allowed = Permission(fs_type)
    assert (allowed.usage, allowed.embeddable, allowed.subsettable) == (usage, embeddable, subsettable)


def test_a_face_that_forbids_subsetting_is_embedded_whole(tmp_path: Path) -> None:
    path = _font_with_fs_type(tmp_path / "whole.ttf", 0x0100)
    face = embedded_face(path, 0, "郑")
    assert face is not None and not face.subset
    font = _header_agrees_with_data(face.eot, subset_flag=False)
    assert set(font.getBestCmap()) == set(TTFont(str(path)).getBestCmap())
    assert read_eot(face.eot)[1] == path.read_bytes()


@pytest.mark.parametrize("fs_type", [0x0002, 0x0200])
def test_a_face_that_forbids_embedding_is_not_embedded(tmp_path: Path, fs_type: int) -> None:
    assert embedded_face(_font_with_fs_type(tmp_path / "no.ttf", fs_type), 0, "郑") is None


def test_a_restricted_theme_font_is_a_located_spec_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _font_with_fs_type(tmp_path / "restricted.ttf", 0x0002)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 郑州报告\nsections: [{id: a, title: 郑州}]\n"
        "theme:\n  fonts:\n    slide: {file: restricted.ttf}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        zzreport.check(spec)
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in exc.value.problems]
    assert messages == [
        "spec.yaml:6:19: theme.fonts.slide.file: restricted.ttf forbids embedding (OS/2 fsType 0x0002: "
        "restricted licence), but the PDF and the deck carry the fonts they use; use a font whose licence "
        "allows embedding (installable, editable or preview & print), such as the bundled Noto Sans SC"
    ]
    assert main(["build", str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "theme.fonts.slide.file: restricted.ttf forbids embedding" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _gb2312_level_1() -> set[str]:
    """Every hanzi of GB2312 level 1 (rows 16–55), straight from the codec."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # an unassigned cell
                chars.add(bytes((lead, trail)).decode("gb2312"))
    return chars


def test_the_common_set_holds_gb2312_level_1_ascii_and_cjk_punctuation() -> None:
    level_1 = _gb2312_level_1()
    assert len(level_1) == 3755
    common = common_characters()
    assert level_1 <= common
    assert set("，。、；：？！“”‘’（）《》【】…—·") <= common
    assert {chr(c) for c in range(0x20, 0x7F)} <= common


def test_a_preview_and_print_slide_font_is_embedded_with_a_warning(tmp_path: Path) -> None:
    _font_with_fs_type(tmp_path / "preview.ttf", 0x0004, "郑州报告一ABC")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 郑州报告\nsections: [{id: a, title: 一}]\n"
        "theme:\n  fonts:\n    slide: {file: preview.ttf}\n",
        encoding="utf-8",
    )
    warnings = [str(p).replace(str(tmp_path) + "/", "") for p in zzreport.check(spec).warnings]
    assert warnings == [
        "spec.yaml:6:19: theme.fonts.slide.file: warning: preview.ttf may be embedded for preview and print only "
        "(OS/2 fsType 0x0004): where it is not installed, PowerPoint opens the deck read-only"
    ]
    spec.write_text(spec.read_text(encoding="utf-8") + "  slides: {embed_fonts: none}\n", encoding="utf-8")
    assert zzreport.check(spec).warnings == []


def test_a_preview_and_print_body_font_warns_that_the_word_document_opens_read_only(tmp_path: Path) -> None:
    """The Word document carries the body's faces (the deck does not): the same warning, naming Word, by the
    same code; gone when the document carries no fonts or is not built."""
    _font_with_fs_type(tmp_path / "preview.ttf", 0x0004, "郑州报告一ABC")
    spec = tmp_path / "spec.yaml"
    head = "zzreport: 1\ntitle: 郑州报告\nsections: [{id: a, title: 一}]\n"
    head += "theme:\n  fonts:\n    body: {file: preview.ttf}\n"
    spec.write_text(head, encoding="utf-8")
    warnings = [str(p).replace(str(tmp_path) + "/", "") for p in zzreport.check(spec).warnings]
    assert warnings == [
        "spec.yaml:6:18: theme.fonts.body.file: warning: preview.ttf may be embedded for preview and print only "
        "(OS/2 fsType 0x0004): where it is not installed, Word opens the document read-only"
    ]
    spec.write_text(head + "  embed_fonts: none\n", encoding="utf-8")
    assert zzreport.check(spec).warnings == []
    spec.write_text(head + "outputs: {docx: false}\n", encoding="utf-8")
    assert zzreport.check(spec).warnings == []
