"""When the store refuses a write outright (not a disk failure to retry), every way of
editing says so in the user's language; nothing is shown that is not on disk.

The store is opened without its lock, so every save raises ``StoreError("not_locked")``
(a damaged file the store must not overwrite raises the same way).
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import Step
from mpa_tui.i18n import t
from mpa_tui.store import Store
from mpa_tui.tui.screens.capture import CaptureScreen
from mpa_tui.tui.screens.details import DetailsScreen


def _messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_step_change_card_undo_and_details_are_refused_plainly(
        store: Store, data_dir: Path) -> None:
    session = make_session(store)
    store.close()
    refusing = Store.open(data_dir, lock=False)
    refused = t("store.error.not_locked")
    app = app_for(refusing)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert app.open_session(session.id)
            await pilot.press("f4")  # the step is remembered by an edit: refused, still goes
            await pilot.pause()
            assert isinstance(app.screen, CaptureScreen)
            assert refused in _messages(app)
            app.screen.query_one("#card-text", Input).value = "Modal kurang"
            await pilot.press("enter", "ctrl+z")
            await pilot.pause()
            assert app.controller is not None and app.controller.session.cards == []
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, DetailsScreen)
            app.screen.query_one("#group", Input).value = "Baru"
            app.screen.action_save()
            await pilot.pause()
            assert app.controller.session.group_name == session.group_name
            assert app.is_running
    finally:
        refusing.close()
    on_disk = reload(data_dir, session.id)
    assert on_disk.cards == [] and on_disk.current_step == Step.CIRCLE


async def test_undo_refused_by_the_store_keeps_the_card(store: Store, data_dir: Path) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_step(Step.WRITE)
        await pilot.pause()
        app.screen.query_one("#card-text", Input).value = "Modal kurang"
        await pilot.press("enter")
        await pilot.pause()
        assert app.controller is not None and len(app.controller.session.cards) == 1
        refusing = Store.open(data_dir, lock=False)
        try:
            app.controller.repo = refusing.repo
            await pilot.press("ctrl+z")
            await pilot.pause()
        finally:
            refusing.close()
        assert [c.text for c in app.controller.session.cards] == ["Modal kurang"]
        assert t("store.error.not_locked") in _messages(app)
        assert app.is_running
    assert [c.text for c in reload(data_dir, session.id).cards] == ["Modal kurang"]
