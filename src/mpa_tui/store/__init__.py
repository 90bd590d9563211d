"""Crash-safe persistence: one TinyDB file per session, an index, atomic writes, a lock.

Imports no Textual; pydantic models and TinyDB are imported lazily when a session is
loaded or saved (``AtomicJSONStorage`` too, on first use of the name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mpa_tui.store.atomic import atomic_write
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

if TYPE_CHECKING:
    from mpa_tui.store.storage import AtomicJSONStorage


def __getattr__(name: str) -> Any:
    if name == "AtomicJSONStorage":
        from mpa_tui.store.storage import AtomicJSONStorage

        return AtomicJSONStorage
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "MIGRATIONS", "AtomicJSONStorage", "DamageReport", "Finding", "SaveError", "ScanResult",
    "SessionDamagedError", "SessionNotFoundError", "SessionReadOnlyError", "SessionRepository",
    "SessionSummary", "Store", "StoreError", "StoreLockedError", "atomic_write",
    "resolve_data_dir", "scan",
]
