"""The load stage: spec file -> validated, located :class:`~zzreport.language.models.Report`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zzreport.errors import SpecError
from zzreport.language.models import Report
from zzreport.loading.pydata import data_problems
from zzreport.loading.validate import validate
from zzreport.loading.yaml_source import Limits, SourceDoc, parse_text, read_source

__all__ = ["Limits", "SourceDoc", "load", "load_dict", "load_text"]


def _attach(report: Report, source: SourceDoc) -> Report:
    report._origin = source
    return report


def load(path: str | Path, *, limits: Limits = Limits()) -> Report:
    """Read, parse and validate a spec file.

    Raises :class:`zzreport.SpecError` listing every problem, each with its
    file, line, column and key path.
    """
    source = read_source(path, limits)
    return _attach(validate(source), source)


def load_text(text: str, path: str | Path = "<string>", *, limits: Limits = Limits()) -> Report:
    """Validate spec text; ``path`` names it in errors and anchors relative file paths."""
    source = parse_text(text, Path(path), limits)
    return _attach(validate(source), source)


def load_dict(
    data: dict[str, Any], base_dir: str | Path = ".", *, name: str = "<dict>", limits: Limits = Limits()
) -> Report:
    """Validate a spec given as Python data (e.g. built by a program).

    Relative file paths in it resolve against ``base_dir``. Errors carry key
    paths but no line numbers. The loader's limits (nesting, values, number
    magnitude) apply as they do to a file.
    """
    source = SourceDoc(file=Path(base_dir) / name, data=data)
    problems = data_problems(source, limits)
    if problems:
        raise SpecError(problems)
    return _attach(validate(source), source)
