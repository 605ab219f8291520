"""Shared fixtures: paths of the repository's specs and test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seeds" / "000_06f168087f7608ae.txt"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so error messages name paths as a user types them."""
    monkeypatch.chdir(ROOT)
    return ROOT
