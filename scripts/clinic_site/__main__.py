"""`python -m clinic_site build|check|serve` (scripts/dev.py runs it): clinic_site.cli."""

import sys

from .cli import main

raise SystemExit(main(sys.argv[1:]))
