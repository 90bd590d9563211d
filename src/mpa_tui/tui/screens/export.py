"""Ekspor: copy the open session to a USB stick (or a typed folder), safely, in a worker.

The facilitator picks the formats (all by default), whether names are included (off by
default, with a privacy warning when on) and the language of the files; the stick is
found with ``find_drives`` (one: confirm; several: pick; none: type a folder). The copy
runs in a thread with a progress bar; the screen stays live. "Aman dicabut" is shown only
after ``export_session`` returned, i.e. after every file was read back and flushed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, ProgressBar, Select, Static

from mpa_tui.domain import Session
from mpa_tui.export.render import FORMATS
from mpa_tui.i18n import LANGUAGES, get_language, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.screens.transfer import TransferScreen
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.checkbox import StateCheckbox
from mpa_tui.tui.widgets.transfer_target import (
    FindDrives,
    TargetPanel,
    default_find_drives,
    failure_text,
)

Writer = Callable[..., Any]
"""``export_session``-like: ``(session, target_root, *, formats, with_names, lang, progress)``."""


def default_writer(*args: Any, **kw: Any) -> Any:
    """The real writer (imported lazily: it pulls in the renderers)."""
    from mpa_tui.export.writer import export_session

    return export_session(*args, **kw)


class ExportProgress(Message):
    """Posted from the worker thread for each step of the export."""

    def __init__(self, done: int, total: int, label: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.label = label


class ExportScreen(TransferScreen[None]):
    """Export the session to a stick or folder.

    Args:
        source: The open session's controller (or a Session, e.g. from the home screen).
        find_drives: Drive detection (tests inject a fake).
        writer: ``export_session`` (tests inject a failing or slow one).
    """

    ACTIONS: ClassVar = (
        Command("export.start", "ctrl+s", "start", "transfer.cmd.export",
                "transfer.cmd.export.tip", key_display="^s"),
    )

    def __init__(self, source: SessionController | Session, *,
                 find_drives: FindDrives | None = None, writer: Writer | None = None) -> None:
        super().__init__(classes="export-screen")
        self.source = source
        self._find_drives = find_drives or default_find_drives
        self._writer = writer or default_writer
        self.result: Any = None
        self.error: str = ""
        self._ui_lang = get_language()

    @property
    def session(self) -> Session:
        """The session to export (read fresh from the controller)."""
        if isinstance(self.source, SessionController):
            return self.source.session
        return self.source

    def compose(self) -> ComposeResult:
        """Options, destination, progress, messages, footer."""
        with Vertical(classes="transfer-box"):
            yield Static(t("transfer.export.title", group=self.session.group_name),
                         markup=False, classes="transfer-title")
            with Horizontal(classes="transfer-row", id="export-formats"):
                yield Static(t("transfer.export.formats"), markup=False,
                             classes="transfer-label")
                for fmt in FORMATS:
                    yield StateCheckbox(t(f"transfer.format.{fmt}"), True, compact=True,
                                        id=f"fmt-{fmt}")
            with Horizontal(classes="transfer-row"):
                yield StateCheckbox(t("transfer.export.names"), False, compact=True,
                                    id="export-names")
                yield Static(t("transfer.export.lang"), markup=False,
                             classes="transfer-label transfer-lang-label")
                yield Select([(t(f"transfer.lang.{code}"), code) for code in LANGUAGES],
                             value=get_language(), allow_blank=False, compact=True,
                             id="export-lang")
            yield Static(t("transfer.export.names_off"), markup=False, id="export-privacy")
            yield Static(t("transfer.target.title"), markup=False, classes="transfer-section")
            yield TargetPanel(self._find_drives, input_id="export-path",
                              placeholder=t("transfer.target.placeholder"))
            with Horizontal(classes="transfer-row transfer-progress-row -idle",
                            id="export-progress-row"):
                yield ProgressBar(total=None, show_eta=False, id="export-progress")
                yield Static("", markup=False, id="export-step")
            yield Static("", markup=False, id="export-message", classes="transfer-message")
            with Horizontal(classes="transfer-buttons"):
                yield Button(t("transfer.export.start"), id="export-go", variant="primary",
                             compact=True)
                yield Button(t("transfer.cmd.close"), id="export-close", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        """Focus what the facilitator most likely does next."""
        if self.panel().drives:
            self.query_one("#export-go", Button).focus()
        else:
            self.panel().path_input.focus()

    # -- options -----------------------------------------------------------------------
    def selected_formats(self) -> list[str]:
        """The ticked formats, in write order."""
        return [f for f in FORMATS if self.query_one(f"#fmt-{f}", Checkbox).value]

    @property
    def with_names(self) -> bool:
        """Whether names are included (the toggle)."""
        return self.query_one("#export-names", Checkbox).value

    @property
    def export_lang(self) -> str:
        """The language of the files."""
        value = self.query_one("#export-lang", Select).value
        return value if isinstance(value, str) else get_language()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        """The names toggle shows the privacy warning while it is on."""
        if event.checkbox.id == "export-names":
            privacy = self.query_one("#export-privacy", Static)
            privacy.update(t("transfer.export.names_on" if event.value
                             else "transfer.export.names_off"))
            privacy.set_class(event.value, "-warning")

    # -- starting ----------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The two buttons: copy, close."""
        event.stop()
        if event.button.id == "export-go":
            self.action_start()
        elif event.button.id == "export-close":
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path field starts the copy there."""
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Check the options and find the destination, then copy."""
        if self.busy:
            return
        if not self.selected_formats():
            self.show_message(t("transfer.export.no_format"), error=True)
            return
        self.panel().choose("transfer.export.confirm", lambda paths: self.start(paths[0]))

    def start(self, target: Path) -> None:
        """Run the export into ``target`` in a worker thread."""
        if self.busy:
            return
        # A private copy: the worker never reads an object the UI thread could change.
        session = self.session.model_copy(deep=True)
        options = {"formats": self.selected_formats(), "with_names": self.with_names,
                   "lang": self.export_lang}
        self._ui_lang = get_language()
        self.result, self.error = None, ""
        self.show_message(t("transfer.export.running"))
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#export-step", Static).update("")
        self.query_one("#export-progress-row").remove_class("-idle")
        writer = self._writer

        def progress(done: int, total: int, label: str) -> None:
            self.post_message(ExportProgress(done, total, label))  # thread-safe

        def job() -> Any:
            return writer(session, target, progress=progress, **options)

        self.run_job("export", job)

    # -- progress and the end --------------------------------------------------------
    def on_export_progress(self, event: ExportProgress) -> None:
        """Move the bar (ignored once the export has ended)."""
        if not self.busy:
            return
        self.query_one("#export-progress", ProgressBar).update(total=event.total,
                                                                progress=event.done)
        # The writer's last step says "Aman dicabut": shown only on success (below).
        if event.done < event.total:
            self.query_one("#export-step", Static).update(event.label)

    def outcome_text(self, name: str, result: Any, error: BaseException | None
                     ) -> tuple[str, bool]:
        """"Aman dicabut" and the folder, or the translated failure (thread-safe)."""
        if error is None:
            folder = getattr(result, "folder", result)
            key = ("transfer.export.done" if getattr(result, "synced", True)
                   else "export.done_wait_for_light")  # never "safe" after a failed flush
            return t(key, self._ui_lang, folder=str(folder)), True
        return (failure_text(error, self._ui_lang)
                or t("transfer.export.failed", self._ui_lang, detail=type(error).__name__),
                False)

    def job_done(self, name: str, result: Any, error: BaseException | None) -> None:
        """The export ended: full bar and "safe to remove", or a red message."""
        bar = self.query_one("#export-progress", ProgressBar)
        self.query_one("#export-step", Static).update("")
        text, ok = self.outcome_text(name, result, error)
        if ok:
            self.result = result
            bar.update(total=1, progress=1)
        else:
            self.error = text
            bar.update(total=None, progress=0)
        self.show_message(text, ok=ok, error=not ok)

    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        """The message line: red for an error, green for "safe to remove"."""
        line = self.query_one("#export-message", Static)
        line.update(text)
        line.set_class(error, "-error")
        line.set_class(ok, "-ok")

