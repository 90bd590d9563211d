"""6 Hitung: cards per category and, in vote mode, the votes; a live bar chart.

Votes are entered either per participant (pick her with left/right, then +/- on a
category; the budget and the per-category cap are checked by the domain and a refusal
is shown in words) or as raised-hands totals per category (+/- or Enter to type the
number). Each change updates one row and one bar; the scale is redrawn only when the
largest score changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from mpa_tui.domain import CountingMode, Step, VoteEntry, ops
from mpa_tui.domain.rules import tally, votes_given, votes_used
from mpa_tui.domain.session import Participant, Session
from mpa_tui.i18n import UNTITLED, error_text, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.screens.base import SessionChanged, StepScreen, run_edit
from mpa_tui.tui.widgets.bar_chart import BarChart
from mpa_tui.tui.widgets.ranking_table import Column, RowTable

MAX_HANDS = 10_000


def _signature(session: Session) -> tuple[Any, ...]:
    """Everything this screen shows; a change not made here means: redraw."""
    st = session.settings
    return (st.counting_mode, st.vote_entry, st.vote_budget, st.max_votes_per_category,
            tuple((c.id, c.title) for c in session.active_categories()),
            tuple(tally(session).values()),
            tuple((p.id, p.name, p.present) for p in session.circle()))


class CountScreen(StepScreen):
    """Step 6: count cards and votes per category."""

    STEP = Step.COUNT
    CSS_PATH = "count.tcss"
    ACTIONS: ClassVar = (
        Command("count.more", "plus,equals_sign", "vote(1)", "count.cmd.more",
                "count.cmd.more.tip", key_display="+", group="count.cmd.votes"),
        Command("count.less", "minus", "vote(-1)", "count.cmd.less", "count.cmd.less.tip",
                key_display="-", group="count.cmd.votes"),
        Command("count.next_voter", "right,right_square_bracket", "voter(1)",
                "count.cmd.next_voter", "count.cmd.next_voter.tip", key_display="→"),
        Command("count.prev_voter", "left,left_square_bracket", "voter(-1)",
                "count.cmd.prev_voter", "count.cmd.prev_voter.tip", show=False),
        Command("count.type_total", "t", "type_total", "count.cmd.type_total",
                "count.cmd.type_total.tip", show=False),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self._voter = 0
        self._shown: tuple[Any, ...] = ()

    # -- modes -----------------------------------------------------------------------
    @property
    def counts_votes(self) -> bool:
        """Votes are part of the count (counting mode votes or both)."""
        return self.session.settings.counting_mode is not CountingMode.CARDS

    @property
    def per_participant(self) -> bool:
        """Votes are entered per participant (budget checked)."""
        return self.counts_votes and \
            self.session.settings.vote_entry is VoteEntry.PER_PARTICIPANT

    def voter(self) -> Participant | None:
        """The participant whose votes +/- change."""
        circle = self.session.circle()
        if not circle:
            return None
        self._voter %= len(circle)
        return circle[self._voter]

    # -- drawing ---------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        cols = [Column(t("count.col.category")), Column(t("count.col.cards"), 6, right=True)]
        if self.counts_votes:
            cols.append(Column(t("count.col.votes"), 6, right=True))
        if self.per_participant:  # headed by whose votes they are (the voter line's name)
            person = self.voter()
            name = " ".join(person.name.split()) if person else ""
            head = (name if len(name) <= 6 else name[:5] + "…") or t("count.col.hers")
            cols.append(Column(head, 6, right=True))
        if self.session.settings.counting_mode is CountingMode.BOTH:
            cols.append(Column(t("count.col.score"), 5, right=True))
        return cols

    def compose_body(self) -> ComposeResult:
        """Mode line, voter line, table, message line, chart."""
        yield Static("", id="count-mode", markup=False)
        yield Static("", id="count-voter", markup=False)
        yield RowTable(self._columns(), id="count-table")
        yield Static("", id="count-msg", markup=False)
        yield Static(t("count.chart"), id="count-chart-title", markup=False)
        with VerticalScroll(id="count-chart-box", can_focus=False):
            yield BarChart(id="count-chart")

    def on_mount(self) -> None:
        """Fill everything and focus the table."""
        self.redraw()
        self.query_one("#count-table", RowTable).focus()

    def _title(self, category_id: str) -> str:
        cat = self.session.category(category_id)
        return (cat.title if cat else "") or t(UNTITLED)

    def _cells(self, category_id: str, tallies: dict[str, Any]) -> list[str]:
        tl = tallies[category_id]
        cells = [self._title(category_id), str(tl.cards)]
        if self.counts_votes:
            cells.append(str(tl.votes))
        if self.per_participant:
            person = self.voter()
            cells.append(str(votes_given(self.session, person.id, category_id))
                         if person else "")
        if self.session.settings.counting_mode is CountingMode.BOTH:
            cells.append(str(tl.score))
        return cells

    def redraw(self) -> None:
        """Draw the whole body from the session (mount, undo/redo, outside changes)."""
        session = self.session
        tallies = tally(session)
        table = self.query_one("#count-table", RowTable)
        table.set_columns(self._columns())
        table.set_rows([(cid, self._cells(cid, tallies), "") for cid in tallies])
        self.query_one("#count-chart", BarChart).set_bars(
            [(cid, self._title(cid), float(tl.score)) for cid, tl in tallies.items()])
        self.query_one("#count-chart-title").display = bool(tallies)
        self._show_mode()
        self._show_voter()
        self._shown = _signature(session)

    def _show_mode(self) -> None:
        st = self.session.settings
        n = len(self.session.active_categories())
        if not n:
            text = t("count.empty")
        elif st.counting_mode is CountingMode.CARDS:
            text = t("count.mode.cards")
        else:
            mode = t("count.mode.votes") if st.counting_mode is CountingMode.VOTES \
                else t("count.mode.both")
            if st.vote_entry is VoteEntry.TOTALS:
                text = t("count.entry.totals", mode=mode)
            elif st.max_votes_per_category:
                text = t("count.entry.budget_cap", mode=mode, budget=st.vote_budget,
                         cap=st.max_votes_per_category)
            else:
                text = t("count.entry.budget", mode=mode, budget=st.vote_budget)
        self.query_one("#count-mode", Static).update(text)

    def _show_voter(self) -> None:
        line = self.query_one("#count-voter", Static)
        line.display = self.per_participant
        if not self.per_participant:
            return
        person = self.voter()
        if person is None:
            line.update(t("count.no_participants"))
            return
        used = votes_used(self.session, person.id)
        budget = self.session.settings.vote_budget
        key = "count.voter" if person.present else "count.voter_absent"
        line.update(t(key, n=self._voter + 1, total=len(self.session.circle()),
                      name=person.name, used=used, budget=budget,
                      left=max(budget - used, 0)))

    def _show_change(self, category_id: str) -> None:
        """After an edit here: one row, one bar (all bars only if the scale changed)."""
        tallies = tally(self.session)
        self.query_one("#count-table", RowTable).update_row(
            category_id, self._cells(category_id, tallies))
        self.query_one("#count-chart", BarChart).update_bar(
            category_id, float(tallies[category_id].score))
        self._show_voter()
        self.query_one("#count-msg", Static).update("")
        self._shown = _signature(self.session)

    def session_changed(self, event: SessionChanged) -> None:
        """Redraw when the change was not made (and already shown) here."""
        if event.replaced or _signature(self.session) != self._shown:
            self.redraw()

    # -- editing ---------------------------------------------------------------------
    def _count_edit(self, fn: Any, category_id: str) -> bool:
        """Run an edit; on refusal say why under the table (and in a notification)."""

        def refused(exc: Exception) -> None:
            message = error_text(exc)
            self.query_one("#count-msg", Static).update(message)
            self.notify(message, severity="error", markup=False)

        if not run_edit(self, self.controller, fn, on_refused=refused)[0]:
            return False
        self._show_change(category_id)
        return True

    def action_vote(self, delta: int) -> None:
        """Give (+1) or take back (-1) a vote for the category under the cursor."""
        cat_id = self.query_one("#count-table", RowTable).cursor_key
        if cat_id is None or not self.counts_votes:
            return
        if self.per_participant:
            person = self.voter()
            if person is None:
                self.notify(t("count.no_participants"), severity="warning", markup=False)
                return
            new = votes_given(self.session, person.id, cat_id) + delta
            if new < 0:
                return
            pid = person.id
            self._count_edit(lambda s: ops.set_votes(s, pid, cat_id, new), cat_id)
        else:
            self.set_hands(cat_id, (self._hands(cat_id)) + delta)

    def _hands(self, category_id: str) -> int:
        cat = self.session.category(category_id)
        return (cat.hand_votes or 0) if cat else 0

    def set_hands(self, category_id: str, value: int) -> bool:
        """Set the raised-hands total of a category."""
        if value < 0:
            return False
        return self._count_edit(
            lambda s: ops.update(s, "categories", category_id, hand_votes=value), category_id)

    def action_type_total(self) -> None:
        """Type the raised-hands total of the category under the cursor."""
        cat_id = self.query_one("#count-table", RowTable).cursor_key
        if cat_id is None or self.per_participant or not self.counts_votes:
            return

        def check(text: str) -> str | None:
            value = text.strip()
            if not value.isdecimal():  # isdigit() also takes "²", which int() refuses
                return t("error.not_a_number")
            if int(value) > MAX_HANDS:
                return t("error.too_large", le=MAX_HANDS)
            return None

        def done(text: str | None) -> None:
            if text is not None:
                self.set_hands(cat_id, int(text.strip()))

        self.app.push_screen(
            TextPrompt(t("count.prompt.total", title=self._title(cat_id)),
                       str(self._hands(cat_id)), validate=check), done)

    def on_row_table_highlighted(self, event: RowTable.Highlighted) -> None:
        """Keep the selected category's bar in view (long lists scroll)."""
        self.query_one("#count-chart", BarChart).show_bar(event.key or "")

    def on_row_table_activated(self, event: RowTable.Activated) -> None:
        """Enter: type the total (totals mode) or give a vote (per participant)."""
        event.stop()
        if self.per_participant:
            self.action_vote(1)
        else:
            self.action_type_total()

    def action_voter(self, delta: int) -> None:
        """Switch to the next (1) or previous (-1) participant in the circle."""
        if not self.per_participant or not self.session.circle():
            return
        self._voter += delta
        self.voter()
        tallies = tally(self.session)
        table = self.query_one("#count-table", RowTable)
        table.set_columns(self._columns())
        for cid in table.keys:
            table.update_row(cid, self._cells(cid, tallies))
        self._show_voter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Vote keys only in vote mode; participant keys only per participant."""
        if action == "vote":
            return self.counts_votes or False
        if action == "voter":
            return self.per_participant or False
        if action == "type_total":
            return (self.counts_votes and not self.per_participant) or False
        return super().check_action(action, parameters)


SCREEN = CountScreen
