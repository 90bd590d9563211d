"""Step 2's half-typed card, turn and writing time are kept with the session: saved once
typing pauses (not per key), on leaving the step, and restored after a restart or kill -9."""

from __future__ import annotations

import time
from pathlib import Path

from pty_term import Terminal
from textual.widgets import Input
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import CardColour, CardKind, Participant, Step
from mpa_tui.store import Store


def _circle_session(store: Store):  # type: ignore[no-untyped-def]
    return make_session(store, current_step=Step.WRITE, participants=[
        Participant(name="Siti", seat=0), Participant(name="Nani", seat=1),
        Participant(name="Ani", seat=2)])


async def test_draft_survives_f4_and_a_restart(store, data_dir) -> None:
    session = _circle_session(store)
    saves = []
    real_save = store.repo.save
    store.repo.save = lambda s: (saves.append(1), real_save(s))[1]  # count, still save
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press(*"Harga bahan naik", "alt+p", "ctrl+o", "ctrl+n", "ctrl+n",
                          "ctrl+g")
        await pilot.pause()
        assert len(saves) <= 1   # nothing per key; at most a save from the timer
        await pilot.pause(1.3)   # the debounce
        capture = reload(data_dir, session.id).capture
        assert capture.text == "Harga bahan naik"
        await pilot.press("f4")
        await pilot.pause()
        capture = reload(data_dir, session.id).capture
        assert (capture.text, capture.kind, capture.colour) == (
            "Harga bahan naik", CardKind.POTENTIAL, CardColour.PINK)
        assert capture.turn_id == session.participants[2].id
        assert capture.timer_left is not None and capture.timer_left < 600
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.query_one("#card-text", Input).value == "Harga bahan naik"
        await pilot.press("ctrl+a")
    # a new app (a restart) on the same data
    app2 = app_for(store)
    async with app2.run_test(size=SIZE) as pilot:
        assert app2.open_session(session.id)
        await pilot.pause()
        screen = app2.screen
        assert screen.query_one("#card-text", Input).value == "Harga bahan naik"
        assert "3/3 Ani" in str(screen.query_one("#turn").render())
        assert "potensi" in str(screen.query_one("#mode").render())
        assert "(berhenti)" in str(screen.query_one("#timer").render())
        assert "10:00" not in str(screen.query_one("#timer").render())
        await pilot.press("enter")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert [c.text for c in saved.active_cards()] == ["Harga bahan naik"]
        assert saved.capture.text == ""
        await pilot.press("ctrl+z")   # undo takes the card back, not the draft
        await pilot.pause()
        assert reload(data_dir, session.id).capture.text == ""


def test_draft_survives_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    st = Store.open(data_dir)
    try:
        session = _circle_session(st)
    finally:
        st.close()
    term = Terminal(data_dir)
    try:
        term.wait_for("Mentari")
        term.press("enter")
        term.wait_for(r"Jenis: masalah")
        term.press("ctrl+n")
        term.type("Modal usaha kura")
        term.wait_for(r"Giliran: 2/3 Nani")
        term.wait_for(r"▊  Modal usaha kura")
        time.sleep(1.6)   # the debounce has saved it
        term.proc.kill()
        term.proc.wait(10)
    finally:
        term.close()
    assert reload(data_dir, session.id).capture.text == "Modal usaha kura"
    term = Terminal(data_dir)
    try:
        term.wait_for("Mentari")
        term.press("enter")
        term.wait_for(r"▊  Modal usaha kura")
        term.wait_for(r"Giliran: 2/3 Nani")
        term.type("ng")   # continues the draft (the field does not select it all)
        term.wait_for(r"▊  Modal usaha kurang\s")
    finally:
        term.close()
