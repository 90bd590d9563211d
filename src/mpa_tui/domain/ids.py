"""What a session id may look like, importable without pydantic (the store checks ids
before any model is loaded)."""

from __future__ import annotations

import re

SESSION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
"""Letters, digits, "-" and "_", not starting with "-" or "_": a session id becomes a file
name, so it can never walk out of the store's folder nor hide as a dot-file."""

SESSION_ID = re.compile(SESSION_ID_PATTERN)
"""Use ``SESSION_ID.fullmatch``: with ``match``, "$" also accepts a trailing newline."""
