"""A keyboard-first table of one-line rows with a cursor (counts, ranking, final order).

Why not ``DataTable``: its ``str`` cells are parsed as markup, and every change would
redraw the table. Here each row is its own widget rendering literal :class:`Content`, so
a change updates exactly one row, and user text (titles, reasons) is never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget


@dataclass(frozen=True)
class Column:
    """One column: header text, width in cells (0: takes the rest) and alignment."""

    header: str
    width: int = 0
    right: bool = False


Cell = str | Content


def fit_cells(cells: Sequence[Cell], columns: Sequence[Column], width: int) -> Content:
    """Lay out ``cells`` on one line of ``width`` cells; text is literal, never markup."""
    fixed = sum(c.width for c in columns) + max(len(columns) - 1, 0)
    flex = [c for c in columns if c.width == 0]
    spare = max(width - fixed, 4 * len(flex))
    each = spare // len(flex) if flex else 0
    parts: list[Content] = []
    for i, col in enumerate(columns):
        w = col.width or each
        raw = cells[i] if i < len(cells) else ""
        text = raw if isinstance(raw, Content) else Content(" ".join(str(raw).split()))
        if text.cell_length > w:
            text = text.truncate(w, ellipsis=True)
        text = text.pad_left(w - text.cell_length) if col.right else text.pad_right(
            w - text.cell_length)
        parts.append(text)
    return Content(" ").join(parts)


class TableRow(Widget):
    """One row: its cells fitted to the row's width when drawn."""

    DEFAULT_CSS = """
    TableRow { height: 1; width: 1fr; }
    TableRow.-header { text-style: bold; color: $text-muted; }
    TableRow.-cursor { background: $accent 45%; }
    TableRow.-tied { color: $warning; text-style: bold; }
    TableRow.-muted { color: $text-muted; }
    """

    def __init__(self, key: str, cells: Sequence[Cell], columns: Sequence[Column],
                 classes: str = "") -> None:
        super().__init__(classes=classes)
        self.key = key
        self.cells = list(cells)
        self.columns = list(columns)

    def render(self) -> Content:
        """The cells laid out to the current width."""
        return fit_cells(self.cells, self.columns, self.size.width or 80)

    def set_cells(self, cells: Sequence[Cell]) -> None:
        """Show new cells (redraws only this row)."""
        self.cells = list(cells)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click moves the table's cursor here (double click activates)."""
        table = next((a for a in self.ancestors if isinstance(a, RowTable)), None)
        if table is not None and not self.has_class("-header"):
            table.focus()
            table.move_to(self.key)
            if event.chain > 1:
                table.post_message(RowTable.Activated(table, self.key))


class RowTable(Widget, can_focus=True):
    """Header + scrolling rows + a cursor moved with the arrow keys.

    Posts :class:`RowTable.Highlighted` when the cursor moves and
    :class:`RowTable.Activated` on Enter (or a double click).
    """

    DEFAULT_CSS = """
    RowTable { height: auto; max-height: 100%; }
    RowTable > VerticalScroll { height: auto; max-height: 100%; }
    RowTable:focus > TableRow.-header { color: $text; }
    """

    BINDINGS: ClassVar = [
        Binding("up", "cursor(-1)", show=False, id="rowtable.up"),
        Binding("down", "cursor(1)", show=False, id="rowtable.down"),
        Binding("pageup", "cursor(-8)", show=False, id="rowtable.pageup"),
        Binding("pagedown", "cursor(8)", show=False, id="rowtable.pagedown"),
        Binding("home", "edge(0)", show=False, id="rowtable.home"),
        Binding("end", "edge(1)", show=False, id="rowtable.end"),
        Binding("enter", "activate", show=False, id="rowtable.enter"),
    ]

    class Highlighted(Message):
        """The cursor moved to the row ``key``."""

        def __init__(self, table: RowTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

    class Activated(Message):
        """Enter (or a double click) on the row ``key``."""

        def __init__(self, table: RowTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

    def __init__(self, columns: Sequence[Column], *, id: str | None = None,
                 classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self._rows: dict[str, TableRow] = {}
        self._order: list[str] = []
        self._cursor = 0

    def compose(self) -> ComposeResult:
        """The header and the (empty) scrolling body."""
        yield TableRow("", [c.header for c in self.columns], self.columns, classes="-header")
        yield VerticalScroll(can_focus=False)

    # -- content ---------------------------------------------------------------------
    def set_columns(self, columns: Sequence[Column]) -> None:
        """Change the columns (call :meth:`set_rows` afterwards)."""
        self.columns = list(columns)
        header = self.query_one("TableRow.-header", TableRow)
        header.columns = self.columns
        header.set_cells([c.header for c in self.columns])

    @property
    def keys(self) -> list[str]:
        """Row keys, top to bottom."""
        return list(self._order)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor (None when empty)."""
        return self._order[self._cursor] if self._order else None

    def row(self, key: str) -> TableRow | None:
        """The row widget for ``key``."""
        return self._rows.get(key)

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell], str]],
                 cursor_key: str | None = None) -> None:
        """Replace every row (``(key, cells, classes)``); keep the cursor on ``cursor_key``."""
        keep = cursor_key if cursor_key is not None else self.cursor_key
        body = self.query_one(VerticalScroll)
        body.remove_children()
        self._rows = {key: TableRow(key, cells, self.columns, classes=cls)
                      for key, cells, cls in rows}
        self._order = [key for key, _, _ in rows]
        if self._rows:
            body.mount_all(self._rows.values())
        self._cursor = self._order.index(keep) if keep in self._rows else 0
        self._cursor = min(self._cursor, max(len(self._order) - 1, 0))
        self._paint_cursor()

    def update_row(self, key: str, cells: Sequence[Cell], classes: str | None = None) -> None:
        """Change one row's cells (and classes) without touching the others."""
        row = self._rows.get(key)
        if row is None:
            return
        if classes is not None:
            cursor = row.has_class("-cursor")
            row.set_classes(classes)
            row.set_class(cursor, "-cursor")
        row.set_cells(cells)

    def move_row(self, key: str, index: int) -> None:
        """Move a row to ``index`` (the cursor follows it)."""
        if key not in self._rows:
            return
        index = max(0, min(len(self._order) - 1, index))
        self._order.remove(key)
        self._order.insert(index, key)
        body = self.query_one(VerticalScroll)
        row = self._rows[key]
        others = [k for k in self._order if k != key]
        if index == 0 and others:
            body.move_child(row, before=self._rows[others[0]])
        elif others:
            body.move_child(row, after=self._rows[self._order[index - 1]])
        self._cursor = index
        self._paint_cursor()

    # -- cursor ----------------------------------------------------------------------
    def move_to(self, key: str) -> None:
        """Put the cursor on the row ``key``."""
        if key in self._rows:
            self._cursor = self._order.index(key)
            self._paint_cursor()
            self.post_message(self.Highlighted(self, key))

    def _paint_cursor(self) -> None:
        for i, row_key in enumerate(self._order):
            self._rows[row_key].set_class(i == self._cursor, "-cursor")
        key = self.cursor_key
        if key is not None and self.is_mounted:
            self.call_after_refresh(self._rows[key].scroll_visible, animate=False)

    def action_cursor(self, delta: int) -> None:
        """Move the cursor ``delta`` rows."""
        if not self._order:
            return
        new = max(0, min(len(self._order) - 1, self._cursor + delta))
        if new != self._cursor:
            self._cursor = new
            self._paint_cursor()
            self.post_message(self.Highlighted(self, self.cursor_key))

    def action_edge(self, end: int) -> None:
        """Jump to the first (0) or last (1) row."""
        if self._order:
            self.action_cursor(len(self._order) if end else -len(self._order))

    def action_activate(self) -> None:
        """Enter on the current row."""
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Activated(self, key))
