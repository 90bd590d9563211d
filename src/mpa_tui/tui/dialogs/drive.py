"""Choose a removable drive to write to or read from."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mpa_tui.export.drives import Drive
from mpa_tui.i18n import t


def drive_text(drive: Drive) -> str:
    """``LABEL (/media/user/LABEL)`` for messages and lists (plain text)."""
    return t("transfer.drive", label=drive.label or drive.path, path=drive.path)


class DrivePicker(ModalScreen[Drive | None]):
    """Pick one of several USB sticks (Enter) or cancel (Escape)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="transfer.pick.cancel")]

    def __init__(self, drives: list[Drive]) -> None:
        super().__init__(classes="transfer-picker")
        self.drives = list(drives)

    def compose(self) -> ComposeResult:
        """Title, the list of sticks and a hint."""
        with Vertical(classes="dialog"):
            yield Static(t("transfer.target.pick"), markup=False, classes="dialog-question")
            # Text(): a mount name is outside our control and must never be markup.
            yield OptionList(*[Option(Text(drive_text(d)), id=str(i))
                               for i, d in enumerate(self.drives)], id="drive-list")
            yield Static(t("transfer.target.pick_hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the list with the first stick highlighted."""
        options = self.query_one("#drive-list", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) picks the stick."""
        event.stop()
        self.dismiss(self.drives[int(event.option_id or 0)])

    def action_cancel(self) -> None:
        """Close without a stick."""
        self.dismiss(None)
