"""The example specs build exactly the bytes recorded in ``fixtures/golden-sha256.json``.

Every change that is not meant to alter what a reader gets must leave both
examples' bytes alone; this pins it. A change that alters the outputs on
purpose regenerates the fixture in the same commit and names the difference
in its message::

    ZZREPORT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_outputs.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import zzreport
from tests.helpers import BUILD_EPOCH

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "golden-sha256.json"
GOLDEN = json.loads(FIXTURE.read_text(encoding="utf-8"))
UPDATE = os.environ.get("ZZREPORT_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_example_outputs_are_byte_identical_to_the_golden_build(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the regeneration workflow builds them: SOURCE_DATE_EPOCH fixed (there from the specs' last commit).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    outputs = zzreport.build(ROOT / "specs" / f"{name}.yaml", tmp_path)
    got = {o.format: hashlib.sha256(o.path.read_bytes()).hexdigest() for o in outputs}
    if UPDATE and got != GOLDEN[name]:
        # Re-read so that the two parametrised cases each keep the other's entry.
        current = json.loads(FIXTURE.read_text(encoding="utf-8"))
        current[name] = got
        FIXTURE.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return
    assert got == GOLDEN[name], (
        "the example's bytes changed; if on purpose, regenerate with ZZREPORT_UPDATE_GOLDEN=1 "
        "and name the difference in the commit message"
    )
