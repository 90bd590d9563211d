"""The open session, its durable saves and its undo/redo history. Plain Python (no Textual).

Every change to a session goes through :meth:`SessionController.edit`, which saves the
session durably *before* it returns, so the UI only ever shows what is on disk. When a save
fails (disk full, read-only or removed drive) the change is kept in memory, ``pending`` is
set and the app retries :meth:`SessionController.retry_save` until it succeeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from mpa_tui.store.errors import SaveError, SessionReadOnlyError, StoreError

if TYPE_CHECKING:  # imported where used: the home screen needs no pydantic model
    from mpa_tui.domain.session import Session

T = TypeVar("T")

ChangeKind = Literal["edit", "undo", "redo", "saved", "reverted"]


class Repo(Protocol):
    """What the controller needs from ``mpa_tui.store.SessionRepository``."""

    def create(self, session: Session) -> None: ...  # noqa: D102
    def save(self, session: Session) -> None: ...  # noqa: D102
    def load(self, session_id: str) -> Session: ...  # noqa: D102
    def is_read_only(self, session_id: str) -> bool: ...  # noqa: D102


@dataclass(frozen=True)
class Change:
    """What just happened to the session, sent to every listener.

    Attributes:
        kind: ``edit``, ``undo``, ``redo``, ``saved`` (a pending save finally succeeded) or
            ``reverted`` (a refused edit had half-changed the session; it was put back).
        replaced: The ``Session`` object was replaced (undo/redo/revert): screens must
            re-read ``controller.session`` and redraw everything that shows it.
        saved: The session is on disk as it is now (False: a save failed, see ``pending``).
    """

    kind: ChangeKind
    replaced: bool = False
    saved: bool = True


def local_now() -> datetime:
    """The local wall-clock time, for "Tersimpan HH:MM:SS"."""
    return datetime.now().astimezone()


class SessionController:
    """Owns the open :class:`Session` and the repository it is saved to.

    Attributes:
        repo: The session repository.
        read_only: The file was written by a newer app; edits are refused.
        pending: A save failed; the in-memory session is newer than the file.
        last_error: The last save error while ``pending``.
        saved_at: Local time of the last successful save (None before the first).
    """

    def __init__(
        self,
        repo: Repo,
        session: Session,
        *,
        read_only: bool = False,
        clock: Callable[[], datetime] = local_now,
        undo_limit: int = 200,
    ) -> None:
        self.repo = repo
        self._session = session
        self.read_only = read_only
        self.pending = False
        self.last_error: SaveError | None = None
        self.saved_at: datetime | None = None
        self._clock = clock
        self._undo: list[str] = []
        self._redo: list[str] = []
        self._undo_limit = undo_limit
        self._listeners: list[Callable[[Change], None]] = []

    # -- construction ----------------------------------------------------------------
    @classmethod
    def open(cls, repo: Repo, session_id: str, **kw: Any) -> SessionController:
        """Load a saved session (read-only when its file has a newer schema)."""
        session = repo.load(session_id)
        return cls(repo, session, read_only=repo.is_read_only(session_id), **kw)

    @classmethod
    def create(cls, repo: Repo, session: Session, **kw: Any) -> SessionController:
        """Save a new session durably (``repo.create``) and return its controller.

        Raises:
            SaveError: The session could not be written; nothing was created.
        """
        repo.create(session)
        ctl = cls(repo, session, **kw)
        ctl.saved_at = ctl._clock()
        return ctl

    # -- state -----------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The current session. Replaced by undo/redo: always read it fresh."""
        return self._session

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo) and not self.read_only

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo) and not self.read_only

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener(change)`` after every edit, undo, redo and late save.

        Returns:
            A function that removes the listener.
        """
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    # -- changes ---------------------------------------------------------------------
    def edit(self, fn: Callable[[Session], T], *, undoable: bool = True) -> T:
        """Apply ``fn`` to the session and save it durably before returning.

        Args:
            fn: Changes the session in place (usually a ``mpa_tui.domain.ops`` call) and may
                return a value (e.g. the new card).
            undoable: False for navigation state (the current step) that undo should skip.

        Returns:
            What ``fn`` returned.

        Raises:
            SessionReadOnlyError: The session is read-only; nothing ran.
            DomainError, ValidationError: ``fn`` refused the edit; the session is as before.
            StoreError: The store refused to write at all (not a disk failure to retry,
                e.g. a damaged file it must not overwrite); the session is as before.
        """
        self._check_writable()
        snapshot = self._session.model_dump_json()
        try:
            result = fn(self._session)
        except BaseException:
            # Domain ops check before changing, but an fn doing several steps may have
            # half-changed the session: put it back exactly as it was.
            self._revert(snapshot)
            raise
        self._session.touch()
        history = (list(self._undo), list(self._redo))
        if undoable:
            self._undo.append(snapshot)
            del self._undo[: -self._undo_limit]
            self._redo.clear()
        try:
            self._persist("edit", replaced=False)
        except StoreError:
            # Not on disk and not retryable: keep nothing the screen could show as saved.
            self._undo, self._redo = history
            self._revert(snapshot)
            raise
        return result

    def undo(self) -> bool:
        """Go back one edit (saved durably like any edit). False when there is none."""
        self._check_writable()
        if not self._undo:
            return False
        self._swap_and_save(self._undo, self._redo, "undo")
        return True

    def redo(self) -> bool:
        """Re-apply the last undone edit. False when there is none."""
        self._check_writable()
        if not self._redo:
            return False
        self._swap_and_save(self._redo, self._undo, "redo")
        return True

    def retry_save(self) -> bool:
        """Try again to save a session whose last save failed.

        Returns:
            True when the session is now on disk (or nothing was pending).
        """
        if not self.pending:
            return True
        return self._persist("saved", replaced=False)

    # -- internals -------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise SessionReadOnlyError()

    def _revert(self, snapshot: str) -> None:
        """Put the session back to ``snapshot`` (and tell the screens) if it changed."""
        if self._session.model_dump_json() != snapshot:
            self._session = type(self._session).model_validate_json(snapshot)
            self._notify(Change("reverted", replaced=True, saved=not self.pending))

    def _swap_and_save(self, source: list[str], target: list[str],
                       kind: ChangeKind) -> None:
        snapshot = self._session.model_dump_json()
        history = (list(self._undo), list(self._redo))
        self._swap(source, target)
        try:
            self._persist(kind, replaced=True)
        except StoreError:  # refused outright (not a retryable disk failure): as before
            self._undo, self._redo = history
            self._revert(snapshot)
            raise

    def _swap(self, source: list[str], target: list[str]) -> None:
        from mpa_tui.domain.draft import carry_draft  # here: start-up builds no model
        from mpa_tui.domain.history import count_undo

        current = self._session
        target.append(current.model_dump_json())
        restored = type(current).model_validate_json(source.pop())
        from mpa_tui.domain.progress import set_current_step  # a session is open: models loaded

        # Where the facilitator is in the workshop is navigation, not an edit: keep it.
        set_current_step(restored, current.current_step)
        carry_draft(restored, current)
        count_undo(restored, current)
        restored.touch()
        self._session = restored

    def _persist(self, kind: ChangeKind, *, replaced: bool) -> bool:
        try:
            self.repo.save(self._session)
        except SaveError as exc:
            self.pending = True
            self.last_error = exc
            self._notify(Change(kind, replaced=replaced, saved=False))
            return False
        self.pending = False
        self.last_error = None
        self.saved_at = self._clock()
        self._notify(Change(kind, replaced=replaced, saved=True))
        return True

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
