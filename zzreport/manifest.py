"""Build manifests: what a build read and wrote, so a scheduled job can tell if anything changed.

``OUTDIR/<spec name>.manifest.json`` lists every output (file name, sha256,
size, page or slide count) and every input (the spec, data files, images,
fonts, template) with its sha256, plus the zzreport version and whatever else
decides the bytes (formats, SOURCE_DATE_EPOCH). ``zzreport build --check``
compares it with what the current inputs would produce, without building.
Its ``content`` records what the reader sees, card by card and cell by cell
(:mod:`zzreport.content`), so ``zzreport diff`` can say which numbers changed
between two editions.

A manifest holds no absolute path of the machine, so it stays true when the
project folder moves, or when another install (a CI runner's venv, another
Python) checks what this one built. Inputs are named by :func:`portable_name`;
outputs by their file name inside the output folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zzreport.cache_files import file_sha256
from zzreport.content import content_record
from zzreport.errors import Location, SpecError, display_path
from zzreport.fonts.bundled import bundled_name
from zzreport.fonts.fontset import FontSet
from zzreport.ir import Document
from zzreport.resolve.slices import stem
from zzreport.version import __version__
from zzreport.writers.registry import FORMATS

#: 3: ``content``, what the reader sees (cards, table cells, figure points; :mod:`zzreport.content`).
#: 2: inputs by portable names (1 had absolute paths of bundled fonts and of files outside the spec's folder).
MANIFEST_VERSION = 3


def manifest_path(outdir: Path, spec: Path, slice_key: str | None = None) -> Path:
    """``OUTDIR/<spec name>.manifest.json``; a slice's is ``<spec name>-<key>.manifest.json``."""
    return outdir / f"{stem(spec.stem, slice_key)}.manifest.json"


def portable_name(path: Path, base: Path, named: frozenset[Path]) -> str:
    """How the manifest names the input ``path`` of a spec in the folder ``base``.

    - a bundled face: ``bundled:<file name>``, the same in every install and in a checkout;
    - a file the spec names (``named``): its path relative to the spec's folder, with
      ``/`` between parts, and ``..`` for one outside it (``--allow-outside``), so the
      name survives moving the project folder as a whole;
    - such a file that no relative path reaches (another drive on Windows):
      ``elsewhere:<file name>``, recorded by its name and sha256 only;
    - a system font found by family name: ``system:<file name>``, since where the
      system keeps its fonts is no part of the project.
    """
    bundled = bundled_name(path)
    if bundled is not None:
        return f"bundled:{bundled}"
    if path not in named:
        return f"system:{path.name}"
    try:
        return Path(os.path.relpath(path.resolve(), base)).as_posix()
    except ValueError:  # no relative path between two drives
        return f"elsewhere:{path.name}"


def input_files(document: Document) -> list[Path]:
    """Every file whose bytes decide the outputs: spec, data, images, template, logo, fonts."""
    files = list(document.inputs)
    for face in FontSet.from_plan(document.font_plan).faces():
        if face.path not in files:
            files.append(face.path)
    return files


def settings(formats: list[str], params: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything besides files that decides the output bytes: formats, the build moment, the spec's params
    (``--set`` or their defaults; left out for a spec without params, whose manifest stays as it was)."""
    data: dict[str, Any] = {
        "formats": sorted(formats),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "").strip() or None,
    }
    if params:
        data["params"] = dict(params)
    return data


def input_record(document: Document) -> dict[str, str]:
    """Each input's digest; an input that vanished or became unreadable since it was read is a located error."""
    base = document.spec_path.resolve().parent
    named = frozenset(document.inputs)
    record: dict[str, str] = {}
    for path in input_files(document):
        name = first = portable_name(path, base, named)
        count = 1
        while name in record:  # two system fonts, or two files on other drives, of one file name
            count += 1
            name = f"{first}#{count}"
        try:
            record[name] = file_sha256(path)
        except OSError as exc:
            raise SpecError.single(Location(display_path(path)), f"cannot read: {exc.strerror or exc}") from None
    return record


@dataclass(frozen=True)
class OutputRecord:
    format: str
    path: Path
    sha256: str
    size: int
    pages: int
    embedded_font_bytes: int = 0


def write_manifest(
    outdir: Path, document: Document, formats: list[str], outputs: list[OutputRecord]
) -> tuple[Path, bytes]:
    """The manifest's path and bytes (written by the caller, atomically, after the outputs)."""
    data = {
        "manifest": MANIFEST_VERSION,
        "zzreport": __version__,
        "spec": document.spec_path.name,
        "settings": settings(formats, document.params),
        "inputs": input_record(document),
        "outputs": [
            {
                "format": o.format,
                "path": o.path.name,
                "sha256": o.sha256,
                "size": o.size,
                f"{FORMATS[o.format].unit}s": FORMATS[o.format].recorded(
                    o.pages
                ),  # "pages", "slides"; null: the reader's
                **({"embedded_fonts": o.embedded_font_bytes} if o.embedded_font_bytes else {}),
            }
            for o in outputs
        ],
        "content": content_record(document),
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return manifest_path(outdir, document.spec_path, document.slice), text.encode("utf-8")


def _shown(value: object, limit: int = 80) -> str:
    """A value read from a manifest, safe to print: the file may be hand-edited or planted (escapes, huge strings)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_manifest(path: Path) -> tuple[dict[str, Any] | None, str]:
    """The manifest's data, or None and why it cannot be used. Never raises for what the file holds."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as exc:
        return None, f"manifest {path.name} is unreadable ({exc.strerror or exc})"
    except (ValueError, RecursionError):  # not UTF-8, not JSON, an integer too long, nested too deep
        return None, f"manifest {path.name} is unreadable (not a JSON file)"
    if not isinstance(data, dict):
        return None, f"manifest {path.name} is invalid (expected a JSON object)"
    expected = {"zzreport": str, "settings": dict, "inputs": dict, "outputs": list}
    for key, kind in expected.items():
        if not isinstance(data.get(key), kind):
            return None, f"manifest {path.name} is invalid (`{key}` is missing or not a {kind.__name__})"
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in data["inputs"].items()):
        return None, f"manifest {path.name} is invalid (`inputs` must map names to digests)"
    for entry in data["outputs"]:
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("format", "path", "sha256"))):
            return None, f"manifest {path.name} is invalid (each of `outputs` needs a format, path and sha256)"
    version = data.get("manifest")
    if version != MANIFEST_VERSION:
        # An older manifest names inputs differently (absolute paths): comparing names would list every one.
        was = "has no format number" if version is None else f"is of format {_shown(version)}"
        return None, f"manifest {path.name} {was}, this zzreport writes format {MANIFEST_VERSION}"
    return data, ""


def staleness(outdir: Path, document: Document, formats: list[str], planned: dict[str, str]) -> list[str]:
    """Reasons the outputs in ``outdir`` do not match the current inputs; empty when up to date.

    A manifest that cannot be read or has the wrong shape makes the outputs
    stale, with that as the reason: a check must never be more sure than
    what it read.
    """
    path = manifest_path(outdir, document.spec_path, document.slice)
    if not path.is_file():
        return [f"no manifest {path.name} (never built into {outdir})"]
    old, problem = read_manifest(path)
    if old is None:
        return [problem]
    reasons = []
    if old["zzreport"] != __version__:
        reasons.append(f"built by zzreport {_shown(old['zzreport'])}, this is {__version__}")
    now = settings(formats, document.params)
    if old["settings"] != now:
        reasons.append(f"build settings changed (was {_shown(old['settings'])}, now {now})")
    previous: dict[str, str] = old["inputs"]
    current = input_record(document)
    for name in sorted(set(previous) | set(current)):
        if name not in current:
            reasons.append(f"{_shown(name)} is no longer used")
        elif name not in previous:
            reasons.append(f"{name} is a new input")
        elif previous[name] != current[name]:
            reasons.append(f"{name} changed")
    recorded = {o["format"]: o for o in old["outputs"]}
    for fmt, name in planned.items():
        entry = recorded.get(fmt)
        target = outdir / name
        if entry is None or entry["path"] != name:
            reasons.append(f"{name} is not in the manifest")
        elif not target.is_file():
            reasons.append(f"{name} is missing")
        else:
            try:
                digest = file_sha256(target)
            except OSError as exc:
                reasons.append(f"{name} is unreadable ({exc.strerror or exc})")
                continue
            if digest != entry["sha256"]:
                reasons.append(f"{name} was modified after the build")
    return reasons
