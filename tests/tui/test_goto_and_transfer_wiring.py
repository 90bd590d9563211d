"""The app reaches every part of a session by keyboard: F12 (go to), import/report from home,
export from the summary, F1 on the transfer dialogs."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import Step
from mpa_tui.tui.dialogs import ChoiceDialog, HelpScreen


async def test_f12_lists_every_part_and_opens_the_chosen_one(store, data_dir: Path) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        values = [v for _, v in app.screen.items]
        assert values[:8] == [f"step:{n}" for n in range(1, 9)]
        assert {"summary", "export", "cycle:resources", "cycle:network", "cycle:actions",
                "cycle:stages", "cycle:evaluation", "cycle:capacity"} <= set(values)
        # choose "Rencana aksi" with the arrows and Enter
        for _ in range(values.index("cycle:actions")):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionsScreen"
        await pilot.press("f12", "6")  # a digit picks at once: step 6
        await pilot.pause()
        assert type(app.screen).__name__ == "CountScreen"
        assert app.controller is not None and app.controller.session.current_step == Step.COUNT


async def test_home_keys_open_import_and_report(store) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "ImportScreen"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "import"
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReportScreen"


async def test_summary_export_key_and_palette(store) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_summary()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        labels = [e.label for e in app.palette_entries(app.screen)]
        assert any("flashdisk" in label for label in labels)
