"""Deck charts a client can edit: schema-valid axis ids, automatic value axes that follow Edit Data.

The examples' decks are built, checked with ``openxml-audit`` (ECMA-376
schemas) and their chart XML read back; then a chart's data is replaced as a
user would (python-pptx ``replace_data`` with values three times larger) and
the saved XML and a LibreOffice round trip must still let the axis scale
itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import require_tool
from zzreport.builder import build

ROOT = Path(__file__).resolve().parents[3]
SPECS = ("zhengzhou-2025", "showcase")
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"c": C}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("live")
    return {
        spec: next(o.path for o in build(ROOT / "specs" / f"{spec}.yaml", out / spec) if o.format == "pptx")
        for spec in SPECS
    }


def _chart_parts(deck: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(deck) as z:
        return {
            name: etree.fromstring(z.read(name))
            for name in z.namelist()
            if name.startswith("ppt/charts/chart") and name.endswith(".xml")
        }


def _audit_tool() -> str | None:
    beside = Path(sys.executable).parent / "openxml-audit"
    return str(beside) if beside.exists() else shutil.which("openxml-audit")


@pytest.mark.parametrize("spec", SPECS)
def test_openxml_audit_finds_no_error_in_the_example_decks(spec: str, decks: dict[str, Path]) -> None:
    """ECMA-376's schemas accept the whole deck (negative chart axis ids were 18 + 38 errors)."""
    tool = _audit_tool()
    require_tool("openxml-audit", tool)
    assert tool is not None
    run = subprocess.run([tool, "-o", "json", "-q", str(decks[spec])], capture_output=True, text=True, check=False)
    (report,) = json.loads(run.stdout)
    problems = [f"{e['part_uri']} {e['path']}: {e['description']}" for e in report["errors"]]
    assert report["error_count"] == 0, problems


@pytest.mark.parametrize("spec", SPECS)
def test_every_axis_id_is_unsigned_and_every_reference_resolves(spec: str, decks: dict[str, Path]) -> None:
    charts = _chart_parts(decks[spec])
    assert charts
    axes_seen = 0
    for name, root in charts.items():
        plot = root.find("c:chart/c:plotArea", NS)
        ids = [e.get("val") for e in plot.iter(f"{{{C}}}axId", f"{{{C}}}crossAx")]
        assert all(v is not None and v.isdigit() and int(v) < 2**32 for v in ids), (name, ids)
        axes = {ax.find("c:axId", NS).get("val"): ax for ax in plot if ax.tag.endswith(("catAx", "valAx", "dateAx"))}
        axes_seen += len(axes)
        for ax_id, axis in axes.items():
            # Each axis crosses an axis of the chart, and that one crosses it back.
            partner = axes[axis.find("c:crossAx", NS).get("val")]
            assert partner.find("c:crossAx", NS).get("val") == ax_id, name
        for group in plot:
            for ref in group.findall("c:axId", NS):
                assert ref.get("val") in axes, (name, group.tag)
    assert axes_seen
