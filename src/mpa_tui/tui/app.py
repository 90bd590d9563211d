"""The Textual app: screens, navigation, language, theme, help, autosave retries.

Built only through :func:`make_app` (used by the CLI and the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from mpa_tui.domain.step import Step
from mpa_tui.i18n import get_language, resolve_language, set_language, t
from mpa_tui.store.errors import StoreError
from mpa_tui.store.messages import error_message
from mpa_tui.tui.commands import MpaCommands, PaletteEntry, bindings_map
from mpa_tui.tui.controller import SessionController, local_now
from mpa_tui.tui.navigation import APP_ACTIONS, app_palette_entries, goto_items
from mpa_tui.tui.palette import MpaPalette
from mpa_tui.tui.screens import cycle_screen, step_screens, summary_screen
from mpa_tui.tui.screens.base import KEPT_WIDGETS, MpaScreen
from mpa_tui.tui.session_link import SessionLink
from mpa_tui.tui.theme import DEFAULT_THEME, HIGH_CONTRAST, HIGH_CONTRAST_THEME

if TYPE_CHECKING:  # the models load when a session is opened, not at start-up
    from mpa_tui.domain.session import Session


class MpaApp(SessionLink, App[None]):
    """The facilitator's workshop app.

    Attributes:
        store: The open store (``mpa_tui.store.Store``).
        controller: The open session's controller, or None on the home screen.
    """

    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = {MpaCommands}
    MAX_TOASTS: ClassVar[int] = 2
    """Notifications shown at once: older ones go, so a burst (many quick Ctrl+Z) never
    stacks up over the screen and its step bar at 80x24."""

    def __init__(self, *, store: Any, lang: str = "id", session_id: str | None = None,
                 high_contrast: bool = False,
                 clock: Callable[[], datetime] = local_now) -> None:
        super().__init__()
        self.store = store
        self.controller: SessionController | None = None
        self._initial_session = session_id
        self._high_contrast = high_contrast
        self._clock = clock
        self._unsubscribe: Callable[[], None] | None = None
        self._retry_timer: Timer | None = None
        self._quit_warned = False
        self.crash_log: Path | None = None
        """Where an unexpected error was written (the CLI says so after the app ends)."""
        set_language(resolve_language(lang))
        self._apply_language_texts()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: a crash log and the end, no traceback (:mod:`.crash`)."""
        from mpa_tui.tui.crash import end_with_crash_log

        end_with_crash_log(self, error)

    def _on_notify(self, event: Any) -> None:
        super()._on_notify(event)
        shown = list(self._notifications)
        if len(shown) > self.MAX_TOASTS:
            for old in shown[: -self.MAX_TOASTS]:
                self._unnotify(old, refresh=False)
            self._refresh_notifications()

    def key_ctrl_z(self) -> None:
        """Ctrl+Z reached the app: undo is greyed out (nothing to undo, e.g. just after a
        restart). Say so rather than do nothing."""
        self._say_nothing("undo")

    def key_ctrl_y(self) -> None:
        """Ctrl+Y with nothing to redo: say so."""
        self._say_nothing("redo")

    def _say_nothing(self, what: str) -> None:
        if self.controller is not None and hasattr(self.screen, f"action_{what}"):
            self.notify(t(f"tui.{what}.nothing"), timeout=4, markup=False)

    @property
    def repo(self) -> Any:
        """The store's session repository."""
        return self.store.repo

    # -- start -----------------------------------------------------------------------
    def on_mount(self) -> None:
        """Register the high-contrast theme and open the first screen."""
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST_THEME if self._high_contrast else DEFAULT_THEME
        if not (self._initial_session and self._open_initial(self._initial_session)):
            self.open_home()

    def _open_initial(self, ref: str) -> bool:
        """Open the session given at start (an id, a unique id prefix or "latest")."""
        try:
            session_id = self.repo.resolve(ref)
        except StoreError as exc:
            return self._refused(exc)
        return self.open_session(session_id)

    def _refused(self, exc: StoreError) -> bool:
        """The store refused to open or create a session: say why in one line; False."""
        self.notify(error_message(exc), severity="error", markup=False)
        return False

    def _apply_language_texts(self) -> None:
        self.title = t("app.title")
        self._bindings = bindings_map(APP_ACTIONS)

    # -- navigation ------------------------------------------------------------------
    def busy(self) -> bool:
        """Whether a dialog is copying files (export/import/report) and must stay open."""
        return bool(getattr(self.screen, "busy", False))

    def _show(self, screen: Screen[Any]) -> None:
        """Replace the current full screen (closing any dialogs above it)."""
        if self.busy():  # closing the dialog mid-copy would hide its result
            self.notify(t("tui.busy"), severity="warning", markup=False)
            return
        while len(self.screen_stack) > 1 and isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if isinstance(self.screen, MpaScreen):
            self.switch_screen(screen)
        else:  # first screen: the app's default screen stays underneath
            self.push_screen(screen)

    def open_home(self) -> None:
        """Close the open session (if its save is not pending) and show the sessions list."""
        from mpa_tui.tui.screens.home import HomeScreen

        if self.controller is not None and self.controller.pending:
            self.notify(t("tui.save.pending_cannot_leave"), severity="error", markup=False)
            return
        self._set_controller(None)
        self._show(HomeScreen(self.store))

    def open_session(self, session_id: str) -> bool:
        """Open a saved session at its current step. False (and a notice) if it cannot."""
        try:
            controller = SessionController.open(self.repo, session_id, clock=self._clock)
        except StoreError as exc:
            return self._refused(exc)
        self._set_controller(controller)
        if controller.read_only:
            self.notify(t("tui.read_only_session"), severity="warning", timeout=8,
                        markup=False)
        self.open_step(controller.session.current_step)
        return True

    def create_session(self, session: Session) -> bool:
        """Save a new session durably and open step 1. False (and a notice) on failure."""
        try:
            controller = SessionController.create(self.repo, session, clock=self._clock)
        except StoreError as exc:  # SaveError (disk) or "exists"
            return self._refused(exc)
        self._set_controller(controller)
        self.open_step(Step.CIRCLE)
        return True

    def open_new_session(self, template: Session | None = None) -> None:
        """Show the empty session-details form (optionally prefilled from ``template``)."""
        from mpa_tui.tui.screens.details import DetailsScreen

        self._show(DetailsScreen(self.store, None, template=template))

    def open_details(self) -> None:
        """Show the open session's details form."""
        from mpa_tui.tui.screens.details import DetailsScreen

        if self.controller is not None:
            self._show(DetailsScreen(self.store, self.controller))

    def open_step(self, step: Step) -> None:
        """Show ``step``'s screen for the open session and remember it as current."""
        ctl = self.controller
        if ctl is None:
            return
        step = Step(step)
        if ctl.session.current_step != step and not ctl.read_only:
            from mpa_tui.domain.progress import set_current_step  # models load with a session

            try:
                ctl.edit(partial(set_current_step, step=step), undoable=False)
            except StoreError as exc:  # only where we are is not remembered: still go
                self.notify(error_message(exc), severity="error",
                            markup=False)
        self._show(step_screens()[step](ctl))

    def open_summary(self) -> None:
        """Show the read-only summary of the open session."""
        if self.controller is not None:
            self._show(summary_screen()(self.controller))

    def open_cycle(self, key: str) -> None:
        """Show a screen around the workshop (resources, network, action plan, stages ...)."""
        if self.controller is None:
            return
        try:
            screen_cls = cycle_screen(key)
        except KeyError:
            return
        self._show(screen_cls(self.controller))

    def open_export(self) -> None:
        """Export the open session (to a USB stick or a typed folder)."""
        from mpa_tui.tui.screens.export import ExportScreen

        if self.controller is not None and not self.busy():
            self.push_screen(ExportScreen(self.controller))

    def open_import(self) -> None:
        """Import bundles from a stick or folder; the home list shows what was added."""
        from mpa_tui.tui.screens.import_ import ImportScreen

        if self.busy():
            return
        if self.controller is not None and self.controller.pending:
            self.notify(t("tui.save.pending_cannot_leave"), severity="error", markup=False)
            return

        def done(result: object) -> None:
            base = self.base_screen()
            if result is not None and hasattr(base, "refresh_list"):
                base.refresh_list()

        self.push_screen(ImportScreen(self.store), done)

    def open_report(self) -> None:
        """The report across sessions (recurring problems per village)."""
        from mpa_tui.tui.screens.report import ReportScreen

        if not self.busy():
            self.push_screen(ReportScreen(self.store))

    def action_goto(self) -> None:
        """Choose any step, the summary, a part around the workshop, or export (F12)."""
        from mpa_tui.tui.dialogs import ChoiceDialog

        if self.controller is None or isinstance(self.screen, ModalScreen):
            return
        self.push_screen(ChoiceDialog(t("tui.goto.title"), goto_items()), self._goto)

    def _goto(self, value: str | None) -> None:
        if not value:
            return
        kind, _, arg = value.partition(":")
        if kind == "step":
            self.open_step(Step(int(arg)))
        elif kind == "cycle":
            self.open_cycle(arg)
        elif kind == "summary":
            self.open_summary()
        elif kind == "export":
            self.open_export()

    def open_item_trash(self) -> None:
        """Show the trash of the open session (deleted items, restorable)."""
        from mpa_tui.tui.screens.trash import ItemTrashScreen

        if self.controller is not None:
            self.push_screen(ItemTrashScreen(self.controller))

    # -- the open session ------------------------------------------------------------
    def on_input_changed(self, event: Any) -> None:
        """A participant's name typed into free text: say it is coded in exports."""
        if self.controller is None:
            return  # no session, no participants (and the home screen stays light)
        warner = getattr(self, "_name_warning", None)
        if warner is None:
            from mpa_tui.tui.name_warning import NameWarning

            warner = self._name_warning = NameWarning()
        warner.check(self, event.input, event.value)

    # -- app-wide actions ------------------------------------------------------------
    def base_screen(self) -> Screen[Any]:
        """The topmost full (non-modal) screen."""
        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen
        return self.screen

    def action_help(self) -> None:
        """Show the help for the current screen (F1)."""
        from mpa_tui.tui.dialogs import HelpScreen  # dialogs load on first use

        if isinstance(self.screen, HelpScreen):
            return
        # A dialog with its own help (export, import, report) wins over the screen below it.
        top = self.screen if hasattr(self.screen, "help_topic") else self.base_screen()
        topic = top.help_topic() if hasattr(top, "help_topic") else "home"
        self.push_screen(HelpScreen(topic))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The language is switched only with no dialog open (it rebuilds the screen)."""
        if action == "goto" and self.controller is None:
            return False
        return not (action == "switch_language" and isinstance(self.screen, ModalScreen))

    def action_switch_language(self) -> None:
        """Switch Indonesian <-> English and rebuild the screen (typed text is kept)."""
        self.switch_language("en" if get_language() == "id" else "id")

    def switch_language(self, lang: str) -> None:
        """Use ``lang`` from now on and rebuild the current screen in it."""
        set_language(lang)
        self._apply_language_texts()
        screen = self.base_screen()
        if isinstance(screen, MpaScreen):
            values = {w.id: getattr(w, "value", None) for w in screen.query(KEPT_WIDGETS) if w.id}
            new = screen.rebuild()
            new.restore_inputs(values)
            self._show(new)
        self.refresh_bindings()
        self.notify(t("tui.language.switched"), timeout=2, markup=False)

    def action_toggle_contrast(self) -> None:
        """Switch the high-contrast theme on or off."""
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST_THEME else HIGH_CONTRAST_THEME

    def action_command_palette(self) -> None:
        """Open the command palette with a translated prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(MpaPalette(id="--command-palette",
                                            placeholder=t("tui.palette.placeholder")))

    def action_help_quit(self) -> None:
        """ctrl+c copies in inputs; elsewhere tell how to quit (translated)."""
        self.notify(t("tui.quit.how"), markup=False)

    async def action_quit(self) -> None:
        """Quit; while a save is pending, warn once first (a second ctrl+q quits)."""
        if self.controller is not None and self.controller.pending \
                and not self.controller.retry_save() and not self._quit_warned:
            self._quit_warned = True
            self.notify(t("tui.quit.unsaved"), severity="error", timeout=10, markup=False)
            return
        self.exit()

    def palette_entries(self, screen: Screen[Any]) -> list[PaletteEntry]:
        """Steps (when a session is open) and the app-wide commands, for the palette."""
        return app_palette_entries(self)

def make_app(*, store: Any, lang: str = "id", session_id: str | None = None,
             high_contrast: bool = False,
             clock: Callable[[], datetime] = local_now) -> MpaApp:
    """Build the app (the CLI runs it; tests drive it with ``run_test``).

    Args:
        store: An open ``mpa_tui.store.Store`` (the caller holds the lock and closes it).
        lang: ``id`` or ``en``; the app can switch at run time (F2).
        session_id: Open this session at its current step instead of the home screen.
        high_contrast: Start with the high-contrast theme.
        clock: Local time source for "Tersimpan HH:MM:SS" (tests freeze it).
    """
    return MpaApp(store=store, lang=lang, session_id=session_id,
                  high_contrast=high_contrast, clock=clock)
