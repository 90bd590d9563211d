"""The notes pane (Alt+C) on every step, the session details and the screens around the
workshop: a note is on disk before it is listed; speaker and quote are kept. Asserts on the
session a NEW Store reads from disk."""

from __future__ import annotations

from typing import Any

import pytest
from notes_helpers import circle_session, listed, open_pane, pane_on_step, screen_text
from textual.widgets import OptionList
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import Step
from mpa_tui.domain.note import NoteTopic, Speaker
from mpa_tui.i18n import t
from mpa_tui.tui.dialogs import HelpScreen
from mpa_tui.tui.dialogs.notes import NotesPane
from mpa_tui.tui.screens import CYCLE_SCREENS

SCREENS: list[tuple[str, str, NoteTopic]] = [
    *((f"step:{int(s)}", f"Langkah {int(s)}: {t(f'tui.step.{int(s)}')}", topic)
      for s, topic in zip(Step, NoteTopic, strict=False)),
    *((f"cycle:{i.key}", t(i.label_key), NoteTopic[i.key.upper()]) for i in CYCLE_SCREENS),
    ("details", "Data sesi", NoteTopic.DETAILS),
]
"""Every screen that takes notes: how to open it, the name the pane's title shows, the
topic its notes are saved under."""


def _open(app: Any, where: str) -> None:
    kind, _, arg = where.partition(":")
    if kind == "step":
        app.open_step(Step(int(arg)))
    elif kind == "cycle":
        app.open_cycle(arg)
    else:
        app.open_details()


async def test_a_note_on_every_screen_is_on_disk_before_it_is_listed(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    disk_when_listed: list[set[str]] = []
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        for index, (where, name, topic) in enumerate(SCREENS):
            text = f"n{index}"  # short: each key press costs the test ~60 ms
            _open(app, where)
            await pilot.pause()
            pane = await open_pane(pilot, app)
            assert pane.query_one("#notes-title").render().plain == (
                f"Catatan proses — {name}")
            box = pane.query_one("#notes-list", OptionList)
            real_add = box.add_options

            def add_checked(items: Any, real: Any = real_add) -> Any:
                # What the disk holds at the moment the list is drawn.
                items = list(items)
                saved = reload(data_dir, session.id).notes
                disk_when_listed.append({n.id for n in saved} >= {o.id for o in items})
                return real(items)

            box.add_options = add_checked  # type: ignore[method-assign]
            await pilot.press(*text, "enter")
            await pilot.pause()
            assert listed(pane)[-1].endswith(f"  {text}"), listed(pane)
            assert disk_when_listed and all(disk_when_listed)
            saved = [n for n in reload(data_dir, session.id).notes if n.topic is topic]
            assert [n.text for n in saved] == [text]
            if where != "details":  # the step's bar and title stay in view above the pane
                text = screen_text(app)
                assert "1 Melingkar 2 Tulis" in text.splitlines()[0]
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, type(pane))
        topics = [n.topic for n in reload(data_dir, session.id).notes]
        assert topics == [topic for _, _, topic in SCREENS]  # each note where it was said


async def test_speaker_and_quote_are_saved_and_shown(store, data_dir) -> None:
    session = circle_session(store)
    siti, _ani, dewi = session.circle()
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.GROUP)
        mode = pane.query_one("#notes-mode")
        seen = []
        for _ in range(5):  # none -> Kelompok -> Fasilitator -> Siti -> Dewi (Ani is absent)
            await pilot.press("alt+p")
            seen.append(str(mode.render()).split("Pembicara: ")[1].split(" (")[0])
        assert seen == ["Kelompok", "Fasilitator", "Siti", "Dewi", "—"]
        await pilot.press("alt+p", *"Kami sepakat", "enter")
        await pilot.press("alt+p", "alt+p", "alt+p", "alt+k", *"Koperasi lebih baik", "enter")
        await pilot.press(*"Tanpa pembicara", "enter")
        await pilot.pause()
        notes = reload(data_dir, session.id).notes
        assert [(n.text, n.speaker, n.participant_id, n.quote) for n in notes] == [
            ("Kami sepakat", Speaker.GROUP, None, False),
            ("Koperasi lebih baik", Speaker.PARTICIPANT, siti.id, True),
            ("Tanpa pembicara", None, None, False)]
        lines = listed(pane)
        assert "· Kelompok  Kami sepakat" in lines[0]
        assert "· Siti  “Koperasi lebih baik”" in lines[1]
        assert lines[2].endswith("  Tanpa pembicara") and "·" not in lines[2]
        assert "Kutipan: tidak" in str(mode.render())  # the next note starts plain
        assert dewi.id not in {n.participant_id for n in notes}


async def test_pane_names_the_step_in_english(store) -> None:
    session = make_session(store)
    app = app_for(store, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_step(Step.RANK)
        await pilot.pause()
        assert "Notes 0 (Alt+C)" in str(app.screen.query_one("#title").render())
        pane = await open_pane(pilot, app)
        assert str(pane.query_one("#notes-title").render()) == "Process notes — Step 7: Rank"
        await pilot.press(*"Ranked by votes", "enter")
        await pilot.press("escape")
        await pilot.pause()
        assert "Notes 1 (Alt+C)" in str(app.screen.query_one("#title").render())


async def test_palette_and_title_offer_the_notes_key(store) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        for opener in (lambda: app.open_step(Step.COUNT), lambda: app.open_cycle("actions")):
            opener()
            await pilot.pause()
            labels = [e.label for e in app.screen.palette_entries()]
            assert "Catatan (alt+c)" in labels
            assert "Catatan 0 (Alt+C)" in str(app.screen.query_one("#title").render())
        app.open_summary()
        await pilot.pause()
        assert "Catatan (alt+c)" not in [e.label for e in app.screen.palette_entries()]
        await pilot.press("alt+c")  # the summary takes no notes: nothing opens
        await pilot.pause()
        assert "Catatan" not in str(app.screen.query_one("#title").render())
        assert not app.screen.is_modal


async def test_f1_in_the_pane_explains_the_notes(store) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pane_on_step(pilot, app, session, Step.CIRCLE)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.topic == "notes"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NotesPane)


async def test_summary_lists_the_note_after_f6(store) -> None:
    pytest.importorskip("mpa_tui.export.summary_notes",
                        reason="the summary's notes section comes with the export branch")
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=(100, 60)) as pilot:
        assert app.open_session(session.id)
        app.open_step(Step.ORDER)
        await pilot.pause()
        await open_pane(pilot, app)
        await pilot.press(*"Urutan disepakati bersama", "enter", "escape", "f6")
        await pilot.pause()
        assert "Urutan disepakati bersama" in screen_text(app)
