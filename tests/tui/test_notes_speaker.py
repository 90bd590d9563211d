"""Who said it, chosen by typing part of a name (Alt+O) in a circle too big to step through."""

from __future__ import annotations

from notes_helpers import pane_on_step, screen_text
from textual.widgets import Input
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import Participant, Step
from mpa_tui.domain.note import Speaker
from mpa_tui.tui.dialogs.notes import NotesPane
from mpa_tui.tui.dialogs.speaker import SpeakerDialog


async def test_alt_o_filters_the_circle_and_enter_takes_the_speaker(store, data_dir) -> None:
    people = [Participant(name=f"Peserta {i:02d} Kartikasari", seat=i) for i in range(25)]
    people.append(Participant(name="Nurhaliza", seat=30))
    people.append(Participant(name="[b]x[/b]", seat=31))
    session = make_session(store, participants=people)
    nur = people[-2].id
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.RANK)
        await pilot.press(*"Setuju", "alt+o")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerDialog)
        await pilot.press(*"nurhaliza", "enter")
        await pilot.pause()
        # A name typed to find her is not text that will be exported: no warning.
        assert not any("nurhaliza" in n.message.casefold() for n in app._notifications)
        assert app.screen is pane and app.focused is pane.query_one("#notes-input", Input)
        assert pane.query_one("#notes-input", Input).value == "Setuju"
        assert "Nurhaliza (Alt+P/Alt+O)" in str(pane.query_one("#notes-mode").render())
        await pilot.press("enter")
        await pilot.pause()
        [note] = reload(data_dir, session.id).notes
        assert (note.text, note.speaker, note.participant_id) == (
            "Setuju", Speaker.PARTICIPANT, nur)
        await pilot.press("alt+o", *"[b]", "enter")
        await pilot.pause()
        assert "[b]x[/b] (Alt+P/Alt+O)" in str(pane.query_one("#notes-mode").render())
        # The group is in the list too; ↓ moves, Esc keeps the speaker as it was.
        await pilot.press("alt+o", *"kelom", "enter")
        await pilot.pause()
        assert pane.who == (Speaker.GROUP, None)
        await pilot.press("alt+o", "down", "escape")
        await pilot.pause()
        assert isinstance(app.screen, NotesPane) and pane.who == (Speaker.GROUP, None)
        # The longest mode line (editing, a long name, no quote) still fits 80 columns.
        await pilot.press("up", "enter", "alt+o", *"peserta 24", "enter")
        await pilot.pause()
        line = next(x for x in screen_text(app).splitlines() if "Pembicara" in x)
        assert "Ubah catatan" in line and "Kutipan: tidak (Alt+K)" in line, line
