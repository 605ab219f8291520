"""``python -m zzreport``: the command line (:func:`zzreport.app.cli.run`)."""

from zzreport.app.cli import run

run()
