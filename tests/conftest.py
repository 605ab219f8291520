"""Shared fixtures: paths of the repository's specs and test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT.parent / "shared" / "seeds" / "000_06f168087f7608ae.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_figure_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the figure cache of the test run out of the user's home folder."""
    import os

    os.environ["ZZREPORT_CACHE_DIR"] = str(tmp_path_factory.mktemp("figure-cache"))


@pytest.fixture(autouse=True, scope="session")
def _fixed_build_moment() -> None:
    """Fix the outputs' timestamp for the whole run (see :data:`tests.helpers.BUILD_EPOCH`)."""
    import os

    from tests.helpers import BUILD_EPOCH

    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so error messages name paths as a user types them."""
    monkeypatch.chdir(ROOT)
    return ROOT
