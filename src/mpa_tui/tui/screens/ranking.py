"""7 Peringkat: the ranking by the session's count, ties shown and broken with a reason.

Ranks follow the domain's tie rule (7, 7, 5 -> 1, 1, 3). Rows that still share a rank are
highlighted; Enter (or ``b``) on one opens a dialog where the facilitator puts the tied
categories in the order the group chose and must say why; the choice is recorded with
``ops.break_tie``. A decided tie shows its reason; when the counts change so the same
categories no longer tie exactly, the rules reopen it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import CountingMode, Step, ops
from mpa_tui.domain.rules import RankedCategory, rank_categories, tally, tie_group
from mpa_tui.domain.session import Session, TieBreak
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.tie_break import TieBreakDialog, TieResult
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.screens.pairwise import PairwiseScreen, open_tie_ids
from mpa_tui.tui.widgets.ranking_table import Column, RowTable


def category_title(session: Session, category_id: str) -> str:
    """A category's title, or a placeholder when it has none."""
    cat = session.category(category_id)
    return (cat.title if cat else "") or t(UNTITLED)


class RankingScreen(StepScreen):
    """Step 7: the ranking, with shared ranks and tie-breaks."""

    STEP = Step.RANK
    CSS_PATH = "ranking.tcss"
    ACTIONS: ClassVar = (
        Command("ranking.break", "b", "break_tie", "ranking.cmd.break",
                "ranking.cmd.break.tip"),
        Command("ranking.next_tie", "n", "next_tie", "ranking.cmd.next_tie",
                "ranking.cmd.next_tie.tip", show=False),
        Command("ranking.pairwise", "p", "pairwise", "pairwise.cmd.open",
                "pairwise.cmd.open.tip", show=False),
        Command("ranking.pairwise_tie", "s", "pairwise_tie", "pairwise.cmd.tie",
                "pairwise.cmd.tie.tip", show=False),
    )

    def compose_body(self) -> ComposeResult:
        """Mode line, the ranking table, the ties line and the selected row's detail."""
        yield Static("", id="rank-mode", markup=False)
        yield RowTable(self._columns(), id="rank-table")
        yield Static("", id="rank-ties", markup=False)
        yield Static("", id="rank-detail", markup=False)

    def _columns(self) -> list[Column]:
        cols = [Column(t("ranking.col.rank"), 4, right=True), Column(t("ranking.col.category")),
                Column(t("ranking.col.cards"), 5, right=True)]
        if self.session.settings.counting_mode is not CountingMode.CARDS:
            cols.append(Column(t("ranking.col.votes"), 5, right=True))
        cols += [Column(t("ranking.col.score"), 5, right=True), Column(t("ranking.col.note"))]
        return cols

    def on_mount(self) -> None:
        """Draw and focus the table."""
        self.redraw()
        self.query_one("#rank-table", RowTable).focus()

    def ranking(self) -> list[RankedCategory]:
        """The current ranking (tie-breaks applied)."""
        return rank_categories(self.session)

    def _breaks(self) -> dict[str, TieBreak]:
        return {tb.id: tb for tb in self.session.tie_breaks}

    def redraw(self) -> None:
        """Draw the ranking from the session (it is small: a full redraw is cheap)."""
        session = self.session
        tallies = tally(session)
        breaks = self._breaks()
        counts_votes = session.settings.counting_mode is not CountingMode.CARDS
        rows = []
        for r in self.ranking():
            tl = tallies[r.category_id]
            rank = f"{r.rank}=" if r.tied else str(r.rank)
            cells = [rank, category_title(session, r.category_id), str(tl.cards)]
            if counts_votes:
                cells.append(str(tl.votes))
            note = ""
            if r.tied:
                note = t("ranking.note.tied")
            elif r.tie_break_id and r.tie_break_id in breaks:
                note = t("ranking.note.broken", reason=" ".join(
                    breaks[r.tie_break_id].reason.split()))
            cells += [str(r.score), note]
            cls = "-tied" if r.tied else ("-broken" if r.tie_break_id else "")
            rows.append((r.category_id, cells, cls))
        table = self.query_one("#rank-table", RowTable)
        table.set_columns(self._columns())
        table.set_rows(rows)
        self._show_ties()
        self._show_detail(table.cursor_key)

    def _show_ties(self) -> None:
        ranking = self.ranking()
        open_groups = len({r.rank for r in ranking if r.tied})
        mode = self.session.settings.counting_mode
        self.query_one("#rank-mode", Static).update(
            t("ranking.mode", mode=t(f"ranking.mode.{mode.value}")) if ranking
            else t("ranking.empty"))
        line = self.query_one("#rank-ties", Static)
        line.update(t("ranking.ties_open", n=open_groups) if open_groups
                    else (t("ranking.ties_none") if ranking else ""))
        line.set_class(bool(open_groups), "-open")

    def _show_detail(self, category_id: str | None) -> None:
        """The full title and, for a decided tie, the full reason (both literal)."""
        detail = self.query_one("#rank-detail", Static)
        row = next((r for r in self.ranking() if r.category_id == category_id), None)
        if row is None:
            detail.update("")
            return
        text = category_title(self.session, row.category_id)
        tb = self._breaks().get(row.tie_break_id or "")
        if tb is not None:
            text += "\n" + t("ranking.detail.reason", reason=tb.reason)
        elif row.tied:
            text += "\n" + t("ranking.detail.tied")
        detail.update(text)

    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        """Show the selected row's detail."""
        self._show_detail(event.key)

    def on_row_table_activated(self, event: RowTable.Activated) -> None:
        """Enter on a row: decide its tie."""
        event.stop()
        self.action_break_tie()

    def session_changed(self, event: SessionChanged) -> None:
        """Any change may move ranks: redraw (a handful of rows)."""
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out the tie keys when no categories share a score."""
        if action in ("break_tie", "next_tie", "pairwise_tie"):
            raw = rank_categories(self.session, apply_tie_breaks=False)
            return True if any(r.tied for r in raw) else None
        return super().check_action(action, parameters)

    def action_pairwise(self) -> None:
        """Open the pairwise walk over the top categories (p)."""
        self.app.push_screen(PairwiseScreen(self.controller))

    def action_pairwise_tie(self) -> None:
        """Open the pairwise walk over the tie under the cursor, or the first tie (s)."""
        cursor = self.query_one("#rank-table", RowTable).cursor_key
        ids = open_tie_ids(self.session, cursor)
        if not ids:
            self.notify(t("pairwise.none.tie"), severity="warning", markup=False)
            return
        self.app.push_screen(PairwiseScreen(self.controller, ids, tie_only=True))

    def action_next_tie(self) -> None:
        """Move the cursor to the next category that still shares its rank."""
        table = self.query_one("#rank-table", RowTable)
        tied = [r.category_id for r in self.ranking() if r.tied]
        if not tied:
            self.notify(t("ranking.ties_none"), timeout=2, markup=False)
            return
        keys = table.keys
        here = keys.index(table.cursor_key) if table.cursor_key in keys else -1
        after = [k for k in keys[here + 1:] if k in tied] + [k for k in keys if k in tied]
        table.move_to(after[0])

    def action_break_tie(self) -> None:
        """Open the tie dialog for the selected row's tie (or the first open tie)."""
        session = self.session
        table = self.query_one("#rank-table", RowTable)
        group = tie_group(session, table.cursor_key) if table.cursor_key else []
        if not group:
            open_ties = [r.category_id for r in self.ranking() if r.tied]
            group = tie_group(session, open_ties[0]) if open_ties else []
        if not group:
            self.notify(t("ranking.not_tied"), severity="warning", markup=False)
            return
        ranking = self.ranking()
        current = [r.category_id for r in ranking if r.category_id in set(group)]
        tb = next((self._breaks().get(r.tie_break_id or "") for r in ranking
                   if r.category_id in set(group) and r.tie_break_id), None)
        rank = min(r.rank for r in ranking if r.category_id in set(group))
        items = [(cid, category_title(session, cid)) for cid in current]

        def done(result: TieResult | None) -> None:
            if result is None:
                return
            order, reason = result
            if self.try_edit(lambda s: ops.break_tie(s, order, reason)) is not None:
                self.notify(t("ranking.tie_recorded"), timeout=2, markup=False)

        self.app.push_screen(TieBreakDialog(items, rank, tb.reason if tb else ""), done)


SCREEN = RankingScreen
