"""Confine every file a spec names to the spec's own folder.

Specs arrive through pull requests in CI; a spec that reads ``/etc/passwd``
or ``../../secrets.csv`` into a published PDF must be refused unless the
person running the build explicitly allows it.
"""

from __future__ import annotations

from pathlib import Path

from zzreport.errors import Location, SpecError
from zzreport.regular_files import regular_file_problem


def resolve_asset(
    base_dir: Path,
    relative: str,
    where: Location,
    *,
    allow_outside: bool = False,
    what: str = "file",
) -> Path:
    """The absolute path of ``relative`` under ``base_dir``, checked to exist and stay inside."""
    raw = Path(relative)
    base = base_dir.resolve()
    if raw.is_absolute() and not allow_outside:
        raise SpecError.single(
            where,
            f"absolute path `{relative}` is not allowed; use a path relative to the spec's folder "
            "(or pass --allow-outside)",
        )
    candidate = raw if raw.is_absolute() else base / raw
    try:
        resolved = candidate.resolve()
    except (RuntimeError, OSError):  # a symlink loop (RuntimeError before Python 3.13)
        raise SpecError.single(where, f"`{relative}` is a symlink loop") from None
    if not allow_outside and not resolved.is_relative_to(base):
        reason = "is a symlink that points" if candidate.is_symlink() or _has_symlink(base, raw) else "is"
        raise SpecError.single(
            where,
            f"`{relative}` {reason} outside the spec's folder; pass --allow-outside to permit it",
        )
    if not resolved.exists():
        raise SpecError.single(where, f"{what} not found: `{relative}`")
    if resolved.is_dir():
        raise SpecError.single(where, f"`{relative}` is a folder, not a {what}")
    problem = regular_file_problem(resolved)
    if problem:
        raise SpecError.single(where, f"`{relative}` {problem}")
    return resolved


def _has_symlink(base: Path, relative: Path) -> bool:
    current = base
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
