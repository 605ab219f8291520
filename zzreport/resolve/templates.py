"""Slide templates a spec names: checked before any output is started."""

from __future__ import annotations

from pathlib import Path

from zzreport.errors import Location, SpecError


def check_template(file: Path, where: Location) -> None:
    """Refuse a template that is not a PowerPoint package before any output is started."""
    import zipfile

    if file.suffix.lower() not in (".pptx", ".potx"):
        raise SpecError.single(where, f"`{file.name}` is not a PowerPoint template (.pptx or .potx)")
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        raise SpecError.single(where, f"template `{file.name}` is corrupt or not a PowerPoint file") from None
    if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
        raise SpecError.single(where, f"template `{file.name}` is not a PowerPoint presentation")
