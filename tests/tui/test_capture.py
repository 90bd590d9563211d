"""Step 2 Tulis kartu: cards typed with keys, checked on the session a NEW Store reads."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import CardColour, CardKind, Session, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.screens.capture import RECENT_LIMIT, CaptureScreen
from mpa_tui.tui.widgets.capture_items import CardItem, Countdown


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def circle_session(store: Store, *, authorship: bool = True, cards: int = 0) -> Session:
    """Siti, Ani (absent), Dewi in the circle; optionally many cards already typed."""
    session = make_session(store)
    for name, present in (("Siti", True), ("Ani", False), ("Dewi", True)):
        ops.add_participant(session, name, present=present)
    session.settings.record_authorship = authorship
    for i in range(cards):
        ops.add_card(session, f"Kartu lama {i}")
    store.repo.save(session)
    return session


async def open_capture(pilot, app, session: Session) -> CaptureScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.WRITE)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CaptureScreen)
    assert app.focused is screen.query_one("#card-text", Input)
    return screen


def recent(screen: CaptureScreen) -> list[CardItem]:
    return list(screen.query_one("#recent", VerticalScroll).query_children(CardItem))


async def test_enter_saves_kind_colour_and_author_following_the_circle(store, data_dir) -> None:
    session = circle_session(store)
    siti, _ani, dewi = session.circle()
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        await pilot.press(*"Modal", "enter")
        await pilot.press("ctrl+t", "ctrl+o", "ctrl+n")  # kebutuhan, merah muda, Dewi's turn
        await pilot.press(*"Latih", "enter")
        await pilot.press("alt+p", "ctrl+n", *"Lahan", "enter")  # potensi; back to Siti
        cards = reload(data_dir, session.id).cards
        assert [(c.text, c.kind, c.colour, c.author_id) for c in cards] == [
            ("Modal", CardKind.PROBLEM, CardColour.YELLOW, siti.id),
            ("Latih", CardKind.NEED, CardColour.PINK, dewi.id),   # Ani is absent
            ("Lahan", CardKind.POTENTIAL, CardColour.PINK, siti.id),  # wraps round
        ]
        assert app.focused is screen.query_one("#card-text", Input)
        assert screen.query_one("#card-text", Input).value == ""
        assert [i.card_text for i in recent(screen)] == ["Lahan", "Latih", "Modal"]
        shown = screen_text(app)
        assert "Kartu: 3 · masalah 1 · kebutuhan 1 · potensi 1 · sumber 0" in shown
        assert "Siti" in str(screen.query_one("#turn", Static).render())
        assert "kartunya: 2" in str(screen.query_one("#turn", Static).render())
        await pilot.press("ctrl+b")  # back: the previous present participant is Dewi
        assert "Dewi" in str(screen.query_one("#turn", Static).render())


async def test_no_author_recorded_when_authorship_is_off(store, data_dir) -> None:
    session = circle_session(store, authorship=False)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_capture(pilot, app, session)
        await pilot.press(*"Harga", "enter")
        assert [c.author_id for c in reload(data_dir, session.id).cards] == [None]
        assert "penulis tidak dicatat" in screen_text(app)


async def test_empty_card_refused_with_a_clear_error(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        await pilot.press("enter", "space", "space", "enter")  # nothing, then only blanks
        await pilot.pause()
        assert reload(data_dir, session.id).cards == []
        error = screen.query_one("#capture-error", Static)
        assert error.has_class("-visible")
        assert "kosong" in str(error.render())
        await pilot.press("x", "enter")  # the next good card clears the error
        assert not error.has_class("-visible")
        assert len(reload(data_dir, session.id).cards) == 1


async def test_hostile_text_is_saved_and_shown_literally(store, data_dir) -> None:
    session = circle_session(store)
    session.guiding_question = "Masalah [i]usaha[/i] apa?"
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        await pilot.press(*HOSTILE, "enter")
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did nothing
        field = screen.query_one("#card-text", Input)
        for value in ("Usaha 🙂 sepi [b]", "x" * 1000):
            field.value = value
            await pilot.press("enter")
        field.value = "\x1b[31mmerah\x1b[0m"  # an ANSI escape pasted in: refused, kept
        await pilot.press("enter")
        await pilot.pause()
        texts = [c.text for c in reload(data_dir, session.id).cards]
        assert texts == [HOSTILE, "Usaha 🙂 sepi [b]", "x" * 1000]
        assert field.value == "\x1b[31mmerah\x1b[0m"  # not lost: can be fixed
        assert "kendali" in str(screen.query_one("#capture-error", Static).render())
        shown = screen_text(app)
        assert "[red]x[/] [b [@click=app.quit]" in shown
        assert "sepi [b]" in shown
        assert "Pertanyaan: Masalah [i]usaha[/i] apa?" in shown


async def test_adding_to_300_cards_mounts_one_line_only(store, data_dir, monkeypatch) -> None:
    session = circle_session(store, cards=300)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        before = recent(screen)
        assert len(before) == RECENT_LIMIT
        assert before[0].card_text == "Kartu lama 299"

        def no_rebuild() -> None:
            raise AssertionError("the recent list was rebuilt")

        monkeypatch.setattr(screen, "_rebuild_recent", no_rebuild)
        mounted: list[object] = []
        real_init = CardItem.__init__

        def counting_init(self, *args, **kw):  # type: ignore[no-untyped-def]
            mounted.append(self)
            real_init(self, *args, **kw)

        monkeypatch.setattr(CardItem, "__init__", counting_init)
        await pilot.press(*"Baru", "enter")
        await pilot.pause()
        after = recent(screen)
        assert len(mounted) == 1
        assert after[0] is mounted[0]
        assert after[0].card_text == "Baru"
        # Everything else is the very same widget objects, the oldest one dropped.
        assert all(a is b for a, b in zip(after[1:], before[:-1], strict=True))
        assert len(reload(data_dir, session.id).cards) == 301
        assert "Kartu: 301" in screen_text(app)


async def test_undo_and_redo_rebuild_the_recent_list(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        await pilot.press("1", "enter", "2", "enter", "ctrl+z")
        await pilot.pause()
        assert [c.text for c in reload(data_dir, session.id).cards] == ["1"]
        assert [i.card_text for i in recent(screen)] == ["1"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [i.card_text for i in recent(screen)] == ["2", "1"]


async def test_edit_last_card(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        await pilot.press(*"Modl", "enter", "ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("end", "ctrl+u", *"Modal", "enter")
        await pilot.pause()
        assert [c.text for c in reload(data_dir, session.id).cards] == ["Modal"]
        assert recent(screen)[0].card_text == "Modal"
        assert app.focused is screen.query_one("#card-text", Input)


async def test_timer_counts_down_pauses_and_rings(store, data_dir, monkeypatch) -> None:
    session = circle_session(store)
    session.settings.timer_minutes = 2
    store.repo.save(session)
    now = [1000.0]
    app = app_for(store)
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        screen.countdown.clock = lambda: now[0]
        timer = screen.query_one("#timer", Static)
        assert "02:00 (berhenti)" in str(timer.render())
        await pilot.press("ctrl+g")
        now[0] += 30
        screen.tick()
        assert str(timer.render()) == "Waktu 01:30"
        await pilot.press("ctrl+g")  # pause: time stands still
        now[0] += 500
        screen.tick()
        assert "01:30 (berhenti)" in str(timer.render())
        await pilot.press("ctrl+g")
        now[0] += 90
        screen.tick()
        await pilot.pause()
        assert str(timer.render()) == "Waktu habis"
        assert rings == [True]
        assert any("habis" in str(n.message) for n in app._notifications)
        screen.tick()  # rings once only
        assert rings == [True]
        await pilot.press("ctrl+r")
        assert "02:00 (berhenti)" in str(timer.render())
        # The clock never changed the session (nor did typing in it stop).
        assert reload(data_dir, session.id).cards == []


def test_countdown_rounds_up_and_restarts_after_the_end() -> None:
    now = [0.0]
    cd = Countdown(10, lambda: now[0])
    cd.start()
    now[0] = 0.4
    assert cd.clock_text() == "00:10"
    now[0] = 10.0
    assert cd.check() and cd.finished and cd.clock_text() == "00:00"
    cd.start()
    assert cd.running and not cd.finished and cd.remaining == 10


async def test_language_switch_and_other_steps_keep_kind_colour_clock(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        first = await open_capture(pilot, app, session)
        now = [0.0]
        first.countdown.clock = lambda: now[0]
        await pilot.press("ctrl+t", "ctrl+o", "ctrl+g", *"sete")
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen) and screen is not first
        assert (screen.kind, screen.colour) == (CardKind.NEED, CardColour.PINK)
        assert "Kind: need" in screen_text(app)
        await pilot.press("enter")
        cards = reload(data_dir, session.id).cards
        assert [(c.text, c.kind) for c in cards] == [("sete", CardKind.NEED)]
        await pilot.press("f3")  # to step 1 and back: still the same kind, clock running
        await pilot.pause()
        now[0] = 60.0
        await pilot.press("f4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.kind == CardKind.NEED and screen.countdown.running
        screen.tick()
        assert str(screen.query_one("#timer", Static).render()) == "Time 09:00"


async def test_no_one_present_still_saves_cards(store, data_dir: Path) -> None:
    session = make_session(store)
    session.settings.record_authorship = True
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_capture(pilot, app, session)
        assert "Belum ada peserta hadir" in screen_text(app)
        await pilot.press("ctrl+n", *"Tanpa", "enter")
        assert [(c.text, c.author_id) for c in reload(data_dir, session.id).cards] == [
            ("Tanpa", None)]


async def test_resize_then_leaving_the_step_at_once_is_no_error(store, data_dir) -> None:
    # A resize schedules a redraw for after the next refresh; when F3/F4 switches to
    # another step first, that redraw ran on the removed screen (NoMatches '#turn').
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot, app, session)
        screen.on_resize()
        app.open_step(Step.CIRCLE)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, CaptureScreen)
