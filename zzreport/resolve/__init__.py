"""The resolve stage: a validated spec -> the document model (IR)."""

from zzreport.resolve.resolver import ResolveOptions, resolve

__all__ = ["ResolveOptions", "resolve"]
