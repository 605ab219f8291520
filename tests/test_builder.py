"""``build()``, ``render()`` and ``write()``: the session a caller passes reaches every writer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import zzreport
from zzreport.writers.base import WriteContext
from zzreport.writers.docx.writer import DocxWriter
from zzreport.writers.pdf.writer import PdfWriter
from zzreport.writers.pptx.writer import PptxWriter

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "ok" / "minimal.yaml"


@pytest.fixture
def contexts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, WriteContext]]:
    seen: list[tuple[str, WriteContext]] = []
    for writer in (PdfWriter, PptxWriter, DocxWriter):
        original = writer.write

        def spy(self, document, out, context, original=original):  # type: ignore[no-untyped-def]
            seen.append((self.format, context))
            return original(self, document, out, context)

        monkeypatch.setattr(writer, "write", spy)
    return seen


def test_a_session_passed_to_build_reaches_every_writer(tmp_path: Path, contexts: list) -> None:
    session = zzreport.Session()
    zzreport.build(MINIMAL, tmp_path, session=session)
    assert sorted(fmt for fmt, _ in contexts) == ["docx", "pdf", "pptx"]
    assert all(context.session is session for _, context in contexts)


def test_each_build_without_a_session_has_its_own(tmp_path: Path, contexts: list) -> None:
    zzreport.build(MINIMAL, tmp_path / "a", ["pdf"])
    zzreport.build(MINIMAL, tmp_path / "b", ["pdf"])
    first, second = (context.session for _, context in contexts)
    assert first is not second


def test_render_and_write_pass_the_session(contexts: list) -> None:
    document = zzreport.check(MINIMAL).document
    session = zzreport.Session()
    data, _ = zzreport.render(document, "pdf", session=session)
    out = io.BytesIO()
    zzreport.write(document, "pdf", out, session=session)
    assert out.getvalue() == data and data.startswith(b"%PDF")
    assert [context.session for _, context in contexts] == [session, session]
