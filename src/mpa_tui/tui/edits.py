"""Edits and undo/redo run from any screen or dialog, each refusal told the same way, and
the dialogs that follow the open session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from mpa_tui.domain.errors import DomainError
from mpa_tui.i18n import error_text, t
from mpa_tui.store.errors import SessionReadOnlyError, StoreError
from mpa_tui.store.messages import error_message
from mpa_tui.tui.controller import Change, SessionController

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session

T = TypeVar("T")


def run_edit(
    node: Any,
    controller: SessionController,
    fn: Callable[[Session], T],
    *,
    undoable: bool = True,
    on_refused: Callable[[Exception], object] | None = None,
) -> tuple[bool, T | None]:
    """Run ``controller.edit(fn)``; tell the user why when it is refused.

    Args:
        node: The screen or widget that shows notifications.
        controller: The open session's controller.
        fn: The edit.
        undoable: Whether undo can take it back.
        on_refused: Shows a refusal by the method's rules (``DomainError``,
            ``ValidationError``) the screen's own way, e.g. beside the field; default: an
            error notification. A read-only session or a refusing disk is always a
            notification.

    Returns:
        (applied, what ``fn`` returned); (False, None) when refused.
    """
    # Imported here: pydantic is loaded with the open session, not at start-up.
    from pydantic import ValidationError

    try:
        return True, controller.edit(fn, undoable=undoable)
    except (DomainError, ValidationError) as exc:
        if on_refused is None:
            node.notify(error_text(exc), severity="error", markup=False)
        else:
            on_refused(exc)
    except SessionReadOnlyError:
        node.notify(t("tui.read_only"), severity="warning", markup=False)
    except StoreError as exc:
        node.notify(error_message(exc), severity="error", markup=False)
    return False, None


def run_history(node: Any, fn: Callable[[], bool], nothing: str, done: str) -> None:
    """Undo or redo (``fn``) and say what happened, or why the store refused."""
    try:
        changed = fn()
    except SessionReadOnlyError:
        node.notify(t("tui.read_only"), severity="warning", markup=False)
        return
    except StoreError as exc:  # the store refused to write; the session is as before
        node.notify(error_message(exc), severity="error", markup=False)
        return
    node.notify(t(done if changed else nothing), timeout=2, markup=False)


class FollowsSession:
    """Mixin for a dialog over the open session (the app tells only full screens of a
    change): :meth:`redraw` after every edit, undo/redo or late save, from
    :meth:`follow_session` (call it in ``on_mount``) until the dialog is unmounted."""

    controller: SessionController
    _unsubscribe: Callable[[], None] | None = None

    def redraw(self) -> None:
        """Draw the dialog from ``controller.session`` (subclasses)."""
        raise NotImplementedError

    def follow_session(self) -> None:
        """Start redrawing on every change of the session."""
        self._unsubscribe = self.controller.subscribe(self._session_changed)

    def _session_changed(self, change: Change) -> None:
        if getattr(self, "is_mounted", False):
            self.redraw()

    def on_unmount(self) -> None:
        """Stop following the session."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
