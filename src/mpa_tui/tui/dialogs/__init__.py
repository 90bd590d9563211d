"""Modal dialogs: help (F1), yes/no confirmation, a one-line text prompt.

Form dialogs are ``ModalScreen[T | None]``: they ``dismiss(value)`` or ``dismiss(None)``.
The help texts live in ``tui/help/<lang>/<topic>.md`` (package data).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static

from mpa_tui.i18n import DEFAULT_LANGUAGE, get_language, t


def load_help(topic: str, lang: str | None = None) -> str:
    """The help markdown for ``topic`` (``home``, ``details``, a screen's module: ``circle`` ...).

    Falls back to Indonesian, then to a short "no help" text; never raises.
    """
    folder = resources.files("mpa_tui.tui") / "help"
    for code in (lang or get_language(), DEFAULT_LANGUAGE):
        entry = folder / code / f"{topic}.md"
        try:
            return entry.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError, OSError):
            continue
    return t("tui.help.missing", lang)


class HelpScreen(ModalScreen[None]):
    """The help for the current screen, in the current language."""

    BINDINGS: ClassVar = [
        Binding("escape,f1,q", "close", show=False, id="help.close"),
    ]

    def __init__(self, topic: str) -> None:
        super().__init__(classes="help-screen")
        self.topic = topic

    def compose(self) -> ComposeResult:
        """The help text and a close hint."""
        with Vertical(id="help-box", classes="dialog"):
            with VerticalScroll(id="help-scroll"):
                # Imported here: markdown-it costs ~0.1 s of start-up and help is rare.
                from textual.widgets import Markdown

                yield Markdown(load_help(self.topic), id="help-text")
            yield Static(t("tui.help.close_hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the scroller so arrows/PgUp/PgDn scroll the help."""
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. Enter/y = yes, Escape/n = no."""

    BINDINGS: ClassVar = [
        Binding("y", "answer(True)", show=False, id="confirm.yes"),
        Binding("n,escape", "answer(False)", show=False, id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__(classes="confirm-dialog")
        self.question = question
        self.yes = yes or t("tui.yes")
        self.no = no or t("tui.no")

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        """Focus "yes" so Enter confirms."""
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the pressed button."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        """Answer by key."""
        self.dismiss(value)


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text, checked by ``validate`` (returns an error text or None)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="prompt.cancel")]

    def __init__(self, question: str, value: str = "",
                 validate: Callable[[str], str | None] | None = None) -> None:
        super().__init__(classes="prompt-dialog")
        self.question = question
        self.value = value
        self.validate = validate

    def compose(self) -> ComposeResult:
        """Question, input, error line and a hint."""
        with Vertical(classes="dialog"):
            yield Label(self.question, markup=False, classes="dialog-question")
            yield Input(self.value, id="prompt-input")
            yield Static("", id="prompt-error", markup=False, classes="field-error")
            yield Static(t("tui.prompt.hint"), markup=False, classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check and return the text (an error stays on screen)."""
        event.stop()
        error = self.validate(event.value) if self.validate else None
        if error:
            self.query_one("#prompt-error", Static).update(error)
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one item from a list (arrows + Enter, a digit for the first nine, Esc cancels).

    Labels are shown literally (they may hold user text such as a group name).
    """

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="choice.cancel")]

    def __init__(self, title: str, items: list[tuple[str, str]]) -> None:
        """Args: the title; items as (label, value)."""
        super().__init__(classes="prompt-dialog")
        self.title_text = title
        self.items = items

    def compose(self) -> ComposeResult:
        """Title, the numbered choices and a hint."""
        from rich.text import Text
        from textual.widgets.option_list import Option

        with Vertical(classes="dialog"):
            yield Label(self.title_text, markup=False, classes="dialog-question")
            yield OptionList(
                *[Option(Text(f"{n}. {label}" if n < 10 else f"   {label}"), id=value)
                  for n, (label, value) in enumerate(self.items, start=1)],
                id="choice-list")
            yield Static(t("tui.choice.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the list."""
        self.query_one("#choice-list").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click returns the chosen value."""
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        """A digit 1-9 picks that item at once."""
        char = event.character
        if char and char in "123456789" and int(char) <= len(self.items):
            event.stop()
            self.dismiss(self.items[int(char) - 1][1])

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
