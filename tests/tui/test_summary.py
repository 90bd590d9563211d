"""Ringkasan: the export's view drawn with literal widgets, codes unless names are asked
for, and an export by keyboard to a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session

from mpa_tui.domain import Session, ops
from mpa_tui.store import Store
from mpa_tui.tui.screens import summary as summary_module
from mpa_tui.tui.screens.summary import SummaryScreen, export_screen_class, table_lines


def _session(store: Store) -> Session:
    session = make_session(store)
    ops.add_participant(session, "Siti Aminah")
    cat = ops.new_category(session, HOSTILE)
    card = ops.add_card(session, "**tebal** # judul <b>x</b> " + HOSTILE)
    ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


def _text(screen: SummaryScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("#sum-scroll Static"))


async def test_summary_codes_names_and_literal_text(store: Store, data_dir: Path) -> None:
    session = _session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_summary()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        text = _text(screen)
        assert "P01" in text and "Siti Aminah" not in text
        assert "**tebal** # judul <b>x</b> " + HOSTILE in text
        await pilot.press("n")
        await pilot.pause()
        assert "Siti Aminah" in _text(screen)
        assert "DITAMPILKAN" in str(screen.query_one("#sum-names", Static).render())
        await pilot.press("pagedown", "pagedown")
        assert app.is_running


async def test_export_key_opens_the_export_flow(store: Store) -> None:
    session = _session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_summary()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        expected = export_screen_class()
        assert expected is not None and isinstance(app.screen, expected)


async def test_export_fallback_writes_a_folder(store: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the export flow's screen, the summary still exports to a typed folder.
    monkeypatch.setattr(summary_module, "export_screen_class", lambda: None)
    session = _session(store)
    target = tmp_path / "stick"
    target.mkdir()
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_summary()
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "missing")
        await pilot.press("enter")
        await pilot.pause()
        assert "tidak ditemukan" in str(app.screen.query_one("#prompt-error", Static).render())
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        folders = list((target / "MPA").iterdir())
        assert len(folders) == 1 and (folders[0] / "SHA256SUMS").is_file()
        summary = next(folders[0].glob("*.md")).read_text(encoding="utf-8")
        assert "Siti Aminah" not in summary
        assert any("Ekspor selesai" in str(n.message) for n in app._notifications)


def test_tables_fit_or_become_blocks_without_cutting_text() -> None:
    assert table_lines(["A", "Nilai", "C"], [["x", 1, "y"]], width=60) == [
        "A Nilai C", "x     1 y"]
    long = table_lines(["A", "B", "C"], [["x" * 200, 1, "catatan"]], width=60)
    assert long == ["A: " + "x" * 200, "B: 1", "C: catatan"]
    wide = table_lines([str(i) for i in range(7)], [list("abcdefg")])
    assert wide[:2] == ["0: a", "1: b"]
