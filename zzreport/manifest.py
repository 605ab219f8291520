"""Build manifests: what a build read and wrote, so a scheduled job can tell if anything changed.

``OUTDIR/<spec name>.manifest.json`` lists every output (path, sha256, size,
page or slide count) and every input (the spec, data files, images, fonts,
template) with its sha256, plus the zzreport version and whatever else
decides the bytes (formats, SOURCE_DATE_EPOCH). ``zzreport build --check``
compares it with what the current inputs would produce, without building.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zzreport import __version__
from zzreport.cache_files import file_sha256
from zzreport.document import Document

MANIFEST_VERSION = 1


def manifest_path(outdir: Path, spec: Path) -> Path:
    return outdir / f"{spec.stem}.manifest.json"


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path.resolve())


def input_files(document: Document) -> list[Path]:
    """Every file whose bytes decide the outputs: spec, data, images, template, logo, fonts."""
    files = list(document.inputs)
    for face in document.fonts.faces():
        if face.path not in files:
            files.append(face.path)
    return files


def settings(formats: list[str]) -> dict[str, Any]:
    """Everything besides files that decides the output bytes."""
    return {"formats": sorted(formats), "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None}


def input_record(document: Document) -> dict[str, str]:
    base = document.spec_path.resolve().parent
    return {_relative(path, base): file_sha256(path) for path in input_files(document)}


@dataclass(frozen=True)
class OutputRecord:
    format: str
    path: Path
    sha256: str
    size: int
    pages: int


def write_manifest(
    outdir: Path, document: Document, formats: list[str], outputs: list[OutputRecord]
) -> tuple[Path, bytes]:
    """The manifest's path and bytes (written by the caller, atomically, after the outputs)."""
    data = {
        "manifest": MANIFEST_VERSION,
        "zzreport": __version__,
        "spec": document.spec_path.name,
        "settings": settings(formats),
        "inputs": input_record(document),
        "outputs": [
            {
                "format": o.format,
                "path": o.path.name,
                "sha256": o.sha256,
                "size": o.size,
                ("pages" if o.format == "pdf" else "slides"): o.pages,
            }
            for o in outputs
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return manifest_path(outdir, document.spec_path), text.encode("utf-8")


def staleness(outdir: Path, document: Document, formats: list[str], planned: dict[str, str]) -> list[str]:
    """Reasons the outputs in ``outdir`` do not match the current inputs; empty when up to date."""
    path = manifest_path(outdir, document.spec_path)
    if not path.is_file():
        return [f"no manifest {path.name} (never built into {outdir})"]
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f"manifest {path.name} is unreadable"]
    reasons = []
    if old.get("zzreport") != __version__:
        reasons.append(f"built by zzreport {old.get('zzreport')}, this is {__version__}")
    if old.get("settings") != settings(formats):
        reasons.append(f"build settings changed (was {old.get('settings')}, now {settings(formats)})")
    previous = old.get("inputs", {})
    current = input_record(document)
    for name in sorted(set(previous) | set(current)):
        if name not in current:
            reasons.append(f"{name} is no longer used")
        elif name not in previous:
            reasons.append(f"{name} is a new input")
        elif previous[name] != current[name]:
            reasons.append(f"{name} changed")
    recorded = {o.get("format"): o for o in old.get("outputs", [])}
    for fmt, name in planned.items():
        entry = recorded.get(fmt)
        target = outdir / name
        if entry is None or entry.get("path") != name:
            reasons.append(f"{name} is not in the manifest")
        elif not target.is_file():
            reasons.append(f"{name} is missing")
        elif file_sha256(target) != entry.get("sha256"):
            reasons.append(f"{name} was modified after the build")
    return reasons
