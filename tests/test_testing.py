"""``zzreport.testing``: the helpers a library user tests reports with read back what a reader sees.

They are checked against outputs whose content is known (a spec written here),
and the package itself must never import them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PIL import Image

import zzreport
from tests.helpers import require_tool
from zzreport.libreoffice import find_soffice
from zzreport.testing import (
    appears_wrapped,
    csv_text,
    deck_charts,
    flat,
    pdf_lines,
    pdf_page_texts,
    render_deck,
    render_pdf,
    slide_notes,
    slide_texts,
    unified_diff,
    write_spec,
)

PACKAGE = Path(zzreport.__file__).resolve().parent

SPEC = {
    "zzreport": 1,
    "title": "助手测试报告",
    "sections": [
        {
            "id": "a",
            "title": "第一节",
            "notes": "讲稿备注文字",
            "blocks": [
                {"paragraph": "助手段落文字。"},
                {
                    "figure": {
                        "kind": "line",
                        "title": "助手折线图",
                        "data": {"file": "data/trend.csv", "categories": "月份"},
                    }
                },
            ],
        }
    ],
}
CSV = csv_text([["月份", "指数"], ["一月", 1.5], ["二月", 2.5], ["三月", 3.0]])


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("helpers")
    spec = write_spec(folder, SPEC, files={"data/trend.csv": CSV})
    return {o.format: o.path for o in zzreport.build(spec, folder / "out")}


def test_write_spec_writes_the_spec_and_its_files_so_errors_have_lines(tmp_path: Path) -> None:
    spec = write_spec(tmp_path / "p", {**SPEC, "title": 12345678901234567890123}, files={"data/trend.csv": CSV})
    assert (tmp_path / "p" / "data" / "trend.csv").read_text(encoding="utf-8").startswith("月份,指数\n一月,1.5\n")
    assert zzreport.load(write_spec(tmp_path / "q", SPEC, files={"data/trend.csv": CSV})).title == "助手测试报告"
    with pytest.raises(zzreport.SpecError) as caught:
        zzreport.load(spec)
    assert f"{spec}:2:" in str(caught.value), "a written spec's errors point at its lines"


def test_pdf_texts_hold_what_the_pages_print(outputs: dict[str, Path]) -> None:
    pages = pdf_page_texts(outputs["pdf"])
    assert "助手测试报告" in pages[0]
    assert any("助手段落文字。" in page for page in pages)
    assert pdf_page_texts(outputs["pdf"].read_bytes()) == pages, "bytes and a path read the same"
    lines = pdf_lines(outputs["pdf"])
    assert all(line == flat(line) and line for line in lines)
    assert appears_wrapped("助手折线图", lines) and not appears_wrapped("不在报告里的词", lines)


def test_deck_readers_find_slides_notes_and_the_native_chart(outputs: dict[str, Path]) -> None:
    texts = slide_texts(outputs["pptx"])
    assert texts[0][0] == "助手测试报告"
    assert any("助手段落文字。" in text for slide in texts for text in slide)
    assert not any("讲稿备注文字" in text for slide in texts for text in slide), "notes are not slide text"
    assert any("讲稿备注文字" in notes for notes in slide_notes(outputs["pptx"]))
    [chart] = deck_charts(outputs["pptx"])
    assert chart.categories == ("一月", "二月", "三月") and chart.series == ("指数",)
    assert chart.chart_type.startswith("LINE") and chart.plots == ("LinePlot",)
    assert any("助手折线图" in text for text in texts[chart.slide - 1])


def test_render_pdf_writes_one_png_per_page_at_the_resolution_asked(outputs: dict[str, Path], tmp_path: Path) -> None:
    pngs = render_pdf(outputs["pdf"], tmp_path, dpi=36)
    assert len(pngs) == len(pdf_page_texts(outputs["pdf"]))
    with Image.open(pngs[0]) as page:
        assert page.size == (round(210 / 25.4 * 36), round(297 / 25.4 * 36))  # A4 at 36 dpi
        low, high = page.convert("L").getextrema()
        assert low < high, "the cover is not blank"


def test_render_deck_writes_one_png_per_slide(outputs: dict[str, Path], tmp_path: Path) -> None:
    require_tool("LibreOffice (soffice)", find_soffice())
    pngs = render_deck(outputs["pptx"], tmp_path, dpi=24)
    count = len(slide_texts(outputs["pptx"]))
    assert [p.name for p in pngs] == [f"slide-{i:0{len(str(count))}d}.png" for i in range(1, count + 1)]
    with Image.open(pngs[0]) as slide:
        assert slide.width > slide.height


def test_unified_diff_names_both_sides_and_the_changed_line() -> None:
    diff = unified_diff("a\nb\nc\n", "a\nB\nc\n", "golden", "now")
    assert diff.splitlines()[:2] == ["--- golden", "+++ now"]
    assert "-b" in diff.splitlines() and "+B" in diff.splitlines()
    assert unified_diff("same\n", "same\n") == ""


def test_the_package_never_imports_the_test_helpers() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "testing.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "zzreport.testing" for n in names):
                importers.append(path.relative_to(PACKAGE).as_posix())
    assert not importers, f"modules of the package import zzreport.testing: {importers}"
