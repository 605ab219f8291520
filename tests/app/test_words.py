"""The command line's stored word ends: the library's labels, without loading the segmenter when stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zzreport.app import words
from zzreport.fonts.balance import dictionary_word_ends

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "zhengzhou-2025.yaml"

#: The command line's build, telling afterwards whether the segmenter was imported.
CLI_BUILD = (
    "import sys\n"
    "from zzreport.app import cli\n"
    "cli.words.use_stored_word_ends()\n"
    "code = cli.main(['build', '-q', sys.argv[1], '-o', sys.argv[2], '--format', 'pptx'])\n"
    "print(code, 'rjieba' in sys.modules)\n"
)
LIBRARY_BUILD = "import sys, zzreport\nzzreport.build(sys.argv[1], sys.argv[2], ['pptx'])\n"


def _run(code: str, out: Path, cache: Path) -> str:
    env = {**os.environ, "ZZREPORT_CACHE_DIR": str(cache), "ZZREPORT_PARALLEL": "0"}
    done = subprocess.run([sys.executable, "-c", code, str(SPEC), str(out)], env=env, cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().strip()


def test_stored_word_ends_give_the_librarys_deck_and_spare_the_segmenter(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(LIBRARY_BUILD, tmp_path / "library", cache)
    assert not (cache / "word-ends").exists()  # the library segments; it stores no word ends
    assert _run(CLI_BUILD, tmp_path / "cold", cache) == "0 True"  # segments, and stores what it found
    assert any((cache / "word-ends").iterdir())
    assert _run(CLI_BUILD, tmp_path / "warm", cache) == "0 False"  # every label stored: rjieba never loaded
    deck = (tmp_path / "library" / "zhengzhou-2025.pptx").read_bytes()
    assert (tmp_path / "cold" / "zhengzhou-2025.pptx").read_bytes() == deck
    assert (tmp_path / "warm" / "zhengzhou-2025.pptx").read_bytes() == deck


@pytest.mark.parametrize("stored", [b"", b"not marshal", b"\xe9\x02\x00\x00\x00", bytes([0x29, 1, 0xE9, 99, 0, 0, 0])])
def test_a_damaged_or_impossible_entry_is_segmented_afresh(
    stored: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZZREPORT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(words, "_SEEN", type(words._SEEN)())
    text = "国家级重点实验室"
    entry = words._entry(text)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(stored)  # empty, not marshal, a bare int, an offset past the text's end
    assert words.stored_word_ends(text) == dictionary_word_ends(text) == {3, 5, 8}
    words._SEEN.clear()
    assert words.stored_word_ends(text) == {3, 5, 8}  # the entry was written afresh
