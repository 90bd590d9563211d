"""The base of the screens around the workshop (resources, network, actions, stages,
evaluation, capacity): :class:`SessionScreen` subclasses, not steps, with a title, CSS,
entity edits through the controller and forms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, TypeVar

from mpa_tui.domain import Entity, ops
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import FormDialog, FormField
from mpa_tui.tui.screens.base import SessionChanged, SessionScreen
from mpa_tui.tui.screens.notes_key import NOTES_COMMAND
from mpa_tui.tui.widgets.cycle_base import EntityList, alive

E = TypeVar("E", bound=Entity)


class CycleScreen(SessionScreen):
    """Base of the screens around the workshop: title, CSS, entity edits, forms."""

    CSS_PATH = "cycle_base.tcss"
    ACTIONS: ClassVar[tuple[Command, ...]] = (NOTES_COMMAND,)
    LABEL: ClassVar[str] = ""
    """i18n key of the screen's name (also used by the registry)."""

    def title_text(self) -> str:
        """Screen name and group (plain text)."""
        return t("cycle.title", name=t(self.LABEL), group=self.session.group_name)

    def on_mount(self) -> None:
        """The body from the session (the chrome is the base class's own on_mount)."""
        self.redraw()

    def redraw(self) -> None:
        """Show the session in the body (subclasses)."""

    def session_changed(self, event: SessionChanged) -> None:
        """Any change (ours, undo/redo, a restore from the trash): redraw the lists."""
        self.redraw()

    def highlighted(self, list_id: str, items: Sequence[E]) -> E | None:
        """The live item of ``items`` whose row is highlighted in the list ``#list_id``."""
        rid = self.query_one(f"#{list_id}", EntityList).selected_id
        return next((x for x in alive(items) if x.id == rid), None)

    # -- edits -------------------------------------------------------------------------
    def add_entity(self, collection: str, item: E) -> E | None:
        """Append an already validated entity to a session list (saved before shown)."""
        return self.try_edit(lambda s: ops.add_entity(s, collection, item))  # type: ignore[return-value]

    def change_entity(self, collection: str, item_id: str, changes: dict[str, Any]) -> bool:
        """Change fields of an entity (validated by ``ops.update``)."""
        return self.edit_ok(lambda s: ops.update(s, collection, item_id, **changes))

    def delete_entity(self, collection: str, item_id: str) -> bool:
        """Move an entity to the trash (F7 restores it)."""
        ok = self.edit_ok(lambda s: ops.soft_delete(s, collection, item_id))
        if ok:
            self.notify(t("cycle.deleted"), timeout=3, markup=False)
        return ok

    def open_form(self, title: str, fields: Sequence[FormField], values: dict[str, Any],
                  check: Callable[[dict[str, Any]], dict[str, Any]],
                  done: Callable[[dict[str, Any]], object]) -> None:
        """Show a form; ``done(changes)`` runs when it is saved."""
        if self.controller.read_only:
            self.notify(t("tui.read_only"), severity="warning", markup=False)
            return

        def after(result: dict[str, Any] | None) -> None:
            if result is not None:
                done(result)

        self.app.push_screen(FormDialog(title, fields, values, check), after)
