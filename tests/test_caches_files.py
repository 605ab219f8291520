"""Disk entries are named by content: a file's bytes, never its size, time or inode."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from zzreport import cache_files
from zzreport.cache_files import code_fingerprint, file_key, file_sha256, write_entry


def test_a_file_replaced_by_other_bytes_of_the_same_size_and_time_gets_a_new_key(tmp_path: Path) -> None:
    font = tmp_path / "face.ttf"
    font.write_bytes(b"a" * 4096)
    os.utime(font, ns=(1, 1))
    first_digest, first_key = file_sha256(font), file_key(font, 0)
    assert first_digest == hashlib.sha256(b"a" * 4096).hexdigest()

    font.write_bytes(b"b" * 4096)
    os.utime(font, ns=(1, 1))  # the same size and modification time as before
    assert file_sha256(font) == hashlib.sha256(b"b" * 4096).hexdigest()
    assert file_key(font, 0) != first_key


def test_the_same_bytes_elsewhere_get_the_same_key(tmp_path: Path) -> None:
    """Keys depend on content, so a copy (another install, another path) reuses the entry."""
    one, two = tmp_path / "one.ttf", tmp_path / "two.ttf"
    one.write_bytes(b"same")
    two.write_bytes(b"same")
    assert file_key(one, 0) == file_key(two, 0)
    assert file_key(one, 0) != file_key(one, 1)


def test_the_code_fingerprint_covers_the_libraries_and_zzreports_code() -> None:
    assert len(code_fingerprint()) == 64
    assert code_fingerprint() == code_fingerprint()


def test_caches_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE", "off")
    write_entry(tmp_path / "entry", b"x")
    assert not (tmp_path / "entry").exists()
    assert cache_files.read_entry(tmp_path / "entry") is None
