"""``python -m zzreport``."""

from zzreport.cli import run

run()
