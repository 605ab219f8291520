"""The library entry points a program uses; the CLI is a thin layer over these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from zzreport.errors import Problem, SpecError
from zzreport.ir import Document
from zzreport.language.models import Report
from zzreport.loading import Limits, load
from zzreport.loading.validate import InvalidSpec
from zzreport.resolve import ResolveOptions, resolve
from zzreport.stages import stage


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
    params: Mapping[str, str | float] | None = None,
) -> CheckResult:
    """Load, validate and resolve a spec, then run the preflight checks.

    ``params`` sets the spec's params, as ``--set name=value`` does (over any in ``options``).
    Raises :class:`zzreport.SpecError` with every problem found.
    """
    options = with_params(options, params)
    try:
        with stage("load"):
            report = load(path, limits=limits)
    except InvalidSpec as exc:
        raise _with_later_problems(exc, options) from None
    return check_report(report, options=options)


def with_params(options: ResolveOptions, params: Mapping[str, str | float] | None) -> ResolveOptions:
    """``options`` with ``params`` set over the ones it has."""
    return replace(options, params={**options.params, **params}) if params else options


def _with_later_problems(exc: InvalidSpec, options: ResolveOptions) -> SpecError:
    """The load stage's problems and those resolving the valid rest of the spec finds, all at once."""
    if exc.rest is None:
        return exc
    try:
        check_report(exc.rest, options=options)
    except SpecError as later:
        return SpecError([*exc.problems, *(p for p in later.problems if p not in exc.problems)])
    except Exception:  # the rest is a stand-in: whatever it trips on, the author's own errors come first
        return exc
    return exc


def check_report(report: Report, *, options: ResolveOptions = ResolveOptions()) -> CheckResult:
    """As :func:`check`, for a report already loaded (e.g. with :func:`zzreport.load_dict`)."""
    with stage("resolve"):
        document = resolve(report, options)
    from zzreport.fonts.coverage import preflight

    with stage("preflight"):
        warnings = preflight(document, missing_glyphs=options.missing_glyphs)
    return CheckResult(document, warnings)
