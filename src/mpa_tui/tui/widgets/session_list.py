"""The home screen's list of sessions: a header line and one line per session.

A line-API widget (virtual rendering, like the board's ``BoardGrid``): nothing is mounted
per row and only the visible lines are drawn, so a store of 1,000 sessions opens as fast
as one of 10. Textual's ``DataTable`` measured every cell of every row before the first
paint (~0.2 s for 1,000 sessions, docs/BENCHMARKS.md) and its own CSS cost start-up
~70 ms more than this.

Texts are drawn as plain segments, never parsed as markup; control characters (which the
domain refuses, but the index is a file on disk) are shown as U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PAD = 1
"""Blank columns left of the first column and between columns."""
FIXED = (17, 12, 5)
"""Widths of the date ("30 September 2023"), step and cards columns; group and village
share the rest."""


@dataclass(frozen=True)
class SessionRow:
    """One line of the list: the session's id and its five texts."""

    id: str
    group: str
    village: str
    date: str
    step: str
    cards: str


def fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, padded with spaces."""
    text = _CONTROL.sub("\ufffd", text)
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    if right:
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


def column_widths(total: int) -> tuple[int, int, int, int, int]:
    """Widths of group, village, date, step and cards for a list ``total`` cells wide."""
    date, step, cards = FIXED
    names = total - PAD * 6 - step - cards
    if names - date < 30:  # a narrow terminal: the group's name matters more than the month
        date = max(11, names - 30)
    rest = max(0, names - date)
    village = min(18, rest // 3)
    return (rest - village, village, date, step, cards)


class SessionList(ScrollView, can_focus=True):
    """Sessions, newest first; arrows move the cursor, Enter (or a click) opens one."""

    BINDINGS: ClassVar = [
        Binding("up", "move(-1)", show=False, id="sessions.up"),
        Binding("down", "move(1)", show=False, id="sessions.down"),
        Binding("pageup", "page(-1)", show=False, id="sessions.pageup"),
        Binding("pagedown", "page(1)", show=False, id="sessions.pagedown"),
        Binding("home", "jump(0)", show=False, id="sessions.home"),
        Binding("end", "jump(-1)", show=False, id="sessions.end"),
        Binding("enter", "select", show=False, id="sessions.select"),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "session-list--header", "session-list--cursor", "session-list--even",
    }

    DEFAULT_CSS = """
    SessionList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    SessionList > .session-list--header {
        text-style: bold;
        color: $text-accent;
    }
    SessionList > .session-list--cursor {
        background: $block-cursor-blurred-background;
    }
    SessionList:focus > .session-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    SessionList > .session-list--even {
        background: $surface-lighten-1;
    }
    """

    class Selected(Message):
        """Enter or a click on a session."""

        def __init__(self, session_id: str) -> None:
            super().__init__()
            self.session_id = session_id

    class Highlighted(Message):
        """The cursor moved to another session."""

        def __init__(self, session_id: str | None) -> None:
            super().__init__()
            self.session_id = session_id

    def __init__(self, headers: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers = tuple(headers)
        self.rows: Sequence[Any] = []
        self._format: Callable[[Any], SessionRow] | None = None
        self._formatted: dict[int, SessionRow] = {}
        self.cursor = 0

    # -- content ---------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        """How many sessions are listed."""
        return len(self.rows)

    def set_rows(self, rows: Sequence[Any], *, keep: str | None = None,
                 formatter: Callable[[Any], SessionRow] | None = None) -> None:
        """Show these rows; the cursor stays on ``keep`` (an id) if it is still listed.

        Args:
            rows: :class:`SessionRow` objects, or anything with an ``id`` plus ``formatter``.
            keep: The id to keep the cursor on.
            formatter: Turns a row into its texts; called only for rows that are drawn (with
                1,000 sessions, formatting them all was a measurable part of start-up).
        """
        self.rows = list(rows)
        self._format = formatter
        self._formatted = {}
        index = next((i for i, r in enumerate(self.rows) if r.id == keep), None)
        self.cursor = index if index is not None else min(self.cursor, max(0, len(rows) - 1))
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def selected_id(self) -> str | None:
        """The id of the session under the cursor (None when the list is empty)."""
        return self.rows[self.cursor].id if self.rows else None

    def row_texts(self, index: int) -> tuple[str, str, str, str, str]:
        """The five texts of row ``index`` (for tests and screen readers of the future)."""
        r = self.rows[index]
        if self._format is not None:
            cached = self._formatted.get(index)
            if cached is None:
                cached = self._formatted[index] = self._format(r)
            r = cached
        return (r.group, r.village, r.date, r.step, r.cards)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row ``row`` (clamped to the list)."""
        if not self.rows:
            return
        old = self.cursor
        self.cursor = max(0, min(row, len(self.rows) - 1))
        self._scroll_to_cursor()
        self.refresh()
        if self.cursor != old:
            self.post_message(self.Highlighted(self.selected_id()))

    # -- drawing ---------------------------------------------------------------------
    def _line(self, texts: Sequence[str], style: Style) -> Strip:
        widths = column_widths(self.scrollable_content_region.width)
        parts = [" " * PAD]
        for i, (text, width) in enumerate(zip(texts, widths, strict=True)):
            parts.append(fit(text, width, right=i == len(widths) - 1))
            parts.append(" " * PAD)
        line = "".join(parts)
        return Strip([Segment(line, style)], cell_len(line))

    def render_line(self, y: int) -> Strip:
        """The header on the first line, then the rows from the scroll position."""
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("session-list--header")
            strip = self._line(self.headers, style)
        else:
            index = self.scroll_offset.y + y - 1
            if index >= len(self.rows):
                return Strip.blank(width, base)
            style = base
            if index == self.cursor:
                style = base + self.get_component_rich_style("session-list--cursor")
            elif index % 2:
                style = base + self.get_component_rich_style("session-list--even")
            strip = self._line(self.row_texts(index), style)
        return strip.extend_cell_length(width, style).crop(0, width)

    # -- cursor ----------------------------------------------------------------------
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        shown = self._visible_rows()
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + shown:
            top = self.cursor - shown + 1
        if top != round(self.scroll_offset.y):
            self.scroll_to(y=top, animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        """One row up (-1) or down (1)."""
        self.move_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        """A screenful up or down."""
        self.move_cursor(self.cursor + direction * self._visible_rows())

    def action_jump(self, index: int) -> None:
        """First (0) or last (-1) row."""
        self.move_cursor(index if index >= 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        """Open the session under the cursor."""
        sid = self.selected_id()
        if sid is not None:
            self.post_message(self.Selected(sid))

    def on_click(self, event: events.Click) -> None:
        """A click on a row moves the cursor there and opens that session."""
        if event.y < 1:
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.rows):
            self.move_cursor(index)
            self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual size in step with the width."""
        self.virtual_size = Size(event.size.width, len(self.rows) + 1)
        self._scroll_to_cursor()
