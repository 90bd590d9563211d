"""7 Peringkat: shared ranks for ties, a tie broken by keyboard with a required reason
(saved), stale ties reopening, and hostile titles/reasons shown literally."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.screens.ranking import RankingScreen, TieBreakDialog
from mpa_tui.tui.widgets.ranking_table import RowTable


def _session(store: Store, titles: list[str], cards: list[int]) -> Session:
    session = make_session(store)
    for title, n in zip(titles, cards, strict=True):
        cat = ops.new_category(session, title)
        for j in range(n):
            card = ops.add_card(session, f"{title} {j}")
            ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


def _rows(screen: RankingScreen) -> list[list[str]]:
    table = screen.query_one("#rank-table", RowTable)
    out = []
    for key in table.keys:
        row = table.row(key)
        assert row is not None
        out.append([str(c) for c in row.cells])
    return out


async def _open(pilot, app, session: Session) -> RankingScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.RANK)
    await pilot.pause()
    assert isinstance(app.screen, RankingScreen)
    return app.screen


async def test_tie_shared_rank_then_broken_with_reason(store: Store, data_dir: Path) -> None:
    session = _session(store, ["Air", "Modal", "Pasar"], [2, 3, 2])
    air, modal, pasar = (c.id for c in session.categories)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        assert [(r[0], r[1]) for r in _rows(screen)] == [("1", "Modal"), ("2=", "Air"),
                                                          ("2=", "Pasar")]
        table = screen.query_one("#rank-table", RowTable)
        assert table.row(air).has_class("-tied") and not table.row(modal).has_class("-tied")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TieBreakDialog)
        # Pasar first; the reason is required: Enter on an empty reason is refused.
        await pilot.press("alt+down", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TieBreakDialog)
        assert str(app.screen.query_one("#tie-error", Static).render()) != ""
        assert reload(data_dir, session.id).tie_breaks == []
        await pilot.press(*"Lebih mendesak", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
        saved = reload(data_dir, session.id)
        assert [(tb.category_ids, tb.reason) for tb in saved.tie_breaks] == [
            ([pasar, air], "Lebih mendesak")]
        rows = _rows(screen)
        assert [(r[0], r[1]) for r in rows] == [("1", "Modal"), ("2", "Pasar"), ("3", "Air")]
        assert rows[1][-1] == "Diputuskan: Lebih mendesak"
        # A new card for Air breaks the exact tie: the rules reopen nothing, Air is 1=.
        card = app.controller.edit(lambda s: ops.add_card(s, "Air bersih"))
        app.controller.edit(lambda s: ops.move_cards(s, [card.id], air))
        await pilot.pause()
        assert [(r[0], r[1]) for r in _rows(screen)] == [("1=", "Air"), ("1=", "Modal"),
                                                          ("3", "Pasar")]
        # Undo twice: the decided tie is back, with its reason.
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _rows(screen)[1][-1] == "Diputuskan: Lebih mendesak"


async def test_escape_cancels_without_saving(store: Store, data_dir: Path) -> None:
    session = _session(store, ["Air", "Pasar"], [1, 1])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, session)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, TieBreakDialog)
        await pilot.press("tab", *"x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
        assert reload(data_dir, session.id).tie_breaks == []


async def test_hostile_titles_and_reason_are_literal(store: Store, data_dir: Path) -> None:
    long_title = "Ж" * 190
    session = _session(store, [HOSTILE, "\u200b🌾 [b]x", long_title], [1, 1, 2])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        await pilot.press("down", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TieBreakDialog)
        await pilot.press("tab")
        dialog.query_one("#tie-reason", Input).value = HOSTILE
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, RankingScreen)
        assert reload(data_dir, session.id).tie_breaks[0].reason == HOSTILE
        rendered = [row.render().plain for row in screen.query("#rank-table TableRow")]
        assert any("[red]x[/]" in line for line in rendered)
        assert all(len(line) <= 80 for line in rendered)
        screen.query_one("#rank-table", RowTable).move_to(
            reload(data_dir, session.id).tie_breaks[0].category_ids[0])
        await pilot.pause()
        detail = str(screen.query_one("#rank-detail", Static).render())
        assert HOSTILE in detail
        await pilot.click("#rank-detail")
        await pilot.pause()
        assert app.is_running
