"""The export screen: typed path, one stick (confirm), several (pick), privacy, failures."""

from __future__ import annotations

import errno
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, Input, OptionList, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session

from mpa_tui.data import load_example
from mpa_tui.export import writer as writer_mod
from mpa_tui.export.drives import Drive
from mpa_tui.export.naming import identity_prefix
from mpa_tui.export.writer import ExportError, verify_sums
from mpa_tui.tui.dialogs import ConfirmDialog
from mpa_tui.tui.dialogs.drive import DrivePicker
from mpa_tui.tui.screens.export import ExportScreen

NAMES = ("Euis", "Lilis", "Nining", "Neneng", "Popon")


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def _all_bytes(folder: Path) -> bytes:
    """Every file's content, office files unzipped, so a name can be searched for."""
    out = b""
    for f in folder.iterdir():
        if f.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(f) as z:
                out += b"".join(z.read(n) for n in z.namelist())
        else:
            out += f.read_bytes()
    return out


def _exports(root: Path) -> list[Path]:
    base = root / "MPA"
    return sorted(p for p in base.iterdir() if not p.name.startswith(".")) \
        if base.exists() else []


async def _open_export(app: Any, pilot: Any, session: Any, *, open_it: bool = False,
                       **kw: Any) -> ExportScreen:
    """Push the export screen: over the open session, or (faster) for a Session object."""
    if open_it:
        assert app.open_session(session.id)
        await pilot.pause()
    screen = ExportScreen(app.controller if open_it else session, **kw)
    app.push_screen(screen)
    await pilot.pause()
    return screen


async def _finish(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_typed_path_exports_every_format_without_names(store, tmp_path,
                                                             monkeypatch) -> None:
    session = load_example()
    store.repo.create(session)
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.chdir(tmp_path)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, open_it=True,
                                    find_drives=lambda: [])
        assert "Tidak ada flashdisk" in _text(screen, ".target-drives")
        assert screen.focused is screen.query_one("#export-path", Input)
        await pilot.press(*"usb", "enter")  # relative to the working folder (tmp_path)
        await _finish(app, pilot)
        [folder] = _exports(target)
        message = _text(screen, "#export-message")
        assert "Aman dicabut" in message and f"{folder.name}" in message
        assert screen.query_one("#export-message").has_class("-ok")
        assert not screen.busy
    pre = identity_prefix(session) + "_"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [pre + k for k in ("ringkasan.md", "ringkasan.html", "laporan.docx", "tabel.xlsx",
                           "kartu.csv", "peringkat.csv", "sesi.mpa.json")] + ["SHA256SUMS"])
    sums = verify_sums(folder)
    assert len(sums) == 7 and all(sums.values())
    content = _all_bytes(folder)
    assert not [n for n in NAMES if n.encode() in content]
    assert b"P01" in content


async def test_single_drive_is_confirmed_and_names_toggle_warns(store, tmp_path) -> None:
    session = load_example()
    store.repo.create(session)
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    drives = [Drive(str(stick), "vfat", "/dev/sdb1", "KINGSTON")]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: drives)
        assert "KINGSTON" in _text(screen, ".target-drives")
        privacy = screen.query_one("#export-privacy", Static)
        assert not privacy.has_class("-warning")
        # Only md + json: fewer files, same privacy rules.
        for fmt in ("html", "docx", "xlsx", "csv"):
            screen.query_one(f"#fmt-{fmt}", Checkbox).value = False
        screen.query_one("#export-names", Checkbox).focus()
        await pilot.press("space")
        assert screen.with_names
        assert "PERHATIAN" in str(privacy.content) and privacy.has_class("-warning")
        # Declining the confirmation writes nothing.
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == f"Salin ke flashdisk KINGSTON ({stick})?"
        await pilot.press("n")
        await _finish(app, pilot)
        assert _exports(stick) == []
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await _finish(app, pilot)
        assert "Aman dicabut" in _text(screen, "#export-message")
    [folder] = _exports(stick)
    pre = identity_prefix(session) + "_"
    assert {p.name for p in folder.iterdir()} == {"SHA256SUMS", pre + "ringkasan.md",
                                                  pre + "sesi.mpa.json"}
    assert all(verify_sums(folder).values())
    md = (folder / f"{pre}ringkasan.md").read_text(encoding="utf-8")
    assert all(n in md for n in NAMES)


async def test_several_drives_let_the_user_pick(store, tmp_path) -> None:
    session = make_session(store, name=HOSTILE)
    sticks = [tmp_path / "A", tmp_path / "B"]
    for s in sticks:
        s.mkdir()
    drives = [Drive(str(sticks[0]), "vfat", "/dev/sdb1", HOSTILE),
              Drive(str(sticks[1]), "exfat", "/dev/sdc1", "B")]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: drives)
        assert _text(screen, ".transfer-title") == f"Ekspor sesi: {HOSTILE}"
        assert HOSTILE in _text(screen, ".target-drives")
        for fmt in ("html", "docx", "xlsx", "csv", "json"):
            screen.query_one(f"#fmt-{fmt}", Checkbox).value = False
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DrivePicker)
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt) == f"{HOSTILE} ({sticks[0]})"
        await pilot.press("down", "enter")
        await _finish(app, pilot)
        assert app.is_running  # the hostile label did not run [@click=app.quit]
    assert _exports(sticks[0]) == []
    [folder] = _exports(sticks[1])
    assert all(verify_sums(folder).values())


async def test_bad_destinations_are_refused_before_anything_runs(store, tmp_path) -> None:
    session = make_session(store)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: [])
        await pilot.press("ctrl+s")
        assert "Ketik foldernya dulu" in _text(screen, ".target-error")
        path = screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "nope")
        await pilot.press("enter")
        assert "Tidak ditemukan" in _text(screen, ".target-error")
        path.value = str(a_file)
        await pilot.press("enter")
        assert "Bukan folder" in _text(screen, ".target-error")
        for cb in screen.query(Checkbox):
            if cb.id and cb.id.startswith("fmt-"):
                cb.value = False
        path.value = str(tmp_path)
        await pilot.press("enter")
        assert _text(screen, "#export-message") == "Pilih sedikitnya satu format."
        assert not screen.busy
    assert not (tmp_path / "MPA").exists()


async def test_full_disk_shows_red_message_and_claims_nothing(store, tmp_path,
                                                              monkeypatch) -> None:
    session = load_example()
    store.repo.create(session)
    before = store.repo.load(session.id).model_dump_json()

    def full(folder: Path, name: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer_mod, "write_durable", full)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: [])
        for fmt in ("html", "docx", "xlsx", "csv", "json"):
            screen.query_one(f"#fmt-{fmt}", Checkbox).value = False
        screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        message = screen.query_one("#export-message", Static)
        assert str(message.content) == ExportError("disk_full").message("id")
        assert message.has_class("-error") and not message.has_class("-ok")
        assert "Aman dicabut" not in str(message.content)
        assert _text(screen, "#export-step") == ""
        # Still live: options react and a second try can start.
        names = screen.query_one("#export-names", Checkbox)
        names.focus()
        await pilot.press("space")
        assert names.value and not screen.busy
    assert _exports(tmp_path) == []
    assert not list((tmp_path / "MPA").iterdir())  # the staging folder was removed
    assert store.repo.load(session.id).model_dump_json() == before


async def test_ui_stays_live_while_the_worker_writes(store, tmp_path) -> None:
    session = make_session(store)
    release = threading.Event()
    started = threading.Event()
    seen: list[Any] = []

    def slow_writer(s: Any, target: Path, *, progress: Any, **kw: Any) -> Any:
        seen.append((s, target, kw))
        progress(1, 4, "Menulis ringkasan.md")
        started.set()
        if not release.wait(10):
            raise ExportError("io_error")
        progress(4, 4, "Aman dicabut.")
        return type("R", (), {"folder": target / "MPA" / "x"})()

    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: [],
                                    writer=slow_writer)
        screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        assert started.wait(5)
        await pilot.pause()
        assert screen.busy
        assert _text(screen, "#export-step") == "Menulis ringkasan.md"
        assert "jangan cabut" in _text(screen, "#export-message")
        # Keys still work while the thread runs; closing is refused, starting again too.
        names = screen.query_one("#export-names", Checkbox)
        names.focus()
        await pilot.press("space")
        assert names.value
        await pilot.press("escape", "ctrl+s")
        assert app.screen is screen
        release.set()
        await _finish(app, pilot)
        assert len(seen) == 1
        assert seen[0][0] is not session and seen[0][0].id == session.id  # a private copy
        assert seen[0][2]["with_names"] is False  # the options as they were at the start
        assert "Aman dicabut" in _text(screen, "#export-message")
        await pilot.press("escape")
        assert app.screen is not screen


async def test_outcome_still_reaches_the_user_when_the_screen_was_closed(store,
                                                                         tmp_path) -> None:
    # E.g. the command palette navigated away while the copy was running.
    session = make_session(store)
    release = threading.Event()

    def slow_writer(s: Any, target: Path, *, progress: Any, **kw: Any) -> Any:
        release.wait(10)
        return type("R", (), {"folder": target / "MPA" / "done-folder"})()

    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: [],
                                    writer=slow_writer)
        screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.busy
        app.pop_screen()
        await pilot.pause()
        release.set()
        await _finish(app, pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any("Aman dicabut" in n and "done-folder" in n for n in notes)


@pytest.mark.parametrize("lang", ["en"])
async def test_english_files_and_messages(store, tmp_path, lang) -> None:
    session = make_session(store)
    app = app_for(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_export(app, pilot, session, find_drives=lambda: [])
        assert screen.export_lang == "en"
        for fmt in ("html", "docx", "xlsx", "csv", "json"):
            screen.query_one(f"#fmt-{fmt}", Checkbox).value = False
        screen.query_one("#export-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        assert "Safe to remove" in _text(screen, "#export-message")
    [folder] = _exports(tmp_path)
    [md] = folder.glob("*_ringkasan.md")
    assert "Participants" in md.read_text(encoding="utf-8")
