"""Base screens: commands declared once, the session chrome, and the step screen contract.

``MpaScreen``     any full screen of the app: ``ACTIONS`` -> bindings + palette, rebuild.
``SessionScreen`` a screen on an open session: step bar, title, body, save banner, status
                  line, footer; undo/redo, step navigation, summary, home, trash.
``StepScreen``    one MPA step (``STEP``); subclasses implement ``compose_body`` and
                  ``session_changed``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from mpa_tui.domain.step import Step
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command, PaletteEntry, bindings_map, collect, palette_entries
from mpa_tui.tui.controller import Change, SessionController
from mpa_tui.tui.edits import run_edit, run_history
from mpa_tui.tui.screens.notes_key import NOTES_COMMAND, notes_badge, open_notes
from mpa_tui.tui.widgets import KeyBar, SaveBanner, StatusLine, StepBar, step_name

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session
    from mpa_tui.tui.app import MpaApp

T = TypeVar("T")

KEPT_WIDGETS = "Input, Select, Checkbox, Switch"
"""Widgets (with an id) whose value survives a language switch (the screen is rebuilt)."""


class SessionChanged(Message):
    """Posted to every open session screen after each edit, undo, redo or late save.

    Attributes:
        change: What happened (``change.kind``, ``change.replaced``, ``change.saved``).
    """

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change

    @property
    def replaced(self) -> bool:
        """The Session object was replaced (undo/redo): redraw from ``controller.session``."""
        return self.change.replaced


class MpaScreen(Screen[None]):
    """Base of every full screen: bindings and palette entries from ``ACTIONS``.

    Subclasses list their commands in ``ACTIONS`` (see :class:`Command`); bases' commands
    are inherited and a subclass may override one by reusing its ``id``.
    """

    ACTIONS: ClassVar[tuple[Command, ...]] = ()
    HELP_TOPIC: ClassVar[str] = "home"
    """Name of the help file (``tui/help/<lang>/<topic>.md``) F1 shows."""

    def __init__(self, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        # Built per instance so the labels are in the language active right now.
        self._bindings = bindings_map(collect(type(self)), self._bindings)
        self._restore_inputs: dict[str, Any] = {}

    @property
    def mpa_app(self) -> MpaApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def palette_entries(self) -> list[PaletteEntry]:
        """This screen's commands for the command palette."""
        return palette_entries(self, collect(type(self), own_first=True))

    def help_topic(self) -> str:
        """The help file F1 opens on this screen."""
        return self.HELP_TOPIC

    def rebuild(self) -> MpaScreen:
        """A fresh instance of this screen (used after a language switch).

        Typed text in Inputs with an id is carried over by the app.
        """
        raise NotImplementedError

    def restore_inputs(self, values: dict[str, Any]) -> None:
        """Remember field values to put back when this (rebuilt) screen mounts."""
        self._restore_inputs = dict(values)

    def on_mount(self) -> None:
        """Put back typed values carried over from the screen this one replaced.

        Textual calls the ``on_mount`` of every class in the MRO, most derived first:
        subclasses define their own and never call ``super().on_mount()`` (that ran this
        and the chrome 2-4 times per screen).
        """
        for widget in self.query(KEPT_WIDGETS):
            if widget.id in self._restore_inputs:
                with contextlib.suppress(Exception):  # e.g. a Select option that is gone
                    widget.value = self._restore_inputs[widget.id]  # type: ignore[attr-defined]
        self._restore_inputs = {}


_SESSION_ACTIONS: tuple[Command, ...] = (
    Command("session.prev_step", "f3,alt+left", "prev_step", "tui.cmd.prev_step",
            "tui.cmd.prev_step.tip", key_display="F3", group="tui.group.step"),
    Command("session.next_step", "f4,alt+right", "next_step", "tui.cmd.next_step",
            "tui.cmd.next_step.tip", key_display="F4", group="tui.group.step"),
    Command("session.undo", "ctrl+z", "undo", "tui.cmd.undo", "tui.cmd.undo.tip",
            group="tui.group.undo"),
    Command("session.redo", "ctrl+y", "redo", "tui.cmd.redo", "tui.cmd.redo.tip",
            group="tui.group.undo"),
    Command("session.complete", "f5", "toggle_complete", "tui.cmd.complete",
            "tui.cmd.complete.tip", show=False),
    Command("session.summary", "f6", "summary", "tui.cmd.summary", "tui.cmd.summary.tip",
            show=False),
    Command("session.trash", "f7", "trash", "tui.cmd.trash", "tui.cmd.trash.tip", show=False),
    Command("session.details", "f10", "details", "tui.cmd.details", "tui.cmd.details.tip",
            show=False),
    Command("session.home", "f9", "home", "tui.cmd.home", "tui.cmd.home.tip", show=False),
)


class SessionScreen(MpaScreen):
    """A screen showing the open session, with the common chrome and commands.

    Layout (top to bottom): step bar, title line, ``#body`` (from :meth:`compose_body`),
    save-failure banner, status line, footer.
    """

    ACTIONS = _SESSION_ACTIONS
    STEP: ClassVar[Step | None] = None
    """The step this screen shows (None for the summary)."""

    def __init__(self, controller: SessionController, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.controller = controller
        self._binding_state: tuple[bool, bool] | None = None

    # -- to override -----------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        """Yield the widgets of this screen's body (inside ``#body``)."""
        yield from ()

    def session_changed(self, event: SessionChanged) -> None:
        """React to a change of the session (redraw fully when ``event.replaced``)."""

    def title_text(self) -> str:
        """The title line: step name and group (plain text, never markup)."""
        group = self.session.group_name
        if self.STEP is None:
            return group
        return t("tui.title.step", n=int(self.STEP), name=step_name(self.STEP), group=group)

    # -- chrome ----------------------------------------------------------------------
    @property
    def session(self) -> Session:
        """The current session (read fresh: undo/redo replace the object)."""
        return self.controller.session

    def compose(self) -> ComposeResult:
        """Step bar, title, body, banner, status line and footer."""
        yield StepBar(self.STEP, self.session.completed_steps, id="stepbar")
        yield Static(notes_badge(self, self.title_text()), id="title", markup=False)
        with Container(id="body"):
            yield from self.compose_body()
        yield SaveBanner(id="save-banner")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the chrome from the session."""
        self.refresh_chrome()

    def refresh_chrome(self, *, bindings: bool = False) -> None:
        """Update step bar, title, banner and status line from the controller.

        Args:
            bindings: Re-check every binding (``check_action``) even if undo/redo
                availability did not change; done after undo/redo (``event.replaced``).
                Call ``self.refresh_bindings()`` yourself when your ``check_action``
                depends on something your own edit changed.
        """
        self.query_one(StepBar).update_steps(self.STEP, self.session.completed_steps)
        self.query_one("#title", Static).update(notes_badge(self, self.title_text()))
        self.query_one(SaveBanner).show(self.controller)
        self.query_one(StatusLine).show(self.controller)
        # Re-checking bindings runs every check_action and repaints the key bar: only when
        # undo/redo availability changed.
        state = (self.controller.can_undo, self.controller.can_redo)
        if bindings or state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def on_session_changed(self, event: SessionChanged) -> None:
        """Refresh the chrome, then let the subclass refresh its body."""
        event.stop()
        if not self.is_mounted:
            return
        self.refresh_chrome(bindings=event.replaced)
        self.session_changed(event)

    def on_step_bar_selected(self, event: StepBar.Selected) -> None:
        """A click on the step bar opens that step."""
        self.mpa_app.open_step(event.step)

    # -- editing ---------------------------------------------------------------------
    def try_edit(self, fn: Callable[[Session], T], *, undoable: bool = True) -> T | None:
        """Run ``controller.edit(fn)``; show a refused edit as a notification.

        Returns:
            What ``fn`` returned, or None when the edit was refused (the error was shown).
            Use :meth:`edit_ok` when ``fn`` itself returns None.
        """
        ok, result = self._edit(fn, undoable)
        return result if ok else None

    def edit_ok(self, fn: Callable[[Session], object], *, undoable: bool = True) -> bool:
        """Like :meth:`try_edit` but returns whether the edit was applied (and saved or
        pending a retry)."""
        return self._edit(fn, undoable)[0]

    def _edit(self, fn: Callable[[Session], T], undoable: bool) -> tuple[bool, T | None]:
        return run_edit(self, self.controller, fn, undoable=undoable)

    def rebuild(self) -> MpaScreen:
        """A fresh instance on the same controller."""
        return type(self)(self.controller)

    def help_topic(self) -> str:
        """Help for this step (its entry in :data:`mpa_tui.tui.screens.SCREENS`) or the
        screen's topic."""
        if self.STEP is None:
            return self.HELP_TOPIC
        from mpa_tui.tui.screens import STEPS  # the table loads step modules lazily

        return STEPS[self.STEP].help_topic

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out undo/redo/step keys when they cannot do anything."""
        if action == "undo":
            return True if self.controller.can_undo else None
        if action == "redo":
            return True if self.controller.can_redo else None
        if action == "prev_step":
            return True if self.STEP is None or self.STEP > Step.CIRCLE else None
        # next_step is always possible: after step 8 comes the summary
        if action == "toggle_complete":
            return True if self.STEP is not None else None
        return True

    def action_undo(self) -> None:
        """Undo the last edit of the session."""
        self._history(self.controller.undo, "tui.undo.nothing", "tui.undo.done")

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        self._history(self.controller.redo, "tui.redo.nothing", "tui.redo.done")

    def _history(self, fn: Callable[[], bool], nothing: str, done: str) -> None:
        run_history(self, fn, nothing, done)

    def action_prev_step(self) -> None:
        """Go to the previous step (from the summary: the last step)."""
        target = Step.ORDER if self.STEP is None else Step(max(1, int(self.STEP) - 1))
        self.mpa_app.open_step(target)

    def action_next_step(self) -> None:
        """Go to the next step (after the last one: the summary)."""
        if self.STEP is None:
            self.mpa_app.open_step(Step.CIRCLE)
        elif self.STEP == Step.ORDER:
            self.mpa_app.open_summary()
        else:
            self.mpa_app.open_step(Step(int(self.STEP) + 1))

    def action_toggle_complete(self) -> None:
        """Mark this step complete (or not complete again)."""
        step = self.STEP
        if step is None:
            return

        from mpa_tui.domain.progress import toggle_step_complete  # models load with a session

        done = self.try_edit(partial(toggle_step_complete, step=step))
        if done is not None:
            key = "tui.step.marked_done" if done else "tui.step.marked_todo"
            self.notify(t(key, name=step_name(step)), timeout=2, markup=False)

    def action_summary(self) -> None:
        """Open the read-only summary of the session."""
        self.mpa_app.open_summary()

    def action_home(self) -> None:
        """Close the session and go back to the sessions list."""
        self.mpa_app.open_home()

    def action_details(self) -> None:
        """Edit the session's details and settings."""
        self.mpa_app.open_details()

    def action_trash(self) -> None:
        """Show the session's trash (deleted cards, categories, participants)."""
        self.mpa_app.open_item_trash()

    def action_notes(self) -> None:
        """Open this screen's process notes (Alt+C) over it."""
        open_notes(self, self.controller)


class StepScreen(SessionScreen):
    """One step of the MPA workshop. Subclass, set ``STEP``, implement the body.

    The constructor takes only the controller (the app builds step screens as
    ``cls(controller)``); read the session via ``self.session`` every time.
    """

    STEP: ClassVar[Step]
    ACTIONS: ClassVar[tuple[Command, ...]] = (NOTES_COMMAND,)


class PlaceholderStepScreen(StepScreen):
    """Shown for a step whose screen is not written yet."""

    def compose_body(self) -> ComposeResult:
        """A short notice."""
        yield Static(t("tui.placeholder"), markup=False, classes="placeholder")


def placeholder_for(step: Step) -> type[StepScreen]:
    """A placeholder screen class for ``step``."""
    return type(f"Placeholder{step.name.title()}Screen", (PlaceholderStepScreen,),
                {"STEP": step})


__all__ = [
    "MpaScreen", "PlaceholderStepScreen", "SessionChanged", "SessionScreen", "StepScreen",
    "placeholder_for",
]
