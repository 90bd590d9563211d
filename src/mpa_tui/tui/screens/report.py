"""Laporan: which problems recur across sessions, shown here and written to a stick.

Filters (group, village, since) narrow the sessions of the store; the recurring
categories table (title, sessions, villages, average rank) is computed in a worker and
shown literally; Ctrl+S writes laporan.html, laporan.xlsx and the flat CSV tables into
``MPA/laporan_<date>/`` on the chosen stick or folder, safely (like an export).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from mpa_tui.i18n import get_language, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.transfer import TransferScreen
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.transfer_target import (
    FindDrives,
    TargetPanel,
    default_find_drives,
    failure_text,
)

if TYPE_CHECKING:  # the report pipeline loads the models: only when a report runs
    from mpa_tui.export.report_run import ReportFilters, ReportRun

FILTER_IDS = ("report-group", "report-village", "report-since")
TITLE_WIDTH = 36
"""Columns for the category title, so all four columns fit in 80."""


class ReportScreen(TransferScreen[None]):
    """The report across sessions.

    Args:
        store: The app's open store.
        find_drives: Drive detection (tests inject a fake).
    """

    HELP_TOPIC = "report"
    ACTIONS: ClassVar = (
        Command("report.start", "ctrl+s", "start", "transfer.cmd.report",
                "transfer.cmd.report.tip", key_display="^s"),
        Command("report.preview", "ctrl+t", "preview", "transfer.cmd.preview",
                "transfer.cmd.preview.tip", show=False),
        Command("report.examples", "ctrl+e", "toggle_examples", "transfer.cmd.examples",
                "transfer.cmd.examples.tip", key_display="^e", priority=True),
    )

    def __init__(self, store: Any, *, find_drives: FindDrives | None = None) -> None:
        super().__init__(classes="report-screen")
        self.store = store
        self._find_drives = find_drives or default_find_drives
        self.outcome: ReportRun | None = None
        self.error = ""
        self.include_examples = False
        """Example sessions are fictional: counted only when the user asks (Ctrl+E)."""
        self.running = ""
        """The job started last: ``report-preview`` or ``report-save``."""
        self.dropped = False
        """Closed while the table was still computed: its outcome is shown nowhere."""

    def compose(self) -> ComposeResult:
        """Filters, the recurring table, destination, message, buttons, footer."""
        with Vertical(classes="transfer-box"):
            yield Static(t("transfer.report.title"), markup=False, classes="transfer-title")
            with Horizontal(classes="transfer-row transfer-filters"):
                for key, fid in zip(("group", "village", "since"), FILTER_IDS, strict=True):
                    yield Static(t(f"transfer.report.{key}"), markup=False,
                                 classes="transfer-label")
                    yield Input(id=fid, compact=True)
            yield Static("", markup=False, id="report-filter-error",
                         classes="field-error")
            yield Static("", markup=False, id="report-count", classes="transfer-hint")
            yield DataTable(id="report-table", cursor_type="row", classes="transfer-table")
            yield Static(t("transfer.target.title"), markup=False, classes="transfer-section")
            yield TargetPanel(self._find_drives, input_id="report-path", compact=True,
                              placeholder=t("transfer.target.placeholder"))
            yield Static("", markup=False, id="report-message", classes="transfer-message")
            with Horizontal(classes="transfer-buttons"):
                yield Button(t("transfer.report.start"), id="report-go", variant="primary",
                             compact=True)
                yield Button(t("transfer.cmd.close"), id="report-close", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        """Table columns; show the table for all sessions at once."""
        table = self.query_one("#report-table", DataTable)
        for key, width in (("title", TITLE_WIDTH), ("sessions", None), ("villages", None),
                           ("avg_rank", None)):
            table.add_column(t(f"transfer.report.col.{key}"), key=key, width=width)
        self.query_one(f"#{FILTER_IDS[0]}", Input).focus()
        self.action_preview()

    # -- filters -----------------------------------------------------------------------
    def read_filters(self) -> ReportFilters | None:
        """The typed filters; None (and a red line) when the date is not valid."""
        values = [self.query_one(f"#{fid}", Input).value.strip() for fid in FILTER_IDS]
        error = self.query_one("#report-filter-error", Static)
        since = None
        if values[2]:
            try:
                since = date.fromisoformat(values[2])
            except ValueError:
                error.update(t("transfer.report.bad_date", value=values[2]))
                return None
        error.update("")
        from mpa_tui.export.report_run import ReportFilters

        return ReportFilters(values[0], values[1], since, self.include_examples)

    def action_toggle_examples(self) -> None:
        """Count example sessions too, or leave them out again (the default)."""
        self.include_examples = not self.include_examples
        self.action_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a filter shows the table; in the path field it saves."""
        event.stop()
        if event.input.id in FILTER_IDS:
            self.action_preview()
        else:
            self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The two buttons: save, close."""
        event.stop()
        if event.button.id == "report-go":
            self.action_start()
        elif event.button.id == "report-close":
            self.action_close()

    # -- running -----------------------------------------------------------------------
    def action_preview(self) -> None:
        """Recompute the table with the filters (nothing is written)."""
        filters = self.read_filters()
        if filters is not None and not self.busy:
            self._run(filters, None)

    def action_start(self) -> None:
        """Find the destination, then build and write the report."""
        if self.busy:
            return
        filters = self.read_filters()
        if filters is None:
            return
        self.panel().choose("transfer.report.confirm",
                            lambda paths: self._run(filters, paths[0]))

    def _run(self, filters: ReportFilters, target: Path | None) -> None:
        if self.busy:
            return
        self.error = ""
        self.show_message(t("transfer.report.running"))
        store, lang = self.store, get_language()

        def job() -> ReportRun:
            from mpa_tui.export.report_run import run_report

            return run_report(store, filters, lang=lang, target=target)

        self.running = "report-save" if target is not None else "report-preview"
        self.run_job(self.running, job)

    def action_close(self) -> None:
        """Close. Only writing the report makes Esc wait; a table still being computed
        (nothing is written) is dropped, its worker ends unseen."""
        if self.busy and self.running == "report-preview":
            self.dropped = True
            self.dismiss(self.close_result())
            return
        super().action_close()

    def outcome_text(self, name: str, result: Any, error: BaseException | None
                     ) -> tuple[str, bool]:
        """Where the files went, or why not (thread-safe)."""
        if self.dropped:
            return "", True
        if error is not None:
            return (failure_text(error)
                    or t("transfer.report.failed", detail=type(error).__name__), False)
        lines = []
        if not result.report.session_ids:
            lines.append(t("export.report.empty"))
        elif result.folder is not None:
            lines.append(t("transfer.report.done", folder=str(result.folder)))
        if result.unreadable:
            lines.append(t("transfer.report.unreadable", n=result.unreadable))
        failed = name == "report-save" and result.folder is None
        return "\n".join(lines), not failed

    def job_done(self, name: str, result: Any, error: BaseException | None) -> None:
        """Show the table, and where the files went (or why not)."""
        text, ok = self.outcome_text(name, result, error)
        if error is not None:
            self.error = text
        else:
            self.outcome = result
            self.show_table(result)
        self.show_message(text, error=not ok, ok=ok and result is not None
                          and result.folder is not None)

    def show_table(self, outcome: ReportRun) -> None:
        """The recurring categories (user text as literal Text)."""
        report = outcome.report
        table = self.query_one("#report-table", DataTable)
        table.clear()
        for i, row in enumerate(report.recurring.rows):
            title, sessions, villages, avg = row
            table.add_row(Text(str(title)), Text(str(sessions), justify="right"),
                          Text(str(villages), justify="right"),
                          Text(f"{float(avg):.2f}", justify="right"), key=str(i))
        examples = ("transfer.report.examples_in" if self.include_examples
                    else "transfer.report.examples_out")
        self.query_one("#report-count", Static).update(t(
            "transfer.report.count", sessions=len(report.session_ids),
            villages=len(report.villages.rows), categories=len(report.recurring.rows))
            + " " + t(examples))

    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        """The message line: red for an error, green when written."""
        line = self.query_one("#report-message", Static)
        line.update(text)
        line.set_class(error, "-error")
        line.set_class(ok, "-ok")
