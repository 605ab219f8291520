"""Convert an Office file to PDF with headless LibreOffice, seeing zzreport's bundled fonts.

Used for previews and visual tests of every output that is not a PDF
already (the registry's ``as_pdf``): their text is set in the Noto SC faces,
which is usually not installed system-wide, so LibreOffice would silently
substitute another face (or draw tofu). Each conversion gets its own
fontconfig file (the system configuration plus the bundled fonts folder), its
own ``HOME`` and its own LibreOffice profile, so conversions running in
parallel don't block each other on a shared profile lock.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from zzreport.fonts.bundled import fonts_dir

SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")


class ConversionError(RuntimeError):
    """LibreOffice is missing, failed, timed out or wrote no PDF."""


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_fonts_conf(folder: Path, extra_dirs: list[Path] | None = None) -> Path:
    """Write a fonts.conf that includes the system's and adds the bundled fonts; return its path."""
    dirs = [fonts_dir(), *(extra_dirs or [])]
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>"]
    if SYSTEM_FONTS_CONF.is_file():
        lines.append(f'  <include ignore_missing="yes">{escape(str(SYSTEM_FONTS_CONF))}</include>')
    lines += [f"  <dir>{escape(str(d))}</dir>" for d in dirs]
    lines.append(f"  <cachedir>{escape(str(folder / 'fontconfig-cache'))}</cachedir>")
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def convert_to_pdf(source_path: Path | str, outdir: Path | str, timeout: float = 180) -> Path:
    """Convert ``source_path`` (any file LibreOffice opens) to ``outdir/<stem>.pdf`` and return the PDF's path.

    Raises :class:`ConversionError` with LibreOffice's output when it is not
    installed, fails, exceeds ``timeout`` seconds or produces no PDF.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("LibreOffice (soffice) is not installed; install it to preview Office files as PDF")
    source = Path(source_path).resolve()
    target_dir = Path(outdir).resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / (source.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="zzreport-soffice-") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        env["HOME"] = str(work)
        env["FONTCONFIG_FILE"] = str(write_fonts_conf(work))
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(target_dir),
            str(source),
        ]
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice did not convert {source.name} within {timeout:g} s") from exc
    if result.returncode != 0 or not target.is_file():
        output = (result.stdout + result.stderr).strip()
        raise ConversionError(f"LibreOffice failed to convert {source.name} (exit {result.returncode}): {output}")
    return target
