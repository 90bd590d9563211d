"""The app's link to the open session: every change told to the screens showing it, and a
failed save retried on a timer until the session is on disk again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from mpa_tui.tui.controller import Change, SessionController
from mpa_tui.tui.screens.base import SessionChanged, SessionScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer


class SessionLink:
    """Mixed into the App, which sets ``controller``, ``_unsubscribe``, ``_retry_timer``
    and ``_quit_warned`` in its ``__init__``."""

    RETRY_SECONDS: ClassVar[float] = 3.0
    """How often a failed save is retried while the red banner shows."""

    controller: SessionController | None
    _unsubscribe: Callable[[], None] | None
    _retry_timer: Timer | None
    _quit_warned: bool
    screen_stack: Any
    set_interval: Any

    def _set_controller(self, controller: SessionController | None) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stop_retry()
        self.controller = controller
        if controller is not None:
            self._unsubscribe = controller.subscribe(self._on_change)

    def _on_change(self, change: Change) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.post_message(SessionChanged(change))
        if change.saved:
            self._stop_retry()
            self._quit_warned = False
        elif self._retry_timer is None:
            self._retry_timer = self.set_interval(self.RETRY_SECONDS, self.retry_save)

    def retry_save(self) -> bool:
        """Try the pending save again (the timer calls this). True when on disk."""
        if self.controller is None:
            self._stop_retry()
            return True
        return self.controller.retry_save()

    def _stop_retry(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

