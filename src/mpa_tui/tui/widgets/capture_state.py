"""What step 2 remembers for an open session: kind, colour, turn, countdown, and the
half-typed card, kept with the session (saved once typing pauses, and on leaving)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from mpa_tui.domain import CardColour, CardKind
from mpa_tui.domain.draft import keep_draft
from mpa_tui.domain.session import CaptureDraft
from mpa_tui.store.errors import StoreError
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.widgets.capture_items import Countdown

if TYPE_CHECKING:
    from textual.timer import Timer

DRAFT_DELAY = 1.0
"""Seconds after the last key before the draft is saved (never a save per key)."""


@dataclass
class CaptureState:
    """What the capture screen remembers for an open session while it is open."""

    countdown: Countdown
    kind: CardKind = CardKind.PROBLEM
    colour: CardColour = CardColour.YELLOW
    turn_id: str | None = None


_STATES: WeakKeyDictionary[SessionController, CaptureState] = WeakKeyDictionary()


def state_for(controller: SessionController, clock: Callable[[], float]) -> CaptureState:
    """The state of this open session; on the first visit, as its saved draft left it (a
    countdown running when the app stopped comes back paused at the time it had left)."""
    state = _STATES.get(controller)
    if state is None:
        session = controller.session
        draft = session.capture
        countdown = Countdown(session.settings.timer_minutes * 60.0, clock)
        if draft.timer_left is not None:
            countdown.pause_at(draft.timer_left)
        state = CaptureState(countdown, kind=draft.kind, colour=draft.colour,
                             turn_id=draft.turn_id)
        _STATES[controller] = state
    return state


class DraftKeeper:
    """Saves step 2's draft with the session: ``later()`` after each change (debounced by
    ``set_timer``), ``save()`` at once (on leaving the step)."""

    def __init__(self, controller: SessionController, state: CaptureState,
                 set_timer: Callable[[float, Callable[[], None]], Timer]) -> None:
        self.controller = controller
        self.state = state
        self._set_timer = set_timer
        self._timer: Timer | None = None
        self.typed = controller.session.capture.text
        """The card field's text, also after its widget is gone."""

    def draft(self) -> CaptureDraft:
        """What step 2 holds now: the typed text, kind, colour, turn and time left."""
        cd = self.state.countdown
        left = None if cd.remaining == cd.total and not cd.running else round(cd.remaining, 1)
        return CaptureDraft(text=self.typed[:1000], kind=self.state.kind,
                            colour=self.state.colour, turn_id=self.state.turn_id,
                            timer_left=left)

    def save(self) -> None:
        """Save the draft if it changed (not undoable; a failed disk save is retried by the
        app like any other, a refused one leaves the typing alone)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.controller.read_only:
            return
        draft = self.draft()
        if self.controller.session.capture != draft:
            with contextlib.suppress(StoreError):
                self.controller.edit(lambda s: keep_draft(s, draft), undoable=False)

    def later(self) -> None:
        """Save once nothing has changed for :data:`DRAFT_DELAY` seconds."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._set_timer(DRAFT_DELAY, self.save)

    def typed_changed(self, value: str) -> None:
        """The card field now holds ``value``."""
        if value != self.typed:
            self.typed = value
            self.later()
