"""Cycle forms: the cursor starts in the first text field, Enter moves on (on a choice
too), required or all-empty forms are refused with a message, never saved silently."""

from __future__ import annotations

from textual.widgets import Input, Select
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.tui.screens.actions import ActionsScreen
from mpa_tui.tui.screens.stages import StagesScreen


def _error(app, name: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#err-{name}").render())


async def test_action_form_starts_on_its_text_and_refuses_an_empty_action(
        store, data_dir) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.push_screen(ActionsScreen(app.controller))
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "f-action"
        await pilot.press("shift+tab")   # back to the priority choice
        assert isinstance(app.focused, Select)
        await pilot.press("enter")       # moves on, does not open the list
        await pilot.pause()
        assert not app.screen.query_one("#f-category_id", Select).expanded
        assert app.focused is not None and app.focused.id == "f-action"
        await pilot.press("enter", "enter", *"ketua")   # objective, responsible
        assert app.focused.id == "f-responsible"
        app.screen.query_one("#f-indicator", Input).value = "5 anggota ikut"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reload(data_dir, session.id).action_items == []
        assert _error(app, "action") == "Wajib diisi; tidak boleh kosong."
        assert app.focused.id == "f-action"
        await pilot.press(*"Pelatihan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        items = reload(data_dir, session.id).action_items
        assert [(a.action, a.responsible, a.indicator) for a in items] == [
            ("Pelatihan", "ketua", "5 anggota ikut")]


async def test_stage_form_with_nothing_typed_is_refused(store, data_dir) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.push_screen(StagesScreen(app.controller))
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-date"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reload(data_dir, session.id).stages == []
        assert "Belum ada yang diisi" in _error(app, "general")
        await pilot.press(*"2023-06-08", "ctrl+s")
        await pilot.pause()
        assert len(reload(data_dir, session.id).stages) == 1
