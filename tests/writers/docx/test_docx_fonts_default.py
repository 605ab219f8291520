"""The registered Word document carries its fonts by default, and a reader's edit in common Chinese still shows.

Built through the registry as ``zzreport build`` builds it (no embedding
choice in the spec), reopened and rendered by LibreOffice as a reader's
machine without Noto SC would: the text is set in the embedded faces, and
hanzi a reader types after the build, none of which the document held, are
drawn, not boxes. The control, the same edit under ``embed_fonts: used``,
shows the trap the default avoids: LibreOffice draws its ``.notdef`` box
for every character the subset lacks (and, where Noto SC is installed,
takes the subset for the whole face in some runs, so the box is there too).
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest

import zzreport
from tests.helpers import require_tool
from tests.writers.docx.reader import open_docx, paragraph_texts
from tests.writers.docx.test_font_embedding import _fonts_by_character, _fonts_without_noto
from zzreport.fonts.embedding import common_characters
from zzreport.libreoffice import find_soffice
from zzreport.testing import write_spec

SPEC: dict[str, Any] = {
    "zzreport": 1,
    "title": "郑州市政府工作报告",
    "sections": [{"id": "a", "title": "创新发展", "blocks": [{"paragraph": "省实验室增至18家，高新技术企业5800家。"}]}],
}
NOTO = {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"}


def built(folder: Path, theme: dict[str, Any] | None = None) -> bytes:
    spec = write_spec(folder, dict(SPEC, theme=theme) if theme else SPEC)
    data, result = zzreport.render(zzreport.resolve(zzreport.load(spec)), "docx")
    assert result.embedded_font_bytes > 0
    return data


def typed_characters(document: bytes) -> str:
    """Three hanzi of GB2312 level 1 the document does not hold, as a reader might type them."""
    held = set("".join(paragraph_texts(document)))
    level_1 = sorted(c for c in common_characters() if "\u4e00" <= c <= "\u9fff" and c not in held)
    return "".join(level_1[i] for i in (100, 1000, 2000))


def edited(document: bytes, typed: str) -> bytes:
    """The document with a body paragraph a reader typed (python-docx), saved again."""
    word = open_docx(document)
    body = next(p for p in word.paragraphs if p.text.startswith("省实验室"))
    body.insert_paragraph_before(typed * 4, style=body.style)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def drawn(pdf: Path, typed: str) -> tuple[str, list[bytes]]:
    """The typed paragraph's text as a reader's PDF tool extracts it, and each typed character's bitmap."""
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if any(c["text"] in typed for c in p.chars))
        chars = [c for c in page.chars if c["text"] in typed]
        number = page.page_number
    rendered = pypdfium2.PdfDocument(str(pdf))
    try:
        image = rendered[number - 1].render(scale=4).to_pil().convert("1")
    finally:
        rendered.close()
    bitmaps = [
        image.crop(tuple(int(c[k] * 4) for k in ("x0", "top", "x1", "bottom"))).resize((32, 32)).tobytes()
        for c in chars[: len(typed)]
    ]
    return "".join(c["text"] for c in chars), bitmaps


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("word-fonts")
    return {"default": built(folder / "default"), "used": built(folder / "used", {"embed_fonts": "used"})}


def test_the_default_build_embeds_the_faces_with_common_chinese(documents: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(documents["default"])) as package:
        parts = [n for n in package.namelist() if n.startswith("word/fonts/") and n.endswith(".odttf")]
        settings = package.read("word/settings.xml")
    assert len(parts) >= 2, parts  # Song and Hei, regular and bold where the document uses them
    assert b"embedTrueTypeFonts" in settings and b"saveSubsetFonts" not in settings
    assert len(documents["default"]) > len(documents["used"]) + 1_000_000  # GB2312 level 1 in every face


def printed_without_noto(document: bytes, folder: Path) -> Path:
    """``document`` as LibreOffice prints it on a machine without Noto SC (a profile of its own)."""
    soffice = find_soffice()
    require_tool("LibreOffice", soffice)
    assert soffice is not None
    (folder / "report.docx").write_bytes(document)
    env = dict(os.environ, FONTCONFIG_FILE=str(_fonts_without_noto(folder)))
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(folder / "report.docx")],
        capture_output=True, env=env, timeout=240, check=True,
    )  # fmt: skip
    return folder / "report.pdf"


def test_libreoffice_without_noto_sets_the_document_in_its_embedded_faces(
    documents: dict[str, bytes], tmp_path: Path
) -> None:
    seen = _fonts_by_character(printed_without_noto(documents["default"], tmp_path))
    expected = {c for c in "郑州市政府工作报告创新发展省实验室增至高新技术企业家"}
    assert expected <= set(seen), f"lost in the render: {''.join(sorted(expected - set(seen)))}"
    assert {face for c in expected for face in seen[c]} <= NOTO, {c: seen[c] for c in expected}


@pytest.mark.parametrize(("mode", "shows"), [("default", True), ("used", False)])
def test_hanzi_typed_after_the_build_show_under_the_default(
    documents: dict[str, bytes], mode: str, shows: bool, tmp_path: Path
) -> None:
    typed = typed_characters(documents[mode])
    # On a machine without Noto SC: where it is installed, LibreOffice takes now the embedded subset, now the
    # installed face of the same name for a character the subset lacks, so the control would draw it one run in six.
    text, bitmaps = drawn(printed_without_noto(edited(documents[mode], typed), tmp_path), typed)
    distinct = len(set(bitmaps)) == len(typed)  # boxes all look alike; three hanzi do not
    assert (text.startswith(typed) and distinct) is shows, (mode, text, len(set(bitmaps)))
