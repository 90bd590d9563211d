"""What the screens around the workshop share: the screen base, an entity list and a
multi-choice picker.

The screens (resources, network, actions, stages, evaluation, capacity) are
:class:`SessionScreen` subclasses, not steps. Their lists are short (tens of rows), so
each redraws its lists after every change of the session (its own edits, undo/redo, a
restore from the trash); the list keeps the highlighted row by id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from mpa_tui.domain import Entity, Session, ops
from mpa_tui.domain.session import ensure_room
from mpa_tui.i18n import t
from mpa_tui.tui.screens.base import SessionChanged, SessionScreen
from mpa_tui.tui.widgets.cycle_form import FormDialog, FormField

E = TypeVar("E", bound=Entity)


def label(group: str, value: Any) -> str:
    """The translated label of an enum value: ``cycle.<group>.<value>``."""
    return t(f"cycle.{group}.{getattr(value, 'value', value)}")


def one_line(text: str, width: int = 0) -> str:
    """User text on one line (line breaks and runs of spaces become one space), cut to
    ``width`` characters with an ellipsis when ``width`` is given."""
    flat = " ".join(text.split())
    if width and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


def alive(items: Sequence[E]) -> list[E]:
    """Entities not in the trash."""
    return [i for i in items if i.deleted_at is None]


class EntityList(OptionList):
    """A list of rows (plain ``Text``, never markup); rows with id None are headers."""

    def set_rows(self, rows: Sequence[tuple[str | None, Text]]) -> None:
        """Replace the rows, keeping the highlighted row (by id) when it is still there.

        Rows equal to those shown are left alone (no restyle, no flicker).
        """
        rows = list(rows)
        if rows == getattr(self, "_shown_rows", None) and len(rows) == self.option_count:
            return
        self._shown_rows = rows
        keep = self.selected_id
        index = self.highlighted
        self.clear_options()
        self.add_options([Option(text, id=rid, disabled=rid is None) for rid, text in rows])
        ids = [rid for rid, _ in rows]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        elif rows:
            start = min(index or 0, len(rows) - 1)
            pick = next((i for i in range(start, len(rows)) if ids[i] is not None), None)
            if pick is None:
                pick = next((i for i in range(start, -1, -1) if ids[i] is not None), None)
            self.highlighted = pick

    @property
    def selected_id(self) -> str | None:
        """Id of the highlighted row (None for a header or an empty list)."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def select_id(self, rid: str) -> None:
        """Highlight the row with this id (if shown)."""
        for i in range(self.option_count):
            if self.get_option_at_index(i).id == rid:
                self.highlighted = i
                return


class PickerDialog(ModalScreen[list[str] | None]):
    """Choose any number of items (space toggles; Enter or ctrl+s saves; Escape cancels)."""

    CSS_PATH = "../cycle.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", show=False, id="cycle_picker.cancel"),
        Binding("ctrl+s,enter", "save", show=False, priority=True, id="cycle_picker.save"),
    ]

    def __init__(self, title: str, items: Sequence[tuple[str, str]], chosen: Sequence[str],
                 empty: str = "") -> None:
        """Args: title; items as (label, value); the values chosen now; a text shown when
        there is nothing to choose."""
        super().__init__(classes="cycle-picker")
        self.title_text = title
        self.items = list(items)
        self.chosen = set(chosen)
        self.empty = empty

    def compose(self) -> ComposeResult:
        """Title, the choices, buttons and a hint."""
        with Vertical(classes="dialog cycle-form-box"):
            yield Static(self.title_text, markup=False, classes="dialog-question")
            yield SelectionList[str](
                *[(Text(lbl), value, value in self.chosen) for lbl, value in self.items],
                id="picker-list")
            if not self.items:
                yield Static(self.empty, markup=False, classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("cycle.form.save"), id="picker-save", variant="primary")
                yield Button(t("cycle.form.cancel"), id="picker-cancel")
            yield Static(t("cycle.picker.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the choices."""
        self.query_one("#picker-list").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "picker-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Return the chosen values, in the items' order."""
        picked = set(self.query_one("#picker-list", SelectionList).selected)
        self.dismiss([value for _, value in self.items if value in picked])

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


def _append(session: Session, collection: str, item: Entity) -> Entity:
    ensure_room(session, collection)
    getattr(session, collection).append(item)
    return item


class CycleScreen(SessionScreen):
    """Base of the screens around the workshop: title, CSS, entity edits, forms."""

    CSS_PATH = "../cycle.tcss"
    LABEL: ClassVar[str] = ""
    """i18n key of the screen's name (also used by the registry)."""

    def title_text(self) -> str:
        """Screen name and group (plain text)."""
        return t("cycle.title", name=t(self.LABEL), group=self.session.group_name)

    def on_mount(self) -> None:
        """The body from the session (the chrome is the base class's own on_mount)."""
        self.redraw()

    def redraw(self) -> None:
        """Show the session in the body (subclasses)."""

    def session_changed(self, event: SessionChanged) -> None:
        """Any change (ours, undo/redo, a restore from the trash): redraw the lists."""
        self.redraw()

    def highlighted(self, list_id: str, items: Sequence[E]) -> E | None:
        """The live item of ``items`` whose row is highlighted in the list ``#list_id``."""
        rid = self.query_one(f"#{list_id}", EntityList).selected_id
        return next((x for x in alive(items) if x.id == rid), None)

    # -- edits -------------------------------------------------------------------------
    def add_entity(self, collection: str, item: E) -> E | None:
        """Append an already validated entity to a session list (saved before shown)."""
        return self.try_edit(lambda s: _append(s, collection, item))  # type: ignore[return-value]

    def change_entity(self, collection: str, item_id: str, changes: dict[str, Any]) -> bool:
        """Change fields of an entity (validated by ``ops.update``)."""
        return self.edit_ok(lambda s: ops.update(s, collection, item_id, **changes))

    def delete_entity(self, collection: str, item_id: str) -> bool:
        """Move an entity to the trash (F7 restores it)."""
        ok = self.edit_ok(lambda s: ops.soft_delete(s, collection, item_id))
        if ok:
            self.notify(t("cycle.deleted"), timeout=3, markup=False)
        return ok

    def open_form(self, title: str, fields: Sequence[FormField], values: dict[str, Any],
                  check: Callable[[dict[str, Any]], dict[str, Any]],
                  done: Callable[[dict[str, Any]], object]) -> None:
        """Show a form; ``done(changes)`` runs when it is saved."""
        if self.controller.read_only:
            self.notify(t("tui.read_only"), severity="warning", markup=False)
            return

        def after(result: dict[str, Any] | None) -> None:
            if result is not None:
                done(result)

        self.app.push_screen(FormDialog(title, fields, values, check), after)


def priorities(session: Session) -> list[tuple[str, int, str]]:
    """The ordered priority problems: (category id, place from 1, title or "untitled")."""
    from mpa_tui.domain import final_order

    out = []
    for place, cid in enumerate(final_order(session), start=1):
        cat = session.category(cid)
        title = one_line(cat.title) if cat is not None and cat.title.strip() else ""
        out.append((cid, place, title or t("cycle.untitled")))
    return out


def resource_choices(session: Session) -> list[tuple[str, str]]:
    """Choices for a "partner/resource" field: none, then the live resources by name."""
    from mpa_tui.tui.widgets.cycle_form import NONE

    return [(t("cycle.none"), NONE)] + [
        (one_line(r.name, 60), r.id) for r in alive(session.resources)]
