"""The registry of the screens around the workshop: modules, labels, help, F1/F2, 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.i18n import LANGUAGES, catalogs, t
from mpa_tui.tui.dialogs import HelpScreen, load_help
from mpa_tui.tui.screens import CYCLE_SCREENS, cycle_screen
from mpa_tui.tui.screens.base import SessionScreen, StepScreen


def test_registry_lists_six_session_screens() -> None:
    assert [i.key for i in CYCLE_SCREENS] == [
        "resources", "network", "actions", "stages", "evaluation", "capacity"]
    for key, label_key in ((i.key, i.label_key) for i in CYCLE_SCREENS):
        cls = cycle_screen(key)
        assert issubclass(cls, SessionScreen) and not issubclass(cls, StepScreen)
        assert key == cls.HELP_TOPIC and label_key == cls.LABEL
        assert label_key in catalogs()["id"] and label_key in catalogs()["en"]
    with pytest.raises(KeyError):
        cycle_screen("nope")


def test_cycle_catalog_is_complete_in_both_languages() -> None:
    import json
    from importlib import resources

    data = json.loads((resources.files("mpa_tui.i18n") / "catalogs" / "cycle.json")
                      .read_text(encoding="utf-8"))
    assert set(data["id"]) == set(data["en"])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", [i.key for i in CYCLE_SCREENS])
def test_help_exists(key: str, lang: str) -> None:
    assert load_help(key, lang).startswith("# ")
    assert load_help(key, lang) != t("tui.help.missing", lang)


@pytest.mark.parametrize(("key", "label_key"), [(i.key, i.label_key) for i in CYCLE_SCREENS])
async def test_screen_opens_with_f1_and_survives_f2(store, key: str, label_key: str) -> None:  # type: ignore[no-untyped-def]
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.switch_screen(cycle_screen(key)(app.controller))
        await pilot.pause()
        assert str(app.screen.query_one("#title").render()).startswith(t(label_key))
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one(Markdown).source == load_help(key, "id")
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert type(app.screen) is cycle_screen(key)
        assert str(app.screen.query_one("#title").render()).startswith(t(label_key, "en"))
