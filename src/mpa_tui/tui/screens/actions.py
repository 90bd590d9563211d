"""Rencana aksi: the action plan, tied to the ordered priorities (step 8's final order).

Each priority is a heading with its actions under it; actions without a (live) priority
come last. A top priority without an action that is not dropped
(:func:`mpa_tui.domain.order.unplanned_top`) is flagged on its heading and in the line
above the list. ``s`` cycles an action's status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import ActionItem, ActionStatus, Session
from mpa_tui.domain.order import unplanned_top
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_day
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import (
    NONE,
    FormField,
    checked,
    opt_id,
    parse_date,
)
from mpa_tui.tui.screens.cycle_base import CycleScreen
from mpa_tui.tui.widgets.cycle_base import (
    EntityList,
    alive,
    label,
    one_line,
    priorities,
    resource_choices,
)

STATUSES = list(ActionStatus)
STATUS_MARK = {ActionStatus.PLANNED: "○", ActionStatus.IN_PROGRESS: "◐",
               ActionStatus.DONE: "●", ActionStatus.DROPPED: "×"}
ACTION_FIELDS = ("category_id", "action", "objective", "responsible", "where", "partner",
                 "resource_id", "indicator", "status")
HEAD = "cat:"
"""Row ids of priority headings: ``cat:<category id>`` (``cat:`` for "no priority")."""


def action_fields(session: Session) -> list[FormField]:
    """The action form's rows."""
    cats = [(t("cycle.none"), NONE)] + [
        (f"{place}. {title}", cid) for cid, place, title in priorities(session)]
    return [
        FormField("category_id", "cycle.act.priority", "choice", cats),
        FormField("action", "cycle.act.action", required=True),
        FormField("objective", "cycle.act.objective"),
        FormField("responsible", "cycle.act.responsible"),
        FormField("when", "cycle.act.when", hint="cycle.act.when.hint",
                  errors_from=("when_text",)),
        FormField("where", "cycle.act.where"),
        FormField("partner", "cycle.act.partner"),
        FormField("resource_id", "cycle.act.resource", "choice", resource_choices(session)),
        FormField("indicator", "cycle.act.indicator"),
        FormField("status", "cycle.act.status", "choice",
                  [(label("status", s), s) for s in ActionStatus]),
    ]


def check_action_item(values: dict[str, Any]) -> dict[str, Any]:
    """The action's fields as the model cleans them; "when" is a date when it reads as
    one (YYYY-MM-DD), else free text such as "Juli 2023"."""
    data = {k: values[k] for k in ACTION_FIELDS}
    data["category_id"] = opt_id(data["category_id"])
    data["resource_id"] = opt_id(data["resource_id"])
    when = parse_date(values["when"])
    data["when"] = when if isinstance(when, dt.date) else None
    data["when_text"] = when if isinstance(when, str) else ""
    return checked(ActionItem, data)


def when_of(item: ActionItem) -> str:
    """The action's time as shown (and edited): its date, else its free text."""
    return format_day(item.when) or item.when_text


class ActionsScreen(CycleScreen):
    """The action plan by priority."""

    LABEL = "cycle.screen.actions"
    HELP_TOPIC = "actions"
    ACTIONS: ClassVar = (
        Command("actions.new", "ctrl+n,n", "new", "cycle.cmd.new_action",
                "cycle.cmd.new_action.tip", key_display="^n"),
        Command("actions.status", "s", "cycle_status", "cycle.cmd.status",
                "cycle.cmd.status.tip", show=False),
        Command("actions.delete", "delete", "delete", "cycle.cmd.delete",
                "cycle.cmd.delete.tip", show=False),
    )

    def compose_body(self) -> ComposeResult:
        """Flag line, the plan, details and a hint."""
        yield Static("", id="act-flag", markup=False, classes="cycle-flag -empty")
        yield EntityList(id="act-list", classes="cycle-list")
        yield Static("", id="act-detail", markup=False, classes="cycle-detail")
        yield Static(t("cycle.act.hint"), markup=False, classes="cycle-hint")

    def on_mount(self) -> None:
        """Fill and focus the list."""
        self.query_one("#act-list", EntityList).focus()

    def redraw(self) -> None:
        """Headings with their actions, the flag line and the details."""
        session = self.session
        items = alive(session.action_items)
        prios = priorities(session)
        known = {cid for cid, _, _ in prios}
        missing = unplanned_top(session, [cid for cid, _, _ in prios])
        flagged = {cid for _, cid in missing}
        rows: list[tuple[str | None, Text]] = []
        for cid, place, title in prios:
            mine = [a for a in items if a.category_id == cid]
            head = Text(f"{place}. {title}", style="bold", no_wrap=True, overflow="ellipsis")
            if cid in flagged:
                head.append("  ⚠ " + t("cycle.act.no_action"), style="bold yellow")
            rows.append((HEAD + cid, head))
            rows.extend((a.id, self._row(a)) for a in mine)
        loose = [a for a in items if a.category_id not in known]
        if loose or not prios:
            rows.append((HEAD, Text(t("cycle.act.no_priority"), style="bold")))
            rows.extend((a.id, self._row(a)) for a in loose)
        self.query_one("#act-list", EntityList).set_rows(rows)
        flag = self.query_one("#act-flag", Static)
        flag.update("⚠ " + t("cycle.act.flag", places=", ".join(str(p) for p, _ in missing))
                    if missing else "")
        flag.set_class(not missing, "-empty")
        self.show_detail()

    @staticmethod
    def _row(a: ActionItem) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"  {STATUS_MARK[a.status]} ")
        line.append(one_line(a.action, 300))
        extra = [x for x in (one_line(a.responsible), when_of(a)) if x]
        if extra:
            line.append(" · " + " · ".join(extra), style="dim")
        return line

    def selected_id(self) -> str | None:
        """Id of the highlighted row (an action id or a heading ``cat:...``)."""
        return self.query_one("#act-list", EntityList).selected_id

    def selected(self) -> ActionItem | None:
        """The highlighted action, if the row is one."""
        rid = self.selected_id()
        return next((a for a in alive(self.session.action_items) if a.id == rid), None)

    def show_detail(self) -> None:
        """Objective, place, partner, indicator and status of the highlighted action."""
        a = self.selected()
        out = Text()
        if a is None:
            out.append(t("cycle.act.detail_head"))
        else:
            out.append(t("cycle.act.status") + ": " + label("status", a.status) + " · ")
            out.append(t("cycle.act.where") + ": " + (one_line(a.where) or "-") + " · ")
            out.append(t("cycle.act.partner") + ": " + (one_line(a.partner) or "-") + "\n")
            out.append(t("cycle.act.objective") + ": " + (one_line(a.objective) or "-") + "\n")
            out.append(t("cycle.act.indicator") + ": " + (one_line(a.indicator) or "-"))
        self.query_one("#act-detail", Static).update(out)

    def on_option_list_option_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        """Moving in the list updates the details."""
        self.show_detail()

    def on_option_list_option_selected(self, event: EntityList.OptionSelected) -> None:
        """Enter: on a heading a new action for it; on an action edit it."""
        event.stop()
        if (event.option_id or "").startswith(HEAD):
            self.action_new()
        else:
            self.action_edit()

    def _category_here(self) -> str:
        rid = self.selected_id() or ""
        if rid.startswith(HEAD):
            return rid[len(HEAD):] or NONE
        a = self.selected()
        return a.category_id if a is not None and a.category_id else NONE

    def action_new(self) -> None:
        """A new action for the priority under the cursor (form)."""
        start: dict[str, Any] = {k: "" for k in ACTION_FIELDS}
        start |= {"category_id": self._category_here(), "resource_id": NONE, "when": "",
                  "status": ActionStatus.PLANNED}

        def done(changes: dict[str, Any]) -> None:
            item = self.add_entity("action_items", ActionItem(**changes))
            if item is not None:
                self.call_after_refresh(self.query_one("#act-list", EntityList).select_id,
                                        item.id)

        self.open_form(t("cycle.act.new"), action_fields(self.session), start,
                       check_action_item, done)

    def action_edit(self) -> None:
        """Edit the highlighted action."""
        a = self.selected()
        if a is None:
            return
        aid = a.id
        values = {k: getattr(a, k) for k in ACTION_FIELDS}
        values |= {"category_id": a.category_id or NONE, "resource_id": a.resource_id or NONE,
                   "when": when_of(a)}
        self.open_form(t("cycle.act.edit"), action_fields(self.session), values,
                       check_action_item,
                       lambda changes: self.change_entity("action_items", aid, changes))

    def action_cycle_status(self) -> None:
        """Next status: direncanakan -> berjalan -> selesai -> dibatalkan -> ..."""
        a = self.selected()
        if a is None:
            return
        new = STATUSES[(STATUSES.index(a.status) + 1) % len(STATUSES)]
        if self.change_entity("action_items", a.id, {"status": new}):
            self.notify(label("status", new), timeout=2, markup=False)

    def action_delete(self) -> None:
        """Move the highlighted action to the trash."""
        a = self.selected()
        if a is not None:
            self.delete_entity("action_items", a.id)


SCREEN = ActionsScreen
