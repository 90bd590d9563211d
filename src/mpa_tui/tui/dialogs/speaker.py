"""Who said it (Alt+O in the notes pane): type a few letters of a name, Enter chooses.

Alt+P steps through the speakers one by one, which is quick for the group and the
facilitator but slow in a circle of twenty; this list filters as the facilitator types.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from mpa_tui.domain.places import key as fold_key
from mpa_tui.i18n import t
from mpa_tui.tui.widgets.plain import PlainStatic


class SpeakerDialog(ModalScreen[int | None]):
    """Choose one of ``labels``; returns its index, or None (Esc)."""

    CSS_PATH = "notes.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", show=False, id="speaker.cancel"),
        Binding("down", "move(1)", show=False, id="speaker.down"),
        Binding("up", "move(-1)", show=False, id="speaker.up"),
    ]

    def __init__(self, labels: list[str], current: int) -> None:
        """Args: the speakers as shown; the one chosen now (highlighted first)."""
        super().__init__(classes="speaker-dialog")
        self.labels = labels
        self.current = current
        self.shown: list[int] = list(range(len(labels)))

    def compose(self) -> ComposeResult:
        """Title, the filter, the list and a hint."""
        with Vertical(id="speaker-box", classes="dialog"):
            yield PlainStatic(t("notes.pick.title"), id="speaker-title")
            yield Input(id="speaker-filter", placeholder=t("notes.pick.filter"))
            yield OptionList(id="speaker-list")
            yield PlainStatic(t("notes.pick.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Everyone listed, the current speaker highlighted, the filter focused."""
        self._fill("")
        box = self.query_one("#speaker-list", OptionList)
        if self.current in self.shown:
            box.highlighted = self.shown.index(self.current)
        self.query_one("#speaker-filter", Input).focus()

    def _fill(self, typed: str) -> None:
        want = fold_key(typed)
        self.shown = [i for i, label in enumerate(self.labels)
                      if not want or want in fold_key(label)]
        box = self.query_one("#speaker-list", OptionList)
        box.clear_options()
        box.add_options([Option(Text(self.labels[i])) for i in self.shown])
        if self.shown:
            box.highlighted = 0

    @on(Input.Changed, "#speaker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#speaker-filter")
    def _choose_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        box = self.query_one("#speaker-list", OptionList)
        if box.highlighted is not None and self.shown:
            self.dismiss(self.shown[box.highlighted])

    @on(OptionList.OptionSelected, "#speaker-list")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def action_move(self, step: int) -> None:
        """↑/↓ in the filter move through the list."""
        box = self.query_one("#speaker-list", OptionList)
        if self.shown:
            now = box.highlighted if box.highlighted is not None else 0
            box.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def action_cancel(self) -> None:
        """Esc: keep the speaker as it was."""
        self.dismiss(None)
