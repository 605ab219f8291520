"""``theme.embed_fonts``: one choice of the fonts every editable output carries; ``slides.embed_fonts`` the deck's own.

Seen as a user would: the deck reopened (its font parts there or not) and
the document's theme as the writers get it; a wrong value is a located
error and exit 1.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

import zzreport
from zzreport.app.cli import main
from zzreport.testing import write_spec
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

SPEC: dict[str, Any] = {
    "zzreport": 1,
    "title": "郑州市政府工作报告",
    "sections": [{"id": "a", "title": "创新发展", "blocks": [{"paragraph": "省实验室增至18家。"}]}],
}


def _document(tmp_path: Path, theme: dict[str, Any] | None) -> zzreport.ir.Document:
    spec = dict(SPEC, theme=theme) if theme is not None else SPEC
    return zzreport.resolve(zzreport.load(write_spec(tmp_path, spec)))


def _deck_fonts(document: zzreport.ir.Document) -> list[str]:
    out = io.BytesIO()
    PptxWriter().write(document, out, WriteContext())
    with zipfile.ZipFile(out) as z:
        return [name for name in z.namelist() if name.startswith("ppt/fonts/")]


@pytest.mark.parametrize(
    ("theme", "every", "deck"),
    [
        (None, "common", "used"),  # the Word document keeps common characters; the deck what it uses
        ({"embed_fonts": "none"}, "none", "none"),
        ({"embed_fonts": "common"}, "common", "common"),
        ({"embed_fonts": "none", "slides": {"embed_fonts": "used"}}, "none", "used"),
        ({"slides": {"embed_fonts": "none"}}, "common", "none"),
        ({"embed_fonts": "used"}, "used", "used"),
    ],
)
def test_the_deck_follows_the_theme_unless_its_own_choice_is_given(
    tmp_path: Path, theme: dict[str, Any] | None, every: str, deck: str
) -> None:
    document = _document(tmp_path, theme)
    assert (document.theme.embed_fonts, document.theme.slides.embed_fonts) == (every, deck)


def test_embed_fonts_none_leaves_the_fonts_out_of_the_deck(tmp_path: Path) -> None:
    assert _deck_fonts(_document(tmp_path / "used", None))
    assert not _deck_fonts(_document(tmp_path / "none", {"embed_fonts": "none"}))


def test_a_wrong_choice_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(
        "zzreport: 1\ntitle: 报告\ntheme:\n  embed_fonts: all\n"
        "sections:\n  - {id: a, title: 创新, blocks: [{paragraph: 文字}]}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "report.yaml:4:16: theme.embed_fonts: expected 'used', 'common' or 'none', got 'all'" in err
    assert "Traceback" not in err
