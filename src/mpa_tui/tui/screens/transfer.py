"""The base screen of the export, import and report screens."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual.screen import ModalScreen

from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command, PaletteEntry, bindings_map, collect, palette_entries
from mpa_tui.tui.widgets.transfer_target import JobDone, TargetPanel

R = TypeVar("R")


class TransferScreen(ModalScreen[R]):
    """A full-size modal for export, import or report: commands, busy state, Escape.

    Subclasses list their commands in ``ACTIONS`` like an ``MpaScreen``. While ``busy``
    (a worker thread writes to the stick) the screen refuses to close: the thread still
    reports to it, and a half-finished copy must not look finished.
    """

    CSS_PATH = "transfer.tcss"
    ACTIONS: ClassVar[tuple[Command, ...]] = (
        Command("transfer.close", "escape", "close", "transfer.cmd.close",
                "transfer.cmd.close.tip", key_display="Esc"),
        Command("transfer.rescan", "ctrl+r", "rescan", "transfer.cmd.rescan",
                "transfer.cmd.rescan.tip", show=False),
        # A modal screen does not pass F1 on to the app's bindings: declare it here.
        Command("transfer.help", "f1", "app.help", "tui.cmd.help", "tui.cmd.help.tip",
                key_display="F1"),
    )
    busy = False
    HELP_TOPIC: ClassVar[str] = "export"
    """Help file for this screen (``tui/help/<lang>/<topic>.md``), once the app asks it."""

    def __init__(self, *, classes: str = "") -> None:
        super().__init__(classes=f"transfer-screen {classes}".strip())
        self._bindings = bindings_map(collect(type(self)), self._bindings)
        self.busy = False

    def palette_entries(self) -> list[PaletteEntry]:
        """This screen's commands for the command palette."""
        return palette_entries(self, collect(type(self)))

    def help_topic(self) -> str:
        """The help topic of this screen (``export``, ``import`` or ``report``)."""
        return self.HELP_TOPIC

    def panel(self) -> TargetPanel:
        """The destination / source panel."""
        return self.query_one(TargetPanel)

    def set_busy(self, busy: bool) -> None:
        """Mark a worker as running (disables starting another one and closing)."""
        self.busy = busy
        self.set_class(busy, "-busy")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out starting and rescanning while a worker runs."""
        if self.busy and action in ("start", "rescan", "preview"):
            return None
        return True

    # -- the worker --------------------------------------------------------------------
    def run_job(self, name: str, job: Callable[[], Any]) -> None:
        """Run ``job`` in a worker thread; :meth:`job_done` gets its result on the UI thread.

        Should the screen be gone when the job ends (something navigated away), the
        outcome still reaches the facilitator as a notification.
        """
        self.set_busy(True)
        app = self.app

        def runner() -> None:
            error: BaseException | None = None
            result: Any = None
            try:
                result = job()
            except Exception as exc:  # shown on screen; it must never end the app
                error = exc
            if self.post_message(JobDone(name, result, error)):
                return
            text, ok = self.outcome_text(name, result, error)
            if not text:
                return
            with contextlib.suppress(Exception):  # the app itself may be closing
                app.call_from_thread(app.notify, text, severity="information" if ok
                                     else "error", timeout=20, markup=False)

        self.run_worker(runner, name=name, group="transfer", thread=True, exclusive=True,
                        exit_on_error=False)

    def on_job_done(self, message: JobDone) -> None:
        """A job ended: leave the busy state and show the outcome."""
        message.stop()
        self.set_busy(False)
        self.job_done(message.name, message.result, message.error)

    def job_done(self, name: str, result: Any, error: BaseException | None) -> None:
        """Show how job ``name`` ended (override)."""

    def outcome_text(self, name: str, result: Any, error: BaseException | None
                     ) -> tuple[str, bool]:
        """``(message, succeeded)`` for a job's end. Called from the worker thread too:
        only compute text here, never touch widgets."""
        return "", error is None

    def action_close(self) -> None:
        """Close, unless a worker is still writing."""
        if self.busy:
            self.notify(t("transfer.busy"), severity="warning", markup=False)
            return
        self.dismiss(self.close_result())

    def close_result(self) -> Any:
        """What the screen returns when closed."""
        return None

    def action_rescan(self) -> None:
        """Look for sticks again."""
        self.panel().rescan()
