"""Shared by the notes pane tests: a session with a circle, opening the pane, its lines."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, OptionList
from tui_helpers import make_session

from mpa_tui.domain import Participant, Session, Step
from mpa_tui.store import Store
from mpa_tui.tui.dialogs.notes import NotesPane


def circle_session(store: Store) -> Session:
    """Siti, Ani (absent) and Dewi in the circle."""
    return make_session(store, participants=[
        Participant(name="Siti", seat=0), Participant(name="Ani", seat=1, present=False),
        Participant(name="Dewi", seat=2)])


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_pane(pilot: Any, app: Any) -> NotesPane:
    """Alt+C on the current screen; the pane is open with the input focused."""
    await pilot.press("alt+c")
    await pilot.pause()
    pane = app.screen
    assert isinstance(pane, NotesPane), type(pane)
    assert app.focused is pane.query_one("#notes-input", Input)
    return pane


async def pane_on_step(pilot: Any, app: Any, session: Session, step: Step) -> NotesPane:
    """Open ``session`` on ``step`` and its notes pane."""
    assert app.open_session(session.id)
    app.open_step(step)
    await pilot.pause()
    return await open_pane(pilot, app)


def listed(pane: NotesPane) -> list[str]:
    """The pane's list, one plain line per note, top to bottom."""
    box = pane.query_one("#notes-list", OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]
