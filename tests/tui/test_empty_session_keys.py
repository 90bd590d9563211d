"""Every key of every step, cycle and summary screen on an EMPTY session: no traceback.

An empty session (no participants, cards, categories, plans ...) is how every workshop
starts; a key pressed on an empty list (cursor None, nothing selected) must give a notice
at most, never an exception. Pilot re-raises an app exception when ``run_test`` exits, so
leaving the ``async with`` block cleanly proves no handler raised.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import ModalScreen
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import Step
from mpa_tui.store import Store
from mpa_tui.tui.app import APP_ACTIONS, MpaApp
from mpa_tui.tui.commands import Command, collect
from mpa_tui.tui.screens import CYCLE_SCREENS, cycle_screen, step_screens, summary_screen
from mpa_tui.tui.screens.base import SessionScreen

SKIPPED = {"app.quit", "app.palette"}
"""Quitting ends the run; the palette is Textual's own (tested elsewhere)."""
EXTRA_KEYS = ("enter", "space", "delete", "up", "down", "tab")
"""Keys handled by the focused widget rather than a declared command."""

Opener = tuple[str, type, Callable[[MpaApp], None]]


def _step_opener(step: Step) -> Callable[[MpaApp], None]:
    return lambda app: app.open_step(step)


def _cycle_opener(key: str) -> Callable[[MpaApp], None]:
    return lambda app: app.open_cycle(key)


def _openers() -> list[Opener]:
    out: list[Opener] = [(f"step{int(s)}", cls, _step_opener(s))
                         for s, cls in step_screens().items()]
    out.append(("summary", summary_screen(), lambda app: app.open_summary()))
    out.extend((info.key, cycle_screen(info.key), _cycle_opener(info.key))
               for info in CYCLE_SCREENS)
    return out


OPENERS = _openers()
BATCHES = [OPENERS[i::3] for i in range(3)]


EACH_SCREEN = {"app.language"}
"""App keys whose effect depends on the screen (F2 rebuilds it). F1's topics are checked
in test_help_and_registry; pressing it everywhere would only slow this test."""
SHARED = frozenset(collect(SessionScreen))
"""Commands every session screen inherits unchanged: same code, pressed on one screen only
(the first of each batch) to keep this test fast; likewise the other app keys."""


def _first_key(command: Command) -> str:
    return command.keys.split(",")[0].strip()


def _keys(screen_cls: type, *, shared: bool) -> list[str]:
    keys = [_first_key(c) for c in collect(screen_cls)
            if c.id not in SKIPPED and (shared or c not in SHARED)]
    app_keys = [_first_key(c) for c in APP_ACTIONS
                if c.id not in SKIPPED and (shared or c.id in EACH_SCREEN)]
    return [*keys, *app_keys, *EXTRA_KEYS]


def test_every_screen_is_covered() -> None:
    assert len(OPENERS) == len(Step) + 1 + len(CYCLE_SCREENS)
    assert sorted(name for b in BATCHES for name, _c, _o in b) == sorted(n for n, _c, _o in OPENERS)


@pytest.mark.parametrize("batch", BATCHES, ids=[",".join(n for n, _c, _o in b) for b in BATCHES])
async def test_every_key_on_empty_session(store: Store, data_dir: Path,
                                          batch: list[Opener]) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        for index, (name, screen_cls, open_screen) in enumerate(batch):
            for key in _keys(screen_cls, shared=index == 0):
                await _back_to(pilot, app, session.id, screen_cls, open_screen)
                assert isinstance(app.screen, screen_cls), name
                await pilot.press(key)
                if isinstance(app.screen, ModalScreen):  # a dialog opened: close it
                    await pilot.press("escape")
                assert app.is_running, f"{name}: {key} ended the app"
            await _back_to(pilot, app, session.id, screen_cls, open_screen)
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running, f"{name}: escape ended the app"
    assert app.return_code in (None, 0)


async def _back_to(pilot: object, app: MpaApp, session_id: str, screen_cls: type,
                   open_screen: Callable[[MpaApp], None]) -> None:
    """Close dialogs left open and reopen the screen under test (F9 closes the session)."""
    if isinstance(app.screen, screen_cls):
        return
    while isinstance(app.screen, ModalScreen):
        app.pop_screen()
    if app.controller is None:
        assert app.open_session(session_id)
    open_screen(app)
    await pilot.pause()  # type: ignore[attr-defined]
