"""FontSet: roles, fallback chains, measuring, font errors, glyph-coverage preflight."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

import zzreport
from tests.helpers import require_tool
from zzreport import SpecError
from zzreport.app.cli import main
from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.fontset import FontError, FontSet, face_at, role_fonts_from_spec

SEED_SAMPLE = "新能源汽车实际下线52.9万辆、增速112.9%，中欧班列“陆上丝路”RCEP示范区5.5G覆盖。"


def _tiny_font(path: Path, family: str, chars: str, cff: bool = False) -> Path:
    """A real font file with a square glyph for each of ``chars``."""
    glyphs = [".notdef", *(f"g{ord(c):x}" for c in chars)]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(glyphs)
    fb.setupCharacterMap({ord(c): f"g{ord(c):x}" for c in chars})
    if cff:
        charstrings = {}
        for name in glyphs:
            pen = T2CharStringPen(600, None)
            pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((500, 500)), pen.closePath()
            charstrings[name] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": family}, charstrings, {})
    else:
        shapes = {}
        for name in glyphs:
            pen = TTGlyphPen(None)
            pen.moveTo((0, 0)), pen.lineTo((500, 0)), pen.lineTo((500, 500)), pen.closePath()
            shapes[name] = pen.glyph()
        fb.setupGlyf(shapes)
    fb.setupHorizontalMetrics({name: (600, 0) for name in glyphs})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "psName": family.replace(" ", "")})
    fb.setupOS2(usWeightClass=400, fsType=0)  # installable: its licence asks for no warning
    fb.setupPost()
    fb.save(str(path))
    return path


def test_default_roles_follow_the_chinese_convention() -> None:
    fonts = FontSet.default()
    assert fonts.family("body") == "Noto Serif SC"
    assert {fonts.family(r) for r in ("heading", "figure", "slide")} == {"Noto Sans SC"}
    assert fonts.roles["heading"].bold.weight == 700


@pytest.mark.parametrize(("family", "role"), [("serif", "body"), ("sans", "slide")])
@pytest.mark.parametrize("weight", [400, 700])
def test_measured_widths_agree_with_reportlab(family: str, role: str, weight: int) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"zz-test-{family}-{weight}"
    pdfmetrics.registerFont(TTFont(name, str(bundled_font_path(family, weight))))
    fonts = FontSet.default()
    for size in (9, 10.5, 24):
        ours = fonts.width(SEED_SAMPLE, role, size, bold=weight == 700)
        theirs = pdfmetrics.stringWidth(SEED_SAMPLE, name, size)
        assert abs(ours - theirs) / theirs < 0.005


def test_characters_a_font_lacks_fall_back_per_character(tmp_path: Path) -> None:
    latin = _tiny_font(tmp_path / "latin.ttf", "Tiny Latin", "ABC")
    fonts = FontSet.default()
    fonts.roles["body"] = role_fonts_from_spec(None, latin, None, 0)
    segments = [(face.family, text) for face, text in fonts.segments("AB郑州C", "body")]
    assert segments == [("Tiny Latin", "AB"), ("Noto Sans SC", "郑州"), ("Tiny Latin", "C")]
    width = fonts.width("AB郑", "body", 10)
    assert width == pytest.approx(2 * 6.0 + face_at(bundled_font_path("sans")).advance("郑") * 10)


def test_a_cff_font_is_refused_with_the_reason(tmp_path: Path) -> None:
    otf = _tiny_font(tmp_path / "NotoSansCJK-Regular.otf", "Noto Sans CJK SC", "ABC", cff=True)
    with pytest.raises(FontError) as exc:
        role_fonts_from_spec(None, otf, None, 0)
    assert str(exc.value) == (
        "NotoSansCJK-Regular.otf has PostScript (CFF) outlines, which cannot be embedded in the PDF; "
        "use a TrueType (glyf) build instead, e.g. the static Noto Sans SC / Noto Serif SC .ttf files "
        "(zzreport's bundled default)"
    )


def test_theme_font_errors_are_located(tmp_path: Path) -> None:
    _tiny_font(tmp_path / "cjk.otf", "Tiny CFF", "ABC", cff=True)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections: [{id: a, title: 一}]\n"
        "theme:\n  fonts:\n    body: cjk.otf\n    heading: {family: No Such Family 123}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        zzreport.check(spec)
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in exc.value.problems]
    assert messages[0].startswith("spec.yaml:6:11: theme.fonts.body.file: cjk.otf has PostScript (CFF) outlines")
    assert messages[1] == (
        "spec.yaml:7:23: theme.fonts.heading.family: font family `No Such Family 123` is not installed "
        "(bundled: Noto Serif SC, Noto Sans SC); name a .ttf file with `file:` or install the family"
    )


def test_a_ttc_face_is_chosen_by_index(tmp_path: Path) -> None:
    from fontTools.ttLib import TTCollection, TTFont

    a = _tiny_font(tmp_path / "a.ttf", "Face A", "AB")
    b = _tiny_font(tmp_path / "b.ttf", "Face B", "CD")
    collection = TTCollection()
    collection.fonts = [TTFont(str(a)), TTFont(str(b))]
    collection.save(str(tmp_path / "both.ttc"))
    fonts = role_fonts_from_spec(None, tmp_path / "both.ttc", None, 1)
    assert fonts.regular.family == "Face B"
    assert fonts.regular.covers("C") and not fonts.regular.covers("A")
    with pytest.raises(FontError, match="holds 2 faces; index 5 does not exist"):
        role_fonts_from_spec(None, tmp_path / "both.ttc", None, 5)


def test_uncovered_character_fails_check_with_its_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("spec.yaml").write_text(
        'zzreport: 1\ntitle: "郑州\ue000报告"\nsections:\n  - id: a\n    title: 一\n'
        "    blocks:\n      - kpis: [{label: 面积, value: 3, unit: \U0001f600}]\n",
        encoding="utf-8",
    )
    assert main(["check", "spec.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "spec.yaml:2:8: title: no font has the character U+E000 '\ue000': it would print as a box; "
        "add a font that has it to `theme.fonts.fallback`",
        "spec.yaml:7:44: sections[0].blocks[0].kpis[0].unit: no font has the character U+1F600 '\U0001f600' "
        "(GRINNING FACE): it would print as a box; add a font that has it to `theme.fonts.fallback`",
        "spec.yaml: 2 problems",
    ]
    assert main(["check", "--missing-glyphs", "warn", "spec.yaml"]) == 0
    captured = capsys.readouterr()
    assert "spec.yaml:2:8: title: warning: no font has the character U+E000" in captured.err
    assert captured.out.startswith("spec.yaml: ok")


def test_csv_cells_are_checked_too(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("类别,数量\n甲\ue001,1\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n      - table: {data: d.csv}\n",
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        zzreport.check(spec)
    assert [str(p).split(": ", 1)[0].rsplit("/", 1)[-1] for p in exc.value.problems] == ["d.csv:2:1"]
    assert "U+E001" in str(exc.value)


def test_only_the_data_columns_a_table_shows_are_checked(tmp_path: Path) -> None:
    """What is checked is what a reader would see: a column left out of the table cannot print as a box."""
    (tmp_path / "d.csv").write_text("类别,数量,备注\n甲,1,乙\ue001\n", encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    head = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一\n    blocks:\n"
    spec.write_text(head + "      - table: {data: {file: d.csv, columns: [类别, 数量]}}\n", encoding="utf-8")
    assert zzreport.check(spec).warnings == []
    spec.write_text(head + "      - table: {data: {file: d.csv, columns: [类别, 备注]}}\n", encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        zzreport.check(spec)
    assert [str(p).split(": ", 2)[:2] for p in exc.value.problems] == [[str(tmp_path / "d.csv") + ":2:3", "备注"]]


def test_texts_inside_blocks_are_located_at_their_own_key(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        'zzreport: 1\ntitle: 报告\nlabels: {source: "来\ue002"}\nsections:\n  - id: a\n    title: 一\n    blocks:\n'
        '      - table: {columns: [名称, 数量], rows: [["甲\ue001", 1]]}\n'
        '      - review: [{callout: {title: "注\ue003", text: 文}}]\n',
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as exc:
        zzreport.check(spec)
    located = [str(p).replace(str(tmp_path) + "/", "").split(": no font")[0] for p in exc.value.problems]
    assert located == [
        "spec.yaml:3:18: labels.source",
        "spec.yaml:8:44: sections[0].blocks[0].table.rows[0][0]",
        "spec.yaml:9:36: sections[0].blocks[1].review[0].callout.title",
    ]


def test_a_fallback_font_covers_what_the_bundled_ones_lack(tmp_path: Path) -> None:
    _tiny_font(tmp_path / "pua.ttf", "Private Use", "\ue000")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        'zzreport: 1\ntitle: "郑州\ue000"\nsections: [{id: a, title: 一}]\ntheme: {fonts: {fallback: [pua.ttf]}}\n',
        encoding="utf-8",
    )
    result = zzreport.check(spec)
    assert result.warnings == []
    face = FontSet.from_plan(result.document.font_plan).face_for("\ue000", "body")
    assert face is not None and face.family == "Private Use"


def test_an_installed_family_is_found_through_fontconfig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from zzreport.fonts.fontset import find_system_font

    require_tool("fontconfig (fc-match)", shutil.which("fc-match"))
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    font = _tiny_font(fonts / "installed.ttf", "Tiny Installed", "ABC")
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    found = find_system_font("Tiny Installed")
    assert found == (font, 0)
    fonts_for_role = role_fonts_from_spec("Tiny Installed", None, None, 0)
    assert fonts_for_role.regular.family == "Tiny Installed"
    assert find_system_font("Not Installed Anywhere") is None
