"""The resolve stage: document model, data files, confinement, figure checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import zzreport
from zzreport import SpecError
from zzreport.ir import Figure, KpiGroup, PageLabel, Paragraph, ReviewPlan, Span, Table, dump, walk
from zzreport.resolve import ResolveOptions

HEAD = "zzreport: 1\ntitle: 报告\nsections:\n  - id: a\n    title: 一节\n    blocks:\n"


def build(tmp_path: Path, blocks: str, files: dict[str, str] | None = None, **options: object):
    for name, text in (files or {}).items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + blocks, encoding="utf-8")
    return zzreport.resolve(zzreport.load(spec), ResolveOptions(**options))


def problems(exc: pytest.ExceptionInfo[SpecError], root: Path) -> list[str]:
    return [str(p).replace(str(root) + "/", "") for p in exc.value.problems]


def test_example_spec_resolves_into_the_document_model(in_root: Path) -> None:
    document = zzreport.resolve(zzreport.load("specs/zhengzhou-2025.yaml"))
    assert [s.number for s in document.sections] == list(range(1, 8))
    kinds = {type(n).__name__ for n in walk(document)}
    assert {"ReviewPlan", "KpiGroup", "Paragraph", "Figure", "Table"} <= kinds
    displays = {k.display for n in walk(document) if isinstance(n, KpiGroup) for k in n.items}
    assert {"52.9万辆", "4862家", "1129家", "6012张", "4.25万个", "13.1万人", "225天"} <= displays
    assert [f.data.number for f in document.figures()] == [1, 2, 3]
    assert document.inputs[0].name == "zhengzhou-2025.yaml"
    assert any(p.name.endswith(".csv") for p in document.inputs)


def test_inline_emphasis_and_literal_markup(tmp_path: Path) -> None:
    doc = build(tmp_path, "      - paragraph: 力争 **新培育** <b>R&D</b> 增长<5% **不成对\n")
    paragraph = doc.sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.spans == (
        Span("力争 "),
        Span("新培育", bold=True),
        Span(" <b>R&D</b> 增长<5% **不成对"),
    )


def test_review_plan_titles_default_from_labels(tmp_path: Path) -> None:
    doc = build(tmp_path, "      - review: [{paragraph: 甲}]\n        plan_title: 明年\n        plan: []\n")
    pair = doc.sections[0].blocks[0]
    assert isinstance(pair, ReviewPlan)
    assert (pair.review_title, pair.plan_title) == ("2024 回顾", "明年")


def test_continued_titles_are_composed_once_from_the_labels(tmp_path: Path) -> None:
    """Every title a page or slide can continue under comes finished, with the spec's ``labels.continued``."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        HEAD.replace("sections:", "labels: {continued: ' (cont.)', contents: Contents, lead: Foreword}\nsections:")
        + "      - review: [{paragraph: 甲}]\n        plan_title: 明年\n        plan: [{paragraph: 乙}]\n"
        + "      - table: {title: 产值, columns: [a], rows: [[1]]}\n"
        + "      - table: {columns: [a], rows: [[1]]}\n",
        encoding="utf-8",
    )
    doc = zzreport.resolve(zzreport.load(spec))
    section = doc.sections[0]
    pair, titled, untitled = section.blocks
    assert isinstance(pair, ReviewPlan) and isinstance(titled, Table) and isinstance(untitled, Table)
    assert section.continued_title == "一节 (cont.)"
    assert (pair.continued_review_title, pair.continued_plan_title) == ("2024 回顾 (cont.)", "明年 (cont.)")
    assert (titled.continued_title, untitled.continued_title) == ("产值 (cont.)", "表2 (cont.)")
    continued = doc.continued
    assert (continued.contents, continued.summary, continued.lead) == (
        "Contents (cont.)",
        "要点回顾 (cont.)",
        "Foreword (cont.)",
    )


def test_csv_table_with_total(tmp_path: Path) -> None:
    doc = build(
        tmp_path,
        "      - table: {data: data/t.csv, total: true}\n",
        {"data/t.csv": '指标,数量\n甲,"1,200"\n乙,34.5\n'},
    )
    table = doc.sections[0].blocks[0]
    assert isinstance(table, Table)
    assert [c.align for c in table.columns] == ["left", "right"]
    # One number of decimals per column: 1200 beside 34.5 reads 1200.0.
    assert [[c.text for c in row] for row in table.rows] == [
        ["甲", "1200.0"],
        ["乙", "34.5"],
    ]  # one number of decimals per column
    assert [c.text for c in table.total or ()] == ["合计", "1234.5"]


def test_rates_and_shares_are_not_totalled(tmp_path: Path) -> None:
    doc = build(
        tmp_path,
        "      - table: {data: t.csv, total: true}\n",
        {"t.csv": "项目,投资额（亿元）,进度（%）,增长率\n甲,10,62,5\n乙,20.5,45,6\n"},
    )
    table = doc.sections[0].blocks[0]
    assert [c.text for c in table.total] == ["合计", "30.5", "", ""]


def test_csv_figure_and_its_errors(tmp_path: Path) -> None:
    figure = "      - figure: {kind: line, data: {file: d.csv, categories: 年份, series: [产量, 增速率]}}\n"
    with pytest.raises(SpecError) as exc:
        build(tmp_path, figure, {"d.csv": "年份,产量,增速\n2023,1,2\n2024,五,3\n"})
    assert problems(exc, tmp_path) == [  # every problem at once: the bad cell of a column found too
        "d.csv:3:2: 产量: expected a number, got '五'",
        "spec.yaml:7:79: sections[0].blocks[0].figure.data.series[1]: column `增速率` not found in "
        "d.csv (did you mean `增速`?); its columns are: 年份, 产量, 增速",
    ]
    figure = figure.replace("增速率", "增速")
    with pytest.raises(SpecError) as exc:
        build(tmp_path, figure, {"d.csv": "年份,产量,增速\n2023,1,2\n2024,五,3\n"})
    assert problems(exc, tmp_path) == ["d.csv:3:2: 产量: expected a number, got '五'"]
    doc = build(tmp_path, figure, {"d.csv": "年份,产量,增速\n2023,1,2\n2024,5,3\n"})
    data = doc.sections[0].blocks[0].data
    assert data.categories == ("2023", "2024")
    assert [s.values for s in data.series] == [(1.0, 5.0), (2.0, 3.0)]


def test_figure_consistency_errors_are_all_reported(tmp_path: Path) -> None:
    blocks = (
        "      - figure: {kind: pie, categories: [甲, 乙], series: [{name: s, values: [1, -2]}]}\n"
        "      - figure: {kind: column, categories: [甲, 乙], series: [{name: s, values: [1]}], highlight: 丙}\n"
        "      - figure: {kind: combo, categories: [甲], series: [{name: s, values: [1]}]}\n"
        "      - figure: {kind: donut, categories: [甲], series: [{name: s, values: [0]}]}\n"
    )
    with pytest.raises(SpecError) as exc:
        build(tmp_path, blocks)
    assert problems(exc, tmp_path) == [
        "spec.yaml:7:76: sections[0].blocks[0].figure.series[0].values: a pie chart cannot show negative values",
        "spec.yaml:8:79: sections[0].blocks[1].figure.series[0].values: series `s` has 1 value for 2 categories",
        "spec.yaml:8:97: sections[0].blocks[1].figure.highlight: `丙` is not a category",
        "spec.yaml:9:56: sections[0].blocks[2].figure.series: a combo chart needs at least two series "
        "(columns and a line)",
        "spec.yaml:10:75: sections[0].blocks[3].figure.series[0].values: the values of a donut chart sum to zero",
    ]


def test_combo_defaults_columns_then_a_line_on_the_secondary_axis(tmp_path: Path) -> None:
    doc = build(
        tmp_path,
        "      - figure: {kind: combo, categories: [2023, 2024], series: "
        "[{name: 产量, values: [1, 2]}, {name: 增速, values: [5, 6.5]}]}\n",
    )
    fig = doc.sections[0].blocks[0]
    assert isinstance(fig, Figure)
    assert [(s.type, s.axis) for s in fig.data.series] == [("column", "primary"), ("line", "secondary")]
    assert fig.data.series[1].labels == ("5%", "6.5%")
    assert fig.data.alt.startswith("组合图：产量：2023 1，2024 2")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "/etc/passwd",
            "absolute path `/etc/passwd` is not allowed; use a path relative to the spec's folder "
            "(or pass --allow-outside)",
        ),
        ("../outside.csv", "`../outside.csv` is outside the spec's folder; pass --allow-outside to permit it"),
        (
            "link.csv",
            "`link.csv` is a symlink that points outside the spec's folder; pass --allow-outside to permit it",
        ),
        ("nope.csv", "data file not found: `nope.csv`"),
    ],
)
def test_files_are_confined_to_the_spec_folder(tmp_path: Path, path: str, message: str) -> None:
    root = tmp_path / "spec"
    root.mkdir()
    outside = tmp_path / "outside.csv"
    outside.write_text("a,b\nx,1\n", encoding="utf-8")
    os.symlink(outside, root / "link.csv")
    with pytest.raises(SpecError) as exc:
        build(root, f"      - table: {{data: '{path}'}}\n")
    assert problems(exc, root) == [f"spec.yaml:7:23: sections[0].blocks[0].table.data.file: {message}"]


def test_allow_outside_lets_a_user_read_elsewhere(tmp_path: Path) -> None:
    root = tmp_path / "spec"
    root.mkdir()
    (tmp_path / "outside.csv").write_text("a,b\nx,1\n", encoding="utf-8")
    doc = build(root, "      - table: {data: ../outside.csv}\n", allow_outside=True)
    assert isinstance(doc.sections[0].blocks[0], Table)


def test_show_targets_filter_blocks(tmp_path: Path) -> None:
    doc = build(tmp_path, "      - {paragraph: 仅纸面, show: pdf}\n      - {paragraph: 仅幻灯片, show: pptx}\n")
    section = doc.sections[0]
    assert [b.spans[0].text for b in section.blocks_for("pdf")] == ["仅纸面"]
    assert [b.spans[0].text for b in section.blocks_for("pptx")] == ["仅幻灯片"]


def test_show_takes_all_a_list_of_formats_and_its_older_name_both(tmp_path: Path) -> None:
    blocks = (
        "      - {paragraph: 纸面与文档, show: [pdf, docx]}\n"
        "      - {paragraph: 处处, show: all}\n"
        "      - {paragraph: 旧名, show: both}\n"
        "      - {paragraph: 默认}\n"
    )
    section = build(tmp_path, blocks).sections[0]
    shown = {fmt: [b.spans[0].text for b in section.blocks_for(fmt)] for fmt in ("pdf", "pptx", "docx")}
    assert shown == {
        "pdf": ["纸面与文档", "处处", "旧名", "默认"],
        "pptx": ["处处", "旧名", "默认"],
        "docx": ["纸面与文档", "处处", "旧名", "默认"],
    }


def test_a_wrong_show_gets_one_located_error_of_its_own_kind(tmp_path: Path) -> None:
    blocks = (
        "      - {paragraph: 一, show: odt}\n"
        "      - {paragraph: 二, show: [pdf, odt]}\n"
        "      - {paragraph: 三, show: [pdf, pdf]}\n"
        "      - {paragraph: 四, show: []}\n"
    )
    with pytest.raises(SpecError) as exc:
        build(tmp_path, blocks)
    assert [p.split(": ", 1)[1] for p in problems(exc, tmp_path)] == [
        "sections[0].blocks[0].show: expected 'all', 'both', 'pdf', 'pptx' or 'docx', or a list of them, got 'odt'",
        "sections[0].blocks[1].show[1]: expected 'pdf', 'pptx' or 'docx', got 'odt'",
        "sections[0].blocks[2].show: names pdf twice",
        "sections[0].blocks[3].show: expected at least 1 item(s), got 0",
    ]


def test_dump_is_readable_text(tmp_path: Path) -> None:
    doc = build(tmp_path, "      - kpis: [{label: 高新技术企业, value: 5800, unit: 家, qualifier: 多}]\n")
    text = dump(doc)
    assert 'label="高新技术企业"' in text
    assert 'infix="多"' in text


def test_table_and_figure_limits(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as exc:
        build(tmp_path, "      - table: {columns: [a], rows: [[1], [2], [3]]}\n", max_table_rows=2)
    assert "the table has 3 rows, over the limit of 2 (raise it with --max-table-rows)" in str(exc.value)


def test_the_page_label_is_read_once_into_texts_and_numbers() -> None:
    """The writer only puts the numbers in: braces are unescaped and placeholders split out in resolve."""
    from zzreport.resolve.words import page_label

    label = page_label("{{第}} {page} 页 / 共 {pages}")
    assert label.texts == ("{第} ", " 页 / 共 ", "") and label.fields == ("page", "pages")
    assert page_label("无页码") == PageLabel(("无页码",), ())
