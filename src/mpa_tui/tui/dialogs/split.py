"""The "split a card in two" dialog of the board, and the card-text check it shares."""

from __future__ import annotations

from typing import ClassVar

from pydantic import TypeAdapter, ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from mpa_tui.domain.base import CardText
from mpa_tui.i18n import error_text, t

_CARD_TEXT: TypeAdapter[str] = TypeAdapter(CardText)


def card_text_error(text: str) -> str | None:
    """The translated reason ``text`` cannot be a card's text, or None when it can."""
    try:
        _CARD_TEXT.validate_python(text)
    except ValidationError as exc:
        return error_text(exc)
    return None


class SplitDialog(ModalScreen[tuple[str, str] | None]):
    """Two inputs: what the card keeps and the text of the new card.

    Enter in the first field goes to the second; Enter in the second checks both and
    answers ``(first, second)``; Escape cancels (None).
    """

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="split.cancel")]

    def __init__(self, text: str) -> None:
        super().__init__(classes="prompt-dialog", id="split-dialog")
        self.text = text

    def compose(self) -> ComposeResult:
        """Question, two inputs, an error line and a hint."""
        with Vertical(classes="dialog"):
            yield Label(t("board.split.question"), markup=False, classes="dialog-question")
            yield Label(t("board.split.first"), markup=False)
            yield Input(self.text, id="split-first")
            yield Label(t("board.split.second"), markup=False)
            yield Input("", id="split-second")
            yield Static("", id="split-error", markup=False, classes="field-error")
            yield Static(t("board.split.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Start in the first field."""
        self.query_one("#split-first", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: next field, or check and answer."""
        event.stop()
        if event.input.id == "split-first":
            self.query_one("#split-second", Input).focus()
            return
        first = self.query_one("#split-first", Input).value
        second = self.query_one("#split-second", Input).value
        for field, value in (("split-first", first), ("split-second", second)):
            error = card_text_error(value)
            if error:
                self.query_one("#split-error", Static).update(error)
                self.query_one(f"#{field}", Input).focus()
                return
        self.dismiss((first, second))

    def action_cancel(self) -> None:
        """Close without splitting."""
        self.dismiss(None)
