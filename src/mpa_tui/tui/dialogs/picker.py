"""Choose any number of items from a list (resources linked to a problem, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static

from mpa_tui.i18n import t


class PickerDialog(ModalScreen[list[str] | None]):
    """Choose any number of items (space toggles; Enter or ctrl+s saves; Escape cancels)."""

    CSS_PATH = "../screens/cycle_base.tcss"
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
