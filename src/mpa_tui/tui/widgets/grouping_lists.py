"""Lists of the grouping step: an OptionList that reconciles instead of rebuilding.

The "choose a category" dialog is :class:`mpa_tui.tui.dialogs.category.CategoryPicker`."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SyncedList(OptionList):
    """An OptionList brought in line with a wanted list of ``(id, key)`` rows.

    ``key`` is anything hashable describing what the row shows; a row is redrawn only when
    its key changes, removed rows are removed one by one and rows added at the end are
    appended, so moving one card out of a 300-card list touches one row. Any other change
    of order rebuilds the list (rare: undo of a reorder).

    Attributes:
        rows: ``(id, key)`` of the rows shown, in order.
        rebuilds: How many times the whole list was rebuilt (for tests).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, Hashable]] = []
        self.rebuilds = 0

    def sync(self, wanted: list[tuple[str, Hashable]],
             prompt: Callable[[str], Content]) -> None:
        """Show ``wanted``; ``prompt(id)`` draws a row that is new or changed."""
        old_ids = [rid for rid, _ in self.rows]
        new_ids = [rid for rid, _ in wanted]
        keep = set(new_ids)
        survivors = [rid for rid in old_ids if rid in keep]
        highlighted = self.highlighted_id()
        index = self.highlighted
        if survivors == new_ids[: len(survivors)] and len(survivors) <= len(new_ids):
            old_keys = dict(self.rows)
            for rid in old_ids:
                if rid not in keep:
                    self.remove_option(rid)
            for rid, key in wanted[: len(survivors)]:
                if old_keys[rid] != key:
                    self.replace_option_prompt(rid, prompt(rid))
            added = wanted[len(survivors):]
            if added:
                self.add_options([Option(prompt(rid), id=rid) for rid, _ in added])
        else:
            self.rebuilds += 1
            self.clear_options()
            self.add_options([Option(prompt(rid), id=rid) for rid, _ in wanted])
        self.rows = list(wanted)
        if highlighted in keep:
            self.highlighted = self.get_option_index(highlighted)
        elif self.rows and highlighted is None:
            self.highlighted = min(index or 0, len(self.rows) - 1)
        elif self.rows:
            # The highlighted row left (e.g. moved into a category): highlight the card that
            # came after it (before it, at the end), whatever else left with it, so the
            # next key press never moves a card the facilitator did not look at.
            self.highlighted = self.get_option_index(
                _next_survivor(old_ids, highlighted, index, keep) or self.rows[-1][0])

    def action_cursor_up(self) -> None:
        """The previous row; at the top, stay (no wrap to the bottom)."""
        if self.highlighted is None:
            super().action_cursor_up()
        elif self.highlighted > 0:
            self.highlighted -= 1

    def action_cursor_down(self) -> None:
        """The next row; at the bottom, stay (no wrap to the top)."""
        if self.highlighted is None:
            super().action_cursor_down()
        elif self.highlighted < self.option_count - 1:
            self.highlighted += 1

    def highlighted_id(self) -> str | None:
        """The id of the highlighted row, or None."""
        index = self.highlighted
        if index is None or not 0 <= index < self.option_count:
            return None
        return self.get_option_at_index(index).id


def _next_survivor(old_ids: list[str], gone: str | None, index: int | None,
                   keep: set[str]) -> str | None:
    """The first row after ``gone`` (or after ``index``) that is still shown, else the
    last one before it."""
    at = old_ids.index(gone) if gone in old_ids else (index or 0)
    after = [rid for rid in old_ids[at + 1:] if rid in keep]
    before = [rid for rid in old_ids[:at] if rid in keep]
    return after[0] if after else (before[-1] if before else None)

