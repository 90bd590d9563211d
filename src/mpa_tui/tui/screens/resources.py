"""Potensi & sistem sumber: potential/resource cards and the resources the group can use.

Cards are captured like problem cards (type, Enter; ctrl+t switches potensi/sumber) and
are the session's own cards (kinds ``potensi``/``sumber``). Resource entries hold name,
internal/external, type, contact and what they can help with, and are linked to the
ordered priority problems with a picker (ctrl+l). Enter on a card makes a resource of it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from mpa_tui.domain import Card, CardKind, Resource, ResourceScope, ResourceType, ops
from mpa_tui.domain.board import resource_cards
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import FormField, checked
from mpa_tui.tui.dialogs.picker import PickerDialog
from mpa_tui.tui.screens.cycle_base import CycleScreen
from mpa_tui.tui.widgets.cycle_base import (
    EntityList,
    alive,
    label,
    one_line,
    priorities,
)

CARD_KINDS = (CardKind.POTENTIAL, CardKind.RESOURCE)
RESOURCE_FIELDS = ("name", "scope", "type", "contact", "can_help_with")


def resource_fields() -> list[FormField]:
    """The resource form's rows."""
    return [
        FormField("name", "cycle.res.name", required=True),
        FormField("scope", "cycle.res.scope", "choice",
                  [(label("scope", s), s) for s in ResourceScope]),
        FormField("type", "cycle.res.type", "choice",
                  [(label("rtype", r), r) for r in ResourceType]),
        FormField("contact", "cycle.res.contact", hint="cycle.res.contact.hint"),
        FormField("can_help_with", "cycle.res.help"),
    ]


def check_resource(values: dict[str, Any]) -> dict[str, Any]:
    """The resource's fields as the model cleans them (raises ValidationError)."""
    return checked(Resource, {k: values[k] for k in RESOURCE_FIELDS})


class ResourcesScreen(CycleScreen):
    """Potential/resource cards (left) and resource entries (right)."""

    LABEL = "cycle.screen.resources"
    HELP_TOPIC = "resources"
    ACTIONS: ClassVar = (
        Command("resources.new", "ctrl+n", "new_resource", "cycle.cmd.new_resource",
                "cycle.cmd.new_resource.tip"),
        Command("resources.link", "ctrl+l", "link", "cycle.cmd.link", "cycle.cmd.link.tip",
                show=False),
        Command("resources.kind", "ctrl+t", "switch_kind", "cycle.cmd.kind",
                "cycle.cmd.kind.tip", show=False),
        Command("resources.delete", "delete", "delete", "cycle.cmd.delete",
                "cycle.cmd.delete.tip", show=False),
    )

    def __init__(self, controller) -> None:  # type: ignore[no-untyped-def]
        super().__init__(controller)
        self.kind = CardKind.POTENTIAL
        self._card_sig: list[tuple[str, str, CardKind]] | None = None

    def rebuild(self) -> ResourcesScreen:
        """After a language switch: keep the card kind."""
        new = ResourcesScreen(self.controller)
        new.kind = self.kind
        return new

    def compose_body(self) -> ComposeResult:
        """Kind line, card input, the two lists, the resource's details and a hint."""
        yield Static("", id="res-mode", markup=False, classes="cycle-line")
        yield Input(placeholder=t("cycle.res.card.placeholder"), id="res-card",
                    max_length=1000, compact=True)
        with Horizontal(id="res-main", classes="cycle-main"):
            with Vertical(id="res-cards-box", classes="cycle-side"):
                yield Static(t("cycle.res.cards"), classes="cycle-head", markup=False)
                yield EntityList(id="res-cards")
            with Vertical(classes="cycle-pane"):
                yield Static(t("cycle.res.list"), classes="cycle-head", markup=False)
                yield EntityList(id="res-list")
        yield Static("", id="res-detail", markup=False, classes="cycle-detail")
        yield Static(t("cycle.res.hint"), markup=False, classes="cycle-hint")

    def on_mount(self) -> None:
        """Fill the lists and put the cursor in the card field."""
        self.query_one("#res-card", Input).focus()

    # -- drawing -----------------------------------------------------------------------
    def cards(self) -> list[Card]:
        """Potential and resource cards not in the trash, in capture order."""
        return resource_cards(self.session)

    def redraw(self) -> None:
        """Mode line, both lists and the details of the highlighted resource."""
        cards = self.cards()
        counts = {k: sum(1 for c in cards if c.kind is k) for k in CARD_KINDS}
        self.query_one("#res-mode", Static).update(t(
            "cycle.res.mode", kind=label("kind", self.kind),
            potential=counts[CardKind.POTENTIAL], resource=counts[CardKind.RESOURCE]))
        self._draw_cards(cards)
        titles = {cid: f"{place}. {title}" for cid, place, title in priorities(self.session)}
        rows: list[tuple[str | None, Text]] = []
        for r in alive(self.session.resources):
            links = sum(1 for cid in r.linked_category_ids if cid in titles)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"[{label('scope_short', r.scope)}] ")
            line.append(one_line(r.name, 300), style="bold")
            line.append(f" · {label('rtype', r.type)}")
            if links:
                line.append(" · " + t("cycle.res.linked_n", n=links))
            rows.append((r.id, line))
        self.query_one("#res-list", EntityList).set_rows(rows)
        self.show_detail()

    def _draw_cards(self, cards: list[Card]) -> None:
        # Capture must stay instant with many cards: a card added at the end adds one row;
        # the list is rebuilt only when cards changed otherwise (edit, delete, undo).
        sig = [(c.id, c.text, c.kind) for c in cards]
        old = self._card_sig
        rows = [(c.id, Text(f"{label('kind_short', c.kind)} {one_line(c.text, 300)}"))
                for c in cards]
        box = self.query_one("#res-cards", EntityList)
        if old is not None and sig[:len(old)] == old and box.option_count == len(old):
            box.add_options([Option(text, id=rid) for rid, text in rows[len(old):]])
            if len(rows) > len(old):
                box.highlighted = len(rows) - 1  # the newest card, scrolled into view
        elif sig != old:
            box.set_rows(rows)
        self._card_sig = sig

    def selected_resource(self) -> Resource | None:
        """The highlighted resource (live), if any."""
        return self.highlighted("res-list", self.session.resources)

    def show_detail(self) -> None:
        """Contact, what it helps with and the linked problems of the highlighted resource."""
        r = self.selected_resource()
        out = Text()
        if r is None:
            out.append(t("cycle.res.none"))
        else:
            titles = {cid: f"{place}. {title}" for cid, place, title in priorities(self.session)}
            linked = [titles[c] for c in r.linked_category_ids if c in titles]
            out.append(t("cycle.res.contact") + ": " + (one_line(r.contact) or "-") + "\n")
            out.append(t("cycle.res.help") + ": " + (one_line(r.can_help_with) or "-") + "\n")
            out.append(t("cycle.res.links") + ": " + ("; ".join(linked) or "-"))
        self.query_one("#res-detail", Static).update(out)

    def on_option_list_option_highlighted(self, event: EntityList.OptionHighlighted) -> None:
        """Moving in the resource list updates the details."""
        if event.option_list.id == "res-list":
            self.show_detail()

    # -- cards -------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the card field: add a card of the current kind."""
        if event.input.id != "res-card":
            return
        event.stop()
        kind = self.kind
        card = self.try_edit(lambda s: ops.add_card(s, event.value, kind))
        if card is not None:
            event.input.value = ""

    def action_switch_kind(self) -> None:
        """Switch the kind of new cards: potensi <-> sumber."""
        self.kind = CARD_KINDS[(CARD_KINDS.index(self.kind) + 1) % len(CARD_KINDS)]
        self.redraw()

    # -- resources ---------------------------------------------------------------------
    def on_option_list_option_selected(self, event: EntityList.OptionSelected) -> None:
        """Enter on a card makes a resource of it; on a resource edits it."""
        event.stop()
        if event.option_list.id == "res-cards" and event.option_id:
            card = self.session.card(event.option_id)
            if card is not None:
                scope = ResourceScope.INTERNAL if card.kind is CardKind.POTENTIAL \
                    else ResourceScope.EXTERNAL
                self._new({"name": one_line(card.text, 200), "scope": scope})
        elif event.option_list.id == "res-list":
            self.action_edit()

    def action_new_resource(self) -> None:
        """A new resource entry (form)."""
        self._new({})

    def _new(self, values: dict[str, Any]) -> None:
        start = {"name": "", "scope": ResourceScope.EXTERNAL, "type": ResourceType.OTHER,
                 "contact": "", "can_help_with": ""} | values

        def done(changes: dict[str, Any]) -> None:
            item = self.add_entity("resources", Resource(**changes))
            if item is not None:
                self.call_after_refresh(self.query_one("#res-list", EntityList).select_id,
                                        item.id)

        self.open_form(t("cycle.res.new"), resource_fields(), start, check_resource, done)

    def action_edit(self) -> None:
        """Edit the highlighted resource."""
        r = self.selected_resource()
        if r is None:
            return
        rid = r.id
        values = {k: getattr(r, k) for k in RESOURCE_FIELDS}
        self.open_form(t("cycle.res.edit"), resource_fields(), values, check_resource,
                       lambda changes: self.change_entity("resources", rid, changes))

    def action_link(self) -> None:
        """Link the highlighted resource to priority problems (picker)."""
        r = self.selected_resource()
        if r is None:
            self.notify(t("cycle.res.none"), markup=False)
            return
        rid = r.id
        items = [(f"{place}. {title}", cid) for cid, place, title in priorities(self.session)]

        def done(chosen: list[str] | None) -> None:
            if chosen is not None:
                self.change_entity("resources", rid, {"linked_category_ids": chosen})

        self.app.push_screen(PickerDialog(t("cycle.res.link_title", name=one_line(r.name, 40)),
                                          items, r.linked_category_ids,
                                          t("cycle.res.no_priorities")), done)

    def action_delete(self) -> None:
        """Move the highlighted card or resource (in the focused list) to the trash."""
        focused = self.focused
        if isinstance(focused, EntityList) and focused.selected_id:
            collection = "cards" if focused.id == "res-cards" else "resources"
            self.delete_entity(collection, focused.selected_id)


SCREEN = ResourcesScreen
