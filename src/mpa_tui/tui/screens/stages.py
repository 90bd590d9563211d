"""Pendampingan: the engagement's stage records and a timeline of the group's stages.

Stages: koordinasi (who was contacted and how: telepon, WhatsApp, kunjungan; what was
agreed), asesmen (findings), rencana aksi, aksi, evaluasi & terminasi. The left list holds
this session's records; the timeline on the right sorts them by date together with the
records of the group's other sessions (same group name and village), which are read-only
here and marked with "↗".
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from mpa_tui.domain import Contact, ContactChannel, Session, StageKind, StageRecord
from mpa_tui.domain.identity import name_key, same_group
from mpa_tui.domain.stages import sort_key, timeline
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_day_range
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import FormField, checked, date_text
from mpa_tui.tui.screens.cycle_base import CycleScreen
from mpa_tui.tui.widgets.cycle_base import EntityList, alive, label, one_line

STAGE_FIELDS = ("stage", "date", "end_date", "place", "agreed", "findings", "notes")
CONTACT_FIELDS = ("name", "role", "channel")


def stage_fields() -> list[FormField]:
    """The stage form's rows."""
    return [
        FormField("stage", "cycle.stage.kind", "choice",
                  [(label("stage", s), s) for s in StageKind]),
        FormField("date", "cycle.stage.date", "date"),
        FormField("end_date", "cycle.stage.end_date", "date"),
        FormField("place", "cycle.stage.place"),
        FormField("agreed", "cycle.stage.agreed"),
        FormField("findings", "cycle.stage.findings"),
        FormField("notes", "cycle.stage.notes"),
    ]


def contact_fields() -> list[FormField]:
    """The contact form's rows."""
    return [
        FormField("name", "cycle.contact.name", hint="cycle.contact.name.hint", required=True),
        FormField("role", "cycle.contact.role"),
        FormField("channel", "cycle.contact.channel", "choice",
                  [(label("channel", c), c) for c in ContactChannel]),
    ]


def check_stage(values: dict[str, Any]) -> dict[str, Any]:
    """The stage's fields as the model cleans them (raises ValidationError)."""
    return checked(StageRecord, {k: values[k] for k in STAGE_FIELDS})


def check_contact(values: dict[str, Any]) -> dict[str, Any]:
    """The contact's fields as the model cleans them (raises ValidationError)."""
    return checked(Contact, {k: values[k] for k in CONTACT_FIELDS})


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """``23 Maret 2023``, ``8–9 Juni 2023`` or ``30 Juni–2 Juli 2023``; ``?`` when undated."""
    if start is None:
        return "?"
    return format_day_range(start, end)


class StagesScreen(CycleScreen):
    """Stage records (left) and the group's timeline (right)."""

    LABEL = "cycle.screen.stages"
    HELP_TOPIC = "stages"
    ACTIONS: ClassVar = (
        Command("stages.new", "ctrl+n,n", "new", "cycle.cmd.new_stage",
                "cycle.cmd.new_stage.tip", key_display="^n"),
        Command("stages.contact", "k", "add_contact", "cycle.cmd.contact",
                "cycle.cmd.contact.tip", show=False),
        Command("stages.drop_contact", "x", "drop_contact", "cycle.cmd.drop_contact",
                "cycle.cmd.drop_contact.tip", show=False),
        Command("stages.delete", "delete", "delete", "cycle.cmd.delete",
                "cycle.cmd.delete.tip", show=False),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self._others: list[Session] | None = None

    def compose_body(self) -> ComposeResult:
        """The records, the timeline, details and a hint."""
        with Horizontal(classes="cycle-main"):
            with Vertical(classes="cycle-pane"):
                yield Static(t("cycle.stage.head"), classes="cycle-head", markup=False)
                yield EntityList(id="stage-list")
            with Vertical(classes="cycle-side", id="stage-timeline-box"):
                yield Static(t("cycle.stage.timeline"), classes="cycle-head", markup=False)
                with VerticalScroll():
                    yield Static("", id="stage-timeline", markup=False)
        yield Static("", id="stage-detail", markup=False, classes="cycle-detail")
        yield Static(t("cycle.stage.hint"), markup=False, classes="cycle-hint")

    def on_mount(self) -> None:
        """Fill and focus the list."""
        self.query_one("#stage-list", EntityList).focus()

    def other_sessions(self) -> list[Session]:
        """The group's other sessions (loaded once; unreadable ones are skipped)."""
        if self._others is None:
            me = self.session
            mine = name_key(me.group_name)
            found: list[Session] = []
            repo = self.controller.repo
            try:
                rows = repo.list()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - the timeline is optional; never break the screen
                rows = []
            for row in rows:
                # The index has names only: pre-select by name, then compare whole keys.
                if row.id == me.id or name_key(row.group_name) != mine:
                    continue
                try:
                    other = repo.load(row.id)
                except Exception:  # noqa: BLE001, S112 - a damaged file is reported at home
                    continue
                if same_group(me, other):
                    found.append(other)
            self._others = found
        return self._others

    def records(self) -> list[StageRecord]:
        """This session's live records by date."""
        return sorted(alive(self.session.stages), key=sort_key)

    def redraw(self) -> None:
        """List, timeline and details."""
        rows: list[tuple[str | None, Text]] = []
        for r in self.records():
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{date_range(r.date, r.end_date):<14} ")
            line.append(label("stage", r.stage), style="bold")
            if r.place:
                line.append(" · " + one_line(r.place))
            if r.contacts:
                line.append(" · " + t("cycle.stage.contacts_n", n=len(r.contacts)), style="dim")
            rows.append((r.id, line))
        if not rows:
            rows = [(None, Text(t("cycle.stage.empty")))]
        self.query_one("#stage-list", EntityList).set_rows(rows)
        out = Text()
        for record, owner in timeline(self.session, self.other_sessions()):
            mark = "↗ " if owner is not self.session else "• "
            out.append(mark + date_range(record.date, record.end_date) + "\n", style="bold")
            out.append("  " + label("stage", record.stage) + "\n")
        if not out.plain:
            out.append(t("cycle.stage.empty"))
        elif self.other_sessions():
            out.append(t("cycle.stage.other_mark"), style="dim")
        self.query_one("#stage-timeline", Static).update(out)
        self.show_detail()

    def selected(self) -> StageRecord | None:
        """The highlighted record."""
        return self.highlighted("stage-list", self.session.stages)

    def show_detail(self) -> None:
        """Contacts, what was agreed and found of the highlighted record."""
        r = self.selected()
        out = Text()
        if r is not None:
            people = "; ".join(
                f"{one_line(c.name)}{' (' + one_line(c.role) + ')' if c.role else ''}"
                f" - {label('channel', c.channel)}" for c in r.contacts)
            out.append(t("cycle.stage.contacts") + ": " + (people or "-") + "\n")
            out.append(t("cycle.stage.agreed") + ": " + (one_line(r.agreed) or "-") + "\n")
            out.append(t("cycle.stage.findings") + ": " + (one_line(r.findings) or "-") + "\n")
            out.append(t("cycle.stage.notes") + ": " + (one_line(r.notes) or "-"))
        self.query_one("#stage-detail", Static).update(out)

    def on_option_list_option_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        """Moving in the list updates the details."""
        self.show_detail()

    def on_option_list_option_selected(self, event: EntityList.OptionSelected) -> None:
        """Enter edits the highlighted record."""
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        """A new stage record (form): the stage after the last one recorded."""
        last = self.records()[-1].stage if self.records() else None
        kinds = list(StageKind)
        stage = kinds[min(kinds.index(last) + 1, len(kinds) - 1)] if last else kinds[0]
        start = {k: "" for k in STAGE_FIELDS} | {"stage": stage}

        def done(changes: dict[str, Any]) -> None:
            item = self.add_entity("stages", StageRecord(**changes))
            if item is not None:
                self.call_after_refresh(self.query_one("#stage-list", EntityList).select_id,
                                        item.id)

        self.open_form(t("cycle.stage.new"), stage_fields(), start, check_stage, done)

    def action_edit(self) -> None:
        """Edit the highlighted record."""
        r = self.selected()
        if r is None:
            return
        rid = r.id
        values = {k: getattr(r, k) for k in STAGE_FIELDS}
        values |= {"date": date_text(r.date), "end_date": date_text(r.end_date)}
        self.open_form(t("cycle.stage.edit"), stage_fields(), values, check_stage,
                       lambda changes: self.change_entity("stages", rid, changes))

    def action_add_contact(self) -> None:
        """Add who was contacted, and how, to the highlighted record."""
        r = self.selected()
        if r is None:
            self.notify(t("cycle.stage.pick_first"), markup=False)
            return
        rid = r.id

        def done(changes: dict[str, Any]) -> None:
            record = next(x for x in self.session.stages if x.id == rid)
            self.change_entity("stages", rid,
                               {"contacts": [*record.contacts, Contact(**changes)]})

        start = {"name": "", "role": "", "channel": ContactChannel.PHONE}
        self.open_form(t("cycle.contact.new"), contact_fields(), start, check_contact, done)

    def action_drop_contact(self) -> None:
        """Remove the last contact of the highlighted record (ctrl+z brings it back)."""
        r = self.selected()
        if r is not None and r.contacts:
            self.change_entity("stages", r.id, {"contacts": r.contacts[:-1]})

    def action_delete(self) -> None:
        """Move the highlighted record to the trash."""
        r = self.selected()
        if r is not None:
            self.delete_entity("stages", r.id)


SCREEN = StagesScreen
