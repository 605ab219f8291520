"""Caches that make rebuilds fast must never hand one document's layout to another.

Line breaks, widths and wrapped labels are kept for the whole process (a
watch loop or a service rebuilds with most text unchanged). These tests
check that what reaches the page still depends on everything it should:
the colour of a run, the font chain of a role, and that callers can change
what they were given without changing the next answer.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

from zzreport.fonts.bundled import bundled_font_path
from zzreport.fonts.fontset import FontSet, bundled
from zzreport.fonts.linebreak import Run
from zzreport.writers.pdf.flowables import wrap_lines
from zzreport.writers.pdf.paragraph import CJKParagraph, RunStyle
from zzreport.writers.pdf.styles import TextStyle
from zzreport.writers.pdf.text import TextMaker

FONT = "ZZCacheTestSerif"
TEXT = "郑州市地区生产总值增长5.8%，规上工业增加值增长9.4%。"


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(bundled_font_path("serif", 400))))


def test_same_text_in_two_colours_draws_two_colours(tmp_path: Path) -> None:
    _register()
    red, blue = HexColor("#B3282D"), HexColor("#1F4E79")
    story = [CJKParagraph([Run(TEXT, RunStyle(FONT, 10.5, color))]) for color in (red, blue, "#2E7D32")]
    path = tmp_path / "colours.pdf"
    SimpleDocTemplate(str(path)).build(story)
    with pdfplumber.open(path) as pdf:
        colours = {tuple(round(v, 3) for v in c["non_stroking_color"]) for c in pdf.pages[0].chars}
    expected = {tuple(round(v, 3) for v in c.rgb()) for c in (red, blue, HexColor("#2E7D32"))}
    assert colours == expected


def test_wrapped_lines_are_the_callers_own() -> None:
    maker = TextMaker(FontSet.default())
    style = TextStyle(role="body", size=10.5, leading=16, color="#000000", bold=False)
    first = wrap_lines(maker, TEXT, style, 80)
    assert len(first) > 1
    first.append("changed by the caller")
    assert wrap_lines(maker, TEXT, style, 80) == first[:-1]


def test_width_follows_a_replaced_role() -> None:
    fonts = FontSet.default()
    serif = fonts.width(TEXT, "body", 10.5)
    fonts.roles["body"] = bundled("sans")
    sans = fonts.width(TEXT, "body", 10.5)
    assert sans != serif
    assert fonts.face_for("郑", "body") is bundled("sans").regular


def test_two_files_with_one_postscript_name_are_measured_apart() -> None:
    """Widths are kept per font file: a same-named face from another file must not borrow them."""
    from zzreport.fonts.bundled import bundled_font_path
    from zzreport.fonts.fontset import Face, RoleFonts

    def renamed(family: str) -> Face:
        face = Face(bundled_font_path(family, 400))  # a fresh Face, not the process-wide one
        face.__dict__["_data"] = face._data._replace(postscript_name="MyFont-Regular")
        return face

    sans, serif = renamed("sans"), renamed("serif")
    assert sans.key == serif.key
    first, second = FontSet.default(), FontSet.default()
    first.roles["body"] = RoleFonts(sans, sans)
    second.roles["body"] = RoleFonts(serif, serif)
    text = "郑州2025年GDP增长5.8%，creating momentum"
    assert first.width(text, "body", 10.5) != second.width(text, "body", 10.5)
    expected = sum(serif.advance(c) for c in text) * 10.5
    assert abs(second.width(text, "body", 10.5) - expected) < 1e-9


def test_a_second_file_of_one_name_is_registered_under_its_own_name() -> None:
    """reportlab keeps one font per name: a later face of the same name must not draw with the earlier one."""
    from zzreport.figures.reportlab_faces import register_face
    from zzreport.fonts.bundled import bundled_font_path
    from zzreport.fonts.fontset import Face

    faces = []
    for family in ("sans", "serif"):
        face = Face(bundled_font_path(family, 700))
        face.__dict__["_data"] = face._data._replace(postscript_name="ZZSameName-Bold")
        faces.append(face)
    names = [register_face(face) for face in faces]
    assert names[0] != names[1] and all(name.startswith("ZZSameName-Bold") for name in names)
    assert register_face(faces[0]) == names[0]  # once per face
    widths = [pdfmetrics.stringWidth("郑州报告", name, 10) for name in names]
    assert widths == [sum(face.advance(c) for c in "郑州报告") * 10 for face in faces]


def test_a_font_file_replaced_in_place_is_read_afresh(tmp_path: Path) -> None:
    """A watch loop sees a font replaced under the same path: its metrics must be the new file's."""
    import os
    import shutil

    from zzreport.fonts.bundled import bundled_font_path
    from zzreport.fonts.fontset import face_at

    path = tmp_path / "brand.ttf"
    shutil.copyfile(bundled_font_path("sans", 400), path)
    before = face_at(path)
    assert before.family == "Noto Sans SC" and face_at(path) is before
    shutil.copyfile(bundled_font_path("serif", 700), path)
    os.utime(path, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    after = face_at(path)
    assert after is not before and after.family == "Noto Serif SC" and after.weight == 700
