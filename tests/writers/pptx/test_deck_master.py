"""Our own master: named layouts on our grid, every slide's title in its title placeholder, live footers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

import zzreport
from tests.writers.pptx.test_pptx_writer import build, make_corporate_template, outside, overflows
from zzreport.writers.pptx.layout import Geometry

ROOT = Path(__file__).resolve().parents[3]
ZH_LAYOUTS = ["标题幻灯片", "标题和内容", "节标题", "两栏内容", "仅标题", "空白"]
EN_LAYOUTS = ["Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank"]


def deck_of(document):
    return Presentation(io.BytesIO(build(document)[0]))


@pytest.fixture(scope="module")
def examples():
    out = {}
    for name in ("zhengzhou-2025", "showcase"):
        document = zzreport.resolve(zzreport.load(ROOT / "specs" / f"{name}.yaml"))
        out[name] = (document, deck_of(document))
    return out


def small_spec(**extra) -> dict:
    return {
        "zzreport": 1,
        "title": "季度简报",
        "subtitle": "副标题",
        "sections": [
            {
                "id": "a",
                "title": "第一节",
                "takeaway": "要点",
                "blocks": [{"paragraph": "正文段落。"}, {"bullets": ["一", "二"]}],
            }
        ],
        **extra,
    }


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("corp")
    make_corporate_template(folder / "corp.pptx")
    spec = small_spec(theme={"slides": {"template": "corp.pptx"}})
    document = zzreport.resolve(zzreport.load_dict(spec, base_dir=folder))
    return document, deck_of(document)


def shown_titles(document, prs) -> list[str]:
    """What each slide shows as its title: the cover's report title, a divider's section title, a content
    slide's title text (the only text named "Title")."""
    sections = {s.title for s in document.sections}
    out = []
    for number, slide in enumerate(prs.slides):
        names = {s.name: s for s in slide.shapes}
        if number == 0:
            out.append(document.meta.title)
        elif "Divider 1" in names:
            out.append(names["Divider 1"].text_frame.text)
            assert out[-1] in sections
        else:
            out.append(names["Title"].text_frame.text)
    return out


def test_every_slide_title_is_its_title_placeholder(examples, corporate) -> None:
    for name, (document, prs) in [*examples.items(), ("corporate", corporate)]:
        titles = shown_titles(document, prs)
        for number, (slide, title) in enumerate(zip(prs.slides, titles, strict=True), start=1):
            placeholder = slide.shapes.title
            assert placeholder is not None, f"{name} slide {number}: no title placeholder"
            assert placeholder.text_frame.text.replace("\v", "") == title.replace("\v", ""), f"{name} {number}"


def test_layouts_are_the_six_named_in_the_reports_language(examples, tmp_path: Path) -> None:
    _, prs = examples["zhengzhou-2025"]
    assert [layout.name for layout in prs.slide_layouts] == ZH_LAYOUTS
    english = zzreport.resolve(zzreport.load_dict(small_spec(language="en-GB"), base_dir=tmp_path))
    assert [layout.name for layout in deck_of(english).slide_layouts] == EN_LAYOUTS
    kinds = {slide.slide_layout.name for slide in prs.slides}
    assert {"标题幻灯片", "节标题", "仅标题"} <= kinds


@pytest.mark.parametrize("size", ["16:9", "16:10", "4:3"])
def test_master_and_layout_placeholders_are_on_our_grid(size: str, tmp_path: Path) -> None:
    document = zzreport.resolve(zzreport.load_dict(small_spec(theme={"slides": {"size": size}}), base_dir=tmp_path))
    prs = deck_of(document)
    width, height = prs.slide_width, prs.slide_height
    geo = Geometry.for_size(width, height)
    owners = [prs.slide_master, *prs.slide_layouts]
    for owner in owners:
        for ph in owner.placeholders:
            assert ph.left >= 0 and ph.left + ph.width <= width, (owner.name, ph.name)
            assert ph.top >= 0 and ph.top + ph.height <= height, (owner.name, ph.name)
            kind = ph.placeholder_format.type
            assert kind != PP_PLACEHOLDER.DATE
            if kind == PP_PLACEHOLDER.TITLE and owner.name not in ("节标题", "Section Header"):
                assert (ph.left, ph.top, ph.width, ph.height) == (geo.title.left, geo.title.top, geo.title.width,
                                                                  geo.title.height)  # fmt: skip
            if kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) and owner.name in ("标题和内容", ""):
                assert (ph.left, ph.width) == (geo.content.left, geo.content.width)
        boxes = [(ph.left, ph.left + ph.width) for ph in owner.placeholders]
        right = max(r for _, r in boxes)
        assert right >= width - geo.margin - 1, f"{owner.name}: placeholders squeezed to the left ({right} of {width})"
    two = [ph for ph in prs.slide_layouts[3].placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    assert [(ph.left, ph.width) for ph in two] == [(c.left, c.width) for c in geo.columns(2)]
    body = document.theme.slides.body_font_size
    for layout in (prs.slide_layouts[1], prs.slide_layouts[3]):  # text a user types is the deck's body size
        for ph in layout.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT:
                sizes = [int(e.get("sz")) for e in ph.element.iter(qn("a:defRPr"))]
                assert sizes[0] == round(body * 100) and sizes == sorted(sizes, reverse=True), (layout.name, sizes)


def test_a_new_slide_from_title_and_content_sits_on_our_grid(examples, tmp_path: Path) -> None:
    copy = io.BytesIO()
    examples["zhengzhou-2025"][1].save(copy)
    prs = Presentation(copy)  # the module's deck stays as built
    geo = Geometry.for_size(prs.slide_width, prs.slide_height)
    layout = next(layout for layout in prs.slide_layouts if layout.name == "标题和内容")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "新增幻灯片"
    body = slide.placeholders[1]
    body.text_frame.text = "第一条要点"
    assert (slide.shapes.title.left, slide.shapes.title.width) == (geo.title.left, geo.title.width)
    assert (body.left, body.top, body.width, body.height) == (
        geo.content.left,
        geo.content.top,
        geo.content.width,
        geo.content.height,
    )
    names = {s.name for s in layout.shapes}
    assert {"Title bar", "Title rule"} <= names, "the layout carries the title's accent bar and rule"
    out = tmp_path / "edited.pptx"
    prs.save(out)
    assert Presentation(out).slides[-1].shapes.title.text == "新增幻灯片"


def test_slide_numbers_are_fields_in_placeholders_and_no_placeholder_is_empty(examples, corporate) -> None:
    for name, (_, prs) in [*examples.items(), ("corporate", corporate)]:
        numbered = 0
        for number, slide in enumerate(prs.slides, start=1):
            for ph in slide.placeholders:
                assert ph.has_text_frame and ph.text_frame.text.strip(), f"{name} slide {number}: empty {ph.name}"
                if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                    fields = ph.element.findall(f".//{qn('a:fld')}")
                    assert [f.get("type") for f in fields] == ["slidenum"]
                    assert fields[0].findtext(qn("a:t")) == str(number)
                    numbered += 1
                if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
                    assert ph.name == "Footer"
        openers = [s for s in prs.slides if s.slide_layout.name in ("标题幻灯片", "节标题")]
        assert numbered == len(prs.slides) - len(openers), name


def test_contents_entries_jump_to_their_sections(examples) -> None:
    from pptx.enum.action import PP_ACTION

    for name, (document, prs) in examples.items():
        slides = list(prs.slides)
        number_of = {slide.slide_id: k for k, slide in enumerate(slides, start=1)}
        dividers = [k for k, slide in enumerate(slides, start=1) if slide.slide_layout.name == "节标题"]
        titles = [slides[k - 1].shapes.title.text_frame.text for k in dividers]
        assert titles == [s.title for s in document.sections]
        jumps: dict[str, int] = {}
        contents = next(slide for slide in slides if slide.shapes.title.text_frame.text == document.labels.contents)
        for shape in contents.shapes:
            if shape.name.startswith("Agenda"):
                assert shape.click_action.action == PP_ACTION.NAMED_SLIDE, f"{name}: {shape.name} has no jump"
                jumps[shape.name] = number_of[shape.click_action.target_slide.slide_id]
        for s, divider in zip(document.sections, dividers, strict=True):
            assert jumps[f"Agenda {s.number}"] == jumps[f"Agenda number {s.number}"] == divider, (name, s.title)
        assert len(jumps) == 2 * len(document.sections), "the key points, before the contents, are no entry"


def test_thumbnail_is_the_cover_drawn_small(examples) -> None:
    import zipfile

    from PIL import Image

    for name, (document, prs) in examples.items():
        blob = io.BytesIO()
        prs.save(blob)
        with zipfile.ZipFile(blob) as package:
            jpeg = package.read("docProps/thumbnail.jpeg")
        image = Image.open(io.BytesIO(jpeg))
        assert image.format == "JPEG" and image.width == 256
        assert abs(image.height - 256 * prs.slide_height / prs.slide_width) <= 1
        rgb = image.convert("RGB")
        colours = sorted(rgb.getcolors(256 * 256), reverse=True)

        def near(pixel, hex_colour: str, tolerance: int = 40) -> bool:
            target = tuple(int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
            return all(abs(a - b) <= tolerance for a, b in zip(pixel, target, strict=True))

        assert near(colours[0][1], document.theme.colors.background), f"{name}: the cover's background dominates"
        band = [rgb.getpixel((2, y)) for y in range(0, image.height, 8)]
        assert all(near(p, document.theme.colors.primary) for p in band), f"{name}: the cover band on the left edge"
        dark = sum(count for count, pixel in colours if near(pixel, document.theme.colors.text, 60))
        assert dark > 100, f"{name}: the title is drawn"


def test_text_slides_put_their_text_in_the_body_placeholder(examples, corporate) -> None:
    for name, (_, prs) in [*examples.items(), ("corporate", corporate)]:
        bodies = 0
        for number, slide in enumerate(prs.slides, start=1):
            shapes = list(slide.shapes)
            placed = [s for s in shapes if not s.is_placeholder]
            texts = [s for s in shapes if s.name == "Text"]
            if slide.slide_layout.name == "标题和内容":
                body = [s for s in slide.placeholders if s.placeholder_format.idx == 1]
                assert body and body[0].name == "Text" and body[0].text_frame.text.strip(), f"{name} {number}"
                assert not placed, f"{name} slide {number}: shapes beside the body text"
                bodies += 1
            elif texts and all(s.name == "Text" for s in placed):
                raise AssertionError(f"{name} slide {number}: only text, not in a body placeholder")
        assert bodies >= 1, name
    summary = examples["zhengzhou-2025"][1].slides[1]  # the key points, after the cover
    assert summary.slide_layout.name == "标题和内容"
    assert (
        summary.placeholders[1]
        .text_frame.text.replace("\v", "")
        .startswith(examples["zhengzhou-2025"][0].sections[0].title)
    )


def _side_by_side(document, prs) -> list:
    """The slides showing a review/plan block's two column headers side by side."""
    from zzreport.ir import ReviewPlan

    titles = {
        (b.review_title, b.plan_title)
        for section in document.sections
        for b in section.blocks_for("pptx")
        if isinstance(b, ReviewPlan) and b.review and b.plan
    }
    found = []
    for slide in prs.slides:
        names = {s.name: s for s in slide.shapes}
        for left, right in titles:
            if left in names and right in names and names[left].top == names[right].top:
                found.append(slide)
    return found


def test_review_and_plan_columns_are_in_the_two_content_layouts_placeholders(examples) -> None:
    """回顾 left, 目标 right, on 两栏内容: each column's text in the body placeholder on its side (the cards are
    shapes above it), so the outline lists it and a layout switch moves it; no column text is a loose text box."""
    checked = 0
    for name, (document, prs) in examples.items():
        geo = Geometry.for_size(prs.slide_width, prs.slide_height)
        columns = geo.columns(2)
        for slide in _side_by_side(document, prs):
            assert slide.slide_layout.name == "两栏内容", name
            assert not [s for s in slide.shapes if s.name == "Text" and not s.is_placeholder], name
            for ph in slide.placeholders:
                if ph.placeholder_format.type != PP_PLACEHOLDER.OBJECT:
                    continue
                assert ph.text_frame.text.strip(), name
                side = (
                    0
                    if ph.placeholder_format.idx
                    == min(
                        p.placeholder_format.idx
                        for p in slide.slide_layout.placeholders
                        if p.placeholder_format.type == PP_PLACEHOLDER.OBJECT
                    )
                    else 1
                )
                assert (ph.left, ph.width) == (columns[side].left, columns[side].width), (name, ph.name)
                checked += 1
    assert checked >= 2  # the showcase's review and plan both end in text
    _, prs = examples["showcase"]
    (slide,) = _side_by_side(examples["showcase"][0], prs)
    texts = sorted(
        (ph.left, ph.text_frame.text)
        for ph in slide.placeholders
        if ph.placeholder_format.type == PP_PLACEHOLDER.OBJECT
    )
    assert "示例回顾" in texts[0][1] and "示例目标一" in texts[1][1], texts


REVIEW_PLAN = {
    "review": [{"kpis": [{"label": "新增学位", "value": 42500, "unit": "个"}]}, {"paragraph": "回顾正文一句。"}],
    "plan": [{"bullets": ["目标一：提高供给", "目标二：建设城市"]}],
}


@pytest.mark.parametrize("two_content", [True, False])
def test_a_corporate_template_with_or_without_a_two_content_layout_draws_review_and_plan(
    two_content: bool, tmp_path: Path
) -> None:
    """Layouts are found by placeholder type: a corporate 两栏内容 takes the columns' text; a template without
    one gets the title-only layout and the text as text boxes, nothing empty, nothing outside."""
    make_corporate_template(tmp_path / "corp.pptx")
    if not two_content:
        prs = Presentation(str(tmp_path / "corp.pptx"))
        layout = next(lay for lay in prs.slide_layouts if lay.name == "两栏内容")
        prs.slide_layouts.remove(layout)
        prs.save(str(tmp_path / "corp.pptx"))
    spec = small_spec(theme={"slides": {"template": "corp.pptx"}})
    spec["sections"][0]["blocks"] = [REVIEW_PLAN]
    document = zzreport.resolve(zzreport.load_dict(spec, base_dir=tmp_path))
    prs = deck_of(document)
    (slide,) = _side_by_side(document, prs)
    bodies = [ph for ph in slide.placeholders if ph.placeholder_format.type in (PP_PLACEHOLDER.OBJECT,
                                                                             PP_PLACEHOLDER.BODY)]  # fmt: skip
    loose = [s.text_frame.text for s in slide.shapes if s.name == "Text" and not s.is_placeholder]
    if two_content:
        assert slide.slide_layout.name == "两栏内容"
        assert sorted(ph.text_frame.text for ph in bodies) == ["回顾正文一句。", "目标一：提高供给\n目标二：建设城市"]
        assert loose == []
    else:
        assert slide.slide_layout.name == "仅标题" and bodies == []
        assert sorted(loose) == ["回顾正文一句。", "目标一：提高供给\n目标二：建设城市"]
    assert all(ph.text_frame.text.strip() for ph in slide.placeholders)
    assert overflows(prs) == [] and outside(prs) == []
