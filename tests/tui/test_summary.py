"""Ringkasan: the export's view drawn with literal widgets, codes unless names are asked
for, and an export by keyboard to a folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session

from mpa_tui.domain import Session, ops
from mpa_tui.store import Store
from mpa_tui.tui.screens.export import ExportScreen
from mpa_tui.tui.screens.summary import SummaryScreen, table_lines
from mpa_tui.tui.widgets.text_lines import TextLines


def _session(store: Store) -> Session:
    session = make_session(store)
    ops.add_participant(session, "Siti Aminah")
    cat = ops.new_category(session, HOSTILE)
    card = ops.add_card(session, "**tebal** # judul <b>x</b> " + HOSTILE)
    ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


def _text(screen: SummaryScreen) -> str:
    return screen.query_one("#sum-scroll", TextLines).text


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
        assert isinstance(app.screen, ExportScreen)


def test_tables_fit_or_become_blocks_without_cutting_text() -> None:
    assert table_lines(["A", "Nilai", "C"], [["x", 1, "y"]], width=60) == [
        "A Nilai C", "x     1 y"]
    long = table_lines(["A", "B", "C"], [["x" * 200, 1, "catatan"]], width=60)
    assert long == ["A: " + "x" * 200, "B: 1", "C: catatan"]
    wide = table_lines([str(i) for i in range(7)], [list("abcdefg")])
    assert wide[:2] == ["0: a", "1: b"]
