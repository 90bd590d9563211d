"""The report screen: the recurring-problems table, filters, files written to a folder."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Static
from tui_helpers import HOSTILE, SIZE, app_for

from mpa_tui.data import load_example
from mpa_tui.domain import Session
from mpa_tui.export.drives import Drive
from mpa_tui.tui.dialogs import ConfirmDialog
from mpa_tui.tui.screens.report import ReportScreen


def _real_copy() -> Session:
    """The example's content as a real (not example) session under a new id."""
    data = load_example().model_dump(mode="json")
    data["id"] = str(uuid.uuid4())
    data["is_example"] = False
    return Session.model_validate(data)


def _second_session(village: str) -> Session:
    """The example again, as another group's real session in another village."""
    data = _real_copy().model_dump(mode="json")
    data["group_name"] = "Kelompok Melati"
    data["location"]["village"] = village
    data["location"]["region_code"] = ""  # typed only
    data["categories"][0]["title"] = HOSTILE
    return Session.model_validate(data)


def _rows(screen: Any) -> list[list[str]]:
    table = screen.query_one("#report-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def _finish(app: Any, pilot: Any) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_table_filters_and_files(store, tmp_path) -> None:
    example = _real_copy()
    store.repo.create(example)
    store.repo.create(load_example())  # fictional: left out unless asked for
    store.repo.create(_second_session("Cibodas"))
    target = tmp_path / "out"
    target.mkdir()
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = ReportScreen(store, find_drives=lambda: [])
        app.push_screen(screen)
        await pilot.pause()
        await _finish(app, pilot)
        assert _text(screen, "#report-count").startswith("2 sesi, 2 desa")
        assert "contoh tidak dihitung" in _text(screen, "#report-count")
        await pilot.press("ctrl+e")  # the example counted too, then left out again
        await _finish(app, pilot)
        assert _text(screen, "#report-count").startswith("3 sesi, 2 desa")
        await pilot.press("ctrl+e")
        await _finish(app, pilot)
        rows = _rows(screen)
        assert _text(screen, "#report-count").startswith("2 sesi, 2 desa")
        # A category both sessions share comes first: 2 sessions, 2 villages.
        assert rows[0][1:3] == ["2", "2"]
        titles = [r[0] for r in rows]
        assert HOSTILE in titles  # the hostile title is shown literally, not as markup
        assert all(float(r[3]) >= 1 for r in rows)
        # Filter by village (typed, Enter shows the table).
        screen.query_one("#report-village", Input).focus()
        await pilot.press(*"nagrak", "enter")
        await _finish(app, pilot)
        assert _text(screen, "#report-count").startswith("1 sesi, 1 desa")
        assert {r[1] for r in _rows(screen)} == {"1"}
        assert HOSTILE not in [r[0] for r in _rows(screen)]
        # A bad date is refused on the spot.
        since = screen.query_one("#report-since", Input)
        since.value = "2023-13-40"
        await pilot.press("enter")
        assert "Tanggal tidak valid" in _text(screen, "#report-filter-error")
        since.value = ""
        # Save to the typed folder.
        screen.query_one("#report-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        message = _text(screen, "#report-message")
        assert "Aman dicabut" in message
        assert screen.query_one("#report-message").has_class("-ok")
        assert app.is_running
    [folder] = [p for p in (target / "MPA").iterdir() if not p.name.startswith(".")]
    assert folder.name.startswith("laporan_") and str(folder) in message
    names = {p.name for p in folder.iterdir()}
    assert {"laporan.html", "laporan.xlsx", "sessions.csv", "categories.csv",
            "recurring.csv"} <= names
    sessions_csv = (folder / "sessions.csv").read_text(encoding="utf-8-sig")
    assert example.id in sessions_csv and "Melati" not in sessions_csv  # the filter held


async def test_save_to_the_single_stick_after_confirm_and_empty_filter(store,
                                                                      tmp_path) -> None:
    store.repo.create(_real_copy())
    stick = tmp_path / "STICK"
    stick.mkdir()
    drives = [Drive(str(stick), "vfat", "/dev/sdb1", "STICK")]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = ReportScreen(store, find_drives=lambda: drives)
        app.push_screen(screen)
        await pilot.pause()
        await _finish(app, pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await _finish(app, pilot)
        assert "Aman dicabut" in _text(screen, "#report-message")
        assert len([p for p in (stick / "MPA").iterdir() if not p.name.startswith(".")]) == 1
        # No session matches: said plainly, nothing written.
        screen.query_one("#report-group", Input).value = "tidak ada"
        screen.query_one("#report-path", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        assert "Tidak ada sesi yang cocok" in _text(screen, "#report-message")
        assert screen.query_one("#report-message").has_class("-error")
        assert _rows(screen) == []
    assert not (tmp_path / "MPA").exists()


async def test_write_failure_is_red(store, tmp_path: Path) -> None:
    store.repo.create(_real_copy())
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = ReportScreen(store, find_drives=lambda: [])
        app.push_screen(screen)
        await _finish(app, pilot)
        vanished = tmp_path / "usb"
        vanished.mkdir()
        screen.query_one("#report-path", Input).value = str(vanished)
        vanished.rmdir()  # the stick is pulled between checking and writing
        screen.panel().typed_paths = lambda: ([vanished], "")  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await _finish(app, pilot)
        message = screen.query_one("#report-message", Static)
        assert "tercabut" in str(message.content) and message.has_class("-error")
        assert "Aman dicabut" not in str(message.content)
