"""zzreport: a YAML spec of sections and figures -> a print-ready PDF and an editable deck.

The library API::

    import zzreport
    report = zzreport.load("specs/zhengzhou-2025.yaml")    # validated spec model
    document = zzreport.resolve(report)                     # the document model
    zzreport.check("specs/zhengzhou-2025.yaml")            # load + resolve + preflight

Every author mistake raises :class:`SpecError`, whose ``problems`` list each
located error (``file:line:col: key.path: message``).
"""

from __future__ import annotations

from zzreport.api import CheckResult, check, check_report
from zzreport.document import Document
from zzreport.errors import Location, Problem, SpecError
from zzreport.loading import Limits, load, load_dict, load_text
from zzreport.resolve import ResolveOptions, resolve
from zzreport.spec.models import Report

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Document",
    "Limits",
    "Location",
    "Problem",
    "Report",
    "ResolveOptions",
    "SpecError",
    "__version__",
    "check",
    "check_report",
    "load",
    "load_dict",
    "load_text",
    "resolve",
]
