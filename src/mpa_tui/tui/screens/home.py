"""Beranda (home): the sessions list from the index, new, open, duplicate, trash, example."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import Static

from mpa_tui.domain.step import Step
from mpa_tui.i18n import t
from mpa_tui.i18n.formats import format_day
from mpa_tui.store.errors import StoreError
from mpa_tui.store.messages import damage_message, error_message
from mpa_tui.tui.commands import Command
from mpa_tui.tui.screens.base import MpaScreen
from mpa_tui.tui.widgets import KeyBar, step_short
from mpa_tui.tui.widgets.session_list import SessionList, SessionRow


def example_loader() -> Any | None:
    """``mpa_tui.data.load_example`` when the example data is installed, else None."""
    try:
        from mpa_tui.data import load_example
    except ImportError:
        return None
    return load_example


class HomeScreen(MpaScreen):
    """The list of sessions (newest first) and what to do with them."""

    HELP_TOPIC = "home"
    ACTIONS: ClassVar = (
        Command("home.new", "n", "new", "home.cmd.new", "home.cmd.new.tip", key_display="N"),
        Command("home.open", "o", "open", "home.cmd.open", "home.cmd.open.tip",
                key_display="Enter"),
        Command("home.duplicate", "d", "duplicate", "home.cmd.duplicate",
                "home.cmd.duplicate.tip", key_display="D"),
        Command("home.trash", "delete,x", "trash_session", "home.cmd.trash",
                "home.cmd.trash.tip", key_display="Del"),
        Command("home.trash_view", "t", "trash_view", "home.cmd.trash_view",
                "home.cmd.trash_view.tip", key_display="T"),
        Command("home.example", "e", "example", "home.cmd.example", "home.cmd.example.tip",
                key_display="E"),
        # The footer is full at 80 columns: these two are in the palette and the home help.
        Command("home.import", "i", "import", "transfer.open.import", "transfer.open.import.tip",
                show=False, key_display="I"),
        Command("home.report", "l", "report", "transfer.open.report", "transfer.open.report.tip",
                show=False, key_display="L"),
    )

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def rebuild(self) -> MpaScreen:
        """A fresh home screen."""
        return HomeScreen(self.store)

    def compose(self) -> ComposeResult:
        """Title, notices, the sessions table, the empty-store offer and the footer."""
        yield Static(t("home.title"), id="home-title", markup=False)
        yield Static("", id="home-notice", markup=False, classes="-empty")
        columns = ("group", "village", "date", "step", "cards")
        yield SessionList([t(f"home.col.{c}") for c in columns], id="sessions")
        yield Static("", id="home-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the list; show damaged-file notices once per run."""
        self.refresh_list()
        self._show_damage_once()
        self.query_one("#sessions", SessionList).focus()

    # -- list ------------------------------------------------------------------------
    def refresh_list(self, select: str | None = None) -> None:
        """Reload the rows from the index (never by reading every session)."""
        listing = self.query_one("#sessions", SessionList)
        keep = select or self.selected_id()
        rows = self.store.repo.list()
        listing.set_rows(rows, keep=keep, formatter=self._row)
        empty = self.query_one("#home-empty", Static)
        if rows:
            empty.display = False
        else:
            empty.display = True
            lines = [t("home.empty"), t("home.empty.new")]
            if example_loader() is not None:
                lines.append(t("home.empty.example"))
            empty.update("\n".join(lines))
        self.refresh_bindings()

    def _row(self, row: Any) -> SessionRow:
        step = Step(row.current_step) if 1 <= row.current_step <= 8 else Step.CIRCLE
        group = row.group_name + (f" ({t('home.example_mark')})" if row.is_example else "")
        if self.store.repo.is_read_only(row.id):
            group += f" ({t('tui.status.read_only')})"
        return SessionRow(
            id=row.id, group=group, village=row.village or "—",
            date=format_day(row.start_date) or "—",
            step=f"{int(step)} {step_short(step)}", cards=str(row.card_count),
        )

    def selected_id(self) -> str | None:
        """The id of the highlighted session, if any."""
        return self.query_one("#sessions", SessionList).selected_id()

    def _show_damage_once(self) -> None:
        app: Any = self.app
        if getattr(app, "damage_notice_shown", False):
            return
        app.damage_notice_shown = True
        lines = [damage_message(r, names_only=True)
                 for r in getattr(self.store, "damage_reports", [])]
        if lines:
            notice = self.query_one("#home-notice", Static)
            notice.update("\n".join([t("home.damage.title"), *lines]))
            notice.remove_class("-empty")

    # -- actions ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs a selected session; hide the example offer when absent."""
        if action in ("open", "duplicate", "trash_session"):
            try:
                return True if self.selected_id() else None
            except Exception:
                return None
        if action == "example":
            return True if example_loader() is not None else None
        return True

    def on_session_list_selected(self, event: SessionList.Selected) -> None:
        """Enter (or a click) on a row opens that session."""
        event.stop()
        self.mpa_app.open_session(event.session_id)

    def on_session_list_highlighted(self, event: SessionList.Highlighted) -> None:
        """Open/duplicate/trash follow the highlighted row."""
        event.stop()
        self.refresh_bindings()

    def action_new(self) -> None:
        """Open the form for a new session."""
        self.mpa_app.open_new_session()

    def action_open(self) -> None:
        """Open the highlighted session."""
        sid = self.selected_id()
        if sid:
            self.mpa_app.open_session(sid)

    def action_duplicate(self) -> None:
        """Copy details, settings and participants of the highlighted session into a new one."""
        from mpa_tui.domain.details import template_from  # pydantic models: not at start-up

        sid = self.selected_id()
        if not sid:
            return
        try:
            source = self.store.repo.load(sid)
            copy = template_from(source, t("home.copy_suffix"))
            self.store.repo.create(copy)
        except StoreError as exc:
            self.notify(error_message(exc), severity="error",
                        markup=False)
            return
        self.refresh_list(select=copy.id)
        self.notify(t("home.duplicated", name=copy.group_name), markup=False)

    def action_trash_session(self) -> None:
        """Move the highlighted session to the trash (after a question)."""
        sid = self.selected_id()
        if not sid:
            return
        name = self.store.repo.summary(sid).group_name

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.repo.trash(sid)
            except StoreError as exc:
                self.notify(error_message(exc), severity="error",
                            markup=False)
                return
            self.refresh_list()
            self.notify(t("home.trashed", name=name), markup=False)

        from mpa_tui.tui.dialogs import ConfirmDialog  # dialogs load on first use

        self.app.push_screen(ConfirmDialog(t("home.trash.confirm", name=name)), answer)

    def action_trash_view(self) -> None:
        """Show trashed sessions, to restore them."""
        from mpa_tui.tui.screens.trash import SessionTrashScreen

        self.app.push_screen(SessionTrashScreen(self.store), lambda _=None: self.refresh_list())

    def action_import(self) -> None:
        """Import sessions from a stick or another laptop's files (I)."""
        self.mpa_app.open_import()

    def action_report(self) -> None:
        """The report across sessions (L)."""
        self.mpa_app.open_report()

    def action_example(self) -> None:
        """Load the shipped example session (once) and open it."""
        loader = example_loader()
        if loader is None:
            return
        from mpa_tui.data import install_example

        try:
            sid, _ = install_example(self.store.repo)
        except StoreError as exc:
            self.notify(error_message(exc), severity="error",
                        markup=False)
            return
        self.mpa_app.open_session(sid)
