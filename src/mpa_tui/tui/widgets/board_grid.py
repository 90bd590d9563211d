"""The plano sheet: a scrolling grid of card notes with a keyboard cursor.

One line-API widget draws every note (virtual rendering): nothing is mounted per card,
only the visible lines are drawn, and each note's strips are cached until its state
changes. Opening a 300-card board is therefore as quick as a 3-card one, and changing one
card redraws only that note (``renders`` counts note drawings, for the tests).

The grid knows nothing about the session: the board screen gives it note states
(:meth:`BoardGrid.sync`) and reads the cursor.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from mpa_tui.tui.widgets.card_note import NOTE_HEIGHT, NOTE_WIDTH, NoteState, render_note

GUTTER = 1
"""Blank columns between notes (and rows between note rows)."""
MARGIN = 1
"""Blank columns left of the first note."""


class BoardGrid(ScrollView, can_focus=True):
    """Notes in rows that fill the width (4 per row at 80 columns); arrows move a cursor."""

    BINDINGS: ClassVar = [
        Binding("left", "cursor(-1, 0)", show=False, id="board.left"),
        Binding("right", "cursor(1, 0)", show=False, id="board.right"),
        Binding("up", "cursor(0, -1)", show=False, id="board.up"),
        Binding("down", "cursor(0, 1)", show=False, id="board.down"),
        Binding("pageup", "cursor(0, -3)", show=False, id="board.pageup"),
        Binding("pagedown", "cursor(0, 3)", show=False, id="board.pagedown"),
        Binding("home", "jump(0)", show=False, id="board.home"),
        Binding("end", "jump(-1)", show=False, id="board.end"),
    ]

    COMPONENT_CLASSES: ClassVar = {"board-grid--loose"}
    """Colours of a loose note (not stuck yet); stuck notes are paper-coloured."""

    DEFAULT_CSS = """
    BoardGrid {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
    }
    BoardGrid > .board-grid--loose {
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.order: list[str] = []
        self.states: dict[str, NoteState] = {}
        self.cursor = 0
        self.columns = 4
        self.renders = 0
        self._strips: dict[str, list[Strip]] = {}
        self._drawn_with: tuple[Style, str] | None = None

    # -- content ---------------------------------------------------------------------
    def sync(self, states: list[tuple[str, NoteState]]) -> int:
        """Show exactly these cards, in this order; returns how many notes changed.

        Notes whose state is unchanged keep their drawing; only changed notes (and, when
        cards appear or disappear, the positions after them) are refreshed.
        """
        current = self.cursor_card()
        wanted = [cid for cid, _ in states]
        new_states = dict(states)
        changed = [cid for cid in wanted if self.states.get(cid) != new_states[cid]]
        for cid in set(self._strips) - set(new_states):
            del self._strips[cid]
        for cid in changed:
            self._strips.pop(cid, None)
        reflow = wanted != self.order
        self.order = wanted
        self.states = new_states
        if reflow:
            self._update_size()
            self.refresh()
        else:
            for cid in changed:
                self._refresh_note(cid)
        if current in self.states:
            self.cursor = self.order.index(current)
        self.cursor = max(0, min(self.cursor, len(self.order) - 1))
        return len(changed)

    def cursor_card(self) -> str | None:
        """The card id under the cursor (None on an empty board)."""
        if not self.order:
            return None
        return self.order[min(self.cursor, len(self.order) - 1)]

    def move_to(self, card_id: str) -> None:
        """Put the cursor on ``card_id`` (if shown)."""
        if card_id in self.states:
            self._set_cursor(self.order.index(card_id))

    def note_region(self, index: int) -> Region:
        """Where note ``index`` sits in the virtual (scrolled) canvas."""
        row, col = divmod(index, self.columns)
        return Region(MARGIN + col * (NOTE_WIDTH + GUTTER), row * (NOTE_HEIGHT + GUTTER),
                      NOTE_WIDTH, NOTE_HEIGHT)

    # -- drawing ---------------------------------------------------------------------
    def _update_size(self) -> None:
        rows = -(-len(self.order) // self.columns) if self.order else 0
        height = max(0, rows * (NOTE_HEIGHT + GUTTER) - GUTTER)
        self.virtual_size = Size(self.size.width, height)

    def _refresh_note(self, cid: str) -> None:
        if cid not in self.states or not self.order:
            return
        region = self.note_region(self.order.index(cid))
        self.refresh(region.translate(-self.scroll_offset))

    def _note(self, index: int, loose: Style) -> list[Strip]:
        cid = self.order[index]
        strips = self._strips.get(cid)
        if strips is None:
            self.renders += 1
            strips = render_note(self.states[cid], cursor=index == self.cursor, loose=loose)
            self._strips[cid] = strips
        return strips

    def render_line(self, y: int) -> Strip:
        """One screen line: a slice through a row of notes (or the gap between rows)."""
        base = self.rich_style
        loose = self.get_component_rich_style("board-grid--loose")
        key = (loose, self.app.theme)
        if key != self._drawn_with:  # theme or colours changed: redraw every note
            self._strips.clear()
            self._drawn_with = key
        width = self.size.width
        blank = Style(bgcolor=base.bgcolor)
        line = self.scroll_offset.y + y
        row, inner = divmod(line, NOTE_HEIGHT + GUTTER)
        first = row * self.columns
        if inner >= NOTE_HEIGHT or first >= len(self.order):
            return Strip.blank(width, blank)
        parts = [Strip.blank(MARGIN, blank)]
        for index in range(first, min(first + self.columns, len(self.order))):
            parts.append(self._note(index, loose)[inner])
            parts.append(Strip.blank(GUTTER, blank))
        strip = Strip.join(parts)
        return strip.extend_cell_length(width, blank).crop(0, width)

    # -- cursor ----------------------------------------------------------------------
    def _set_cursor(self, index: int) -> None:
        if not self.order:
            return
        old = self.cursor_card()
        self.cursor = max(0, min(index, len(self.order) - 1))
        new = self.cursor_card()
        for cid in {old, new}:
            if cid is not None and cid in self._strips:
                del self._strips[cid]
                self._refresh_note(cid)
        self.scroll_to_region(self.note_region(self.cursor), animate=False, immediate=True)

    def action_cursor(self, dx: int, dy: int) -> None:
        """Move the cursor by columns/rows."""
        self._set_cursor(self.cursor + dx + dy * self.columns)

    def action_jump(self, index: int) -> None:
        """First (0) or last (-1) note."""
        self._set_cursor(index if index >= 0 else len(self.order) - 1)

    def on_click(self, event: events.Click) -> None:
        """A click on a note moves the cursor there."""
        x = event.x + self.scroll_offset.x - MARGIN
        y = event.y + self.scroll_offset.y
        col, cx = divmod(x, NOTE_WIDTH + GUTTER)
        row, cy = divmod(y, NOTE_HEIGHT + GUTTER)
        if x < 0 or cx >= NOTE_WIDTH or cy >= NOTE_HEIGHT or col >= self.columns:
            return
        index = row * self.columns + col
        if index < len(self.order):
            self._set_cursor(index)

    def on_resize(self, event: events.Resize) -> None:
        """Reflow: as many columns as fit the width."""
        usable = event.size.width - MARGIN - 1  # room for the scrollbar
        self.columns = max(1, (usable + GUTTER) // (NOTE_WIDTH + GUTTER))
        self._update_size()
        self.refresh()

