"""zzreport: a YAML spec of sections and figures -> a print-ready PDF and an editable deck.

The library API::

    import zzreport
    report = zzreport.load("specs/zhengzhou-2025.yaml")    # validated spec model
    document = zzreport.resolve(report)                     # the document model
    zzreport.check("specs/zhengzhou-2025.yaml")            # load + resolve + preflight
    zzreport.build("specs/zhengzhou-2025.yaml", "output")  # PDF + PPTX + manifest, written atomically
    zzreport.write(document, "pdf", stream)                 # one format to a path or a binary stream
    figure = zzreport.MatplotlibFigure(fig, alt="…")        # a matplotlib figure as a block (the extra)
    document = document.with_block(figure, "innovation")    # …added to a section of the document

The library renders in the calling thread and never starts a process, so a
threaded service may call it; pass ``session=zzreport.Session()``, kept for
the service's life, to reuse caches across reports.

Every author mistake raises :class:`SpecError`, whose ``problems`` list each
located error (``file:line:col: key.path: message``).
"""

from __future__ import annotations

from zzreport.api import CheckResult, check, check_report
from zzreport.builder import Output, build, render, write
from zzreport.errors import Location, Problem, SpecError
from zzreport.ir import Document
from zzreport.language.models import Report
from zzreport.loading import Limits, load, load_dict, load_text
from zzreport.matplotlib_figure import MatplotlibFigure
from zzreport.resolve import ResolveOptions, resolve
from zzreport.session import Session
from zzreport.version import __version__

__all__ = [
    "CheckResult",
    "Document",
    "Limits",
    "Location",
    "MatplotlibFigure",
    "Output",
    "Problem",
    "Report",
    "ResolveOptions",
    "Session",
    "SpecError",
    "__version__",
    "build",
    "check",
    "check_report",
    "load",
    "load_dict",
    "load_text",
    "render",
    "resolve",
    "write",
]
