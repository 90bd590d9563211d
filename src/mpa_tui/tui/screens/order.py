"""8 Urutkan: the final priority list, reordered if needed and confirmed.

The list starts as the ranking's order (``domain.order.final_order``). alt+up/down moves the
selected category; each move is saved at once as an unconfirmed order (so nothing is
lost), and "Setujui urutan" (``s``) records the confirmation with ``ops.confirm_order``.
The screen says when the order was confirmed and whether it still follows the ranking.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import Step, ops
from mpa_tui.domain.order import (
    final_order,
    follow_ranking,
    ranking_order,
    set_draft_order,
)
from mpa_tui.domain.rules import RankedCategory, rank_categories
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_moment
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.screens.ranking import category_title
from mpa_tui.tui.widgets.ranking_table import Column, RowTable


class OrderScreen(StepScreen):
    """Step 8: the final order of priorities."""

    STEP = Step.ORDER
    CSS_PATH = "order.tcss"
    ACTIONS: ClassVar = (
        Command("order.up", "alt+up", "move(-1)", "order.cmd.up", "order.cmd.up.tip",
                key_display="alt+↑", show=False),
        Command("order.down", "alt+down", "move(1)", "order.cmd.down", "order.cmd.down.tip",
                key_display="alt+↓", show=False),
        Command("order.confirm", "s", "confirm", "order.cmd.confirm", "order.cmd.confirm.tip"),
        Command("order.reset", "r", "reset", "order.cmd.reset", "order.cmd.reset.tip",
                show=False),
    )

    def compose_body(self) -> ComposeResult:
        """Explanation, the list, and the status lines."""
        yield Static(t("order.intro"), id="order-intro", markup=False)
        yield RowTable([Column(t("order.col.no"), 4, right=True),
                        Column(t("order.col.category")),
                        Column(t("order.col.rank"), 9, right=True),
                        Column(t("order.col.score"), 5, right=True)], id="order-table")
        yield Static("", id="order-status", markup=False)
        yield Static("", id="order-match", markup=False)
        yield Static("", id="order-ties", markup=False)

    def on_mount(self) -> None:
        """Draw and focus the list."""
        self.redraw()
        self.query_one("#order-table", RowTable).focus()

    def _cells(self, number: int, category_id: str) -> list[str]:
        rank = self._ranks.get(category_id)
        rank_text = "" if rank is None else (f"{rank[0]}=" if rank[1] else str(rank[0]))
        score = "" if rank is None else str(rank[2])
        return [f"{number}.", category_title(self.session, category_id), rank_text, score]

    def facts(self) -> tuple[list[RankedCategory], list[str]]:
        """The ranking and the final order, computed once for one view of the session."""
        ranked = rank_categories(self.session)
        return ranked, final_order(self.session, ranked)

    def redraw(self, facts: tuple[list[RankedCategory], list[str]] | None = None) -> None:
        """Draw the list and status from the session."""
        ranked, order = facts or self.facts()
        self._ranks = {r.category_id: (r.rank, r.tied, r.score) for r in ranked}
        self.query_one("#order-table", RowTable).set_rows(
            [(cid, self._cells(i, cid), "") for i, cid in enumerate(order, start=1)])
        self.show_status((ranked, order))

    def show_status(self, facts: tuple[list[RankedCategory], list[str]] | None = None) -> None:
        """When the order was confirmed; whether it follows the ranking; open ties."""
        session = self.session
        ranked, order = facts or self.facts()
        empty = not session.active_categories()
        status = self.query_one("#order-status", Static)
        if empty:
            status.update(t("order.empty"))
        elif session.priority_confirmed_at is None:
            status.update(t("order.unconfirmed"))
        else:
            when = format_moment(session.priority_confirmed_at)
            status.update(t("order.confirmed", when=when))
        status.set_class(session.priority_confirmed_at is not None, "-ok")
        match = self.query_one("#order-match", Static)
        follows = order == ranking_order(session, ranked)
        match.update("" if empty else t("order.matches") if follows else t("order.differs"))
        match.set_class(not follows, "-differs")
        open_ties = any(r.tied for r in ranked)
        self.query_one("#order-ties", Static).update(t("order.open_ties") if open_ties else "")

    def session_changed(self, event: SessionChanged) -> None:
        """Redraw unless this screen already showed the change (a move)."""
        table = self.query_one("#order-table", RowTable)
        facts = self.facts()
        if event.replaced or table.keys != facts[1]:
            self.redraw(facts)
        else:
            self.show_status(facts)

    def action_move(self, delta: int) -> None:
        """Move the selected category up (-1) or down (1); saved as unconfirmed."""
        table = self.query_one("#order-table", RowTable)
        key = table.cursor_key
        if key is None:
            return
        order = table.keys
        i = order.index(key)
        j = max(0, min(len(order) - 1, i + delta))
        if i == j:
            return
        order.insert(j, order.pop(i))
        if not self.edit_ok(lambda s: set_draft_order(s, order)):
            return
        table.move_row(key, j)
        for k in (i, j):
            table.update_row(order[k], self._cells(k + 1, order[k]))

    def action_confirm(self) -> None:
        """Setujui urutan: record this order as the group's confirmed priorities."""
        order = self.query_one("#order-table", RowTable).keys
        if not order:
            self.notify(t("order.empty"), severity="warning", markup=False)
            return
        if self.edit_ok(lambda s: ops.confirm_order(s, order)):
            self.notify(t("order.confirmed_note"), timeout=3, markup=False)

    def action_reset(self) -> None:
        """Follow the ranking's order again (drops a reordered or confirmed order)."""
        if self.edit_ok(follow_ranking):
            self.redraw()

    _ranks: dict[str, tuple[int, bool, int]]


SCREEN = OrderScreen
