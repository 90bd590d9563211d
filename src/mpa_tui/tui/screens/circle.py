"""1 Duduk melingkar: the roster, the seating (turn) order drawn as a ring, attendance.

The facilitator types a name (or presses a key for the next code P01, P02 ...) and Enter;
the new participant joins the end of the circle. The roster table lists the circle in
turn order; keys act on its selected row even while the name field keeps focus, so the
whole step runs without leaving the keyboard's home row.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import TypeAdapter, ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static

from mpa_tui.domain import Participant, Role, Step, ops
from mpa_tui.domain.base import RequiredName
from mpa_tui.domain.circle import (
    attendance,
    next_participant_code,
    next_role,
    toggle_present,
)
from mpa_tui.i18n import error_text, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.screens.base import SessionChanged, StepScreen
from mpa_tui.tui.widgets.circle_ring import CircleRing, Seat

_NAME = TypeAdapter(RequiredName)
NAME_WIDTH = 17
"""Roster name column width; longer names are cut with "…" (the rename dialog shows all)."""


def role_label(role: Role) -> str:
    """The translated name of a role."""
    return t(f"circle.role.{role.value}")


class CircleScreen(StepScreen):
    """Step 1: who sits where, who is present, and in which order they take turns."""

    STEP = Step.CIRCLE
    CSS_PATH = "circle.tcss"
    ACTIONS: ClassVar = (
        # At 80 columns the footer is full with the common keys; the hint line lists ours.
        Command("circle.code", "ctrl+n", "add_code", "circle.cmd.code", "circle.cmd.code.tip",
                show=False),
        Command("circle.present", "ctrl+t,space", "toggle_present", "circle.cmd.present",
                "circle.cmd.present.tip", key_display="^t", show=False),
        Command("circle.role", "ctrl+r", "next_role", "circle.cmd.role", "circle.cmd.role.tip",
                show=False),
        Command("circle.rename", "ctrl+g", "rename", "circle.cmd.rename",
                "circle.cmd.rename.tip", show=False),
        Command("circle.delete", "ctrl+b,delete", "delete", "circle.cmd.delete",
                "circle.cmd.delete.tip", show=False, key_display="^b"),
        Command("circle.seat_up", "alt+up", "move_seat(-1)", "circle.cmd.seat_up",
                "circle.cmd.seat_up.tip", show=False),
        Command("circle.seat_down", "alt+down", "move_seat(1)", "circle.cmd.seat_down",
                "circle.cmd.seat_down.tip", show=False),
        # Arrows move the roster's selection while the name field has focus.
        Command("circle.cursor_up", "up", "cursor(-1)", "circle.cmd.cursor_up", show=False,
                palette=False),
        Command("circle.cursor_down", "down", "cursor(1)", "circle.cmd.cursor_down",
                show=False, palette=False),
    )

    def __init__(self, controller: SessionController) -> None:
        super().__init__(controller)
        self._selected_id: str | None = None

    # -- layout ----------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Name field, roster table beside the ring, attendance line."""
        yield Input(placeholder=t("circle.input.placeholder"), id="circle-name",
                    max_length=200, compact=True)
        with Horizontal(id="circle-main"):
            yield DataTable(id="roster", cursor_type="row", zebra_stripes=True)
            yield CircleRing(t("circle.ring.empty"), id="ring")
        yield Static("", id="attendance", markup=False)
        yield Static(t("circle.hint"), id="circle-hint", markup=False)

    def on_mount(self) -> None:
        """Columns, rows, ring; the name field gets focus."""
        table = self.query_one("#roster", DataTable)
        table.add_column(t("circle.col.seat"), key="seat", width=3)
        table.add_column(t("circle.col.name"), key="name", width=NAME_WIDTH)
        table.add_column(t("circle.col.role"), key="role", width=9)
        table.add_column(t("circle.col.present"), key="present", width=5)
        self.refresh_body()
        self.query_one("#circle-name", Input).focus()

    # -- drawing ---------------------------------------------------------------------
    def refresh_body(self) -> None:
        """Redraw roster, ring and attendance from the session (a few dozen rows at most)."""
        circle = self.session.circle()
        ids = [p.id for p in circle]
        if self._selected_id not in ids:
            self._selected_id = ids[0] if ids else None
        table = self.query_one("#roster", DataTable)
        table.clear()
        for n, p in enumerate(circle, start=1):
            name = Text(" ".join(p.name.split()), no_wrap=True, overflow="ellipsis")
            table.add_row(Text(str(n)), name, Text(role_label(p.role)),
                          Text(t("circle.yes") if p.present else t("circle.no")), key=p.id)
        if self._selected_id is not None:
            table.move_cursor(row=ids.index(self._selected_id), animate=False)
        self._draw_ring(circle)
        self.query_one("#attendance", Static).update(self.attendance_text())

    def _draw_ring(self, circle: list[Participant]) -> None:
        self.query_one(CircleRing).set_seats([
            Seat(n, p.name, p.present, p.id == self._selected_id)
            for n, p in enumerate(circle, start=1)
        ])

    def attendance_text(self) -> str:
        """"Hadir: anggota 8/10 · pengurus 3/3 · lainnya 0/0 · semua 11/13"."""
        counts = attendance(self.session)
        parts = [t("circle.attendance.role", role=role_label(r), present=h, total=n)
                 for r, (h, n) in counts.items()]
        here = sum(h for h, _ in counts.values())
        total = sum(n for _, n in counts.values())
        parts.append(t("circle.attendance.all", present=here, total=total))
        return t("circle.attendance", parts=" · ".join(parts))

    def session_changed(self, event: SessionChanged) -> None:
        """Any change (undo, redo, a restore from the trash): redraw from the session."""
        self.refresh_body()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow the roster's selection in the ring."""
        # Refilling the table posts highlights of rows the cursor has already left:
        # only the row the cursor is on now counts.
        if event.row_key.value is None or event.cursor_row != event.data_table.cursor_row:
            return
        self._selected_id = event.row_key.value
        self._draw_ring(self.session.circle())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter (or a click) on a row: rename her."""
        self.action_rename()

    # -- actions ---------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name field adds a participant at the end of the circle."""
        if event.input.id != "circle-name":
            return
        if not event.value.strip():
            self.notify(t("circle.error.empty"), severity="error", markup=False)
            return
        self._add(event.value)
        event.input.value = ""

    def _add(self, name: str) -> Participant | None:
        person = self.try_edit(lambda s: ops.add_participant(s, name))
        if person is not None:
            self._selected_id = person.id
            self.refresh_body()
        return person

    def action_add_code(self) -> None:
        """Add the next code (P01, P02 ...) instead of a name, for privacy."""
        person = self.try_edit(lambda s: ops.add_participant(s, next_participant_code(s)))
        if person is not None:
            self._selected_id = person.id
            self.refresh_body()
            self.notify(t("circle.added_code", code=person.name), timeout=2, markup=False)

    def action_toggle_present(self) -> None:
        """Mark the selected participant present or absent."""
        pid = self._selected_id
        if pid is not None and self.try_edit(lambda s: toggle_present(s, pid)) is not None:
            self.refresh_body()

    def action_next_role(self) -> None:
        """Cycle the selected participant's role: anggota -> pengurus -> lainnya."""
        pid = self._selected_id
        if pid is not None and self.try_edit(lambda s: next_role(s, pid)) is not None:
            self.refresh_body()

    def action_move_seat(self, delta: int) -> None:
        """Move the selected participant one seat earlier (-1) or later (+1)."""
        pid = self._selected_id
        if pid is not None and self.edit_ok(lambda s: ops.move_seat(s, pid, delta)):
            self.refresh_body()

    def action_cursor(self, delta: int) -> None:
        """Move the roster's selection (used while the name field has focus)."""
        ids = [p.id for p in self.session.circle()]
        if not ids:
            return
        idx = ids.index(self._selected_id) if self._selected_id in ids else 0
        self._selected_id = ids[max(0, min(len(ids) - 1, idx + delta))]
        # Only the cursor and the ring's highlight change: no need to refill the table.
        self.query_one("#roster", DataTable).move_cursor(
            row=ids.index(self._selected_id), animate=False)
        self._draw_ring(self.session.circle())

    def rebuild(self) -> CircleScreen:
        """After a language switch: the same participant stays selected."""
        new = CircleScreen(self.controller)
        new._selected_id = self._selected_id
        return new

    def action_delete(self) -> None:
        """Put the selected participant in the trash (restore with F7 or undo)."""
        pid = self._selected_id
        person = self.session.participant(pid) if pid else None
        if person is None or pid is None:
            return
        ids = [p.id for p in self.session.circle()]
        name = person.name
        if self.edit_ok(lambda s: ops.soft_delete(s, "participants", pid)):
            idx = ids.index(pid)
            rest = ids[:idx] + ids[idx + 1:]
            self._selected_id = rest[min(idx, len(rest) - 1)] if rest else None
            self.refresh_body()
            self.notify(t("circle.deleted", name=name), timeout=3, markup=False)

    def action_rename(self) -> None:
        """Edit the selected participant's name (or code)."""
        pid = self._selected_id
        person = self.session.participant(pid) if pid else None
        if person is None or pid is None:
            return

        def done(value: str | None) -> None:
            if value is not None and self.try_edit(
                    lambda s: ops.update(s, "participants", pid, name=value)) is not None:
                self.refresh_body()

        self.app.push_screen(TextPrompt(t("circle.rename.question"), person.name,
                                        validate=check_name), done)


def check_name(text: str) -> str | None:
    """The translated error for an unusable name, or None when it is fine."""
    try:
        _NAME.validate_python(text)
    except ValidationError as exc:
        return error_text(exc)
    return None


SCREEN = CircleScreen
