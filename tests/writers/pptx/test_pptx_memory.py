"""A long-lived process keeps no deck it has written: each one's package is freed with it."""

from __future__ import annotations

import gc
from pathlib import Path

from pptx.package import Package

import zzreport
from zzreport.builder import render

ROOT = Path(__file__).resolve().parents[3]


def _live_packages() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Package))


def test_a_written_deck_leaves_no_package_behind() -> None:
    document = zzreport.resolve(zzreport.load(ROOT / "specs" / "showcase.yaml"))  # charts: parts named by PartNames
    before = _live_packages()
    session = zzreport.Session()
    for _ in range(3):
        data, _result = render(document, "pptx", session=session)
        assert data.startswith(b"PK")
    assert _live_packages() == before  # a service rendering 1,500 decks once kept all 1,500 (1.5 MB each)
