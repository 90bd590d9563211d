"""The flat tables' names, columns and types (docs/TABLES.md), without the domain behind them.

Kept apart from :mod:`.tables_flat` so that a report from the cache (nothing to flatten)
never imports the session model.
"""

from __future__ import annotations

import hashlib
from typing import Any

TABLES_SCHEMA_VERSION = 1
"""Raised whenever a table gains, loses or changes a column (read by ``_schema.json``)."""

# Every table starts with the session's key and its province / kabupaten codes: the
# Parquet output is partitioned by those two, and any engine joins on session_id.
_KEYS = (("session_id", "VARCHAR"), ("province_code", "VARCHAR"), ("regency_code", "VARCHAR"))

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "sessions": (*_KEYS, ("group", "VARCHAR"), ("group_key", "VARCHAR"),
                 ("village", "VARCHAR"), ("subdistrict", "VARCHAR"), ("regency", "VARCHAR"),
                 ("province", "VARCHAR"), ("start_date", "VARCHAR"), ("end_date", "VARCHAR"),
                 ("report_date", "DATE"), ("participants", "BIGINT"), ("cards", "BIGINT"),
                 ("categories", "BIGINT"), ("region_code", "VARCHAR"),
                 ("village_key", "VARCHAR"), ("village_name", "VARCHAR"),
                 ("village_code", "VARCHAR"), ("subdistrict_key", "VARCHAR"),
                 ("subdistrict_name", "VARCHAR"), ("subdistrict_code", "VARCHAR"),
                 ("regency_name", "VARCHAR"), ("uncoded_reason", "VARCHAR"),
                 ("village_norm", "VARCHAR"), ("group_name_key", "VARCHAR"),
                 ("is_example", "BOOLEAN")),
    "participants": (*_KEYS, ("attribute", "VARCHAR"), ("value", "VARCHAR"),
                     ("count", "BIGINT")),
    "cards": (*_KEYS, ("card_id", "VARCHAR"), ("kind", "VARCHAR"), ("colour", "VARCHAR"),
              ("category_id", "VARCHAR"), ("text", "VARCHAR")),
    "categories": (*_KEYS, ("category_id", "VARCHAR"), ("title", "VARCHAR"),
                   ("title_key", "VARCHAR"), ("cards", "BIGINT"), ("votes", "BIGINT"),
                   ("score", "BIGINT")),
    "ranking": (*_KEYS, ("category_id", "VARCHAR"), ("seq", "BIGINT"), ("rank", "BIGINT"),
                ("score", "BIGINT"), ("tied", "BIGINT"), ("priority", "BIGINT"),
                ("title", "VARCHAR"), ("title_key", "VARCHAR")),
    "actions": (*_KEYS, ("action_id", "VARCHAR"), ("category_id", "VARCHAR"),
                ("action", "VARCHAR"), ("responsible", "VARCHAR"), ("when", "VARCHAR"),
                ("status", "VARCHAR")),
    "capacity": (*_KEYS, ("rater", "VARCHAR"), ("competency", "VARCHAR"), ("phase", "VARCHAR"),
                 ("score", "DOUBLE"), ("raters", "BIGINT")),
    "stages": (*_KEYS, ("stage_id", "VARCHAR"), ("stage", "VARCHAR"), ("date", "VARCHAR"),
               ("end_date", "VARCHAR"), ("contacts", "BIGINT"), ("agreed", "VARCHAR"),
               ("findings", "VARCHAR")),
}
"""Each table's columns and their SQL types, in order."""

Rows = dict[str, list[list[Any]]]


def hashed(text: str) -> str:
    """A short stable key for a text that must not be shown (a group's normalised name)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
