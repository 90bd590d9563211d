"""Shared parts of the export, import and report screens.

``TransferScreen``  a full-size modal with commands declared once (footer + palette), a
                    "busy" state while a worker thread runs, and Escape to close.
``TargetPanel``     where to write to / read from: the detected USB sticks, a typed path,
                    and the choose-flow (one stick: confirm; several: pick; none: type).
``DrivePicker``     the list of sticks to pick from.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mpa_tui.export.drives import Drive
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command, PaletteEntry, bindings_map, collect, palette_entries
from mpa_tui.tui.dialogs import ConfirmDialog

R = TypeVar("R")

FindDrives = Callable[[], list[Drive]]
"""``find_drives()``-like: the removable drives now plugged in (injectable for tests)."""


def default_find_drives() -> list[Drive]:
    """The real drive detection (imported lazily: psutil is only needed here)."""
    from mpa_tui.export.drives import find_drives

    return find_drives()


def drive_text(drive: Drive) -> str:
    """``LABEL (/media/user/LABEL)`` for messages and lists (plain text)."""
    return t("transfer.drive", label=drive.label or drive.path, path=drive.path)


def check_path(text: str, *, files_ok: bool = False) -> tuple[Path | None, str]:
    """A typed path, expanded, that must exist (and be a folder unless ``files_ok``).

    Returns:
        ``(path, "")`` when usable, else ``(None, translated error)``.
    """
    raw = text.strip().strip('"').strip("'")
    path = Path(os.path.expanduser(raw))
    try:
        exists, is_dir = path.exists(), path.is_dir()
    except OSError:  # e.g. a name too long, or a drive that vanished while checking
        exists = is_dir = False
    if not raw or not exists:
        return None, t("transfer.target.missing", path=raw)
    if not is_dir and not files_ok:
        return None, t("transfer.target.not_folder", path=raw)
    return path, ""


def failure_text(exc: BaseException | None, lang: str | None = None) -> str:
    """A translated line for what a worker raised ("" when nothing fits: say it generally).

    Export and bundle errors carry their own message; store and OS errors are mapped.
    """
    if exc is None:
        return ""
    message = getattr(exc, "message", None)
    if callable(message):
        return str(message(lang))
    from mpa_tui.store.errors import StoreError

    if isinstance(exc, StoreError):
        from mpa_tui.store.messages import error_message

        return error_message(exc, lang)
    if isinstance(exc, OSError):
        from mpa_tui.export.writer import error_from_oserror

        return error_from_oserror(exc, Path(str(exc.filename or ""))).message(lang)
    return ""


class DrivePicker(ModalScreen[Drive | None]):
    """Pick one of several USB sticks (Enter) or cancel (Escape)."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", show=False, id="transfer.pick.cancel")]

    def __init__(self, drives: list[Drive]) -> None:
        super().__init__(classes="transfer-picker")
        self.drives = list(drives)

    def compose(self) -> ComposeResult:
        """Title, the list of sticks and a hint."""
        with Vertical(classes="dialog"):
            yield Static(t("transfer.target.pick"), markup=False, classes="dialog-question")
            # Text(): a mount name is outside our control and must never be markup.
            yield OptionList(*[Option(Text(drive_text(d)), id=str(i))
                               for i, d in enumerate(self.drives)], id="drive-list")
            yield Static(t("transfer.target.pick_hint"), markup=False, classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the list with the first stick highlighted."""
        options = self.query_one("#drive-list", OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) picks the stick."""
        event.stop()
        self.dismiss(self.drives[int(event.option_id or 0)])

    def action_cancel(self) -> None:
        """Close without a stick."""
        self.dismiss(None)


class TargetPanel(Vertical):
    """The detected sticks, a path field and its error line.

    Args:
        find_drives: Drive detection (injectable).
        input_id: Id of the path Input (kept across rebuilds).
        placeholder: Placeholder text of the path field.
        files_ok: Typed paths may be files and several (``;``-separated): the import.
        compact: A one-row path field (the report screen needs the room).
    """

    def __init__(self, find_drives: FindDrives, *, input_id: str, placeholder: str,
                 files_ok: bool = False, compact: bool = False, id: str | None = None
                 ) -> None:
        super().__init__(id=id, classes="target-panel")
        self.compact = compact
        self._find_drives = find_drives
        self.input_id = input_id
        self.placeholder = placeholder
        self.files_ok = files_ok
        self.drives: list[Drive] = []

    def compose(self) -> ComposeResult:
        """Drive line, path field, error line."""
        yield Static("", classes="target-drives", markup=False)
        yield Input(placeholder=self.placeholder, id=self.input_id, classes="target-path",
                    compact=self.compact)
        yield Static("", classes="field-error target-error", markup=False)

    def on_mount(self) -> None:
        """Look for sticks once the panel is shown."""
        self.rescan()

    @property
    def path_input(self) -> Input:
        """The typed-path field."""
        return self.query_one(f"#{self.input_id}", Input)

    def rescan(self) -> list[Drive]:
        """Look for sticks again and say what was found."""
        try:
            self.drives = list(self._find_drives())
        except Exception:  # detection must never break the screen; typing still works
            self.drives = []
        if len(self.drives) == 1:
            line = t("transfer.target.one", drive=drive_text(self.drives[0]))
        elif self.drives:
            line = t("transfer.target.many", n=len(self.drives),
                     drives=", ".join(drive_text(d) for d in self.drives))
        else:
            line = t("transfer.target.none")
        self.query_one(".target-drives", Static).update(line)
        return self.drives

    def show_error(self, text: str) -> None:
        """Show (or clear, with "") the error under the path field."""
        self.query_one(".target-error", Static).update(text)

    def typed_paths(self) -> tuple[list[Path] | None, str]:
        """The typed path(s), checked: ``([], "")`` when nothing is typed."""
        text = self.path_input.value.strip()
        if not text:
            return [], ""
        parts = [p for p in text.split(";") if p.strip()] if self.files_ok else [text]
        out: list[Path] = []
        for part in parts:
            path, error = check_path(part, files_ok=self.files_ok)
            if path is None:
                return None, error
            out.append(path)
        return out, ""

    def choose(self, question_key: str, on_target: Callable[[list[Path]], None]) -> None:
        """Find where to go and call ``on_target(paths)`` (maybe after a dialog).

        A typed path wins; else one stick is confirmed with ``question_key``; several are
        picked from a list; none: the error line asks for a typed path.
        """
        self.show_error("")
        paths, error = self.typed_paths()
        if paths is None:
            self.show_error(error)
            self.path_input.focus()
            return
        if paths:
            on_target(paths)
            return
        drives = self.rescan()
        if not drives:
            self.show_error(t("transfer.target.none_error"))
            self.path_input.focus()
            return
        if len(drives) == 1:
            drive = drives[0]

            def answer(yes: bool | None) -> None:
                if yes:
                    on_target([Path(drive.path)])

            self.app.push_screen(ConfirmDialog(t(question_key, drive=drive_text(drive))),
                                 answer)
            return

        def picked(drive: Drive | None) -> None:
            if drive is not None:
                on_target([Path(drive.path)])

        self.app.push_screen(DrivePicker(drives), picked)


class JobDone(Message):
    """Posted by a screen's worker thread when its job has ended."""

    def __init__(self, name: str, result: Any, error: BaseException | None) -> None:
        super().__init__()
        self.name = name
        self.result = result
        self.error = error


class TransferScreen(ModalScreen[R]):
    """A full-size modal for export, import or report: commands, busy state, Escape.

    Subclasses list their commands in ``ACTIONS`` like an ``MpaScreen``. While ``busy``
    (a worker thread writes to the stick) the screen refuses to close: the thread still
    reports to it, and a half-finished copy must not look finished.
    """

    CSS_PATH = "../transfer.tcss"
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
