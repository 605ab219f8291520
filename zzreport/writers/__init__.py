"""Renderers that turn a report spec into output files (PDF, PPTX)."""
