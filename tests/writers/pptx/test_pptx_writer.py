"""The deck writer: structure, CJK text properties, fitting, templates and reproducibility."""

from __future__ import annotations

import io
import time
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

import zzreport
from tests.helpers import rename_layout
from zzreport.fonts.fontset import FontSet
from zzreport.ir import BLOCK_TYPES, Document, Figure, Graphic, Headline, Image, walk
from zzreport.writers.base import WriteContext
from zzreport.writers.pptx import oxml
from zzreport.writers.pptx.text import Measurer, measure_text_frame
from zzreport.writers.pptx.writer import PptxWriter

ROOT = Path(__file__).resolve().parents[3]
FONT = "Noto Sans SC"
MEASURER = Measurer(FontSet.default())


def build(document: Document) -> tuple[bytes, int]:
    out = io.BytesIO()
    result = PptxWriter().write(document, out, WriteContext())
    return out.getvalue(), result.pages


def resolve_spec(name: str) -> Document:
    return zzreport.resolve(zzreport.load(ROOT / "specs" / name))


@pytest.fixture(scope="module")
def zhengzhou() -> Document:
    return resolve_spec("zhengzhou-2025.yaml")


@pytest.fixture(scope="module")
def deck(zhengzhou: Document):
    blob, pages = build(zhengzhou)
    prs = Presentation(io.BytesIO(blob))
    assert pages == len(prs.slides)
    return prs


def slide_texts(prs) -> list[str]:
    """Each slide's text; the measured line breaks (``a:br``, read as ``\\v``) are layout, not text."""
    return [
        "\n".join(s.text_frame.text.replace("\v", "") for s in slide.shapes if s.has_text_frame) for slide in prs.slides
    ]


def title_of(slide) -> str:
    """A content slide's title (a cover's or divider's title placeholder is named for its slide kind)."""
    for shape in slide.shapes:
        if shape.name == "Title":
            return shape.text_frame.text.replace("\v", "")
    return ""


# --------------------------------------------------------------------------- overflow, measured


def overflows(prs) -> list[str]:
    """Every text shape and table cell whose measured text is taller than its box (should be none)."""
    problems = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                needed = measure_text_frame(shape.text_frame, shape.width, MEASURER)
                if needed > shape.height:
                    problems.append(f"slide {number} {shape.name!r}: needs {needed} > {shape.height}")
            if shape.has_table:
                table = shape.table
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row.cells):
                        margins = (cell.margin_left, cell.margin_right, cell.margin_top, cell.margin_bottom)
                        width = table.columns[c].width
                        needed = measure_text_frame(cell.text_frame, width, MEASURER, tuple(map(int, margins)))
                        if needed > row.height:
                            problems.append(f"slide {number} table row {r} col {c}: {needed} > {row.height}")
                if shape.top + sum(row.height for row in table.rows) > prs.slide_height:
                    problems.append(f"slide {number}: table runs off the slide")
    return problems


def outside(prs) -> list[str]:
    bad = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if (
                shape.left < 0
                or shape.top < 0
                or shape.left + shape.width > prs.slide_width
                or (shape.top + shape.height > prs.slide_height)
            ):
                bad.append(f"slide {number}: {shape.name}")
    return bad


# --------------------------------------------------------------------------- the example report


def test_deck_is_16_9_with_title_agenda_and_every_section(deck, zhengzhou: Document) -> None:
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    assert len(deck.slides) >= len(zhengzhou.sections) + 2
    texts = slide_texts(deck)
    assert zhengzhou.meta.title in texts[0]
    assert title_of(deck.slides[1]) == zhengzhou.labels.key_points
    assert title_of(deck.slides[2]) == zhengzhou.labels.contents
    for section in zhengzhou.sections:
        assert section.title in texts[2], "agenda lists every section"
        dividers = [t for t in texts if section.title in t and section.takeaway in t]
        assert dividers, f"no divider for {section.title}"
    assert not any(title_of(slide).startswith(zhengzhou.labels.key_points) for slide in list(deck.slides)[2:])


def test_native_charts_with_alt_text(deck, zhengzhou: Document) -> None:
    frames = [s for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert len(frames) >= 3
    alts = {f.data.alt for f in zhengzhou.figures() if f.data.kind != "scorecard"}
    assert {f._element.nvGraphicFramePr.cNvPr.get("descr") for f in frames} == alts


def test_each_notes_page_is_its_own_part_tied_to_its_slide(deck, zhengzhou: Document) -> None:
    noted = [slide for slide in deck.slides if slide.has_notes_slide]
    assert len(noted) >= len(zhengzhou.sections)
    for slide in noted:
        notes_part = slide.notes_slide.part  # a notes page of its own, tied to its slide and the master
        assert notes_part.part_related_by(RT.SLIDE) is slide.part
        assert notes_part.part_related_by(RT.NOTES_MASTER) is deck.notes_master.part


def test_every_cjk_run_is_zh_cn_with_east_asian_font(deck) -> None:
    parts = [slide.part for slide in deck.slides] + [slide.notes_slide.part for slide in deck.slides]
    checked = 0
    for part in parts:
        for run in part._element.iter(qn("a:r"), qn("a:fld")):
            text = run.findtext(qn("a:t")) or ""
            rPr = run.find(qn("a:rPr"))
            assert rPr is not None
            assert rPr.find(qn("a:latin")).get("typeface") == FONT
            if oxml.has_cjk(text):
                assert rPr.get("lang") == "zh-CN", text
                assert rPr.find(qn("a:ea")).get("typeface") == FONT, text
                checked += 1
            elif text.strip():
                assert rPr.get("lang") == "en-US", text
            # schema order: a:latin before a:ea before a:cs/a:sym
            tags = [etree.QName(child).localname for child in rPr]
            assert tags.index("latin") < tags.index("ea")
        for paragraph in part._element.iter(qn("a:p")):
            if paragraph.find(qn("a:r")) is not None:
                pPr = paragraph.find(qn("a:pPr"))
                assert pPr.get("eaLnBrk") == "1" and pPr.get("hangingPunct") == "1"
    assert checked > 300


def test_theme_fonts_and_colours(deck, zhengzhou: Document) -> None:
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    for kind in ("majorFont", "minorFont"):
        font = theme.find(f".//{qn('a:' + kind)}")
        assert font.find(qn("a:ea")).get("typeface") == FONT
        assert font.find(qn("a:latin")).get("typeface") == FONT
    accent1 = theme.find(f".//{qn('a:accent1')}/{qn('a:srgbClr')}").get("val")
    assert accent1 == zhengzhou.theme.colors.palette[0].lstrip("#").upper()


def test_nothing_overflows_and_everything_is_inside(deck) -> None:
    assert overflows(deck) == []
    assert outside(deck) == []


def test_kpi_cards_mark_targets_and_changes(deck, zhengzhou: Document) -> None:
    badges = [s for slide in deck.slides for s in slide.shapes if s.name == "Target badge"]
    targets = [n for n in walk(zhengzhou) if hasattr(n, "items") for k in n.items if getattr(k, "target", False)]
    assert len(badges) == len(targets) and all(b.text_frame.text == zhengzhou.labels.target for b in badges)
    texts = "\n".join(slide_texts(deck))
    assert "▲增速+112.9%" in "".join(texts.split())  # one change line, wrapped on a narrow card
    review_plan = [t for t in slide_texts(deck) if "2024 回顾" in t and "2025 目标" in t]
    assert len(review_plan) >= len(zhengzhou.sections) - 2


def test_core_properties_come_from_the_document(deck, zhengzhou: Document) -> None:
    props = deck.core_properties
    assert props.title == zhengzhou.meta.title
    assert props.author == zhengzhou.meta.author
    assert props.revision == 1
    assert props.created == props.modified == props.last_printed
    assert props.created.year != 2000  # no made-up date: the spec has none, so the build's moment
    assert "python-pptx" not in (props.last_modified_by + props.comments + props.subject)


def test_rebuild_is_byte_identical(zhengzhou: Document) -> None:
    first, _ = build(zhengzhou)
    time.sleep(1.1)  # a new wall-clock second: zip dates and workbook dates must not follow it
    second, _ = build(zhengzhou)
    assert first == second


# --------------------------------------------------------------------------- every block kind


def test_every_block_kind_is_written() -> None:
    document = resolve_spec("showcase.yaml")
    kinds = {type(node) for node in walk(document) if node.shown_in("pptx")}
    # A Graphic is made by code, never by a spec (tests/writers/test_contract.py adds one).
    assert set(BLOCK_TYPES) - {Graphic} <= kinds
    blob, _ = build(document)
    prs = Presentation(io.BytesIO(blob))
    text = "\n".join(slide_texts(prs))
    tables = [s for slide in prs.slides for s in slide.shapes if s.has_table]
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    for node in walk(document):
        if not node.shown_in("pptx"):
            continue
        if isinstance(node, Figure):
            continue
        if isinstance(node, Image):
            assert node.alt in {p._element.nvPicPr.cNvPr.get("descr") for p in pictures}
    assert len(charts) == sum(1 for f in document.figures() if f.data.kind != "scorecard")
    assert len(tables) == len(list(document.tables()))
    for needle in ("段落与强调", "第一项", "示例产量", "提示", "引文块展示一段原话", "2024 回顾", "新建公园"):
        assert needle in text
    assert "这一段只出现在 PDF 中。" not in text and "这一段只出现在演示文稿中。" in text
    assert overflows(prs) == [] and outside(prs) == []


# --------------------------------------------------------------------------- long content


LONG_BULLET = "围绕全省产业链群和郑州市重点产业链布局，打造科教产一体化创新集聚区，力争新培育高新技术企业{}家以上"


def test_long_list_and_table_continue_on_slides_with_repeated_header(tmp_path: Path) -> None:
    rows = [[f"第{i + 1}项重点民生工程（示例名称较长）", i * 37 + 5, "个"] for i in range(60)]
    spec = {
        "zzreport": 1,
        "title": "长内容测试",
        "sections": [
            {
                "id": "long",
                "title": "长列表",
                "notes": "备注",
                "blocks": [
                    {"bullets": [LONG_BULLET.format(i + 1) for i in range(40)]},
                    {
                        "table": {
                            "title": "六十行表格",
                            "columns": ["指标", {"name": "数量", "align": "right"}, "单位"],
                            "rows": rows,
                        }
                    },
                ],
            }
        ],
    }
    document = zzreport.resolve(zzreport.load_dict(spec, base_dir=tmp_path))
    blob, _ = build(document)
    prs = Presentation(io.BytesIO(blob))
    titles = [title_of(slide) for slide in prs.slides]
    assert titles.count("长列表") == 1 and titles.count("长列表（续）") >= 3
    assert titles.count("六十行表格") == 1 and titles.count("六十行表格（续）") >= 2
    text = "\n".join(slide_texts(prs))
    for i in range(40):
        assert text.count(LONG_BULLET.format(i + 1) + "\n") + text.endswith(LONG_BULLET.format(i + 1)) >= 1
    tables = [s.table for slide in prs.slides for s in slide.shapes if s.has_table]
    assert len(tables) >= 3
    for table in tables:
        assert [c.text_frame.text for c in table.rows[0].cells] == ["指标", "数量", "单位"]
    body_rows = [tuple(c.text_frame.text for c in row.cells) for t in tables for row in list(t.rows)[1:]]
    assert body_rows == [(r[0], str(r[1]), r[2]) for r in rows]
    assert overflows(prs) == [] and outside(prs) == []


# --------------------------------------------------------------------------- corporate template


CHINESE_LAYOUTS = [
    "标题幻灯片",
    "标题和内容",
    "节标题",
    "两栏内容",
    "比较",
    "仅标题",
    "空白",
    "内容与标题",
    "图片与标题",
]


def make_corporate_template(path: Path) -> None:
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, CHINESE_LAYOUTS, strict=False):
        rename_layout(layout, name)
    sample = prs.slides.add_slide(prs.slide_layouts[1])
    sample.shapes.title.text = "样例幻灯片"
    prs.save(path)


def test_corporate_template_with_chinese_layout_names(tmp_path: Path) -> None:
    make_corporate_template(tmp_path / "corp.pptx")
    spec = {
        "zzreport": 1,
        "title": "使用企业模板",
        "subtitle": "中文版式名称",
        "theme": {"slides": {"template": "corp.pptx"}},
        "sections": [{"id": "a", "title": "第一节", "takeaway": "要点", "blocks": [{"paragraph": "正文段落。"}]}],
    }
    document = zzreport.resolve(zzreport.load_dict(spec, base_dir=tmp_path))
    blob, pages = build(document)
    prs = Presentation(io.BytesIO(blob))
    assert "样例幻灯片" not in "\n".join(slide_texts(prs))
    assert len(prs.slides) == pages
    names = [slide.slide_layout.name for slide in prs.slides]
    assert names[0] == "标题幻灯片" and "仅标题" in names
    assert set(names) <= set(CHINESE_LAYOUTS)
    assert prs.slides[0].shapes.title.text_frame.text == "使用企业模板"
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{qn('a:majorFont')}/{qn('a:ea')}").get("typeface") == FONT
    assert theme.find(f".//{qn('a:minorFont')}/{qn('a:ea')}").get("typeface") == FONT
    with __import__("zipfile").ZipFile(io.BytesIO(blob)) as package:
        slide_parts = [n for n in package.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slide_parts) == pages, "the sample slide's part is gone too"
    assert overflows(prs) == [] and outside(prs) == []


# --------------------------------------------------------------------------- what a reader of the deck notices

CJK_CHAR = __import__("re").compile("^[\u4e00-\u9fff]$")


def test_no_column_header_without_content_under_it(deck, zhengzhou: Document) -> None:
    labels = (zhengzhou.labels.review, zhengzhou.labels.plan)
    headers = 0
    for number, slide in enumerate(deck.slides, start=1):
        shapes = list(slide.shapes)
        for head in shapes:
            if not head.name.startswith(labels):
                continue
            headers += 1
            below = [
                s
                for s in shapes
                if s is not head
                and s.top > head.top
                and head.left <= s.left < head.left + head.width
                and s.name not in ("Footer", "Slide number")
            ]
            assert below, f"slide {number}: {head.name!r} has nothing under it"
    assert headers >= 10


def test_no_kpi_card_line_is_a_lone_chinese_character(deck) -> None:
    from zzreport.writers.pptx.cards import CARD_INSET_X
    from zzreport.writers.pptx.text import read_paragraphs

    checked = 0
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if not shape.name.startswith("KPI "):
                continue
            for p in read_paragraphs(shape.text_frame):
                if p.size >= 20:  # the value line
                    continue
                for line in MEASURER.lines(p, shape.width - 2 * CARD_INSET_X):
                    checked += 1
                    assert not CJK_CHAR.match(line.strip()), f"slide {number} {shape.name!r}: lone {line!r}"
    assert checked > 50


def test_a_continued_slide_shows_the_title_resolve_composed(tmp_path: Path) -> None:
    """The deck chooses between a title and its continued form; it does not compose the second itself."""
    from dataclasses import replace

    spec = {
        "zzreport": 1,
        "title": "续页",
        "sections": [
            {
                "id": "s",
                "title": "长列表",
                "blocks": [
                    {"bullets": [LONG_BULLET.format(i + 1) for i in range(20)]},
                    {
                        "table": {
                            "title": "长表",
                            "columns": ["指标", "数量"],
                            "rows": [[f"第{i}项", i] for i in range(40)],
                        }
                    },
                ],
            }
        ],
    }
    document = zzreport.resolve(zzreport.load_dict(spec, base_dir=tmp_path))
    section = document.sections[0]
    table = replace(section.blocks[1], continued_title="长表·接上页")
    section = replace(
        section,
        continued_title="长列表·接上页",
        headline=Headline("长列表", "长列表·接上页"),
        blocks=(section.blocks[0], table),
    )
    document = replace(document, sections=(section,))
    titles = [title_of(slide) for slide in Presentation(io.BytesIO(build(document)[0])).slides]
    assert titles.count("长列表") == 1 and titles.count("长列表·接上页") >= 1
    assert titles.count("长表") == 1 and titles.count("长表·接上页") >= 1
    assert not any("（续）" in title for title in titles)


def test_lead_agenda_summary_and_as_of_reach_the_deck(deck, zhengzhou: Document) -> None:
    import re

    flat = re.sub(r"\s+", "", "".join(slide_texts(deck)))
    for piece in "".join(s.text for s in zhengzhou.meta.lead).split("\n"):
        assert re.sub(r"\s+", "", piece) in flat
    agenda = slide_texts(deck)[2]
    assert zhengzhou.labels.contents in agenda and zhengzhou.labels.key_points not in agenda, "the summary precedes it"
    showcase = resolve_spec("showcase.yaml")
    prs = Presentation(io.BytesIO(build(showcase)[0]))
    assert "数据截至2024年12月31日" in slide_texts(prs)[0]


def test_the_lead_slides_are_titled_by_the_specs_label(tmp_path: Path) -> None:
    """A lead too long for the cover gets slides of its own, titled ``labels.lead`` and continued with its word."""
    spec = {
        "zzreport": 1,
        "title": "Lead",
        "lead": "\n\n".join(LONG_BULLET.format(i + 1) + "。" for i in range(30)),
        "labels": {"lead": "Foreword", "continued": " (cont.)"},
        "sections": [{"id": "s", "title": "一", "blocks": [{"paragraph": "正文。"}]}],
    }
    prs = Presentation(io.BytesIO(build(zzreport.resolve(zzreport.load_dict(spec, base_dir=tmp_path)))[0]))
    titles = [title_of(slide) for slide in prs.slides]
    assert titles.count("Foreword") == 1 and titles.count("Foreword (cont.)") >= 1
    assert "导语" not in "".join(slide_texts(prs))


def test_chart_and_table_slides_state_their_source_once(deck, zhengzhou: Document) -> None:
    label = zhengzhou.labels.source + "："
    checked = 0
    for number, slide in enumerate(deck.slides, start=1):
        if any(s.has_chart or s.has_table for s in slide.shapes):
            text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            assert text.count(label) == 1, f"slide {number}"
            checked += 1
    assert checked >= 3


def test_kpi_values_in_text_colour_targets_in_accent(deck, zhengzhou: Document) -> None:
    c = zhengzhou.theme.colors
    seen = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.name.startswith("KPI "):
                continue
            target = shape.line.dash_style is not None
            for run in shape._element.iter(qn("a:r")):
                rPr = run.find(qn("a:rPr"))
                if int(rPr.get("sz")) >= 2000:
                    color = rPr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}").get("val")
                    expected = c.accent if target else c.text
                    assert color == expected.lstrip("#").upper(), run.findtext(qn("a:t"))
                    seen.add(target)
    assert seen == {True, False}


def test_slide_size_and_east_asian_font_fallback_hints(deck) -> None:
    size = deck.part._element.find(qn("p:sldSz"))
    assert size.get("type") is None
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    eas = theme.findall(f".//{qn('a:majorFont')}/{qn('a:ea')}") + list(deck.slides[3].part._element.iter(qn("a:ea")))
    for ea in eas:
        assert ea.get("typeface") == FONT
        assert ea.get("charset") == "-122" and ea.get("pitchFamily") == "34"


def emitted_lines(shape) -> list[list[str]]:
    """Per paragraph, the lines the writer emitted (split at its ``a:br`` line breaks)."""
    return [p.text.split("\v") for p in shape.text_frame.paragraphs]


@pytest.fixture(scope="module")
def showcase_deck():
    return Presentation(io.BytesIO(build(resolve_spec("showcase.yaml"))[0]))


def test_card_labels_are_stacked_at_word_ends(deck, showcase_deck) -> None:
    """A two-line card label is two paragraphs the balanced-label breaker chose: no lone character, no a:br.

    Every other text flows (the renderer breaks it); its kinsoku, numbers
    and lone characters are checked on LibreOffice's render
    (``test_rendered_text.py``).
    """
    checked = 0
    for prs in (deck, showcase_deck):
        for number, slide in enumerate(prs.slides, start=1):
            for shape in slide.shapes:
                if not (shape.name.startswith("KPI ") and shape.has_text_frame):
                    continue
                label = shape.name.removeprefix("KPI ")
                lines = [p.text for p in shape.text_frame.paragraphs]
                assert all("\v" not in line for line in lines), f"slide {number} {shape.name!r}: {lines}"
                for a, b in pairwise(lines):
                    if a + b == label and a and b:
                        checked += 1
                        assert not CJK_CHAR.fullmatch(b.strip()), f"slide {number} {shape.name!r}: {lines}"
    assert checked > 5


def test_cards_in_a_row_share_value_size_and_badge_position(deck) -> None:
    from zzreport.writers.pptx.cards import CARD_INSET_Y, MAX_CARD_WIDTH

    for number, slide in enumerate(deck.slides, start=1):
        rows: dict[int, list] = {}
        for shape in slide.shapes:
            if shape.name.startswith("KPI "):
                assert shape.width <= MAX_CARD_WIDTH, f"slide {number}: a card stretched across the slide"
                assert shape.text_frame.vertical_anchor == MSO_ANCHOR.TOP
                rows.setdefault(shape.top, []).append(shape)
        badges = [s for s in slide.shapes if s.name == "Target badge"]
        for badge in badges:
            # on the first line, whatever the row's height: same distance from the top in every card
            assert any(0 <= badge.top - top <= 2 * CARD_INSET_Y for top in rows), f"slide {number}: badge off the top"
        for top, cards in rows.items():
            sizes = set()
            for card in cards:
                big = [int(r.find(qn("a:rPr")).get("sz")) for r in card._element.iter(qn("a:r"))]
                if max(big) >= 3000:  # numbers (phrases set smaller are allowed their own size)
                    sizes.add(max(big))
            assert len(sizes) <= 1, f"slide {number} row at {top}: value sizes {sizes}"


def test_tables_are_wide_centred_and_numbered_above(deck, showcase_deck) -> None:
    from zzreport.writers.pptx.layout import Geometry
    from zzreport.writers.pptx.tables import MIN_SHARE

    content = Geometry.for_size(deck.slide_width, deck.slide_height).content
    seen = 0
    for prs in (deck, showcase_deck):
        for slide in prs.slides:
            for shape in slide.shapes:
                if not shape.has_table:
                    continue
                seen += 1
                width = sum(c.width for c in shape.table.columns)
                assert width >= MIN_SHARE * content.width - 1
                assert abs((shape.left - content.left) - (content.right - shape.left - width)) <= 2
                heading = [s for s in slide.shapes if s.name == "Table title"]
                assert heading and heading[0].top < shape.top
                assert heading[0].text_frame.text.startswith("表")
    assert seen >= 3


def content_fill(prs, slide) -> float:
    """Share of the content box covered by the slide's shapes (title, footer and caption left out)."""
    from zzreport.writers.pptx.layout import Geometry

    box = Geometry.for_size(prs.slide_width, prs.slide_height).content
    furniture = {"Title", "Title bar", "Title rule", "Footer", "Slide number", "Caption"}
    shapes = [(s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes if s.name not in furniture]
    steps, covered = 80, 0
    for i in range(steps):
        x = box.left + (i + 0.5) * box.width / steps
        for j in range(steps):
            y = box.top + (j + 0.5) * box.height / steps
            covered += any(a <= x <= c and b <= y <= d for a, b, c, d in shapes)
    return covered / steps**2


def test_no_content_slide_is_left_mostly_empty(deck, showcase_deck) -> None:
    """A continuation with two bullets, a lone callout and quote, three score tiles: loosened, not stranded.

    Tables (sized by their own rule) and the agenda are left out; before the
    roomy layouts these slides were 20–32% filled.
    """
    low = []
    for name, prs in (("zhengzhou", deck), ("showcase", showcase_deck)):
        for number, slide in enumerate(prs.slides, start=1):
            names = {s.name for s in slide.shapes}
            if "Title" not in names or any(s.has_table for s in slide.shapes):
                continue
            if title_of(slide).startswith("目录"):
                continue
            fill = content_fill(prs, slide)
            if fill < 0.38:
                low.append(f"{name} slide {number} {title_of(slide)!r}: {fill:.0%}")
    assert low == []
