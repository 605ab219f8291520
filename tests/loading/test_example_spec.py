"""The example spec `specs/zhengzhou-2025.yaml` loads and keeps every fact of its seed article."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from zzreport.loading import load
from zzreport.resolve.resolver import filled

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "zhengzhou-2025.yaml"
SEED = Path("/work/shared/seeds/000_06f168087f7608ae.txt")

TITLES = ["创新发展", "现代产业体系", "提振消费", "对外开放", "经济发展", "改善民生", "郑州都市圈"]
IDS = ["innovation", "industry", "consumption", "opening-up", "economy", "livelihood", "metropolitan"]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def report():
    """The example as its outputs' words come from: named values filled into cards and texts."""
    return filled(load(SPEC))


@pytest.fixture(scope="module")
def dump(report) -> dict[str, Any]:
    return report.model_dump(mode="json")


def _strings(node: Any) -> list[str]:
    out: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _kpis(node: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("kpis"), list):
                out.extend(item["kpis"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out


def _body_text(dump: dict[str, Any]) -> str:
    """Paragraph and bullet text of every section (the article's running text)."""
    parts: list[str] = []
    stack: list[Any] = [s["blocks"] for s in dump["sections"]]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("paragraph"), str):
                parts.append(item["paragraph"])
            for bullet in item.get("bullets") or []:
                parts.append(bullet["text"])
                parts.extend(bullet["items"])
            stack.extend(v for k, v in item.items() if k not in ("paragraph", "bullets"))
        elif isinstance(item, list):
            stack.extend(item)
    return "\n".join(parts)


def _article() -> str:
    """The seed with its line-break artefacts undone (all lines joined)."""
    if not SEED.exists():
        pytest.skip(f"seed article not available: {SEED}")
    return "".join(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines())


def _fmt(value: float) -> str:
    return f"{value:g}"


def test_sections_in_order(report):
    assert [s.title for s in report.sections] == TITLES
    assert [s.id for s in report.sections] == IDS
    for section in report.sections:
        assert section.tag == "关键词"
        assert section.notes.strip(), section.id
        assert section.takeaway.strip(), section.id
        assert "\n" not in section.takeaway


def test_report_metadata(report):
    assert report.zzreport == 1
    assert report.title == "政府工作报告之“郑州实践”"
    assert report.subtitle == "乘势而上 郑州将创建国家级未来产业先导区"
    assert report.author == "记者 王红"
    assert report.language == "zh-CN"
    assert report.date is None  # the article carries no date
    assert report.lead.startswith("推动科技创新与产业创新深度融合")
    assert report.lead.endswith("为全省大局作出新贡献。")
    assert "记者" not in report.lead
    assert 4 <= len(report.summary) <= 7
    assert SPEC.read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=./zzreport.schema.json"
    )


def test_pairs(report):
    """Review and plan where the article has both; only a plan for 提振消费 and 郑州都市圈."""
    for section in report.sections:
        pairs = [b for b in section.blocks if type(b).__name__ == "PairBlock"]
        assert len(pairs) == 1, section.id
        pair = pairs[0]
        assert pair.plan, section.id
        if section.id in ("consumption", "metropolitan"):
            assert pair.review is None
        else:
            assert pair.review, section.id


KPIS = [
    ("科研大院大所", 8, "家"),
    ("一流大学郑州研究院", 8, "个"),
    ("省实验室", 18, "家"),
    ("国家级重点实验室", 14, "家"),
    ("国家级创新平台", 63, "家"),
    ("科技型企业评价入库", 14000, "家"),
    ("高新技术企业", 5800, "家"),
    ("创新型中小企业", 4862, "家"),
    ("专精特新", 1129, "家"),
    ("新培育高新技术企业", 1000, "家"),
    ("入库国家科技型企业", 7000, "家"),
    ("创新创业团队", 50, "个"),
    ("优秀青年人才项目", 60, "个"),
    ("产业链", 20, "条"),
    ("新能源汽车实际下线", 529000, "辆"),
    ("汽车产量", 1000000, "辆"),
    ("电子信息产业增加值", 11.8, "%"),
    ("电子信息产业规模", 7000, "亿元"),
    ("人工智能产业规模", 500, "亿元"),
    ("过境免签", 240, "小时"),
    ("入境外籍旅客", 300, "%"),
    ("货运航线", 19, "条"),
    ("全货机航班", 90, "架次"),
    ("货邮吞吐量", 800000, "吨"),
    ("直达站点", 5, "个"),
    ("中欧班列", 3363, "班次"),
    ("铁海联运", 60000, "标箱"),
    ("铁海联运", 50, "%"),
    ("养老托老床位", 6012, "张"),
    ("适老化改造", 3014, "户"),
    ("幼儿园", 20, "所"),
    ("中小学", 15, "所"),
    ("高中", 3, "所"),
    ("新增学位", 42500, "个"),
    ("城镇就业", 131000, "人"),
    ("城市绿地", 3200000, "平方米"),
    ("公园游园", 35, "个"),
    ("优良天数", 225, "天"),
    ("随迁子女公办学校就读比例", 95, "%"),
    ("营造造林", 10800, "亩"),
    ("新建绿地", 1600000, "平方米"),
]


@pytest.mark.parametrize(("label", "value", "unit"), KPIS)
def test_kpi_present(dump, label, value, unit):
    found = [k for k in _kpis(dump) if label in k["label"] and k["value"] == value and k["unit"] == unit]
    assert found, f"no KPI {label!r} = {value} {unit}"


def test_kpi_details(dump):
    by_label = {k["label"]: k for k in _kpis(dump)}
    ev = by_label["新能源汽车实际下线"]
    assert ev["change"]["value"] == 112.9 and ev["format"]["scale"] == "万"
    rail = next(k for k in by_label.values() if k["unit"] == "班次")
    assert rail["change"]["value"] == 18.2 and rail["period"] == "前11个月"
    assert by_label["科技型企业评价入库（累计）"]["qualifier"] == "超过"
    assert by_label["高新技术企业"]["qualifier"] == "多"
    texts = {k["text"] for k in by_label.values() if k["text"]}
    assert {"全国第一", "5.5G", "全覆盖", "Ⅱ类"} <= texts
    for target in (
        "新培育高新技术企业",
        "入库国家科技型企业",
        "引进培育创新创业团队",
        "支持优秀青年人才项目",
        "营造造林",
        "新建绿地",
        "与全球前20货运枢纽机场通航",
    ):
        assert by_label[target]["target"] is True, target
    # Every KPI of a review side is a result, never a target.
    for section in dump["sections"]:
        for block in section["blocks"]:
            for side in block.get("review") or []:
                for kpi in side.get("kpis") or []:
                    assert not kpi["target"], kpi["label"]


PHRASES = [
    "超短超强激光平台",
    "“7+28+N”",
    "5.5G",
    "RCEP",
    "240小时",
    "3363班次",
    "18.2%",
    "112.9%",
    "4862家",
    "1129家",
    "6012张",
    "4.25万个",
    "13.1万人",
    "225天",
    "黄帝故里拜祖大典",
    "贾鲁河郑州港",
    "中牟新区",
    "Ⅱ类水质",
    "1.08万亩",
    "160万平方米",
    "95%以上",
    "创新集聚区",
    "同比增长11.8%",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_in_text(dump, phrase):
    assert phrase in _body_text(dump)


def test_every_clause_of_the_article_is_kept(dump):
    """Each clause of the article (line breaks rejoined) is in the paragraphs/bullets verbatim."""
    text = _article()
    text = text.split("记者 王红", 1)[1]  # the body starts after the byline
    text = re.sub(r"关键词 \S+?(?=2024 |2025 )", "。", text)
    text = re.sub(r"(?<!\d)(?:2024|2025) ", "。", text)
    body = _body_text(dump)
    clauses = [c for c in re.split(r"[。；，、]", text) if c]
    assert len(clauses) > 150
    missing = [c for c in clauses if c not in body]
    assert not missing, missing


def test_no_line_break_artefacts(dump):
    for text in _strings(dump):
        assert "激\n" not in text and "\n\n" not in text


def test_every_number_of_the_article_is_kept(dump):
    article_numbers = set(NUMBER.findall(_article()))
    spec_numbers: set[str] = set()
    for text in _strings(dump):
        spec_numbers.update(NUMBER.findall(text))
    for kpi in _kpis(dump):
        if kpi["value"] is not None:
            spec_numbers.add(_fmt(kpi["value"]))
            spec_numbers.add(_fmt(kpi["value"] / 1e4))
        if kpi["change"]:
            spec_numbers.add(_fmt(kpi["change"]["value"]))
    assert article_numbers - spec_numbers == set()


def test_figures_and_tables(report):
    figures = [b.figure for s in report.sections for b in s.blocks if hasattr(b, "figure")]
    tables = [b.table for s in report.sections for b in s.blocks if hasattr(b, "table")]
    assert len(figures) >= 3 and len(tables) >= 1
    for item in (*figures, *tables):
        assert item.title and item.caption and item.source
    for figure in figures:
        assert figure.alt
    enterprises = next(f for f in figures if f.data and f.data.file.endswith("innovation-enterprises.csv"))
    assert "下限" in enterprises.caption


def test_csv_files(report):
    base = SPEC.parent
    files = [
        b.figure.data if hasattr(b, "figure") else b.table.data
        for s in report.sections
        for b in s.blocks
        if (hasattr(b, "figure") and b.figure.data) or (hasattr(b, "table") and b.table.data)
    ]
    assert {f.file for f in files} == {
        "data/innovation-platforms.csv",
        "data/innovation-enterprises.csv",
        "data/growth-2024.csv",
        "data/livelihood-2024.csv",
    }
    for data in files:
        with (base / data.file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = list(rows[0])
        for column in [data.categories, *(s.column for s in data.series), *data.columns]:
            if column:
                assert column in header, (data.file, column)
        if data.file.endswith("innovation-enterprises.csv"):
            values = {r[data.categories]: float(r[data.series[0].column]) for r in rows}
            assert sorted(values.values()) == [1129, 4862, 5800, 14000]
        elif data.file.endswith("innovation-platforms.csv"):
            assert [float(r["数量"]) for r in rows] == [18, 14, 63, 8, 8]
        elif data.file.endswith("growth-2024.csv"):
            assert [float(r["增速"]) for r in rows] == [112.9, 11.8, 18.2, 300, 50]
        else:
            assert len(rows) == 10
            assert {"6012", "3014", "4.25", "13.1", "320", "225"} <= {r["数量"] for r in rows}
