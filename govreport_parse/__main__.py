"""``python -m govreport_parse`` runs the command line."""

from .cli import main

raise SystemExit(main())
