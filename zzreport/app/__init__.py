"""The edge: the ``zzreport`` command line and what only a command needs.

The command line (:mod:`~zzreport.app.cli`), batches of specs
(:mod:`~zzreport.app.batch`), the watch loop (:mod:`~zzreport.app.watch`),
preview images (:mod:`~zzreport.app.preview`), and every speed trick of a
short-lived process: rendering formats in parallel
(:mod:`~zzreport.app.parallel`), running without the cyclic garbage
collector and leaving without tearing the interpreter down
(:mod:`~zzreport.app.process`), font faces restored from stored readings
(:mod:`~zzreport.app.faces`) and labels' word ends from stored entries
(:mod:`~zzreport.app.words`). The library (:func:`zzreport.build`) uses
none of it, and nothing outside this package imports it.
"""
