"""Page economy: what the page breaks do, checked by reopening the PDF with pdfplumber.

A heading is never the last line of a page (its figure, cards or text on the next).
"""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest
import yaml

from zzreport.builder import build
from zzreport.testing import write_files

FILLER = "这是用来填充版面的正文文字，"


def headings_spec(count: int = 16, seed: int = 7) -> dict:
    """Headings at many heights of the page: fillers of random length, each heading followed by a figure,
    a row of cards, or a paragraph in turn."""
    rng = random.Random(seed)
    blocks: list[dict] = []
    for i in range(count):
        blocks.append({"paragraph": (FILLER * 40)[: rng.randint(20, 420)] + "。"})
        blocks.append({"heading": f"小标题第{i + 1}号"})
        kind = i % 3
        if kind == 0:
            series = [{"name": "值", "values": [1, 2, 3]}]
            blocks.append({"figure": {"kind": "column", "title": f"图{i + 1}", "categories": ["甲", "乙", "丙"],
                                      "series": series}})  # fmt: skip
        elif kind == 1:
            blocks.append({"kpis": [{"label": f"指标{k}", "value": 10 * k + 1, "unit": "家"} for k in range(1, 4)]})
        else:
            blocks.append({"paragraph": "后续段落文字。" * 30})
    return {"zzreport": 1, "title": "标题测试", "sections": [{"id": "a", "title": "一节", "blocks": blocks}]}


@pytest.fixture(scope="module")
def headings_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = yaml.safe_dump(headings_spec(), allow_unicode=True, sort_keys=False)
    folder = write_files(tmp_path_factory.mktemp("pages"), {"h.yaml": text})
    return build(folder / "h.yaml", folder / "out", ["pdf"])[0].path


def body_lines(page: pdfplumber.page.Page) -> list[str]:
    """The page's lines inside the text frame, top to bottom (no running header or footer)."""
    words = [w for w in page.extract_words() if page.height * 0.08 < w["top"] < page.height * 0.9]
    rows: dict[int, list[dict]] = {}
    for word in words:
        rows.setdefault(round(word["top"]), []).append(word)
    return ["".join(w["text"] for w in sorted(row, key=lambda w: w["x0"])) for _, row in sorted(rows.items())]


def test_no_heading_is_the_last_line_of_a_page(headings_pdf: Path) -> None:
    with pdfplumber.open(headings_pdf) as pdf:
        lasts = [lines[-1] for lines in map(body_lines, pdf.pages[2:]) if lines]
        every = [line for page in pdf.pages[2:] for line in body_lines(page)]
    assert sum(line.startswith("小标题第") for line in every) == 16  # each heading found
    stranded = [line for line in lasts if line.startswith("小标题第")]
    assert stranded == []


# --------------------------------------------------------------------------- figures pushed to the next page


def png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def figures_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pictures of one size after text of many lengths: some find the rest of a page a little short."""
    rng = random.Random(3)
    blocks: list[dict] = []
    for i in range(14):
        blocks.append({"paragraph": (FILLER * 60)[: rng.randint(40, 900)] + "。"})
        blocks.append({"image": {"path": "chart.png", "alt": f"图{i + 1}", "caption": f"图{i + 1} 说明"}})
    spec = {"zzreport": 1, "title": "图片测试", "sections": [{"id": "a", "title": "一节", "blocks": blocks}]}
    files = {"f.yaml": yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "chart.png": png(800, 500)}
    folder = write_files(tmp_path_factory.mktemp("figures"), files)
    return build(folder / "f.yaml", folder / "out", ["pdf"])[0].path


def test_a_figure_is_scaled_down_at_most_to_80_percent_rather_than_leave_a_gap(figures_pdf: Path) -> None:
    frame_bottom = 22 * 72 / 25.4  # the default bottom margin
    with pdfplumber.open(figures_pdf) as pdf:
        pages = pdf.pages[2:]
        images = [(n, img) for n, page in enumerate(pages) for img in page.images]
        full = max(img["width"] for _, img in images)
        assert len(images) == 14
        scales = [img["width"] / full for _, img in images]
        assert min(scales) >= 0.8 - 1e-6
        assert any(s < 0.99 for s in scales)  # some were shrunk to stay on their page
        full_height = max(img["height"] for _, img in images)
        for n, img in images:
            page = pages[n]
            at_top = not [c for c in page.chars if page.height * 0.08 < c["top"] < img["top"]]
            if not at_top or n == 0:
                continue
            before = pages[n - 1]
            inked = [c["bottom"] for c in before.chars if c["bottom"] < before.height * 0.9]
            inked += [i["bottom"] for i in before.images]
            gap = before.height - frame_bottom - max(inked)
            # Moved to this page only when 80% of it (and its caption) would not have fitted there.
            assert gap < 0.8 * full_height + 30, (n, gap)


# --------------------------------------------------------------------------- contents


@pytest.fixture(scope="module")
def showcase_contents() -> pdfplumber.page.Page:
    root = Path(__file__).resolve().parents[3]
    out = Path(__import__("tempfile").mkdtemp(prefix="contents-"))
    path = build(root / "specs" / "showcase.yaml", out, ["pdf"])[0].path
    return pdfplumber.open(path).pages[1]


def test_contents_leader_dots_stop_short_of_the_page_numbers(showcase_contents: pdfplumber.page.Page) -> None:
    page = showcase_contents
    rows: dict[int, list[dict]] = {}
    for char in page.chars:
        if page.height * 0.15 < char["top"] < page.height * 0.9:
            rows.setdefault(round(char["top"]), []).append(char)
    entries = [sorted(r, key=lambda c: c["x0"]) for r in rows.values() if any(c["text"] == "." for c in r)]
    assert len(entries) >= 5
    ends = set()
    for row in entries:
        dots = [c for c in row if c["text"] == "."]
        number = [c for c in row if c["x0"] > dots[-1]["x1"]]
        assert number and "".join(c["text"] for c in number).isdigit()
        assert number[0]["x0"] - dots[-1]["x1"] >= 0.4 * number[0]["size"]  # never touching the number
        title_end = max(c["x1"] for c in row if c["x1"] <= dots[0]["x0"])
        assert dots[0]["x0"] - title_end >= 0.4 * number[0]["size"]  # nor the title
        ends.add(round(dots[-1]["x0"], 1))
    assert len(ends) == 1  # one grid: the leaders end in one column


# --------------------------------------------------------------------------- compact front matter


def front_spec(on_cover: bool, sections: int) -> str:
    spec = {
        "zzreport": 1,
        "title": "简短报告",
        "theme": {"page": {"contents_on_cover": on_cover}},
        "sections": [
            {"id": f"s{i}", "title": f"第{i}节", "blocks": [{"paragraph": "正文。"}]} for i in range(1, sections + 1)
        ],
    }
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)


@pytest.mark.parametrize(("on_cover", "sections", "page"), [(True, 3, 0), (False, 3, 1), (True, 60, 1)])
def test_contents_on_cover_sets_short_contents_below_the_cover(
    tmp_path: Path, on_cover: bool, sections: int, page: int
) -> None:
    folder = write_files(tmp_path, {"f.yaml": front_spec(on_cover, sections)})
    path = build(folder / "f.yaml", folder / "out", ["pdf"])[0].path
    with pdfplumber.open(path) as pdf:
        texts = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
    assert "简短报告" in texts[0]
    holder = next(n for n, text in enumerate(texts) if "目录" in text)
    assert holder == page  # short contents on the cover; long ones on a page of their own
    assert "第1节" in texts[holder] and ("第1节" in texts[holder + 1]) == (sections <= 3 or not on_cover)
