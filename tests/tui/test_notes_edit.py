"""The notes pane: edit, delete to the trash, restore from F7, undo/redo while it is open,
hostile text shown literally, refused text told in one line, 30 notes at 80x24."""

from __future__ import annotations

from notes_helpers import circle_session, listed, open_pane, pane_on_step, screen_text
from textual.widgets import DataTable, Input, OptionList
from tui_helpers import HOSTILE, SIZE, app_for, reload

from mpa_tui.domain import Step
from mpa_tui.domain.note import NoteTopic, Speaker
from mpa_tui.domain.notes import add_note
from mpa_tui.store import SaveError
from mpa_tui.tui.dialogs.notes import NotesPane
from mpa_tui.tui.screens.trash import ItemTrashScreen
from mpa_tui.tui.widgets import SaveBanner


async def test_edit_keeps_time_and_step_and_changes_text_speaker_quote(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.TITLE)
        await pilot.press(*"satu", "enter", *"dua", "enter")
        before = reload(data_dir, session.id).notes
        await pilot.press("tab")  # Tab goes into the list and back, as ↑ and Esc do
        assert app.focused is pane.query_one("#notes-list", OptionList)
        await pilot.press("tab")
        assert app.focused is pane.query_one("#notes-input", Input)
        await pilot.press("up")  # into the list, on the newest note
        assert app.focused is pane.query_one("#notes-list", OptionList)
        await pilot.press("up", "enter")  # the older one, to edit
        field = pane.query_one("#notes-input", Input)
        assert app.focused is field and field.value == "satu"
        assert "Ubah catatan" in str(pane.query_one("#notes-mode").render())
        await pilot.press("ctrl+u", *"satu!", "alt+p", "alt+k", "enter")
        await pilot.pause()
        after = reload(data_dir, session.id).notes
        assert [(n.text, n.speaker, n.quote) for n in after] == [
            ("satu!", Speaker.GROUP, True), ("dua", None, False)]
        assert [(n.id, n.created_at, n.topic) for n in after] == [
            (n.id, n.created_at, n.topic) for n in before]
        assert "· Kelompok  “satu!”" in listed(pane)[0]
        assert field.value == "" and "Catatan baru" in str(pane.query_one("#notes-mode").render())
        # Esc while editing stops editing and keeps the pane open
        await pilot.press("up", "enter", "escape")
        assert isinstance(app.screen, NotesPane) and field.value == ""
        assert [n.text for n in reload(data_dir, session.id).notes] == ["satu!", "dua"]


async def test_delete_to_trash_undo_redo_and_restore_from_f7(store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.COUNT)
        await pilot.press(*"Hitung ulang", "enter", *"Setuju", "enter")
        await pilot.press("up", "delete")
        await pilot.pause()
        saved = reload(data_dir, session.id).notes
        assert [n.text for n in saved if n.deleted_at] == ["Setuju"]
        assert [line.split("  ", 1)[1] for line in listed(pane)] == ["Hitung ulang"]
        assert any("sampah" in str(n.message) and "Setuju" in str(n.message)
                   for n in app._notifications)
        assert pane.query_one("#notes-list", OptionList).highlighted == 0
        await pilot.press("ctrl+z")  # undo in the pane: the session object is replaced
        await pilot.pause()
        assert [line.split("  ", 1)[1] for line in listed(pane)] == ["Hitung ulang", "Setuju"]
        assert all(n.deleted_at is None for n in reload(data_dir, session.id).notes)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert len(listed(pane)) == 1
        await pilot.press("escape", "escape")  # leave the list, close the pane
        await pilot.pause()
        assert not isinstance(app.screen, NotesPane)
        assert "Catatan 1 (Alt+C)" in str(app.screen.query_one("#title").render())
        await pilot.press("f7")
        await pilot.pause()
        trash = app.screen
        assert isinstance(trash, ItemTrashScreen)
        table = trash.query_one("#trash-list", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["Catatan", "Setuju"] in rows
        table.move_cursor(row=rows.index(["Catatan", "Setuju"]))
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert all(n.deleted_at is None for n in reload(data_dir, session.id).notes)
        pane = await open_pane(pilot, app)
        assert [line.split("  ", 1)[1] for line in listed(pane)] == ["Hitung ulang", "Setuju"]


async def test_hostile_text_is_literal_and_control_text_refused_in_one_line(
        store, data_dir) -> None:
    session = circle_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.WRITE)
        await pilot.press(*HOSTILE, "enter")
        await pilot.pause()
        assert app.is_running
        assert [n.text for n in reload(data_dir, session.id).notes] == [HOSTILE]
        assert listed(pane)[0].endswith(HOSTILE)
        assert HOSTILE in screen_text(app)
        field = pane.query_one("#notes-input", Input)
        field.value = "warna \x1b[31mmerah"
        await pilot.press("enter")
        await pilot.pause()
        error = str(pane.query_one("#notes-error").render())
        assert error.strip() and "\n" not in error.strip() and "Traceback" not in error
        assert field.value == "warna \x1b[31mmerah"  # kept to be corrected
        assert len(reload(data_dir, session.id).notes) == 1
        field.value = ""
        await pilot.press("enter")
        assert str(pane.query_one("#notes-error").render()).strip()
        assert len(reload(data_dir, session.id).notes) == 1


async def test_thirty_notes_and_a_long_one_fit_80x24(store) -> None:
    session = circle_session(store)
    for i in range(29):
        add_note(session, f"Catatan nomor {i + 1}", NoteTopic.RANK, speaker=Speaker.GROUP)
    add_note(session, "panjang " * 250, NoteTopic.RANK, participant_id=session.circle()[0].id)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.RANK)
        box = pane.query_one("#notes-box")
        assert box.region.bottom == SIZE[1] and box.region.width == SIZE[0]
        lines = screen_text(app).splitlines()
        assert len(lines) == SIZE[1]
        assert lines[1].startswith(" Langkah 7: Peringkat")  # the step stays in view
        assert "Catatan proses — Langkah 7: Peringkat" in lines[6]
        assert "Catatan baru" in lines[-7] and "▊" in lines[-5]  # mode line, the input
        assert lines[-2].startswith("█ Enter simpan")
        listing = "\n".join(lines[7:-7])
        assert "Siti" in listing and "…" in listing  # the newest (long) note, cut
        assert "panjang " * 100 not in listing.replace("\n", " ")
        assert all(len(line) == SIZE[0] for line in lines)
        option_list = pane.query_one("#notes-list", OptionList)
        assert option_list.highlighted == 29 and option_list.option_count == 30


async def test_a_failing_disk_is_said_in_the_pane_until_the_retry_saves(
        store, data_dir, monkeypatch) -> None:
    session = circle_session(store)
    real_save = store.repo.save
    failures = {"left": 2}

    def flaky_save(s):  # type: ignore[no-untyped-def]
        if failures["left"] > 0:
            failures["left"] -= 1
            raise SaveError(OSError(28, "No space left on device"))
        real_save(s)

    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        pane = await pane_on_step(pilot, app, session, Step.ORDER)
        monkeypatch.setattr(store.repo, "save", flaky_save)
        await pilot.press(*"Disepakati", "enter")
        await pilot.pause()
        banner = pane.query_one(SaveBanner)
        assert banner.has_class("-visible") and "Disk penuh" in str(banner.content)
        assert not any("Catatan tersimpan" in str(n.message) for n in app._notifications)
        assert reload(data_dir, session.id).notes == []
        assert not app.retry_save()
        assert app.retry_save()  # the disk is back
        await pilot.pause()
        assert not banner.has_class("-visible")
        assert [n.text for n in reload(data_dir, session.id).notes] == ["Disepakati"]
