"""8 Urutkan: reorder by keyboard (saved at once, unconfirmed), confirm ("Setujui
urutan"), and say whether the order still follows the ranking."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.domain.order import order_matches_ranking
from mpa_tui.store import Store
from mpa_tui.tui.screens.order import OrderScreen
from mpa_tui.tui.widgets.ranking_table import RowTable


def _session(store: Store) -> Session:
    session = make_session(store)
    for title, n in (("Modal", 3), ("Pasar", 2), ("Air", 1)):
        cat = ops.new_category(session, title)
        for j in range(n):
            card = ops.add_card(session, f"{title} {j}")
            ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


def _titles(screen: OrderScreen) -> list[str]:
    table = screen.query_one("#order-table", RowTable)
    return [str(table.row(k).cells[1]) for k in table.keys]  # type: ignore[union-attr]


async def test_reorder_confirm_and_follow_ranking(store: Store, data_dir: Path) -> None:
    session = _session(store)
    modal, pasar, air = (c.id for c in session.categories)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_step(Step.ORDER)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrderScreen)
        assert _titles(screen) == ["Modal", "Pasar", "Air"]
        status = screen.query_one("#order-status", Static)
        assert str(status.render()) == "Urutan belum disetujui."
        # Air up one place: saved at once, not confirmed.
        await pilot.press("end", "alt+up")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert saved.priority_order == [modal, air, pasar]
        assert saved.priority_confirmed_at is None
        assert _titles(screen) == ["Modal", "Air", "Pasar"]
        assert "berbeda dari peringkat" in str(screen.query_one("#order-match").render())
        await pilot.press("s")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert saved.priority_order == [modal, air, pasar]
        assert saved.priority_confirmed_at is not None
        assert not order_matches_ranking(saved)
        assert str(status.render()).startswith("Urutan disetujui ")
        # Back to the ranking's order (the confirmation is dropped), then confirm again.
        await pilot.press("r", "s")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert saved.priority_order == [modal, pasar, air]
        assert saved.priority_confirmed_at is not None and order_matches_ranking(saved)
        assert _titles(screen) == ["Modal", "Pasar", "Air"]
        # Undo: the confirmed reordered list is back on screen.
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _titles(screen) == ["Modal", "Air", "Pasar"]
        assert reload(data_dir, session.id).priority_order == [modal, air, pasar]
