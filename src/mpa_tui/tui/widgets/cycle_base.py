"""What the screens around the workshop share: an entity list and text helpers. The
multi-choice picker is :class:`mpa_tui.tui.dialogs.picker.PickerDialog`; their screen
base, ``CycleScreen``, is in :mod:`mpa_tui.tui.screens.cycle_base`.

The lists are short (tens of rows), so each screen redraws its lists after every change
of the session (its own edits, undo/redo, a restore from the trash); the list keeps the
highlighted row by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mpa_tui.domain import Entity, Session
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.tui.widgets.plain import one_line

E = TypeVar("E", bound=Entity)
__all__ = ["EntityList", "alive", "label", "one_line", "priorities",
           "resource_choices"]


def label(group: str, value: Any) -> str:
    """The translated label of an enum value: ``cycle.<group>.<value>``."""
    return t(f"cycle.{group}.{getattr(value, 'value', value)}")


def alive(items: Sequence[E]) -> list[E]:
    """Entities not in the trash."""
    return [i for i in items if i.deleted_at is None]


class EntityList(OptionList):
    """A list of rows (plain ``Text``, never markup); rows with id None are headers."""

    def set_rows(self, rows: Sequence[tuple[str | None, Text]]) -> None:
        """Replace the rows, keeping the highlighted row (by id) when it is still there.

        Rows equal to those shown are left alone (no restyle, no flicker).
        """
        rows = list(rows)
        if rows == getattr(self, "_shown_rows", None) and len(rows) == self.option_count:
            return
        self._shown_rows = rows
        keep = self.selected_id
        index = self.highlighted
        self.clear_options()
        self.add_options([Option(text, id=rid, disabled=rid is None) for rid, text in rows])
        ids = [rid for rid, _ in rows]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        elif rows:
            start = min(index or 0, len(rows) - 1)
            pick = next((i for i in range(start, len(rows)) if ids[i] is not None), None)
            if pick is None:
                pick = next((i for i in range(start, -1, -1) if ids[i] is not None), None)
            self.highlighted = pick

    @property
    def selected_id(self) -> str | None:
        """Id of the highlighted row (None for a header or an empty list)."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def select_id(self, rid: str) -> None:
        """Highlight the row with this id (if shown)."""
        for i in range(self.option_count):
            if self.get_option_at_index(i).id == rid:
                self.highlighted = i
                return


def priorities(session: Session) -> list[tuple[str, int, str]]:
    """The ordered priority problems as shown: (category id, place from 1, title on one
    line or "untitled") (:func:`mpa_tui.domain.order.priorities`)."""
    from mpa_tui.domain.order import priorities as ordered

    return [(cid, place, one_line(title) or t(UNTITLED))
            for cid, place, title in ordered(session)]


def resource_choices(session: Session) -> list[tuple[str, str]]:
    """Choices for a "partner/resource" field: none, then the live resources by name."""
    from mpa_tui.tui.dialogs.form import NONE

    return [(t("cycle.none"), NONE)] + [
        (one_line(r.name, 60), r.id) for r in alive(session.resources)]
