"""Impor: bring sessions from a USB stick, export folders or bundle files into the store.

``import_paths`` runs in a worker thread; the result lists every file as added, merged,
unchanged or failed (with the translated reason and the resolved conflicts). When the
session open in the app was merged, the app's in-memory copy is stale: it is reopened
from disk when this screen closes (its undo history, which predates the merge, is
dropped), so a later edit cannot overwrite what was imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from mpa_tui.i18n import catalogs, get_language, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.transfer import TransferScreen
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.transfer_target import (
    FindDrives,
    TargetPanel,
    default_find_drives,
    failure_text,
)

Importer = Callable[..., Any]
"""``import_paths``-like: ``(store, paths, *, lang) -> ImportResult``."""

MAX_CONFLICTS_SHOWN = 3
DETAIL_WIDTH = 44
"""Columns for the reason / session; longer texts wrap onto more lines of the row."""


def default_importer(*args: Any, **kw: Any) -> Any:
    """The real importer (imported lazily)."""
    from mpa_tui.export.importer import import_paths

    return import_paths(*args, **kw)


def conflict_text(conflicts: list[Any]) -> str:
    """``2 perbedaan diselesaikan: Kartu 1a2b3c4d: versi impor, ...`` (plain text)."""
    known = catalogs()["id"]
    parts = []
    for c in conflicts[:MAX_CONFLICTS_SHOWN]:
        keys = [f"{area}.kind.{c.collection}" for area in ("transfer", "trash")]
        what = next((t(k) for k in keys if k in known), c.collection)
        winner = t(f"transfer.conflict.{c.winner}") \
            if f"transfer.conflict.{c.winner}" in known else c.winner
        parts.append(t("transfer.conflict", what=what, id=c.entity_id[:8], winner=winner))
    if len(conflicts) > MAX_CONFLICTS_SHOWN:
        parts.append("...")
    return t("transfer.import.conflicts", n=len(conflicts), items=", ".join(parts))


def shown_path(path: Path, sources: list[Path]) -> str:
    """``path`` relative to the chosen source it was found in (short enough for 80 cols)."""
    for root in sources:
        try:
            rel = path.relative_to(root)
        except ValueError:
            continue
        return str(rel) if rel.parts else path.name
    return str(path)


class ImportScreen(TransferScreen[Any]):
    """Import bundles; dismisses with the ``ImportResult`` (None when nothing ran).

    Args:
        store: The app's open, locked store.
        find_drives: Drive detection (tests inject a fake).
        importer: ``import_paths`` (tests may inject another).
    """

    HELP_TOPIC = "import"
    ACTIONS: ClassVar = (
        Command("import.start", "ctrl+s", "start", "transfer.cmd.import",
                "transfer.cmd.import.tip", key_display="^s"),
        # The cursor stays in the path field after an import: there ↑/↓ scroll the
        # results (once the table has the focus, its own keys come first).
        Command("import.down", "down", "results(1)", "cycle.cmd.down", show=False,
                palette=False),
        Command("import.up", "up", "results(-1)", "cycle.cmd.up", show=False,
                palette=False),
    )

    def __init__(self, store: Any, *, find_drives: FindDrives | None = None,
                 importer: Importer | None = None) -> None:
        super().__init__(classes="import-screen")
        self.store = store
        self._find_drives = find_drives or default_find_drives
        self._importer = importer or default_importer
        self.result: Any = None
        self.error = ""
        self.reload_id: str | None = None
        self.sources: list[Path] = []

    def compose(self) -> ComposeResult:
        """Intro, source, buttons, message, the result table, footer."""
        with Vertical(classes="transfer-box"):
            yield Static(t("transfer.import.title"), markup=False, classes="transfer-title")
            yield Static(t("transfer.import.intro"), markup=False, classes="transfer-hint",
                         id="import-intro")
            yield Static(t("transfer.target.source"), markup=False, classes="transfer-section")
            yield TargetPanel(self._find_drives, input_id="import-path", files_ok=True,
                              placeholder=t("transfer.target.placeholder_many"))
            with Horizontal(classes="transfer-buttons"):
                yield Button(t("transfer.import.start"), id="import-go", variant="primary",
                             compact=True)
                yield Button(t("transfer.cmd.close"), id="import-close", compact=True)
            yield Static("", markup=False, id="import-message", classes="transfer-message")
            yield DataTable(id="import-results", cursor_type="row", classes="transfer-table")
        yield KeyBar()

    def on_mount(self) -> None:
        """Columns of the result table; the cursor in the path field (a typed path wins,
        an empty one means the stick found)."""
        table = self.query_one("#import-results", DataTable)
        table.add_column(t("transfer.import.col.status"), key="status")
        table.add_column(t("transfer.import.col.detail"), key="detail", width=DETAIL_WIDTH)
        table.add_column(t("transfer.import.col.file"), key="file")
        table.display = False
        self.panel().path_input.focus()

    # -- starting ----------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The two buttons: import, close."""
        event.stop()
        if event.button.id == "import-go":
            self.action_start()
        elif event.button.id == "import-close":
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path field imports from there."""
        event.stop()
        self.action_start()

    def action_results(self, step: int) -> None:
        """Move the results' cursor one row (the table scrolls to keep it in view)."""
        table = self.query_one("#import-results", DataTable)
        if table.display and table.row_count:
            if step > 0:
                table.action_cursor_down()
            else:
                table.action_cursor_up()

    def _open_controller(self) -> Any:
        return getattr(self.app, "controller", None)

    def action_start(self) -> None:
        """Find the source (typed, or a stick), then import."""
        if self.busy:
            return
        ctl = self._open_controller()
        # An unsaved open session would overwrite a merge at its next save: wait for it.
        if ctl is not None and ctl.pending and not ctl.retry_save():
            self.show_message(t("transfer.import.pending"), error=True)
            return
        self.panel().choose("transfer.import.confirm", self.start)

    def start(self, paths: list[Path]) -> None:
        """Run the import of ``paths`` in a worker thread."""
        if self.busy:
            return
        self.result, self.error = None, ""
        self.sources = list(paths)
        self.show_message(t("transfer.import.running"))
        store, importer, lang = self.store, self._importer, get_language()

        def job() -> Any:
            return importer(store, list(paths), lang=lang)

        self.run_job("import", job)

    def outcome_text(self, name: str, result: Any, error: BaseException | None
                     ) -> tuple[str, bool]:
        """The summary line, or why the import failed (thread-safe)."""
        if error is not None:
            detail = failure_text(error) or type(error).__name__
            return t("transfer.import.failed", detail=detail), False
        return (t("export.import.summary", added=result.count("added"),
                  merged=result.count("merged"), unchanged=result.count("unchanged"),
                  failed=result.count("failed")), not result.failed)

    def job_done(self, name: str, result: Any, error: BaseException | None) -> None:
        """Show the result (or the failure)."""
        if error is not None:
            self.error = self.outcome_text(name, result, error)[0]
            self.show_message(self.error, error=True)
            return
        self.result = result
        self.show_result(result)

    # -- the result --------------------------------------------------------------------
    def show_result(self, result: Any) -> None:
        """Fill the table and the summary line; note a merged open session."""
        names = self._group_names()
        table = self.query_one("#import-results", DataTable)
        table.clear()
        ctl = self._open_controller()
        open_id = ctl.session.id if ctl is not None else None
        for i, item in enumerate(result.items):
            if item.status == "failed":
                detail = item.error
            else:
                sid = item.session_id or ""
                detail = t("transfer.import.session", group=names.get(sid, ""), id=sid[:8])
                if item.conflicts:
                    detail += " · " + conflict_text(item.conflicts)
                for warning in getattr(item, "warnings", ()):  # e.g. its clock is ahead
                    detail += " · " + warning
            if item.status == "merged" and item.session_id == open_id:
                self.reload_id = item.session_id
            table.add_row(Text(t(f"transfer.import.status.{item.status}")), Text(detail),
                          Text(shown_path(item.path, self.sources)), key=str(i),
                          height=None)
        table.display = bool(result.items)
        # The results need the room more than the explanation now.
        self.query_one("#import-intro").display = not result.items
        lines = [self.outcome_text("import", result, None)[0]]
        if self.reload_id:
            lines.append(t("transfer.import.reload"))
        self.show_message("\n".join(lines), error=bool(result.failed),
                          ok=not result.failed)

    def _group_names(self) -> dict[str, str]:
        try:
            return {row.id: row.group_name for row in self.store.repo.list()}
        except Exception:  # names are a nicety; the ids are shown anyway
            return {}

    def show_message(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        """The message line: red when something failed."""
        line = self.query_one("#import-message", Static)
        line.update(text)
        line.set_class(error, "-error")
        line.set_class(ok, "-ok")

    # -- closing -----------------------------------------------------------------------
    def close_result(self) -> Any:
        """The import result (or None)."""
        return self.result

    def action_close(self) -> None:
        """Close; reopen the open session from disk when the import merged into it."""
        if self.busy:
            super().action_close()
            return
        reload_id, app = self.reload_id, self.app
        self.dismiss(self.result)
        if reload_id is not None and hasattr(app, "open_session"):
            # A new controller on the merged file: the stale copy (and its undo history,
            # which would bring back the pre-merge state) is dropped.
            app.call_later(app.open_session, reload_id)
