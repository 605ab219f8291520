"""The README's "Development" section describes the package as it is."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def development_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Development\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_every_module_path_the_development_section_names_exists() -> None:
    named = set(re.findall(r"`((?:zzreport|tests)/[\w/.]*)`", development_section()))
    assert {"zzreport/builder.py", "zzreport/app/parallel.py", "zzreport/app/cli.py"} <= named
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"README names paths that do not exist: {missing}"


def test_every_module_of_the_edge_is_described() -> None:
    section = development_section()
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "zzreport" / "app").glob("*.py"))
    undescribed = [m for m in modules if not m.endswith("__init__.py") and f"`{m}`" not in section]
    assert not undescribed, f"README's Development section does not name {undescribed}"
