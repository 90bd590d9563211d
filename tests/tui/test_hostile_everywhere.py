"""Every screen on a session whose every free-text field is markup-like: no traceback.

The shipped example session with ``[/][b`` put in front of each thing people type (names,
card texts, titles, reasons, places, facilitators, quotes, plans, contacts ...). ``[/]``
with nothing open is a markup *error*, so any widget that parses user text as markup
raises, and Pilot re-raises it when ``run_test`` exits.
"""

from __future__ import annotations

import json
from typing import Any

from textual.screen import ModalScreen
from textual.widgets import Static
from tui_helpers import SIZE, app_for

from mpa_tui.data import load_example
from mpa_tui.domain import Session, Step
from mpa_tui.store import Store
from mpa_tui.tui.screens import CYCLE_SCREENS

MARK = "[/][b"
FREE_TEXT = {
    "action", "indicator", "objective", "partner", "responsible", "where", "when_text",
    "text", "note", "title", "handover", "impact", "innovation", "obstacles", "results",
    "supporting_factors", "facilitators", "group_name", "guiding_question", "province",
    "regency", "subdistrict", "village", "follow_up", "outcome", "purpose", "name",
    "position", "place", "can_help_with", "contact", "agreed", "findings", "notes",
    "reason", "speaker_code",
}


def hostile_example() -> Session:
    """The example session with MARK in front of every free-text field."""
    data = json.loads(load_example().model_dump_json())

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in FREE_TEXT and isinstance(value, str) and value:
                    node[key] = MARK + value
                elif key in FREE_TEXT and isinstance(value, list) and value \
                        and all(isinstance(v, str) for v in value):
                    node[key] = [MARK + v for v in value]
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    session = Session.model_validate(data)
    assert session.group_name.startswith(MARK) and session.cards[0].text.startswith(MARK)
    return session


async def test_every_screen_shows_markup_like_text_plainly(store: Store) -> None:
    session = hostile_example()
    store.repo.create(session)
    app = app_for(store)
    openers = [*(lambda s=s: app.open_step(s) for s in Step), app.open_summary,
               *(lambda k=k: app.open_cycle(k) for k in (i.key for i in CYCLE_SCREENS))]
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        for open_screen in openers:
            open_screen()
            await pilot.pause()
            screen = app.screen
            assert not isinstance(screen, ModalScreen)
            if screen.query("#title"):
                title = str(screen.query_one("#title", Static).render())
                assert MARK in title, title
            for key in ("down", "down", "enter"):
                await pilot.press(key)
            while isinstance(app.screen, ModalScreen):
                await pilot.press("escape")
        for key in ("f7", "escape", "f10", "escape", "f12", "escape", "f9"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running
