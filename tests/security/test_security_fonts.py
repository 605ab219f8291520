"""Damaged font files named by a spec: `check` finds what `build` would trip over, never a traceback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from tests.helpers import tiny_font
from zzreport.app.cli import main

SPEC = (
    "zzreport: 1\ntitle: Report\ntheme:\n  fonts:\n    body: {file: f.ttf}\n"
    "sections:\n  - id: a\n    title: One\n    blocks:\n      - paragraph: text\n"
)
WHERE = "s.yaml:5:18: theme.fonts.body.file: "


def without(table: str) -> bytes:
    font = TTFont(io.BytesIO(tiny_font()))
    del font[table]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


CASES: dict[str, tuple[bytes, str]] = {
    "truncated": (tiny_font()[:600], "f.ttf is damaged or truncated ("),
    "not a font": (b"hello", "f.ttf is not a readable TrueType font ("),
    "no cmap": (without("cmap"), "f.ttf lacks the cmap table, which every TrueType font needs"),
    "no hmtx": (without("hmtx"), "f.ttf lacks the hmtx table, which every TrueType font needs"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_fonts_are_located_by_check_and_build(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = CASES[case]
    monkeypatch.chdir(tmp_path)
    Path("f.ttf").write_bytes(data)
    Path("s.yaml").write_text(SPEC, encoding="utf-8")
    for args in (["check", "s.yaml"], ["build", "s.yaml", "-o", "out"]):
        assert main(args) == 1, args
        err = capsys.readouterr().err
        problems = [line for line in err.splitlines() if re.match(r"s\.yaml:\d", line)]
        assert len(problems) == 1, err
        assert problems[0].startswith(WHERE + message), problems[0]
        assert "Traceback" not in err and "internal error" not in err
    assert not Path("out").exists()


def test_a_sound_font_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same tiny font, undamaged, is accepted: the refusals above are about the damage."""
    monkeypatch.chdir(tmp_path)
    Path("f.ttf").write_bytes(tiny_font())
    Path("s.yaml").write_text(SPEC, encoding="utf-8")
    assert main(["build", "s.yaml", "-o", "out", "-q", "--format", "pdf"]) == 0
    assert Path("out/s.pdf").stat().st_size > 0
