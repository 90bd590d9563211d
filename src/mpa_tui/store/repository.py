"""SessionRepository: sessions <-> one TinyDB file each, plus the in-memory index."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpa_tui.domain.ids import SESSION_ID
from mpa_tui.domain.version import SCHEMA_VERSION
from mpa_tui.store.atomic import atomic_write
from mpa_tui.store.errors import (
    SaveError,
    SessionDamagedError,
    SessionNotFoundError,
    SessionReadOnlyError,
    StoreError,
)
from mpa_tui.store.layout import (
    BadFile,
    SessionSummary,
    check_session_doc,
    encode_session_document,
    file_stamp,
    index_document,
    index_row,
    session_json,
)

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session
    from mpa_tui.store.storage import AtomicJSONStorage

Migration = Callable[[dict[str, Any]], dict[str, Any]]

def _schema_1_to_2(body: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 only added fields with defaults (edit counters, the place code, the step 2
    draft): a schema-1 session is a valid schema-2 one as it is."""
    return body


def _schema_2_to_3(body: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 only added the process notes (an empty list by default)."""
    return body


MIGRATIONS: dict[int, Migration] = {1: _schema_1_to_2, 2: _schema_2_to_3}
"""``MIGRATIONS[v]`` turns a session saved with schema v into schema v + 1 (dict -> dict).

Add one function per schema bump, never edit old ones.
"""


def upgrade_body(body: dict[str, Any], version: int,
                 migrations: dict[int, Migration] | None = None) -> dict[str, Any]:
    """Bring a session's JSON from ``version`` up to the app's schema version (the store's
    files and imported bundles alike).

    Raises:
        SessionDamagedError: no migration exists for a step (``no_migration``).
    """
    steps = MIGRATIONS if migrations is None else migrations
    current = app_schema_version()
    while version < current:
        step = steps.get(version)
        if step is None:
            raise SessionDamagedError(id=str(body.get("id")), reason="no_migration")
        body = step(body)
        version += 1
    body["schema_version"] = current
    return body

INDEX_NAME = "index.json"
INDEX_DELAY = 300.0
"""Seconds between index writes while a session is being edited (new sessions, and
closing the store, write it at once). The index on disk may lag: it is only a cache,
checked against each file's size and mtime at every open, so a lagging row costs one
re-read of that session's file at the next open. It is long because rewriting the whole
index grows with the store (~2 ms of a ~3 ms save at 1,000 sessions, see
docs/BENCHMARKS.md) and at workshop pace (a card every few seconds) a short delay meant
a rewrite on every save."""
SESSIONS_DIR = "sessions"


def summary_of(session: Session) -> SessionSummary:
    """The index row of a session, straight from the model."""
    return SessionSummary(
        id=session.id,
        group_name=session.group_name,
        village=session.location.village,
        start_date=session.start_date,
        current_step=int(session.current_step),
        card_count=sum(1 for c in session.cards if c.deleted_at is None),
        updated_at=session.updated_at,
        deleted_at=session.deleted_at,
        is_example=session.is_example,
    )


def app_schema_version() -> int:
    """The schema version this app writes (a function so tests can pretend a newer app)."""
    return SCHEMA_VERSION


class SessionRepository:
    """Create, load, save, list, trash and restore sessions in one data folder.

    Built by :class:`~mpa_tui.store.Store`; use ``store.repo``.
    """

    def __init__(
        self,
        data_dir: Path,
        summaries: dict[str, SessionSummary],
        stats: dict[str, list[int]],
        read_only_ids: set[str],
        *,
        writable: bool = True,
        migrations: dict[int, Migration] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.sessions_dir = data_dir / SESSIONS_DIR
        self.index_path = data_dir / INDEX_NAME
        self._summaries = summaries
        self._stats = stats
        self._read_only = set(read_only_ids)
        self._writable = writable
        self._storages: dict[str, AtomicJSONStorage] = {}
        # JSON rows of the index, built when the index is written and kept, so a later
        # write re-serialises only the rows of sessions saved since (none at start-up).
        self._rows: dict[str, dict[str, Any]] = {}
        self._stale_rows: set[str] = set(summaries)
        self._index_dirty = False
        self._index_written = 0.0  # monotonic time of the last index write
        self.index_delay = INDEX_DELAY
        self.migrations = MIGRATIONS if migrations is None else migrations

    # -- paths and storages -------------------------------------------------------------
    def path_of(self, session_id: str) -> Path:
        """The file of a session (``sessions/<id>.json``)."""
        if not SESSION_ID.fullmatch(session_id):
            raise SessionNotFoundError(id=session_id)
        return self.sessions_dir / f"{session_id}.json"

    def _storage(self, session_id: str) -> AtomicJSONStorage:
        st = self._storages.get(session_id)
        if st is None:
            from mpa_tui.store.storage import AtomicJSONStorage  # TinyDB: not needed to list

            st = AtomicJSONStorage(self.path_of(session_id))
            self._storages[session_id] = st
        return st

    # -- writing ------------------------------------------------------------------------
    def create(self, session: Session) -> None:
        """Save a new session (durable when it returns).

        Raises:
            StoreError: ``exists`` if a session with this id is already stored.
            SaveError: The disk refused the write.
        """
        if self.exists(session.id):
            raise StoreError("exists", id=session.id)
        self.save(session)

    def save(self, session: Session) -> None:
        """Write the whole session durably, then update the index.

        One atomic write (temp, fsync, replace, folder fsync) per call; on failure the
        previous file is intact and the caller may retry.

        Raises:
            SessionReadOnlyError: The stored file has a newer schema than this app.
            SaveError: The disk refused the write (``.key``: disk_full, read_only, ...).
        """
        if not self._writable:
            raise StoreError("not_locked")
        version = app_schema_version()
        if session.id in self._read_only or session.schema_version > version:
            raise SessionReadOnlyError(id=session.id)
        if session.schema_version != version:
            session = session.model_copy(update={"schema_version": version})
        storage = self._storages.get(session.id)
        if storage is None or session.id not in self._summaries:
            path = self.path_of(session.id)
            if session.id not in self._summaries and path.exists():
                # On disk but not indexed: a damaged file this Store was told not to
                # repair. Never write over it (its backup would be lost); `mpa doctor
                # --repair` first.
                raise SessionDamagedError(id=session.id, reason="not_repaired")
            storage = self._storage(session.id)
        data = encode_session_document(session_json(session), version)
        try:
            st = storage.write_encoded(data)
        except OSError as err:
            raise SaveError(err, path=str(storage.path)) from err
        is_new = session.id not in self._summaries
        self._summaries[session.id] = summary_of(session)
        self._stats[session.id] = file_stamp(st)
        # The row is rebuilt when the index is written, not on every save.
        self._stale_rows.add(session.id)
        self._index_dirty = True
        if is_new or time.monotonic() - self._index_written >= self.index_delay:
            self.write_index()

    def write_index(self) -> None:
        """Write ``index.json`` from memory (never re-reads the sessions).

        The index is only a cache, checked against each session file's size and mtime
        at open and rebuilt when it disagrees, so it is replaced atomically but not
        fsynced (that halves the cost of a save). If this write fails the session is
        still safe: the index is retried on the next save and rebuilt at the next open.
        """
        for sid in self._stale_rows:
            summary = self._summaries.get(sid)
            if summary is not None:
                self._rows[sid] = index_row(summary, self._stats.get(sid))
        self._stale_rows.clear()
        try:
            atomic_write(self.index_path, index_document(self._rows), backup=False, sync=False)
            self._index_dirty = False
            self._index_written = time.monotonic()
        except OSError:
            self._index_dirty = True

    def flush_index(self) -> None:
        """Write the index now if a recent save left it behind (called on close)."""
        if self._index_dirty and self._writable:
            self.write_index()

    # -- reading ------------------------------------------------------------------------
    def exists(self, session_id: str) -> bool:
        """Whether a session with this id is stored (trashed or not)."""
        return session_id in self._summaries

    def is_read_only(self, session_id: str) -> bool:
        """Whether the file has a newer schema_version than this app knows."""
        return session_id in self._read_only

    def load(self, session_id: str) -> Session:
        """Read a session from its file (memory after the first read).

        Raises:
            SessionNotFoundError: No such session.
            SessionDamagedError: The file cannot be read as a valid session.
        """
        from pydantic import ValidationError

        from mpa_tui.domain.session import Session

        path = self.path_of(session_id)
        storage = self._storage(session_id)
        try:
            doc = storage.read()
        except BadFile as bad:
            storage.close()
            raise SessionDamagedError(id=session_id, reason=bad.reason) from None
        except OSError as err:
            raise SessionDamagedError(id=session_id, reason="io_error") from err
        if doc is None:
            raise SessionNotFoundError(id=session_id)
        try:
            version, body = check_session_doc(doc)
        except BadFile as bad:
            storage.close()
            raise SessionDamagedError(id=session_id, reason=bad.reason) from None
        if body.get("id") != session_id:
            raise SessionDamagedError(id=session_id, reason="wrong_shape")
        current = app_schema_version()
        if version > current:
            self._read_only.add(session_id)
        elif version < current:
            # Migrations may edit nested dicts: work on a copy, never on the cached file.
            body = self.migrate(copy.deepcopy(body), version)
        try:
            return Session.model_validate(body)
        except ValidationError:
            reason = "newer_schema" if version > current else "invalid"
            raise SessionDamagedError(id=session_id, reason=reason, path=str(path)) from None

    def migrate(self, body: dict[str, Any], version: int) -> dict[str, Any]:
        """Bring a session's JSON from ``version`` up to the app's schema version."""
        return upgrade_body(body, version, self.migrations)

    def list(self, *, include_trashed: bool = False) -> list[SessionSummary]:
        """The home list, newest first, from the index only."""
        rows = [s for s in self._summaries.values() if include_trashed or s.deleted_at is None]
        return sorted(rows, key=lambda s: s.updated_at, reverse=True)

    def summary(self, session_id: str) -> SessionSummary:
        """The index row of one session (SessionNotFoundError if none)."""
        try:
            return self._summaries[session_id]
        except KeyError:
            raise SessionNotFoundError(id=session_id) from None

    def resolve(self, ref: str) -> str:
        """Turn a full id, a unique id prefix or ``latest`` into a full id.

        Raises:
            SessionNotFoundError: Nothing matches.
            StoreError: ``ambiguous`` when a prefix matches more than one session.
        """
        ref = ref.strip()
        if ref == "latest":
            rows = self.list()
            if not rows:
                raise SessionNotFoundError(id=ref)
            return rows[0].id
        if ref in self._summaries:
            return ref
        hits = [sid for sid in self._summaries if ref and sid.startswith(ref)]
        if not hits:
            raise SessionNotFoundError(id=ref)
        if len(hits) > 1:
            raise StoreError("ambiguous", id=ref, count=len(hits))
        return hits[0]

    # -- trash --------------------------------------------------------------------------
    def trash(self, session_id: str) -> None:
        """Move a session to the trash (soft: sets ``deleted_at``)."""
        from mpa_tui.domain.base import utcnow

        session = self.load(session_id)
        if session.deleted_at is None:
            session.deleted_at = utcnow()
            session.touch()
            self.save(session)

    def restore(self, session_id: str) -> None:
        """Take a session out of the trash."""
        session = self.load(session_id)
        if session.deleted_at is not None:
            session.deleted_at = None
            session.touch()
            self.save(session)

    def close(self) -> None:
        """Drop cached files; retry a pending index write."""
        self.flush_index()
        for st in self._storages.values():
            st.close()
        self._storages.clear()
