"""The process-notes key on every workshop step, the session details and the screens
around the workshop: declared once, opening the notes pane of the screen it is pressed on.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.controller import SessionController

NOTES_COMMAND = Command("session.notes", "alt+c", "notes", "notes.cmd.open",
                        "notes.cmd.open.tip", show=False)
"""Alt+C (Catatan). An Alt+letter reaches the screen before a focused Input
(:meth:`Command.types_a_letter`), so it works in every text field too.

Not in the key bar: at 80 columns it would push F1 off the end of most steps' bars; the
title line says it instead, with the step's count of notes (:func:`notes_badge`)."""


def _place(screen: Screen[Any]) -> Any:
    from mpa_tui.tui.screens import notes_place  # the table loads screen modules lazily

    return notes_place(type(screen).__module__.rpartition(".")[2])


def notes_badge(screen: Screen[Any], title: str) -> str:
    """``title``, then how many notes the screen holds and the key that opens them
    ("… · Catatan 3 (Alt+C)"); the title alone on a screen without notes (the summary)."""
    place = _place(screen)
    session = getattr(screen, "session", None)
    if place is None or session is None:
        return title
    from mpa_tui.domain.notes import notes_of

    return f"{title}  ·  {t('notes.badge', n=len(notes_of(session, place[0])))}"


def open_notes(screen: Screen[Any], controller: SessionController | None) -> None:
    """Open the notes pane over ``screen`` (its topic and name from the screens table)."""
    from mpa_tui.tui.dialogs.notes import NotesPane

    place = _place(screen)
    if controller is not None and place is not None:
        screen.app.push_screen(NotesPane(controller, *place))
