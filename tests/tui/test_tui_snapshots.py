"""Deterministic 80x24 snapshots of the home screen, the details form and the session chrome.

Regenerate after an intended visual change with
``pytest tests/tui/test_tui_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Input
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import Step
from mpa_tui.store import SaveError, Store
from mpa_tui.tui.screens import step_screens
from mpa_tui.tui.screens.base import PlaceholderStepScreen, placeholder_for


def test_home_with_sessions(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    make_session(store, name="Lestari", start_date=date(2024, 2, 1), current_step=Step.RANK)
    make_session(store, name="Mentari [red]x[/]")
    assert snap_compare(app_for(store), terminal_size=SIZE)


def test_empty_home_offers_example(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app_for(store), terminal_size=SIZE)


def test_details_form_with_errors(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#start_date", Input).value = "2023-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        pilot.app.clear_notifications()
        pilot.app.screen.query_one("#group", Input).blur()  # no blinking cursor in the frame
        await pilot.pause()

    assert snap_compare(app_for(store), terminal_size=SIZE, run_before=run_before)


def test_step_chrome_with_save_banner(store: Store, snap_compare, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = make_session(store, completed_steps=[Step.CIRCLE])
    # the chrome only: a placeholder body, whatever the real step 2 screen looks like
    monkeypatch.setitem(step_screens(), Step.WRITE, placeholder_for(Step.WRITE))

    def broken(s) -> None:  # type: ignore[no-untyped-def]
        raise SaveError(OSError(28, "No space left on device"))

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        assert app.open_session(session.id)
        await pilot.pause()
        monkeypatch.setattr(store.repo, "save", broken)
        app.open_step(Step.WRITE)  # the move is kept in memory, the save fails
        await pilot.pause()
        assert isinstance(app.screen, PlaceholderStepScreen)
        app._stop_retry()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app_for(store), terminal_size=SIZE, run_before=run_before)


def test_home_high_contrast_in_english(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    make_session(store, name="Mentari")
    assert snap_compare(app_for(store, lang="en", high_contrast=True), terminal_size=SIZE)
