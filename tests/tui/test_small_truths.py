"""Small things the app said that were not true, or said nothing where it should."""

from __future__ import annotations

from textual.widgets import Input, Static
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import Participant, Step


async def test_undo_after_opening_says_there_is_nothing(store) -> None:
    session = make_session(store, current_step=Step.WRITE)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any("riwayat urungkan dimulai saat sesi dibuka" in str(n.message)
                   for n in app._notifications)


async def test_a_long_card_shows_its_length_while_typed(store) -> None:
    session = make_session(store, current_step=Step.WRITE,
                           participants=[Participant(name="Siti")])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        field = app.screen.query_one("#card-text", Input)
        field.value = "kata " * 120
        await pilot.pause()
        hint = str(app.screen.query_one("#capture-error", Static).render())
        assert "600" in hint and "1000" in hint
        field.value = "pendek"
        await pilot.pause()
        assert str(app.screen.query_one("#capture-error", Static).render()) == ""


def _plain(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_textual_own_texts_are_indonesian(store) -> None:
    from textual.widgets import Select

    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        app.screen.query(Select).first().focus()
        await pilot.press("space")   # open a choice's list
        await pilot.pause()
        assert "Tutup daftar" in _plain(app) and "Dismiss" not in _plain(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"qqqzzz")
        await pilot.pause(1.0)
        assert "Tidak ada yang cocok" in _plain(app), _plain(app)
        assert "No matches" not in _plain(app)
