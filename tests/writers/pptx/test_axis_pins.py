"""Value axes the spec pins (``y_min``/``y_max``, ``y2_min``/``y2_max``): checked, printed and written alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

import zzreport
from zzreport.builder import build
from zzreport.errors import SpecError

HEAD = "zzreport: 1\ntitle: 轴\nsections:\n  - id: s\n    title: 图\n    blocks:\n"
LINE = (
    "      - figure: {kind: line, title: 指数, categories: [一, 二, 三], series: [{name: 甲, values: [96, 108, 119]}]"
)


def _spec(tmp_path: Path, keys: str) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + LINE + keys + "}\n", encoding="utf-8")
    return spec


def _problems(spec: Path) -> list[str]:
    with pytest.raises(SpecError) as exc:
        zzreport.resolve(zzreport.load(spec))
    return [str(p).replace(str(spec.parent) + "/", "") for p in exc.value.problems]


def test_a_pinned_range_must_be_ordered_and_hold_the_data(tmp_path: Path) -> None:
    """Clear errors at the key: min not below max, the data outside the range, a pie has no value axis."""
    (problem,) = _problems(_spec(tmp_path, ", y_min: 120, y_max: 90"))
    assert problem.startswith("spec.yaml:7:") and "sections[0].blocks[0].figure.y_max" in problem
    assert "y_max (90) must be above y_min (120)" in problem
    (problem,) = _problems(_spec(tmp_path, ", y_min: 100"))
    assert "figure.y_min: y_min (100) is above the lowest value drawn (96)" in problem
    (problem,) = _problems(_spec(tmp_path, ", y2_max: 100"))
    assert "figure.y2_max: no series is on the secondary axis" in problem
    spec = tmp_path / "pie.yaml"
    spec.write_text(HEAD + LINE.replace("kind: line", "kind: pie") + ", y_max: 500}\n", encoding="utf-8")
    assert "a pie figure has no value axis to pin" in _problems(spec)[0]


def test_pinned_axes_are_printed_and_written_as_c_min_c_max(tmp_path: Path) -> None:
    """The PDF's axis runs from the pinned 90 to 125; the deck's axis has c:min 90 and c:max 125 (step automatic),
    an unpinned axis neither."""
    spec = _spec(tmp_path, ", y_min: 90, y_max: 125")
    (figure,) = zzreport.resolve(zzreport.load(spec)).figures()
    (axis,) = figure.data.axis_plan().values()
    assert (axis.lo, axis.hi) == (90, 125) and axis.ticks[0] == 90 and axis.ticks[-1] <= 125
    deck = next(o.path for o in build(spec, tmp_path / "out") if o.format == "pptx")
    (chart,) = [s.chart for slide in Presentation(str(deck)).slides for s in slide.shapes if s.has_chart]
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (90, 125)

    free = _spec(tmp_path, "")
    deck = next(o.path for o in build(free, tmp_path / "free") if o.format == "pptx")
    (chart,) = [s.chart for slide in Presentation(str(deck)).slides for s in slide.shapes if s.has_chart]
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (None, None)
