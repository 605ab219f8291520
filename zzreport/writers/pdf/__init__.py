"""The reportlab-based PDF writer."""
