"""Order tied categories of step 7 and say why (the tie-break dialog)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from mpa_tui.domain.session import TieBreak
from mpa_tui.i18n import error_text, t
from mpa_tui.tui.widgets.ranking_table import Column, RowTable

TieResult = tuple[list[str], str]
"""The categories in the chosen order and the reason."""


class TieBreakDialog(ModalScreen[TieResult | None]):
    """Order tied categories (alt+up/down) and give the required reason."""

    CSS_PATH = "../screens/ranking.tcss"
    BINDINGS: ClassVar = [
        Binding("alt+up,ctrl+up", "move(-1)", show=False, id="tie.up"),
        Binding("alt+down,ctrl+down", "move(1)", show=False, id="tie.down"),
        Binding("escape", "cancel", show=False, id="tie.cancel"),
    ]

    def __init__(self, items: list[tuple[str, str]], rank: int, reason: str = "") -> None:
        super().__init__(classes="tie-dialog")
        self.items = items
        self.rank = rank
        self.reason = reason

    def compose(self) -> ComposeResult:
        """Question, the tied categories, the reason field, error and hint."""
        with Vertical(classes="dialog", id="tie-box"):
            yield Label(t("ranking.dialog.question", rank=self.rank), markup=False,
                        classes="dialog-question")
            yield RowTable([Column(t("ranking.col.rank"), 4, right=True),
                            Column(t("ranking.col.category"))], id="tie-order")
            yield Input(self.reason, id="tie-reason",
                        placeholder=t("ranking.dialog.reason_placeholder"))
            yield Static("", id="tie-error", markup=False, classes="field-error")
            yield Static(t("ranking.dialog.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Fill the order and focus it."""
        self._fill()
        self.query_one("#tie-order", RowTable).focus()

    def _fill(self, cursor: str | None = None) -> None:
        table = self.query_one("#tie-order", RowTable)
        table.set_rows([(cid, [str(self.rank + i), title], "")
                        for i, (cid, title) in enumerate(self.items)], cursor_key=cursor)

    @property
    def order(self) -> list[str]:
        """The category ids in the chosen order."""
        return [cid for cid, _ in self.items]

    def action_move(self, delta: int) -> None:
        """Move the selected category up (-1) or down (1)."""
        table = self.query_one("#tie-order", RowTable)
        key = table.cursor_key
        if key is None:
            return
        i = self.order.index(key)
        j = max(0, min(len(self.items) - 1, i + delta))
        if i == j:
            return
        self.items.insert(j, self.items.pop(i))
        for k, (cid, title) in enumerate(self.items):
            table.update_row(cid, [str(self.rank + k), title])
        table.move_row(key, j)

    def on_row_table_activated(self, event: RowTable.Activated) -> None:
        """Enter on the order goes on to the reason."""
        event.stop()
        self.query_one("#tie-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check the reason (required) and answer."""
        event.stop()
        try:
            TieBreak(category_ids=self.order, reason=event.value)
        except ValidationError as exc:
            self.query_one("#tie-error", Static).update(error_text(exc))
            return
        self.dismiss((self.order, event.value))

    def action_cancel(self) -> None:
        """Close without deciding."""
        self.dismiss(None)
