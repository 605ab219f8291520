"""A face loaded from reportlab's stored reading must be the face reportlab would have parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from zzreport.app import faces as reportlab_faces
from zzreport.fonts.bundled import bundled_font_path


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_stored_face_equals_a_parsed_one(private_cache: Path) -> None:
    path = bundled_font_path("sans", 700)
    parsed = reportlab_faces.load_ttfont("ZZStoredA", path)  # parses and stores
    assert list((private_cache / "reportlab-faces").iterdir())
    stored = reportlab_faces.load_ttfont("ZZStoredA", path)
    fresh = TTFont("ZZStoredA", str(path))
    assert stored.face is not parsed.face
    assert set(vars(stored)) == set(vars(fresh))
    assert (stored.fontName, stored._asciiReadable, stored.shapable) == (
        fresh.fontName,
        fresh._asciiReadable,
        fresh.shapable,
    )
    ours, theirs = vars(stored.face), vars(fresh.face)
    assert set(ours) == set(theirs)
    unused = set() if reportlab_faces.SHAPING else {"glyphToChar"}  # read by shaping alone
    for key in set(theirs) - {"_pdfScale"} - unused:
        assert ours[key] == theirs[key], key
    assert [stored.face._pdfScale(v) for v in (0, 1, 880, -120)] == [fresh.face._pdfScale(v) for v in (0, 1, 880, -120)]
    text = "郑州2025年地区生产总值增长5.8%"
    chars = sorted({ord(c) for c in text})
    assert stored.face.makeSubset(chars) == fresh.face.makeSubset(chars)
    assert stored.stringWidth(text, 10.5) == fresh.stringWidth(text, 10.5)


def test_a_damaged_entry_is_parsed_again(private_cache: Path) -> None:
    path = bundled_font_path("serif", 400)
    reportlab_faces.load_ttfont("ZZStoredB", path)
    (entry,) = (private_cache / "reportlab-faces").iterdir()
    entry.write_bytes(b"not marshal data")
    font = reportlab_faces.load_ttfont("ZZStoredB", path)
    assert font.face.charToGlyph[ord("郑")]
    assert entry.read_bytes() != b"not marshal data"
