"""The key bar (one widget in place of Textual's Footer): what it shows, greyed-out keys,
clicks, tooltips, narrow terminals, the high-contrast theme and text that looks like markup.

Asserts on what the bar last painted (``render_line`` returns the cached strip until the
bar is refreshed), so a bar that misses a bindings change fails these tests.
"""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import Static
from tui_helpers import HOSTILE, SIZE, app_for

from mpa_tui.data import load_example
from mpa_tui.domain import Session, Step
from mpa_tui.i18n import t
from mpa_tui.store import Store
from mpa_tui.tui.app import MpaApp
from mpa_tui.tui.theme import HIGH_CONTRAST_THEME
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.keybar import KeyZone


def _example(store: Store, step: Step) -> Session:
    session = load_example()
    session.current_step = step
    store.repo.create(session)
    return session


def _painted(app: App[object]) -> Strip:
    """The bar's line as last painted."""
    return app.screen.query_one(KeyBar).render_line(0)


def _zone(app: App[object], action: str) -> KeyZone:
    return next(z for z in app.screen.query_one(KeyBar).zones if z.binding.action == action)


def _style_of(strip: Strip, text: str):  # type: ignore[no-untyped-def]
    return next(seg.style for seg in strip if seg.text == text)


async def _open(app: MpaApp, pilot, session: Session) -> None:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    await pilot.pause()


async def test_step_screen_shows_grouped_keys_and_palette_on_one_line(store: Store) -> None:
    session = _example(store, Step.STICK)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, session)
        bar = app.screen.query_one(KeyBar)
        assert bar.region.height == 1 and bar.region.y == SIZE[1] - 1
        text = _painted(app).text
        group = f"F3 F4 {t('tui.group.step')}"
        assert text.startswith(group + " ")
        assert text.count(t("tui.group.step")) == 1  # f3 and alt+left: one key per action
        assert f"^z ^y {t('tui.group.undo')}" in text
        assert f"F1 {t('tui.cmd.help')}" in text
        assert text.endswith(f"▏^p {t('tui.cmd.palette')}")
        assert _painted(app).cell_length == SIZE[0]
        # each key of a group is its own click target, the group's label is not
        f3, f4 = _zone(app, "prev_step"), _zone(app, "next_step")
        assert (text[f3.start:f3.end], text[f4.start:f4.end]) == ("F3", "F4")


async def test_narrow_terminal_drops_items_from_the_end(store: Store) -> None:
    session = _example(store, Step.STICK)
    app = app_for(store)
    async with app.run_test(size=(40, 24)) as pilot:
        await _open(app, pilot, session)
        text = _painted(app).text
        assert _painted(app).cell_length == 40
        assert text.startswith(f"F3 F4 {t('tui.group.step')} ")
        assert t("tui.group.undo") not in text and t("tui.cmd.help") not in text
        assert text.endswith(f"^p {t('tui.cmd.palette')}")
        assert len(app.screen.query_one(KeyBar).zones) == 3  # F3, F4, palette

        await pilot.resize_terminal(20, 24)
        await pilot.pause()
        text = _painted(app).text
        assert _painted(app).cell_length == 20
        assert t("tui.group.step") not in text  # 13 cells do not fit beside the palette
        assert text.endswith(f"^p {t('tui.cmd.palette')}")


async def test_refused_undo_is_dimmed_until_an_edit_makes_it_possible(store: Store) -> None:
    session = _example(store, Step.STICK)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, session)
        assert not _zone(app, "undo").enabled
        assert _style_of(_painted(app), "^z").dim
        assert not _style_of(_painted(app), "F4").dim

        assert app.controller is not None
        done = Step.STICK in app.controller.session.completed_steps
        await pilot.press("f5")  # mark the step (not) complete: an undoable edit
        await pilot.pause()
        assert (Step.STICK in app.controller.session.completed_steps) is not done
        assert _zone(app, "undo").enabled
        assert not _style_of(_painted(app), "^z").dim

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not _zone(app, "undo").enabled and _zone(app, "redo").enabled
        assert _style_of(_painted(app), "^z").dim and not _style_of(_painted(app), "^y").dim


async def test_click_runs_the_key_and_a_greyed_out_key_rings(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session = _example(store, Step.CIRCLE)
    app = app_for(store)
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, session)
        assert app.screen.STEP == Step.CIRCLE  # type: ignore[attr-defined]
        f3 = _zone(app, "prev_step")
        assert not f3.enabled  # nothing before step 1
        await pilot.click(KeyBar, offset=(f3.start, 0))
        await pilot.pause()
        assert rings == [True] and app.screen.STEP == Step.CIRCLE  # type: ignore[attr-defined]

        f4 = _zone(app, "next_step")
        await pilot.click(KeyBar, offset=(f4.start + 1, 0))
        await pilot.pause()
        assert app.screen.STEP == Step.WRITE  # type: ignore[attr-defined]
        assert rings == [True]

        # the group's label and the empty middle do nothing
        label_x = _zone(app, "next_step").end + 1
        await pilot.click(KeyBar, offset=(label_x, 0))
        await pilot.click(KeyBar, offset=(SIZE[0] - 20, 0))
        await pilot.pause()
        assert app.screen.STEP == Step.WRITE and rings == [True]  # type: ignore[attr-defined]


async def test_hover_shows_the_keys_tooltip(store: Store) -> None:
    session = _example(store, Step.STICK)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, session)
        bar = app.screen.query_one(KeyBar)
        f4 = _zone(app, "next_step")
        plain_bg = _style_of(_painted(app), "F4").bgcolor
        await pilot.hover(KeyBar, offset=(f4.start, 0))
        await pilot.pause()
        assert bar.tooltip is not None
        assert bar.tooltip.plain == t("tui.cmd.next_step.tip")  # type: ignore[union-attr]
        assert _style_of(_painted(app), "F4").bgcolor != plain_bg  # highlighted

        help_key = _zone(app, "help")
        await pilot.hover(KeyBar, offset=(help_key.end - 1, 0))
        await pilot.pause()
        assert bar.tooltip.plain == t("tui.cmd.help.tip")  # type: ignore[union-attr]
        assert _style_of(_painted(app), "F4").bgcolor == plain_bg

        await pilot.hover(KeyBar, offset=(SIZE[0] - 20, 0))  # the empty middle
        await pilot.pause()
        assert bar.tooltip is None


async def test_high_contrast_theme_colours_the_keys(store: Store) -> None:
    session = _example(store, Step.STICK)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, session)
        await pilot.press("f8")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST_THEME
        color = _style_of(_painted(app), "F4").color
        assert color is not None and color.triplet is not None
        assert color.triplet.hex.upper() == "#FFFF00"


# -- a tiny app: hostile texts, bindings refreshed by the screen ---------------------------

class TinyApp(App[None]):
    """One markup-like binding, one whose availability a flag decides."""

    BINDINGS: ClassVar = [
        Binding("x", "shout", "[red]x[/]", key_display="[b", tooltip=HOSTILE),
        Binding("y", "later", "Later\nline\x1b[31m", tooltip="later"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self.shouts = 0

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "later":
            return True if self.ready else None
        return True

    def action_shout(self) -> None:
        self.shouts += 1

    def action_later(self) -> None:
        pass


async def test_binding_texts_are_never_markup() -> None:
    app = TinyApp()
    async with app.run_test(size=SIZE) as pilot:
        text = _painted(app).text
        assert text.startswith("[b [red]x[/] ")
        assert "Later line [31m " in text  # one line, the escape code is not sent
        assert "\x1b" not in text and "\n" not in text
        x = _zone(app, "shout")
        await pilot.hover(KeyBar, offset=(x.start, 0))
        await pilot.pause()
        assert app.screen.query_one(KeyBar).tooltip.plain == HOSTILE  # type: ignore[union-attr]
        await pilot.click(KeyBar, offset=(x.start, 0))
        await pilot.pause()
        assert app.shouts == 1


async def test_refresh_bindings_repaints_the_bar() -> None:
    app = TinyApp()
    async with app.run_test(size=SIZE) as pilot:
        assert not _zone(app, "later").enabled
        assert _style_of(_painted(app), "y").dim
        app.ready = True
        app.screen.refresh_bindings()
        await pilot.pause()
        assert _zone(app, "later").enabled
        assert not _style_of(_painted(app), "y").dim


async def test_a_very_narrow_bar_never_overflows() -> None:
    app = TinyApp()
    async with app.run_test(size=(12, 5)) as pilot:
        # the palette key (11 cells) stays at the right; the first key (12 cells) is dropped
        assert _painted(app).text == " ▏^p palette"
        assert [z.binding.action for z in app.screen.query_one(KeyBar).zones] == [
            "command_palette"]
        await pilot.resize_terminal(8, 5)
        await pilot.pause()
        strip = _painted(app)
        assert strip.cell_length == 8 and strip.text.strip() == ""
        assert app.screen.query_one(KeyBar).zones == []



class Counter(Static, can_focus=True):
    """A focused widget with its own key: the click must run the action on the widget."""

    BINDINGS: ClassVar = [Binding("n", "bump", "Tambah", tooltip="tambah")]

    def __init__(self) -> None:
        super().__init__("0")
        self.count = 0

    def action_bump(self) -> None:
        self.count += 1


class WidgetKeyApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Counter()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Counter).focus()


async def test_click_runs_a_widget_binding_on_that_widget() -> None:
    app = WidgetKeyApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        zone = next(z for z in app.query_one(KeyBar).zones if z.binding.action == "bump")
        assert zone.node is app.query_one(Counter)
        await pilot.click(KeyBar, offset=(zone.start, 0))
        await pilot.pause()
        assert app.query_one(Counter).count == 1
