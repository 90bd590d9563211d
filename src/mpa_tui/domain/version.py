"""The schema version of stored sessions, importable without pydantic (start-up reads it)."""

SCHEMA_VERSION = 3
"""The schema version this app writes. Files with a larger one are opened read-only.

1: mpa-tui 0.1.0.
2: mpa-tui 0.2.0: edit counters (``version``) on the session and every entity, the
   official place code (``location.region_code``) and step 2's draft (``capture``); each
   new field has a default, so a schema-1 file becomes schema 2 by loading it.
3: mpa-tui 0.3.0: process notes (``notes``, empty by default). An older app cannot open
   a file holding them, hence the bump; a schema-2 file is a valid schema-3 one as it is.
"""
