"""`python -m mpa_tui` runs the same CLI as `mpa`."""

from mpa_tui.cli import main

raise SystemExit(main())
