"""The base every step screen stands on: navigation keys, undo/redo, autosave, banner,
language switch, help, palette, hostile text. Asserts on what a NEW Store reads from disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import ComposeResult
from textual.widgets import Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.i18n import t
from mpa_tui.store import SaveError
from mpa_tui.store.errors import StoreError
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs import HelpScreen
from mpa_tui.tui.screens import STEPS, step_screens, summary_screen
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.widgets import SaveBanner, StatusLine, StepBar


class CardInputScreen(StepScreen):
    """A minimal step screen like the capture screen: an Input that saves a card on Enter."""

    STEP = Step.WRITE
    ACTIONS: ClassVar = (
        Command("test.shout", "f12", "shout", "tui.cmd.help", show=False),
    )

    def compose_body(self) -> ComposeResult:
        yield Input(id="card-text")
        yield Static("", id="count", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#card-text", Input).focus()
        self.show_count()

    def show_count(self) -> None:
        self.query_one("#count", Static).update(str(len(self.session.active_cards())))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.try_edit(lambda s: ops.add_card(s, event.value)) is not None:
            event.input.value = ""
        self.show_count()

    def session_changed(self, event: SessionChanged) -> None:
        self.changes.append(event.change.kind)
        if event.replaced:
            self.show_count()

    changes: list[str]

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.changes = []

    def action_shout(self) -> None:
        self.notify("shout")


@pytest.fixture
def card_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(step_screens(), Step.WRITE, CardInputScreen)
    yield


async def _open_write(pilot, app, session: Session) -> CardInputScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.WRITE)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CardInputScreen)
    return screen


async def test_card_saved_before_shown_and_undo_redo_persisted(store, data_dir: Path,
                                                               card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        await pilot.press(*"Modal kurang", "enter")
        await pilot.press(*"Pemasaran", "enter")
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Modal kurang",
                                                                        "Pemasaran"]
        # ctrl+z while the Input has focus undoes the session edit (Input has no undo).
        assert app.focused is screen.query_one("#card-text")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Modal kurang"]
        assert screen.query_one("#count", Static).content == "1"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Modal kurang",
                                                                        "Pemasaran"]
        assert screen.changes[-2:] == ["undo", "redo"]
        assert "Tersimpan 09:30:15" in str(screen.query_one(StatusLine).content)


async def test_refused_edit_changes_nothing_and_says_why(store, data_dir, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press("space", "enter")  # a blank card is refused by the domain
        await pilot.pause()
        assert reload(data_dir, session.id).cards == []
        assert any("kosong" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("keys", [("f4",), ("alt+right",)])
async def test_next_step_keys_work_while_typing(store, data_dir, card_screen, keys) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press(*"half typed")
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen.STEP == Step.STICK
        assert reload(data_dir, session.id).current_step == Step.STICK


@pytest.mark.parametrize("keys", [("f3",), ("alt+left",)])
async def test_prev_step_keys_work_while_typing(store, data_dir, card_screen, keys) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        await pilot.press(*"abc", *keys)
        await pilot.pause()
        assert app.screen is not screen and app.screen.STEP == Step.CIRCLE
        assert reload(data_dir, session.id).current_step == Step.CIRCLE


async def test_navigation_is_not_undone(store, data_dir, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press(*"Kartu", "enter", "f4")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        on_disk = reload(data_dir, session.id)
        assert on_disk.cards == [] and on_disk.current_step == Step.STICK


async def test_mark_complete_and_step_bar(store, data_dir, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        await pilot.press("f5")
        await pilot.pause()
        assert reload(data_dir, session.id).completed_steps == [Step.WRITE]
        bar = screen.query_one(StepBar)
        assert "2✓Tulis" in bar.plain()
        # a click on step 4 in the bar opens it
        start = bar.plain().index("4 Kelompok")
        await pilot.click(StepBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.screen.STEP == Step.GROUP


async def test_save_failure_banner_then_retry(store, data_dir, card_screen,
                                              monkeypatch) -> None:
    session = make_session(store)
    real_save = store.repo.save
    failures = {"left": 3}

    def flaky_save(s: Session) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            raise SaveError(OSError(28, "No space left on device"))
        real_save(s)

    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        monkeypatch.setattr(store.repo, "save", flaky_save)
        await pilot.press(*"Izin usaha", "enter")
        await pilot.pause()
        banner = screen.query_one(SaveBanner)
        assert banner.has_class("-visible") and banner.display
        assert "Disk penuh" in str(banner.content)
        assert "BELUM TERSIMPAN" in str(screen.query_one(StatusLine).content)
        assert app.controller is not None and app.controller.pending
        assert [c.text for c in app.controller.session.cards] == ["Izin usaha"]  # kept
        assert reload(data_dir, session.id).cards == []  # not on disk yet
        assert app._retry_timer is not None  # the app retries on its own
        assert not app.retry_save()  # 2nd failure
        assert not app.retry_save()  # 3rd failure
        await pilot.pause()
        assert banner.has_class("-visible")
        assert app.retry_save()  # the disk is back
        await pilot.pause()
        assert not banner.has_class("-visible")
        assert app._retry_timer is None
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Izin usaha"]
        assert "Tersimpan" in str(screen.query_one(StatusLine).content)


async def test_cannot_leave_session_while_save_pending(store, card_screen, monkeypatch) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)

        def broken(s: Session) -> None:
            raise SaveError(OSError(30, "Read-only file system"))

        monkeypatch.setattr(store.repo, "save", broken)
        await pilot.press(*"x", "enter", "f9")
        await pilot.pause()
        assert isinstance(app.screen, CardInputScreen)  # still in the session
        assert "hanya-baca" in str(app.screen.query_one(SaveBanner).content)


async def test_language_switch_keeps_typed_text(store, data_dir, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        old = await _open_write(pilot, app, session)
        await pilot.press(*"Kartu satu", "enter", *"belum dikirim")
        await pilot.press("f2")
        await pilot.pause()
        new = app.screen
        assert new is not old and isinstance(new, CardInputScreen)
        assert new.query_one("#card-text", Input).value == "belum dikirim"
        assert "Step 2: Write cards" in str(new.query_one("#title", Static).content)
        assert str(new.query_one(StatusLine).content).startswith("Saved 09:30:15")
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Kartu satu"]
        await pilot.press("f2")
        await pilot.pause()
        assert "Langkah 2" in str(app.screen.query_one("#title", Static).content)


async def test_help_opens_for_current_step_in_current_language(store, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.topic == STEPS[Step.WRITE].help_topic == "capture"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CardInputScreen)


async def test_high_contrast_toggle(store) -> None:
    app = app_for(store, high_contrast=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "mpa-high-contrast"
        await pilot.press("f8")
        assert app.theme != "mpa-high-contrast"


async def test_palette_lists_steps_and_screen_actions(store, card_screen) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        labels = [e.label for e in screen.palette_entries()]
        labels += [e.label for e in app.palette_entries(screen)]
        for n in range(1, 9):
            assert any(label.startswith(f"Langkah {n}:") for label in labels)
        for expected in ("Urungkan", "Ulangi", "Ringkasan", "Beranda", "Bantuan", "Bahasa",
                         "Kontras tinggi", "Tandai selesai"):
            assert any(label.startswith(expected) for label in labels), expected
        # every binding of the screen has an id and a tooltip
        # (Textual's own screen keys aside: tab / shift+tab focus, ctrl+c copy)
        for _key, binding in screen._bindings:
            if not binding.action.startswith(("app.focus", "screen.")):
                assert binding.id and binding.tooltip, binding
        for _key, binding in app._bindings:
            assert binding.id and binding.tooltip, binding
        # the screens around the workshop (resources, network, action plan ...) open from it too
        from mpa_tui.tui.screens import CYCLE_SCREENS

        for info in CYCLE_SCREENS:
            assert t(info.label_key) in labels
        key = CYCLE_SCREENS[0].key
        app.open_cycle(key)
        await pilot.pause()
        assert key in (app.screen.help_topic(), app.screen.HELP_TOPIC)
        app.open_step(Step.WRITE)
        await pilot.pause()
        # drive the palette by keys: open the summary
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Ringkasan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, summary_screen())


async def test_hostile_text_is_shown_literally(store, card_screen) -> None:
    session = make_session(store, name=HOSTILE)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_write(pilot, app, session)
        title = screen.query_one("#title", Static)
        assert HOSTILE in str(title.render())
        await pilot.press(*HOSTILE, "enter")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did not run
        assert app.controller is not None
        assert app.controller.session.cards[-1].text == HOSTILE


async def test_read_only_session_refuses_edits(store, data_dir, card_screen,
                                               monkeypatch) -> None:
    session = make_session(store)
    monkeypatch.setattr(store.repo, "is_read_only", lambda sid: True)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press(*"x", "enter")
        await pilot.pause()
        assert reload(data_dir, session.id).cards == []
        assert "Hanya-baca" in str(app.screen.query_one(StatusLine).content)


def test_store_error_keys_translate() -> None:
    # the banner shows store.error.<key>; make sure the keys the controller can meet exist
    from mpa_tui.i18n import t
    for key in ("disk_full", "read_only", "io_error", "other"):
        assert t(f"store.error.{key}") != f"store.error.{key}"
    assert StoreError("other").key == "other"


async def test_quit_warns_once_while_a_save_is_pending(store, card_screen, monkeypatch) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)

        def broken(s: Session) -> None:
            raise SaveError(OSError(28, "No space left on device"))

        monkeypatch.setattr(store.repo, "save", broken)
        await pilot.press(*"x", "enter", "ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("BELUM" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_next_after_step_8_is_the_summary_and_back(store, monkeypatch) -> None:
    from mpa_tui.tui.screens.base import placeholder_for

    monkeypatch.setitem(step_screens(), Step.ORDER, placeholder_for(Step.ORDER))
    session = make_session(store, current_step=Step.ORDER)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, summary_screen())
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.STEP == Step.ORDER


async def test_session_trash_restores_a_deleted_card(store, data_dir, card_screen) -> None:
    from mpa_tui.tui.screens.trash import ItemTrashScreen

    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_write(pilot, app, session)
        await pilot.press(*HOSTILE, "enter")
        assert app.controller is not None
        card_id = app.controller.session.cards[0].id
        app.controller.edit(lambda s: ops.soft_delete(s, "cards", card_id))
        assert reload(data_dir, session.id).cards[0].deleted_at is not None
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ItemTrashScreen)
        row = app.screen.query_one("#trash-list").get_row_at(0)
        assert row[1].plain == HOSTILE  # literal, not markup
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert reload(data_dir, session.id).cards[0].deleted_at is None
        await pilot.press("ctrl+z")  # the restore is an edit like any other
        await pilot.pause()
        assert reload(data_dir, session.id).cards[0].deleted_at is not None


@pytest.mark.parametrize("opener", ["step", "cycle"])
async def test_a_screen_mounts_its_chrome_once(store, opener: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual already calls every base class's on_mount: an explicit super() call on top
    # ran the chrome (and the cycle screens' body) two to four times per screen switch.
    from mpa_tui.tui.screens.base import MpaScreen, SessionScreen

    calls = {"restore": 0, "chrome": 0}
    real_restore, real_chrome = MpaScreen.on_mount, SessionScreen.on_mount

    def restore(self):  # type: ignore[no-untyped-def]
        calls["restore"] += 1
        return real_restore(self)

    def chrome(self):  # type: ignore[no-untyped-def]
        calls["chrome"] += 1
        return real_chrome(self)

    monkeypatch.setattr(MpaScreen, "on_mount", restore)
    monkeypatch.setattr(SessionScreen, "on_mount", chrome)
    session = make_session(store, name="Mentari")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        if opener == "cycle":
            app.open_cycle("network")
            await pilot.pause()
            calls.update(restore=0, chrome=0)
            app.open_cycle("stages")
        else:
            calls.update(restore=0, chrome=0)
            app.open_step(Step.STICK)
        await pilot.pause()
        assert calls == {"restore": 1, "chrome": 1}


def test_trashed_stage_and_rating_show_labels_not_stored_values() -> None:
    import datetime as dt

    from mpa_tui.domain import AssessmentPhase, CapacityRating, Competency, StageKind, StageRecord
    from mpa_tui.tui.screens.trash import item_text

    stage = StageRecord(stage=list(StageKind)[0], date=dt.date(2026, 1, 1))
    assert item_text(stage) == t(f"cycle.stage.{stage.stage.value}")
    rating = CapacityRating(competency=list(Competency)[0], phase=AssessmentPhase("sebelum"),
                            score=3)
    text = item_text(rating)
    assert t(f"cycle.competency.{rating.competency.value}") in text and text.endswith(": 3")
    assert rating.id[:8] not in text
