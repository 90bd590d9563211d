"""The schema version of stored sessions, importable without pydantic (start-up reads it)."""

SCHEMA_VERSION = 1
"""The schema version this app writes. Files with a larger one are opened read-only."""
