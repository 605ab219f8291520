"""A warm cache gives exactly the bytes of a cold one, and the cache folder never grows by itself.

Each "cold" reference build runs in a fresh process with an empty cache
folder (``ZZREPORT_CACHE_DIR``), so nothing of this process's memory can
make it agree by accident.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import zzreport
from tests.helpers import tiny_font

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("zhengzhou-2025", "showcase")

SPEC = """\
zzreport: 1
title: Cache check
theme:
  fonts:
    body: {file: f.ttf}
    figure: {file: f.ttf}
sections:
  - id: a
    title: One
    blocks:
      - paragraph: the quick brown fox jumps over the lazy dog again and again and again until the line is full
      - figure:
          kind: column
          title: Some values
          categories: [alpha, beta, gamma]
          series: [{name: count, values: [3, 5, 2]}]
"""


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def build_in_fresh_process(spec: Path, out: Path, cache: Path, caching: str = "on") -> dict[str, str]:
    """Build ``spec`` with ``zzreport build`` in a new process; the digests of what it wrote."""
    env = dict(os.environ, ZZREPORT_CACHE_DIR=str(cache), ZZREPORT_CACHE=caching)
    subprocess.run(
        [sys.executable, "-m", "zzreport", "build", str(spec), "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return {name: digest for name, digest in digests(out).items() if not name.endswith(".json")}


def outputs(built: list[zzreport.Output]) -> dict[str, str]:
    return {o.path.name: hashlib.sha256(o.path.read_bytes()).hexdigest() for o in built}


def test_a_font_replaced_with_the_same_size_and_time_is_measured_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = tiny_font(500), tiny_font(900)
    assert len(old) == len(new) and old != new
    project = tmp_path / "project"
    project.mkdir()
    font, spec = project / "f.ttf", project / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    font.write_bytes(old)
    os.utime(font, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    stamp = font.stat()

    cache = tmp_path / "cache"
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(cache))
    session = zzreport.Session()
    before = outputs(zzreport.build(spec, tmp_path / "before", session=session))  # warms disk and memory
    assert list(cache.rglob("*.scene.json")), "the figure layout was cached"

    # This process hashes a file once while its (size, times, inode) stay put; the change time, which
    # no tool sets back, moves on a replacement, but on a coarse clock only after a tick.
    time.sleep(0.05)
    font.write_bytes(new)
    os.utime(font, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert (font.stat().st_size, font.stat().st_mtime_ns) == (stamp.st_size, stamp.st_mtime_ns)

    warm_in_process = outputs(zzreport.build(spec, tmp_path / "warm", session=session))
    warm_process = build_in_fresh_process(spec, tmp_path / "warm-process", cache)
    cold = build_in_fresh_process(spec, tmp_path / "cold", tmp_path / "empty-cache")
    assert warm_process == cold
    # In this process the deck is measured afresh too. The PDF is not compared here: reportlab keeps
    # one font per PostScript name for the life of a process (its registry's design), so a second
    # face of one name is drawn with the first one's widths until the process ends.
    assert warm_in_process["s.pptx"] == cold["s.pptx"]
    assert cold != before  # the new widths changed the outputs: the test can tell


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_builds_the_same_bytes_with_caches_on_off_warm_and_cold(name: str, tmp_path: Path) -> None:
    spec = ROOT / "specs" / f"{name}.yaml"
    cache = tmp_path / "cache"
    cold = build_in_fresh_process(spec, tmp_path / "cold", cache)
    warm = build_in_fresh_process(spec, tmp_path / "warm", cache)
    off = build_in_fresh_process(spec, tmp_path / "off", tmp_path / "unused-cache", caching="off")
    assert cold == warm == off
    assert not (tmp_path / "unused-cache").exists(), "ZZREPORT_CACHE=off wrote to the cache folder"


def test_the_cache_folder_holds_what_the_first_cold_build_wrote(tmp_path: Path) -> None:
    """Repeated builds of one spec neither add entries nor change them (no keys by time or inode)."""
    spec = ROOT / "specs" / "showcase.yaml"
    cache = tmp_path / "cache"

    def contents() -> dict[str, str]:
        return {
            str(p.relative_to(cache)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(cache.rglob("*"))
            if p.is_file()
        }

    build_in_fresh_process(spec, tmp_path / "one", cache)
    first = contents()
    assert first, "the cold build cached something"
    for run in range(3):
        build_in_fresh_process(spec, tmp_path / f"again-{run}", cache)
    assert contents() == first
