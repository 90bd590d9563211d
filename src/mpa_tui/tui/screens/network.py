"""Jejaring: links and referrals made for the group (e.g. to the Dinas Koperasi for
cooperative-management training): date, partner, purpose, outcome, follow-up.

A list sorted by date (undated last) with the highlighted link's details below it;
ctrl+n adds, Enter edits, Delete moves to the trash.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain import NetworkLink
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_day
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import NONE, FormField, checked, date_text, opt_id
from mpa_tui.tui.screens.cycle_base import CycleScreen
from mpa_tui.tui.widgets.cycle_base import EntityList, alive, one_line, resource_choices

LINK_FIELDS = ("date", "partner", "purpose", "outcome", "follow_up", "resource_id")


def link_fields(session: Any) -> list[FormField]:
    """The link form's rows."""
    return [
        FormField("date", "cycle.net.date", "date"),
        FormField("partner", "cycle.net.partner", hint="cycle.net.partner.hint", required=True),
        FormField("purpose", "cycle.net.purpose"),
        FormField("outcome", "cycle.net.outcome"),
        FormField("follow_up", "cycle.net.follow_up"),
        FormField("resource_id", "cycle.net.resource", "choice", resource_choices(session)),
    ]


def check_link(values: dict[str, Any]) -> dict[str, Any]:
    """The link's fields as the model cleans them (raises ValidationError)."""
    data = {k: values[k] for k in LINK_FIELDS}
    data["resource_id"] = opt_id(data["resource_id"])
    return checked(NetworkLink, data)


def sort_key(link: NetworkLink) -> tuple[bool, dt.date, Any]:
    """Dated links first, by date; then in the order they were recorded."""
    return (link.date is None, link.date or dt.date.min, link.created_at)


class NetworkScreen(CycleScreen):
    """The network/referral links of the group."""

    LABEL = "cycle.screen.network"
    HELP_TOPIC = "network"
    ACTIONS: ClassVar = (
        Command("network.new", "ctrl+n,n", "new", "cycle.cmd.new_link",
                "cycle.cmd.new_link.tip", key_display="^n"),
        Command("network.delete", "delete", "delete", "cycle.cmd.delete",
                "cycle.cmd.delete.tip", show=False),
    )

    def compose_body(self) -> ComposeResult:
        """Head, the list, details and a hint."""
        yield Static(t("cycle.net.head"), classes="cycle-head", markup=False)
        yield EntityList(id="net-list", classes="cycle-list")
        yield Static("", id="net-detail", markup=False, classes="cycle-detail")
        yield Static(t("cycle.list.hint"), markup=False, classes="cycle-hint")

    def on_mount(self) -> None:
        """Fill and focus the list."""
        self.query_one("#net-list", EntityList).focus()

    def links(self) -> list[NetworkLink]:
        """Live links by date."""
        return sorted(alive(self.session.network_links), key=sort_key)

    def redraw(self) -> None:
        """The list and the details."""
        rows: list[tuple[str | None, Text]] = []
        for link in self.links():
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{format_day(link.date) or '—':<17} ")
            line.append(one_line(link.partner, 200), style="bold")
            if link.purpose:
                line.append(" · " + one_line(link.purpose, 150))
            rows.append((link.id, line))
        if not rows:
            rows = [(None, Text(t("cycle.net.empty")))]
        self.query_one("#net-list", EntityList).set_rows(rows)
        self.show_detail()

    def selected(self) -> NetworkLink | None:
        """The highlighted link."""
        return self.highlighted("net-list", self.session.network_links)

    def show_detail(self) -> None:
        """Purpose, outcome and follow-up of the highlighted link."""
        link = self.selected()
        out = Text()
        if link is not None:
            res = next((r for r in self.session.resources if r.id == link.resource_id), None)
            out.append(t("cycle.net.purpose") + ": " + (one_line(link.purpose) or "-") + "\n")
            out.append(t("cycle.net.outcome") + ": " + (one_line(link.outcome) or "-") + "\n")
            out.append(t("cycle.net.follow_up") + ": " + (one_line(link.follow_up) or "-"))
            if res is not None:
                out.append("\n" + t("cycle.net.resource") + ": " + one_line(res.name))
        self.query_one("#net-detail", Static).update(out)

    def on_option_list_option_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        """Moving in the list updates the details."""
        self.show_detail()

    def on_option_list_option_selected(self, event: EntityList.OptionSelected) -> None:
        """Enter edits the highlighted link."""
        event.stop()
        self.action_edit()

    def action_new(self) -> None:
        """A new link (form)."""
        start = {"date": date_text(dt.date.today()), "partner": "", "purpose": "",
                 "outcome": "", "follow_up": "", "resource_id": NONE}

        def done(changes: dict[str, Any]) -> None:
            item = self.add_entity("network_links", NetworkLink(**changes))
            if item is not None:
                self.call_after_refresh(self.query_one("#net-list", EntityList).select_id,
                                        item.id)

        self.open_form(t("cycle.net.new"), link_fields(self.session), start, check_link, done)

    def action_edit(self) -> None:
        """Edit the highlighted link."""
        link = self.selected()
        if link is None:
            return
        lid = link.id
        values = {k: getattr(link, k) for k in LINK_FIELDS}
        values["date"] = date_text(link.date)
        values["resource_id"] = link.resource_id or NONE
        self.open_form(t("cycle.net.edit"), link_fields(self.session), values, check_link,
                       lambda changes: self.change_entity("network_links", lid, changes))

    def action_delete(self) -> None:
        """Move the highlighted link to the trash."""
        link = self.selected()
        if link is not None:
            self.delete_entity("network_links", link.id)


SCREEN = NetworkScreen
