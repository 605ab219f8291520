"""The library entry points a program uses; the CLI is a thin layer over these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zzreport.errors import Problem
from zzreport.ir import Document
from zzreport.language.models import Report
from zzreport.loading import Limits, load
from zzreport.resolve import ResolveOptions, resolve


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: the resolved document and any warnings."""

    document: Document
    warnings: list[Problem] = field(default_factory=list)


def check(
    path: str | Path,
    *,
    limits: Limits = Limits(),
    options: ResolveOptions = ResolveOptions(),
) -> CheckResult:
    """Load, validate and resolve a spec, then run the preflight checks.

    Raises :class:`zzreport.SpecError` with every problem found.
    """
    report = load(path, limits=limits)
    return check_report(report, options=options)


def check_report(report: Report, *, options: ResolveOptions = ResolveOptions()) -> CheckResult:
    """As :func:`check`, for a report already loaded (e.g. with :func:`zzreport.load_dict`)."""
    document = resolve(report, options)
    from zzreport.fonts.coverage import preflight

    warnings = preflight(document, missing_glyphs=options.missing_glyphs)
    return CheckResult(document, warnings)
