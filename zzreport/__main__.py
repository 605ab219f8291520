"""``python -m zzreport``."""

from zzreport.cli import main

raise SystemExit(main())
