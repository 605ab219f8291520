"""Digests kept on disk must follow the file they describe, and never be trusted when damaged."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from zzreport import cache_files
from zzreport.cache_files import cache_root, file_key, file_sha256


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_files, "_DIGESTS", {})
    monkeypatch.setattr(cache_files, "SETTLE_SECONDS", -1.0)  # files made by the test count as settled
    return tmp_path


def _large(path: Path, fill: bytes) -> str:
    data = fill * (2 << 20)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def test_a_large_files_digest_is_kept_on_disk_and_follows_changes(private_cache: Path) -> None:
    font = private_cache / "face.ttf"
    first = _large(font, b"a")
    assert file_sha256(font) == first
    entry = cache_root() / "file-digests" / file_key(font)
    assert entry.read_text(encoding="ascii") == first

    second = _large(font, b"b")
    os.utime(font, ns=(1, 1))  # a new modification time, whatever the clock's resolution
    cache_files._DIGESTS.clear()
    assert file_sha256(font) == second


def test_a_damaged_entry_is_recomputed(private_cache: Path) -> None:
    font = private_cache / "face.ttf"
    digest = _large(font, b"c")
    entry = cache_root() / "file-digests" / file_key(font)
    entry.parent.mkdir(parents=True)
    entry.write_text("not a digest", encoding="ascii")
    assert file_sha256(font) == digest
    assert entry.read_text(encoding="ascii") == digest


def test_a_file_changed_a_moment_ago_keeps_no_entry(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Coarse file-system clocks: a file changed twice within a tick would keep its first key."""
    monkeypatch.setattr(cache_files, "SETTLE_SECONDS", 2.0)
    font = private_cache / "face.ttf"
    digest = _large(font, b"d")
    assert file_sha256(font) == digest
    assert not (cache_root() / "file-digests").exists()
