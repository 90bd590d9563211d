"""Help texts (F1) for every screen in both languages, and the step-screen registry."""

from __future__ import annotations

import pytest
from textual.widgets import Markdown
from tui_helpers import SIZE, app_for

from mpa_tui.domain import Step
from mpa_tui.i18n import LANGUAGES
from mpa_tui.store import Store
from mpa_tui.tui import screens
from mpa_tui.tui.dialogs import HelpScreen, load_help
from mpa_tui.tui.screens.base import StepScreen

STEP_TOPICS = [screens.STEPS[step].help_topic for step in Step]
TOPICS = ["home", "details", *[info.help_topic for info in screens.SCREENS]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic", TOPICS)
def test_every_help_topic_exists(topic: str, lang: str) -> None:
    text = load_help(topic, lang)
    assert text.startswith("# "), (topic, lang)
    if topic in STEP_TOPICS:
        heads = ("## Sampaikan kepada peserta", "## Bahan", "## Perhatikan") if lang == "id" \
            else ("## Tell participants", "## Materials", "## Watch for")
        for head in heads:
            assert head in text, (topic, lang, head)


def test_materials_from_the_paper_are_named() -> None:
    both = "".join(load_help(topic, "id") for topic in STEP_TOPICS)
    for material in ("kertas warna", "plano", "spidol", "selotip"):
        assert material in both


def test_missing_topic_falls_back_to_a_notice() -> None:
    assert load_help("no-such-topic", "en") == "Help for this screen is not available yet."


async def test_f1_on_home_in_both_languages(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one(Markdown).source.startswith("# Beranda")
        await pilot.press("f2")  # refused while a dialog is open: nothing is rebuilt
        await pilot.press("escape", "f2", "f1")
        await pilot.pause()
        assert app.screen.query_one(Markdown).source.startswith("# Home")


def test_registry_has_every_step_and_placeholders_run() -> None:
    registry = screens.step_screens()
    assert set(registry) == set(Step)
    for step, cls in registry.items():
        assert issubclass(cls, StepScreen) and step == cls.STEP
    assert screens.STEP_SCREENS is registry


def test_registry_reports_real_import_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str):  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError("No module named 'somedep'", name="somedep")

    monkeypatch.setattr(screens.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        screens._load("circle")

    def missing(name: str):  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(screens.importlib, "import_module", missing)
    assert screens._load("circle") is None


def _parsed(seq: str) -> list[str]:
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    return [getattr(e, "key", "") for e in [*parser.feed(seq), *parser.feed("")]]


def test_base_keys_arrive_from_a_real_terminal() -> None:
    # Pilot presses key names directly; this checks what a terminal's bytes become.
    assert _parsed("\x1bOR") == ["f3"] and _parsed("\x1b[14~") == ["f4"]
    assert _parsed("\x1b[1;3D") == ["alt+left"] and _parsed("\x1b[1;3C") == ["alt+right"]
    assert _parsed("\x1a") == ["ctrl+z"] and _parsed("\x19") == ["ctrl+y"]
    assert _parsed("\x1b[15~") == ["f5"] and _parsed("\x1b[21~") == ["f10"]
    # why the base never uses alt+<digit>: ESC 1 does not arrive as "alt+1"
    assert _parsed("\x1b1") != ["alt+1"]


def test_no_base_command_uses_alt_digit() -> None:
    from mpa_tui.tui.app import APP_ACTIONS
    from mpa_tui.tui.commands import collect
    from mpa_tui.tui.screens.details import DetailsScreen
    from mpa_tui.tui.screens.home import HomeScreen

    commands = [*APP_ACTIONS, *collect(StepScreen), *collect(HomeScreen), *collect(DetailsScreen)]
    for cmd in commands:
        for key in cmd.keys.split(","):
            assert not (key.startswith("alt+") and key[4:].isdigit()), cmd.id


@pytest.mark.parametrize("info", screens.SCREENS, ids=lambda i: i.module)
def test_each_screen_opens_its_own_help_named_like_its_module(info: screens.ScreenInfo) -> None:
    # F1 on a screen opens tui/help/<lang>/<module>.md: one name per screen.
    from importlib import resources

    cls = info.screen_class()
    assert cls.__module__ == f"mpa_tui.tui.screens.{info.module}"
    topic = cls.help_topic(cls.__new__(cls))
    assert topic == info.help_topic == info.module
    for lang in LANGUAGES:
        assert (resources.files("mpa_tui.tui") / "help" / lang / f"{topic}.md").is_file()
