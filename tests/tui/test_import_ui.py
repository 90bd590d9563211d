"""The import screen: add from another laptop's stick, unchanged on repeat, merge, failures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.data import load_example
from mpa_tui.domain import Session, ops
from mpa_tui.export.drives import Drive
from mpa_tui.export.merge import Conflict
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import ConfirmDialog
from mpa_tui.tui.screens.import_ import ImportScreen, conflict_text


def _export_from_other_laptop(tmp_path: Path, session: Session) -> Path:
    """A bundle written by another store onto a "stick" folder."""
    other = Store.open(tmp_path / "other-laptop")
    try:
        other.repo.create(session)
        stick = tmp_path / "STICK"
        stick.mkdir(exist_ok=True)
        export_session(other.repo.load(session.id), stick, formats=["json", "md"])
    finally:
        other.close()
    return stick


def _rows(screen: Any) -> list[list[str]]:
    table = screen.query_one("#import-results", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _message(screen: Any) -> str:
    return str(screen.query_one("#import-message", Static).content)


async def _finish(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_import_from_a_stick_adds_then_is_unchanged(store, data_dir, tmp_path) -> None:
    incoming = load_example()
    stick = _export_from_other_laptop(tmp_path, incoming)
    drives = [Drive(str(stick), "vfat", "/dev/sdb1", "STICK")]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = ImportScreen(store, find_drives=lambda: drives)
        closed: list[Any] = []
        app.push_screen(screen, closed.append)
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == f"Impor dari flashdisk STICK ({stick})?"
        await pilot.press("y")
        await _finish(app, pilot)
        [row] = _rows(screen)
        assert row[0] == "baru" and row[2].startswith("MPA") \
            and row[2].endswith("sesi.mpa.json")
        assert incoming.group_name in row[1]
        assert "1 sesi baru" in _message(screen)
        # A fresh Store reads the imported session from disk.
        got = reload(data_dir, incoming.id)
        assert [c.text for c in got.cards] == [c.text for c in incoming.cards]
        # The second time: typed path (the export folder), nothing changes.
        path = screen.query_one("#import-path", Input)
        path.value = str(stick / "MPA")
        await pilot.press("enter")
        await _finish(app, pilot)
        [row] = _rows(screen)
        assert row[0] == "tidak berubah"
        assert "0 sesi baru, 0 digabungkan, 1 tidak berubah, 0 gagal" in _message(screen)
        assert screen.reload_id is None
        await pilot.press("escape")
        await pilot.pause()
        # The caller (e.g. the home screen refreshing its list) gets the result.
        assert [r.count("unchanged") for r in closed] == [1]


async def test_merging_the_open_session_reloads_it_on_close(store, data_dir, tmp_path) -> None:
    local = make_session(store)
    ops.add_card(local, "Modal kurang")
    store.repo.save(local)
    # The other laptop has the same session with one more card (a newer version).
    theirs = Session.model_validate(local.model_dump())
    ops.add_card(theirs, "Pemasaran sulit")
    theirs.touch()
    stick = _export_from_other_laptop(tmp_path, theirs)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(local.id)
        await pilot.pause()
        before = app.controller
        screen = ImportScreen(store, find_drives=lambda: [])
        app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#import-path", Input).value = str(stick)
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        [row] = _rows(screen)
        assert row[0] == "digabung"
        assert screen.reload_id == local.id
        assert "dimuat ulang" in _message(screen)
        assert sorted(c.text for c in reload(data_dir, local.id).cards) == [
            "Modal kurang", "Pemasaran sulit"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        # A new controller on the merged file: the next edit keeps the imported card.
        assert app.controller is not before
        assert sorted(c.text for c in app.controller.session.cards) == [
            "Modal kurang", "Pemasaran sulit"]
        app.controller.edit(lambda s: ops.add_card(s, "Izin PIRT"))
    assert sorted(c.text for c in reload(data_dir, local.id).cards) == [
        "Izin PIRT", "Modal kurang", "Pemasaran sulit"]


async def test_bad_bundles_fail_with_reasons_and_change_nothing(store, data_dir,
                                                                tmp_path) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "sesi.mpa.json").write_text("{not json", encoding="utf-8")
    hostile = tmp_path / "other"
    hostile.mkdir()
    name = HOSTILE.replace("/", "_") + ".mpa.json"  # markup in a file name
    (hostile / name).write_text('{"format": "other"}', encoding="utf-8")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = ImportScreen(store, find_drives=lambda: [])
        app.push_screen(screen)
        await pilot.pause()
        path = screen.query_one("#import-path", Input)
        path.value = str(tmp_path / "missing")
        await pilot.press("enter")
        assert "Tidak ditemukan" in str(screen.query_one(".target-error", Static).content)
        path.value = f"{folder} ; {hostile}"
        await pilot.press("enter")
        await _finish(app, pilot)
        rows = _rows(screen)
        assert [r[0] for r in rows] == ["gagal", "gagal"]
        assert "bukan JSON yang valid" in rows[0][1]
        assert "bukan berkas sesi MPA" in rows[1][1]
        assert rows[1][2] == name  # literally, relative to the typed folder
        assert f"Berkas {name} bukan" in rows[1][1]
        assert "2 gagal" in _message(screen)
        assert screen.query_one("#import-message").has_class("-error")
        assert app.is_running
    assert Store.open(data_dir, lock=False).repo.list() == []


def test_conflicts_are_described_in_words() -> None:
    text = conflict_text([Conflict("cards", "abcdef1234", "incoming"),
                          Conflict("evaluation", "e1", "local"),
                          Conflict("cards", "x", "both"), Conflict("votes", "y", "local")])
    assert text.startswith("4 perbedaan diselesaikan: Kartu abcdef12: versi impor, "
                           "Evaluasi e1: versi laptop ini, Kartu x: keduanya disimpan")
    assert text.endswith("...")


async def test_import_screen_starts_on_its_path_field(store, tmp_path) -> None:
    stick = tmp_path / "STICK"
    stick.mkdir()
    drives = [Drive(str(stick), "exfat", "/dev/sdb1", "STICK")]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ImportScreen(store, find_drives=lambda: drives))
        await pilot.pause()
        await pilot.press(*"/media/x")   # typed at once, not lost on a button
        assert app.screen.query_one("#import-path", Input).value == "/media/x"


def test_a_case_insensitive_stick_lists_each_export_once(tmp_path) -> None:
    """exFAT/FAT: ``MPA/`` and ``mpa/`` are one folder; the same file is reached twice
    (here: a hard link, the same inode under two names, as the stick shows it)."""
    import os

    from mpa_tui.export.importer import find_bundles

    stick = _export_from_other_laptop(tmp_path, load_example())
    [bundle] = list((stick / "MPA").glob("*/*.mpa.json"))
    twin = stick / "mpa" / bundle.parent.name / bundle.name
    twin.parent.mkdir(parents=True)
    os.link(bundle, twin)
    assert len(find_bundles(stick)) == 1
