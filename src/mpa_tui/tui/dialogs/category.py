"""Choose the category a problem card moves to (step 4)."""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from mpa_tui.i18n import t


class CategoryPicker(ModalScreen[str | None]):
    """Choose one category from the list (Enter or click); typing its number (also 10 and
    more) highlights it; Escape cancels."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="picker.cancel")]
    NUMBER_PAUSE: ClassVar[float] = 1.0
    """Seconds after which the next digit starts a new number."""

    def __init__(self, question: str, options: list[tuple[str, Content]]) -> None:
        super().__init__(classes="prompt-dialog", id="category-picker")
        self.question = question
        self.options = options
        self._number = ""
        self._typed_at = 0.0

    def on_key(self, event: events.Key) -> None:
        """Digits: highlight the category with that number (1, 12 ...)."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        now = time.monotonic()
        if now - self._typed_at > self.NUMBER_PAUSE:
            self._number = ""
        self._typed_at = now
        self._number += event.character
        wanted = int(self._number)
        if not 1 <= wanted <= len(self.options):
            self._number = event.character
            wanted = int(self._number)
        if 1 <= wanted <= len(self.options):
            self.query_one("#picker-list", OptionList).highlighted = wanted - 1

    def compose(self) -> ComposeResult:
        """Question, the categories, a hint."""
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False, classes="dialog-question")
            yield OptionList(*[Option(prompt, id=cid) for cid, prompt in self.options],
                             id="picker-list")
            yield Static(t("grouping.picker.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one("#picker-list", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Answer with the chosen category."""
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
