"""Crash-safe persistence: one TinyDB file per session, an index, atomic writes, a lock.

Imports no Textual; pydantic models are imported lazily when a session is loaded or saved.
"""

from mpa_tui.store.atomic import AtomicJSONStorage, atomic_write
from mpa_tui.store.check import Finding, ScanResult, scan
from mpa_tui.store.errors import (
    SaveError,
    SessionDamagedError,
    SessionNotFoundError,
    SessionReadOnlyError,
    StoreError,
    StoreLockedError,
)
from mpa_tui.store.layout import DamageReport, SessionSummary
from mpa_tui.store.repository import MIGRATIONS, SessionRepository
from mpa_tui.store.store import Store, resolve_data_dir

__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "DamageReport", "Finding", "SaveError", "ScanResult",
    "SessionDamagedError", "SessionNotFoundError", "SessionReadOnlyError", "SessionRepository",
    "SessionSummary", "Store", "StoreError", "StoreLockedError", "atomic_write",
    "resolve_data_dir", "scan",
]
