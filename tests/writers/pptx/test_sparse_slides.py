"""Short blocks that would each leave a slide mostly empty share one: short tables one under the other."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

import zzreport
from tests.writers.pptx.test_pptx_writer import build, outside, overflows


def _table(title: str, rows: int, **extra) -> dict:
    return {
        "table": {
            "title": title,
            "columns": ["指标", {"name": "数值", "align": "right"}, "单位"],
            "rows": [[f"{title}指标{i + 1}", 100 + i, "个"] for i in range(rows)],
            **extra,
        }
    }


SPEC = {
    "zzreport": 1,
    "title": "短表合页",
    "sections": [
        {
            "id": "a",
            "title": "第一节",
            "takeaway": "两张短表同页",
            "blocks": [
                _table("甲表", 3, caption="甲表说明。"),
                _table("乙表", 4),
                _table("丙表", 40),  # several slides of its own: never squeezed under the others
                {"title": "丁表另起一页", **_table("丁表", 2)},
                _table("戊表", 2),
            ],
        }
    ],
}


def _table_slides(prs) -> list[list[str]]:
    """Per slide holding tables, the table headings ("表 N 标题") on it, in order."""
    out = []
    for slide in prs.slides:
        names = [s.text_frame.text for s in slide.shapes if s.name == "Table title"]
        if names:
            out.append([n.split("\u3000")[-1] for n in names])
    return out


def test_short_tables_share_a_slide_and_a_long_or_titled_one_does_not(tmp_path: Path) -> None:
    document = zzreport.resolve(zzreport.load_dict(SPEC, base_dir=tmp_path))
    prs = Presentation(io.BytesIO(build(document)[0]))
    slides = _table_slides(prs)
    assert slides[0] == ["甲表", "乙表"], slides
    long = [s for s in slides if s == ["丙表"]]
    assert len(long) >= 2, slides  # 40 rows: its own slides, continued
    assert slides[-1] == ["丁表", "戊表"], slides  # a titled table opens a slide; the short one after it joins
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert "两张短表同页" in titles and "丁表另起一页" in titles
    assert overflows(prs) == [] and outside(prs) == []
