"""The example specs build exactly the bytes recorded in ``fixtures/golden-sha256.json``.

The restructuring moves every decision without changing what a reader gets;
this pins it. A change that alters the outputs on purpose updates the fixture
in the same commit, and its message names the difference.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import zzreport

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "fixtures" / "golden-sha256.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_example_outputs_are_byte_identical_to_the_golden_build(name: str, tmp_path: Path) -> None:
    outputs = zzreport.build(ROOT / "specs" / f"{name}.yaml", tmp_path)
    got = {o.format: hashlib.sha256(o.path.read_bytes()).hexdigest() for o in outputs}
    assert got == GOLDEN[name]
