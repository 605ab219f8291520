"""The spec model: the user-facing vocabulary of a zzreport spec, as typed models."""

from zzreport.language.models import FORMAT_VERSION, Report

__all__ = ["FORMAT_VERSION", "Report"]
