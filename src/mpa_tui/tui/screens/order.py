"""8 Urutkan: the final priority list, reordered if needed and confirmed.

The list starts as the ranking's order (``rules.final_order``). alt+up/down moves the
selected category; each move is saved at once as an unconfirmed order (so nothing is
lost), and "Setujui urutan" (``s``) records the confirmation with ``ops.confirm_order``.
The screen says when the order was confirmed and whether it still follows the ranking.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import DomainError, Step, ops
from mpa_tui.domain.base import utcnow
from mpa_tui.domain.rules import final_order, order_matches_ranking, rank_categories
from mpa_tui.domain.session import Session
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_moment
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.screens.ranking import category_title
from mpa_tui.tui.widgets.ranking_table import Column, RowTable


def set_draft_order(session: Session, ordered_ids: list[str]) -> None:
    """Save a reordered, not yet confirmed priority order.

    Should move to ``domain/ops.py``: like ``confirm_order`` but it clears
    ``priority_confirmed_at``, since the order changed after any confirmation.
    """
    alive = {c.id for c in session.active_categories()}
    if set(ordered_ids) != alive or len(ordered_ids) != len(alive):
        raise DomainError("order_incomplete")
    session.priority_order = list(ordered_ids)
    session.priority_confirmed_at = None
    session.updated_at = utcnow()


def follow_ranking(session: Session) -> None:
    """Drop the reordered/confirmed order: the list follows the ranking again."""
    session.priority_order = []
    session.priority_confirmed_at = None
    session.updated_at = utcnow()


class OrderScreen(StepScreen):
    """Step 8: the final order of priorities."""

    STEP = Step.ORDER
    CSS_PATH = "../order.tcss"
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

    def redraw(self) -> None:
        """Draw the list and status from the session."""
        session = self.session
        self._ranks = {r.category_id: (r.rank, r.tied, r.score)
                       for r in rank_categories(session)}
        order = final_order(session)
        self.query_one("#order-table", RowTable).set_rows(
            [(cid, self._cells(i, cid), "") for i, cid in enumerate(order, start=1)])
        self.show_status()

    def show_status(self) -> None:
        """When the order was confirmed; whether it follows the ranking; open ties."""
        session = self.session
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
        follows = order_matches_ranking(session)
        match.update("" if empty else t("order.matches") if follows else t("order.differs"))
        match.set_class(not follows, "-differs")
        open_ties = any(r.tied for r in rank_categories(session))
        self.query_one("#order-ties", Static).update(t("order.open_ties") if open_ties else "")

    def session_changed(self, event: SessionChanged) -> None:
        """Redraw unless this screen already showed the change (a move)."""
        table = self.query_one("#order-table", RowTable)
        if event.replaced or table.keys != final_order(self.session):
            self.redraw()
        else:
            self.show_status()

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
