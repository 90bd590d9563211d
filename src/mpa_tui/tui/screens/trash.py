"""Trash views: deleted sessions (from home) and deleted items of the open session.

Nothing is ever hard-deleted by the UI; both views restore with Enter.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from mpa_tui.domain import ops
from mpa_tui.i18n import error_text, t
from mpa_tui.i18n.formats import format_day
from mpa_tui.store.errors import StoreError
from mpa_tui.store.messages import error_message
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.widgets.cycle_base import label

_LABEL_FIELDS = ("text", "name", "title", "action", "partner", "description", "reason")


def item_text(item: Any) -> str:
    """A readable one-line label for a trashed entity (card text, name, title ...)."""
    for name in _LABEL_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    # Stage records and capacity ratings are named by vocabularies: show their labels,
    # never the stored values ("rencana_aksi") or an id.
    stage = getattr(item, "stage", None)
    if stage is not None:
        return label("stage", stage)
    competency = getattr(item, "competency", None)
    if competency is not None:
        return (f"{label('competency', competency)} · {label('phase', item.phase)}: "
                f"{item.score}")
    return item.id[:8]


class _TrashBase(ModalScreen[None]):
    BINDINGS: ClassVar = [
        Binding("escape", "close", show=False, id="trash.close"),
        Binding("r", "restore", show=False, id="trash.restore"),
    ]

    title_key = ""

    def compose(self) -> ComposeResult:
        """Title, the list, a hint."""
        with Vertical(classes="dialog", id="trash-box"):
            yield Static(t(self.title_key), markup=False, classes="dialog-question")
            yield DataTable(id="trash-list", cursor_type="row")
            yield Static("", id="trash-empty", markup=False)
            yield Static(t("trash.hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        table = self.query_one("#trash-list", DataTable)
        table.add_column(t("trash.col.what"), key="what")
        table.add_column(t("trash.col.item"), key="item")
        self.fill()
        table.focus()

    def fill(self) -> None:
        """Reload the rows."""
        table = self.query_one("#trash-list", DataTable)
        table.clear()
        rows = self.rows()
        for key, what, name in rows:
            table.add_row(Text(what), Text(name[:200]), key=key)
        empty = self.query_one("#trash-empty", Static)
        empty.update("" if rows else t("trash.empty"))

    def rows(self) -> list[tuple[str, str, str]]:
        """``(key, kind, label)`` of each trashed thing."""
        raise NotImplementedError

    def restore_key(self, key: str) -> bool:
        """Restore one thing; True on success."""
        raise NotImplementedError

    def _selected(self) -> str | None:
        table = self.query_one("#trash-list", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter restores the highlighted row."""
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        """Restore the highlighted row."""
        key = self._selected()
        if key is not None and self.restore_key(key):
            self.notify(t("trash.restored"), timeout=2, markup=False)
            self.fill()

    def action_close(self) -> None:
        """Close the trash view."""
        self.dismiss(None)


class SessionTrashScreen(_TrashBase):
    """Sessions in the trash (from the home screen)."""

    title_key = "trash.sessions.title"

    def __init__(self, store: Any) -> None:
        super().__init__(classes="session-trash")
        self.store = store

    def rows(self) -> list[tuple[str, str, str]]:
        """Trashed sessions, newest first."""
        found = [s for s in self.store.repo.list(include_trashed=True) if s.deleted_at]
        out = []
        for s in found:
            date = format_day(s.start_date)
            label = " · ".join(x for x in (s.group_name, s.village, date) if x)
            out.append((s.id, t("trash.kind.session"), label))
        return out

    def restore_key(self, key: str) -> bool:
        """Take a session out of the trash."""
        try:
            self.store.repo.restore(key)
        except StoreError as exc:
            self.notify(error_message(exc), severity="error",
                        markup=False)
            return False
        return True


class ItemTrashScreen(_TrashBase):
    """Deleted cards, categories, participants ... of the open session."""

    title_key = "trash.items.title"

    def __init__(self, controller: SessionController) -> None:
        super().__init__(classes="item-trash")
        self.controller = controller

    def rows(self) -> list[tuple[str, str, str]]:
        """Trashed items, newest first; the key is ``collection:id``."""
        return [
            (f"{name}:{item.id}", t(f"trash.kind.{name}"), item_text(item))
            for name, item in ops.trash(self.controller.session)
        ]

    def restore_key(self, key: str) -> bool:
        """Restore one item through the controller (saved, undoable)."""
        collection, item_id = key.split(":", 1)
        try:
            self.controller.edit(lambda s: ops.restore(s, collection, item_id))
        except StoreError as exc:
            self.notify(error_message(exc), severity="error",
                        markup=False)
            return False
        except ValueError as exc:  # DomainError / ValidationError
            self.notify(error_text(exc), severity="error", markup=False)
            return False
        return True
