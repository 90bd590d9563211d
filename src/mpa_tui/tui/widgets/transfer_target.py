"""Shared widgets of the export, import and report screens.

``TargetPanel``     where to write to / read from: the detected USB sticks, a typed path,
                    and the choose-flow (one stick: confirm; several: pick; none: type).
``JobDone``         the message a worker thread posts when it has finished.

The base screen is :class:`mpa_tui.tui.screens.transfer.TransferScreen`; the list of
sticks to pick from is :class:`mpa_tui.tui.dialogs.drive.DrivePicker`.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from mpa_tui.export.drives import Drive
from mpa_tui.i18n import t
from mpa_tui.tui.dialogs import ConfirmDialog
from mpa_tui.tui.dialogs.drive import DrivePicker, drive_text

FindDrives = Callable[[], list[Drive]]
"""``find_drives()``-like: the removable drives now plugged in (injectable for tests)."""


def default_find_drives() -> list[Drive]:
    """The real drive detection (imported lazily: psutil is only needed here)."""
    from mpa_tui.export.drives import find_drives

    return find_drives()


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

