"""The command line's stored font readings: the same PDF as the library's parsed faces, cold or warm."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "fixtures" / "ok" / "minimal.yaml"

LIBRARY_BUILD = (
    "import sys, zzreport\n"
    "from zzreport.builder import render\n"
    "doc = zzreport.resolve(zzreport.load(sys.argv[1]))\n"
    "sys.stdout.buffer.write(render(doc, 'pdf')[0])\n"
)


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "ZZREPORT_CACHE_DIR": str(cache), "ZZREPORT_PARALLEL": "0"}


def _cli_pdf(out: Path, cache: Path) -> bytes:
    command = [sys.executable, "-m", "zzreport", "build", str(SPEC), "-o", str(out), "--format", "pdf"]
    subprocess.run(command, env=_env(cache), cwd=ROOT, check=True, capture_output=True)
    (pdf,) = out.glob("*.pdf")
    return pdf.read_bytes()


def test_stored_readings_give_the_pdf_the_library_gives(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = subprocess.run(
        [sys.executable, "-c", LIBRARY_BUILD, str(SPEC)], env=_env(cache), cwd=ROOT, check=True, capture_output=True
    ).stdout
    assert library.startswith(b"%PDF")
    assert not (cache / "reportlab-faces").exists()  # the library only parses: it stores no reading

    cold = _cli_pdf(tmp_path / "cold", cache)  # parses, and stores the readings
    assert list((cache / "reportlab-faces").iterdir())
    warm = _cli_pdf(tmp_path / "warm", cache)  # loads the stored readings
    assert cold == warm == library
