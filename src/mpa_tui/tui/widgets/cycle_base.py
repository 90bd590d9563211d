"""What the screens around the workshop share: an entity list, a multi-choice picker and
text helpers. Their screen base, ``CycleScreen``, is in :mod:`mpa_tui.tui.screens.cycle_base`.

The lists are short (tens of rows), so each screen redraws its lists after every change
of the session (its own edits, undo/redo, a restore from the trash); the list keeps the
highlighted row by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from mpa_tui.domain import Entity, Session
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.tui.widgets.plain import one_line

E = TypeVar("E", bound=Entity)
__all__ = ["EntityList", "PickerDialog", "alive", "label", "one_line", "priorities",
           "resource_choices"]


def label(group: str, value: Any) -> str:
    """The translated label of an enum value: ``cycle.<group>.<value>``."""
    return t(f"cycle.{group}.{getattr(value, 'value', value)}")


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


def priorities(session: Session) -> list[tuple[str, int, str]]:
    """The ordered priority problems as shown: (category id, place from 1, title on one
    line or "untitled") (:func:`mpa_tui.domain.order.priorities`)."""
    from mpa_tui.domain.order import priorities as ordered

    return [(cid, place, one_line(title) or t(UNTITLED))
            for cid, place, title in ordered(session)]


def resource_choices(session: Session) -> list[tuple[str, str]]:
    """Choices for a "partner/resource" field: none, then the live resources by name."""
    from mpa_tui.tui.widgets.cycle_form import NONE

    return [(t("cycle.none"), NONE)] + [
        (one_line(r.name, 60), r.id) for r in alive(session.resources)]
