"""The deck tells a story: action titles, the summary up front, dividers by the theme, notes where they belong.

Each test reopens a built deck with python-pptx and checks what a presenter
would notice: the slide order, each slide's title, the colours of a divider,
the speaker notes on each slide.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_FILL

import zzreport
from zzreport.ir import Document
from zzreport.testing import write_spec
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
LONG = "第{}条：围绕重点产业链布局，打造科教产一体化创新集聚区，推动科技创新和产业创新深度融合发展。"

SPEC: dict[str, Any] = {
    "zzreport": 1,
    "title": "故事线测试",
    "lead": "导语一句。",
    "summary": ["第一节：要点甲", "第二节：要点乙"],
    "notes": {"cover": "封面讲稿", "summary": "要点讲稿", "contents": "目录讲稿"},
    "sections": [
        {
            "id": "first",
            "tag": "关键词",
            "title": "第一节",
            "takeaway": "第一节的要点在这里",
            "notes": "第一节讲稿",
            "blocks": [
                {"paragraph": "第一节的要点 在这里。"},  # says the takeaway again: left out
                {"paragraph": "开篇正文段落。", "notes": "开篇段落讲稿"},
                {"bullets": [LONG.format(i + 1) for i in range(24)], "notes": "长列表讲稿"},
                {
                    "figure": {
                        "kind": "column",
                        "title": "图自身的标题",
                        "categories": ["甲", "乙"],
                        "series": [{"name": "数量", "values": [3, 5]}],
                    },
                    "title": "乙比甲多三分之二",
                    "notes": "图表讲稿",
                },
            ],
        },
        {
            "id": "second",
            "tag": "关键词",
            "title": "第二节",
            "takeaway": "第二节的要点",
            "notes": "第二节讲稿",
            "blocks": [
                {"paragraph": "第二节第一段。", "title": "第二节自己的标题"},
                {"paragraph": "第二节第二段。"},
                {"paragraph": "单独成页的一段。", "title": "另起一页的标题", "notes": "另起一页讲稿"},
                {"review": [{"bullets": ["回顾一条"]}], "plan": [{"bullets": ["第二节的要点！"]}], "notes": "对照讲稿"},
            ],
        },
    ],
}


def build(tmp_path: Path, spec: dict[str, Any]) -> tuple[Document, Any]:
    document = zzreport.resolve(zzreport.load(write_spec(tmp_path, spec)))
    out = io.BytesIO()
    PptxWriter().write(document, out, WriteContext())
    return document, Presentation(io.BytesIO(out.getvalue()))


def with_dividers(mode: str | None) -> dict[str, Any]:
    spec = dict(SPEC)
    if mode is not None:
        spec["theme"] = {"slides": {"dividers": mode}}
    return spec


@pytest.fixture(scope="module", params=["compact", "full", "none"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Document, Any]:
    mode = request.param
    document, prs = build(tmp_path_factory.mktemp(mode), with_dividers(None if mode == "compact" else mode))
    return mode, document, prs


def background_of(slide: Any) -> RGBColor | None:
    """The solid colour the slide shows behind its shapes: its own background, else its layout's."""
    fill = slide.slide_layout.background.fill if slide.follow_master_background else slide.background.fill
    return fill.fore_color.rgb if fill.type == MSO_FILL.SOLID else None


def title_paragraphs(slide: Any) -> list[str]:
    for shape in slide.shapes:
        if shape.name == "Title" or (shape.is_placeholder and shape.placeholder_format.idx == 0):
            return [p.text.replace("\v", "") for p in shape.text_frame.paragraphs]
    return [""]


def title_of(slide: Any) -> str:
    """The slide's title, without the eyebrow (tag and number) a section without a divider puts above it."""
    return title_paragraphs(slide)[-1]


def eyebrow_of(slide: Any) -> str:
    paragraphs = title_paragraphs(slide)
    return paragraphs[0] if len(paragraphs) > 1 else ""


def is_divider(slide: Any) -> bool:
    return any(shape.name.startswith("Divider") for shape in slide.shapes)


def texts_of(slide: Any) -> list[str]:
    """Every paragraph a reader sees on the slide (measured line breaks joined)."""
    return [
        p.text.replace("\v", "") for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
    ]


def notes_of(slide: Any) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def comparable(text: str) -> str:
    return re.sub(r"[\s\W_]", "", text)


def first_slide_with(slides: list[Any], found: Callable[[Any], bool]) -> int:
    return next(i for i, slide in enumerate(slides) if found(slide))


def test_the_summary_comes_after_the_cover_and_lead_and_before_the_contents(built) -> None:
    _, document, prs = built
    titles = [title_of(slide) for slide in prs.slides]
    assert "导语一句。" in "".join(texts_of(prs.slides[0]))  # the lead fits on the cover
    assert titles[1] == document.labels.key_points == "核心要点"
    assert titles[2] == document.labels.contents
    summary = "".join(texts_of(prs.slides[1]))
    assert "第一节：要点甲" in summary and "第二节：要点乙" in summary
    # said once: no closing summary slide, no contents entry for it
    assert titles.count(document.labels.key_points) == 1 and document.labels.summary not in titles
    assert not any(document.labels.key_points in t for t in texts_of(prs.slides[2]))


def test_each_sections_first_content_slide_says_its_point(built) -> None:
    mode, _, prs = built
    slides = list(prs.slides)
    content = [i for i, slide in enumerate(slides) if i > 2 and not is_divider(slide)]
    titles = [title_of(slides[i]) for i in content]
    # 第一节: the takeaway titles its first slide, "（续）" its continuations, the figure its block title
    assert titles[0] == "第一节的要点在这里"
    assert titles[1] == "第一节（续）"
    figure_slide = slides[content[titles.index("乙比甲多三分之二")]]
    assert "图自身的标题" in "".join(texts_of(figure_slide)), "the figure's own title stays, in its caption"
    # 第二节: its first block's title wins; a titled block opens a slide of its own
    second = titles.index("第二节自己的标题")
    assert titles[second + 1] == "另起一页的标题"
    assert "单独成页的一段。" in texts_of(slides[content[second + 1]])
    assert "第二节第二段。" in texts_of(slides[content[second]])
    eyebrows = {i: eyebrow_of(slides[i]) for i in content if eyebrow_of(slides[i])}
    if mode == "none":  # the section's tag and number stand in its first slide's title area
        assert eyebrows == {content[0]: "关键词 · 01", content[second]: "关键词 · 02"}
    else:
        assert eyebrows == {}


def test_no_text_repeats_the_takeaway_it_stands_under(built) -> None:
    mode, document, prs = built
    slides = list(prs.slides)
    for section in document.sections:
        said = comparable(section.takeaway)
        repeats = [
            i
            for i, slide in enumerate(slides)
            if not is_divider(slide) and i > 1
            for text in texts_of(slide)
            if comparable(text) == said and text not in title_paragraphs(slide)
        ]
        if mode == "none" and section.id == "second":  # its takeaway is shown nowhere else: the bullet stays
            assert repeats
        else:
            assert not repeats, (section.id, repeats)


def test_dividers_follow_the_theme(built) -> None:
    mode, document, prs = built
    dividers = [slide for slide in prs.slides if is_divider(slide)]
    primary = RGBColor.from_string(document.theme.colors.primary.lstrip("#"))
    if mode == "none":
        assert dividers == []
        return
    assert len(dividers) == len(document.sections)
    for slide, section in zip(dividers, document.sections, strict=True):
        texts = "".join(texts_of(slide))
        assert section.title in texts and section.takeaway in texts and section.number_text in texts
        page = background_of(slide)
        full = page == primary or any(
            shape.width >= prs.slide_width * 0.9
            and shape.height >= prs.slide_height * 0.9
            and shape.fill.type == MSO_FILL.SOLID
            and shape.fill.fore_color.rgb == primary
            for shape in slide.shapes
        )
        assert full == (mode == "full"), "a compact divider is no full-colour page"
        assert section.title in title_paragraphs(slide), "the divider's title is its title placeholder"
        if mode == "compact":
            assert page == RGBColor.from_string(document.theme.colors.background.lstrip("#"))
        if mode == "compact":
            painted = sum(
                shape.width * shape.height
                for shape in slide.shapes
                if not shape.has_text_frame or not shape.text_frame.text
                if shape.fill.type == MSO_FILL.SOLID
            )
            assert painted < prs.slide_width * prs.slide_height * 0.05


def test_notes_sit_on_exactly_the_first_slide_of_what_they_belong_to(built) -> None:
    mode, document, prs = built
    slides = list(prs.slides)
    notes = [notes_of(slide) for slide in slides]
    expected = {
        "封面讲稿": 0,
        "要点讲稿": 1,
        "目录讲稿": 2,
        "开篇段落讲稿": first_slide_with(slides, lambda s: "开篇正文段落。" in texts_of(s)),
        "长列表讲稿": first_slide_with(slides, lambda s: LONG.format(1) in texts_of(s)),
        "图表讲稿": first_slide_with(slides, lambda s: title_of(s) == "乙比甲多三分之二"),
        "另起一页讲稿": first_slide_with(slides, lambda s: title_of(s) == "另起一页的标题"),
        "对照讲稿": first_slide_with(slides, lambda s: "回顾一条" in texts_of(s)),
    }
    for number, section in enumerate(document.sections):
        opening = [i for i, s in enumerate(slides) if section.title in "".join(texts_of(s)) and i > 2]
        if mode == "none":
            opening = [first_slide_with(slides, lambda s, n=number: eyebrow_of(s) == f"关键词 · 0{n + 1}")]
        expected[section.notes] = opening[0]
    for text, slide in expected.items():
        holding = [i for i, page in enumerate(notes) if text in page]
        assert holding == [slide], (text, holding, slide)
    # the long list runs over several slides; its notes are on its first only
    assert sum(1 for s in slides if any("条：围绕" in t for t in texts_of(s))) >= 2
    # notes flow as text: one paragraph per note, no line breaks inside
    for slide in slides:
        if slide.has_notes_slide:
            assert "\v" not in slide.notes_slide.notes_text_frame.text


def test_the_example_deck_opens_with_its_summary_and_titles_its_sections_by_their_points(tmp_path: Path) -> None:
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / "zhengzhou-2025.yaml"))
    out = io.BytesIO()
    PptxWriter().write(document, out, WriteContext())
    slides = list(Presentation(io.BytesIO(out.getvalue())).slides)
    assert [title_of(s) for s in slides[1:3]] == [document.labels.key_points, document.labels.contents]
    dividers = [i for i, slide in enumerate(slides) if is_divider(slide)]
    assert len(dividers) == len(document.sections)
    for i, section in zip(dividers, document.sections, strict=True):
        first = slides[i + 1]
        own = next((b.headline.text for b in section.blocks if b.headline is not None), None)
        assert title_of(first) in {section.takeaway, own}, section.id
        said = comparable(section.takeaway)
        end = dividers[dividers.index(i) + 1] if i != dividers[-1] else len(slides)
        for slide in slides[i + 1 : end]:
            assert not any(comparable(t) == said for t in texts_of(slide) if t != title_of(slide)), section.id
