"""Kapasitas: the six competencies self-assessed 1-5, before and after, per participant or
by the group as a whole; the change as a text chart (bars and delta) that fits 80 columns.

Keys (no text field on this screen, so plain keys are free): arrows move the cursor
(up/down competency, left/right before/after), 1-5 rate the cell, 0 or Delete clears it,
``p`` / ``P`` switch who is rated: the group, the participants' average (read-only), or
each participant in circle order.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import AssessmentPhase, CapacityRating, Competency, Session, ops
from mpa_tui.domain.session import ensure_room
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.widgets.cycle_base import CycleScreen, alive, label, one_line

GROUP = "__group__"
AVERAGE = "__average__"
PHASES = (AssessmentPhase.BEFORE, AssessmentPhase.AFTER)
COMPETENCIES = list(Competency)
NAME_WIDTH = 34
BAR = 5
CELL = BAR + 4
"""Width of one cell: the bar, a space and the score (\"3\" or \"3.5\")."""


def ratings_of(session: Session, who: str | None) -> dict[tuple[Competency, AssessmentPhase],
                                                        CapacityRating]:
    """The newest live rating per (competency, phase) given by ``who`` (None: the group)."""
    out: dict[tuple[Competency, AssessmentPhase], CapacityRating] = {}
    for r in alive(session.capacity):
        if r.participant_id != who:
            continue
        key = (r.competency, r.phase)
        if key not in out or r.updated_at >= out[key].updated_at:
            out[key] = r
    return out


def averages(session: Session) -> tuple[dict[tuple[Competency, AssessmentPhase], float], int]:
    """Mean of the participants' ratings per cell, and how many participants rated."""
    people = {p.id for p in session.participants if p.deleted_at is None}
    sums: dict[tuple[Competency, AssessmentPhase], list[int]] = {}
    raters = set()
    for pid in people:
        mine = ratings_of(session, pid)
        if mine:
            raters.add(pid)
        for key, r in mine.items():
            sums.setdefault(key, []).append(r.score)
    return {k: sum(v) / len(v) for k, v in sums.items()}, len(raters)


def set_score(session: Session, competency: Competency, phase: AssessmentPhase,
              who: str | None, score: int | None) -> None:
    """Rate a cell 1-5 (None clears it: its ratings go to the trash)."""
    if who is not None and session.participant(who) is None:
        from mpa_tui.domain import DomainError
        raise DomainError("not_found", id=who)
    current = [r for r in alive(session.capacity) if r.participant_id == who
               and r.competency is competency and r.phase is phase]
    if score is None:
        for r in current:
            ops.soft_delete(session, "capacity", r.id)
        return
    rating = CapacityRating(competency=competency, phase=phase, score=score,
                            participant_id=who)  # validated before anything changes
    if current:
        newest = max(current, key=lambda r: r.updated_at)
        ops.update(session, "capacity", newest.id, score=score)
    else:
        ensure_room(session, "capacity")
        session.capacity.append(rating)


def bar(value: float | None) -> Text:
    """``███░░ 3`` (or blanks when there is no rating)."""
    if value is None:
        return Text(f"{'·' * BAR:<{CELL}}", style="dim")
    full = round(value)
    shown = f"{value:.1f}" if value != int(value) else str(int(value))
    out = Text("█" * full, style="green")
    out.append("░" * (BAR - full), style="dim")
    out.append(f" {shown:<3}")
    return out


class CapacityScreen(CycleScreen):
    """The self-assessment grid and chart."""

    LABEL = "cycle.screen.capacity"
    HELP_TOPIC = "capacity"
    ACTIONS: ClassVar = (
        *(Command(f"capacity.rate{n}", str(n), f"rate({n})", f"cycle.cmd.rate{n}",
                  "cycle.cmd.rate.tip", show=False) for n in range(1, 6)),
        Command("capacity.clear", "0,delete", "rate(0)", "cycle.cmd.clear_rating",
                "cycle.cmd.clear_rating.tip", show=False),
        Command("capacity.next", "p", "person(1)", "cycle.cmd.next_person",
                "cycle.cmd.next_person.tip", show=False),
        Command("capacity.prev", "P", "person(-1)", "cycle.cmd.prev_person",
                "cycle.cmd.prev_person.tip", show=False),
        Command("capacity.up", "up", "move(-1, 0)", "cycle.cmd.up", show=False, palette=False),
        Command("capacity.down", "down", "move(1, 0)", "cycle.cmd.down", show=False,
                palette=False),
        Command("capacity.left", "left", "move(0, -1)", "cycle.cmd.left", show=False,
                palette=False),
        Command("capacity.right", "right", "move(0, 1)", "cycle.cmd.right", show=False,
                palette=False),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.row = 0
        self.col = 0
        self.who = GROUP

    def rebuild(self) -> CapacityScreen:
        """After a language switch: keep the cursor and the person."""
        new = CapacityScreen(self.controller)
        new.row, new.col, new.who = self.row, self.col, self.who
        return new

    def compose_body(self) -> ComposeResult:
        """The grid/chart and a hint."""
        yield Static("", id="cap-grid", markup=False)
        yield Static(t("cycle.cap.hint"), markup=False, classes="cycle-hint")

    def people(self) -> list[tuple[str, str]]:
        """Who can be shown: (id, name) for the group, the average and each participant."""
        return [(GROUP, t("cycle.cap.group")), (AVERAGE, t("cycle.cap.average"))] + [
            (p.id, one_line(p.name, 40)) for p in self.session.circle()]

    def redraw(self) -> None:
        """The grid with bars, scores and deltas for the person shown."""
        people = self.people()
        ids = [pid for pid, _ in people]
        if self.who not in ids:
            self.who = GROUP
        idx = ids.index(self.who)
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(t("cycle.cap.who") + " ")
        out.append(people[idx][1], style="bold reverse")
        out.append(f"  ({idx + 1}/{len(people)})")
        values: dict[tuple[Competency, AssessmentPhase], float]
        if self.who == AVERAGE:
            values, n = averages(self.session)
            out.append("  " + t("cycle.cap.raters", n=n), style="dim")
        else:
            who = None if self.who == GROUP else self.who
            values = {k: float(r.score) for k, r in ratings_of(self.session, who).items()}
        out.append("\n\n")
        out.append(" " * (NAME_WIDTH + 1))
        for phase in PHASES:
            out.append(f"{label('phase', phase):<{CELL + 2}}", style="bold")
        out.append(t("cycle.cap.change") + "\n", style="bold")
        for r, comp in enumerate(COMPETENCIES):
            name = label("competency", comp)
            out.append(f"{name[:NAME_WIDTH]:<{NAME_WIDTH}} ")
            for c, phase in enumerate(PHASES):
                cell = bar(values.get((comp, phase)))
                if (r, c) == (self.row, self.col):
                    cell.stylize("reverse")
                out.append_text(cell)
                out.append("  ")
            before = values.get((comp, PHASES[0]))
            after = values.get((comp, PHASES[1]))
            if before is not None and after is not None:
                delta = after - before
                text = f"{delta:+.1f}" if delta != int(delta) else f"{int(delta):+d}"
                out.append(text, style="green" if delta > 0 else "red" if delta < 0 else "")
            out.append("\n")
        out.append_text(self._mean_row(values))
        out.append("\n" + t("cycle.cap.legend"), style="dim")
        self.query_one("#cap-grid", Static).update(out)

    @staticmethod
    def _mean_row(values: dict[tuple[Competency, AssessmentPhase], float]) -> Text:
        """One more row: the mean over the competencies rated in each phase."""
        out = Text(f"{t('cycle.cap.mean')[:NAME_WIDTH]:<{NAME_WIDTH}} ", style="bold")
        means: list[float | None] = []
        for phase in PHASES:
            got = [v for (_, p), v in values.items() if p is phase]
            mean = round(sum(got) / len(got), 1) if got else None
            means.append(mean)
            out.append_text(bar(mean))
            out.append("  ")
        if means[0] is not None and means[1] is not None:
            delta = round(means[1] - means[0], 1)
            out.append(f"{delta:+.1f}", style="green" if delta > 0 else "red" if delta < 0 else "")
        out.append("\n")
        return out

    def on_click(self, event: events.Click) -> None:
        """A click on a cell selects it (the grid starts 3 lines below its top)."""
        grid = self.query_one("#cap-grid", Static)
        offset = event.get_content_offset(grid)
        if offset is None:
            return
        row = offset.y - 3
        col = (offset.x - NAME_WIDTH - 1) // (CELL + 2)
        if 0 <= row < len(COMPETENCIES) and 0 <= col < len(PHASES):
            self.row, self.col = row, col
            self.redraw()

    def action_move(self, rows: int, cols: int) -> None:
        """Move the cursor in the grid."""
        self.row = (self.row + rows) % len(COMPETENCIES)
        self.col = (self.col + cols) % len(PHASES)
        self.redraw()

    def action_person(self, step: int) -> None:
        """Show the next/previous person."""
        ids = [pid for pid, _ in self.people()]
        idx = ids.index(self.who) if self.who in ids else 0
        self.who = ids[(idx + step) % len(ids)]
        self.redraw()

    def action_rate(self, score: int) -> None:
        """Rate the cell under the cursor (0 clears)."""
        if self.who == AVERAGE:
            self.notify(t("cycle.cap.average_read_only"), severity="warning", markup=False)
            return
        who = None if self.who == GROUP else self.who
        comp, phase = COMPETENCIES[self.row], PHASES[self.col]
        value = score or None
        self.edit_ok(lambda s: set_score(s, comp, phase, who, value))


SCREEN = CapacityScreen
