"""The PDF prints a section's takeaway once: under the section's title, not again as its first paragraph.

Authors often open a section with the sentence that is also its takeaway;
the opener already sets it in the takeaway style, so a reader would meet the
same sentence twice in a row.
"""

from __future__ import annotations

from pathlib import Path

import zzreport
from zzreport.testing import flat, pdf_page_texts, write_spec

TAKEAWAY = "全年新增就业岗位稳中有升"


def build(tmp_path: Path, first: dict[str, object]) -> str:
    spec = {
        "zzreport": 1,
        "title": "要点测试",
        "date": "2025-01-01",
        "sections": [
            {
                "id": "jobs",
                "title": "就业",
                "takeaway": TAKEAWAY,
                "blocks": [first, {"paragraph": "城镇调查失业率保持在合理区间。"}],
            }
        ],
    }
    (pdf,) = (o.path for o in zzreport.build(write_spec(tmp_path, spec), tmp_path / "out") if o.format == "pdf")
    return flat("".join(pdf_page_texts(pdf)))


def test_a_first_paragraph_repeating_the_takeaway_is_printed_once(tmp_path: Path) -> None:
    text = build(tmp_path, {"paragraph": f"{TAKEAWAY}。"})
    assert text.count(TAKEAWAY) == 1
    assert "城镇调查失业率保持在合理区间" in text


def test_a_first_bullet_repeating_the_takeaway_is_printed_once_and_the_others_stay(tmp_path: Path) -> None:
    text = build(tmp_path, {"bullets": [f"{TAKEAWAY}。", "重点群体就业保持稳定。"]})
    assert text.count(TAKEAWAY) == 1
    assert "重点群体就业保持稳定" in text


def test_a_paragraph_that_only_starts_like_the_takeaway_stays(tmp_path: Path) -> None:
    text = build(tmp_path, {"paragraph": f"{TAKEAWAY}，其中高校毕业生就业率创新高。"})
    assert text.count(TAKEAWAY) == 2 and "其中高校毕业生就业率创新高" in text
