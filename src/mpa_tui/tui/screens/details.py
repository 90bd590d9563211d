"""Session details form: who, where, when, the guiding question and the settings.

Validated with the domain models; each error shows beside its field in the user's
language. Saving a new session creates it durably and opens step 1.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static

from mpa_tui.domain import (
    CountingMode,
    PaperSize,
    Session,
    Settings,
    Step,
    VoteEntry,
    problems_from,
)
from mpa_tui.domain.details import set_details
from mpa_tui.i18n import get_language, problem_text, t
from mpa_tui.store.errors import StoreError
from mpa_tui.store.messages import error_message
from mpa_tui.tui.commands import Command
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.dialogs.form import date_text, parse_date
from mpa_tui.tui.dialogs.place_picker import (
    picker_start,
    region_row,
    region_status,
    settled_code,
)
from mpa_tui.tui.screens.base import MpaScreen
from mpa_tui.tui.screens.notes_key import NOTES_COMMAND, open_notes
from mpa_tui.tui.widgets import KeyBar
from mpa_tui.tui.widgets.checkbox import StateCheckbox

TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("group", "details.group"),
    ("village", "details.village"),
    ("subdistrict", "details.subdistrict"),
    ("regency", "details.regency"),
    ("province", "details.province"),
    ("start_date", "details.start_date"),
    ("end_date", "details.end_date"),
    ("place", "details.place"),
    ("facilitators", "details.facilitators"),
    ("guiding_question", "details.guiding_question"),
)
NUMBER_FIELDS: tuple[tuple[str, str], ...] = (
    ("vote_budget", "details.vote_budget"),
    ("max_votes_per_category", "details.max_votes"),
    ("timer_minutes", "details.timer_minutes"),
)
_LOCATION = ("village", "subdistrict", "regency", "province")
# pydantic error location (first parts) -> the form field showing it
_FIELD_OF = {"group_name": "group", "location": None, "settings": None}


def form_values(session: Session | None) -> dict[str, Any]:
    """The form's initial values for ``session`` (or a new session's defaults)."""
    if session is None:
        s = Settings()
        return {"group": "", "village": "", "subdistrict": "", "regency": "", "province": "",
                "region_code": "",
                "start_date": "", "end_date": "", "place": "", "facilitators": "",
                "guiding_question": t("details.default_question"),
                "record_authorship": s.record_authorship, "counting_mode": s.counting_mode,
                "vote_entry": s.vote_entry, "vote_budget": str(s.vote_budget),
                "max_votes_per_category": "", "paper_size": s.paper_size,
                "timer_minutes": str(s.timer_minutes)}
    st = session.settings
    loc = session.location
    return {
        "group": session.group_name, "village": loc.village, "subdistrict": loc.subdistrict,
        "regency": loc.regency, "province": loc.province, "region_code": loc.region_code,
        "start_date": date_text(session.start_date),
        "end_date": date_text(session.end_date),
        "place": session.place, "facilitators": ", ".join(session.facilitators),
        "guiding_question": session.guiding_question,
        "record_authorship": st.record_authorship, "counting_mode": st.counting_mode,
        "vote_entry": st.vote_entry, "vote_budget": str(st.vote_budget),
        "max_votes_per_category": str(st.max_votes_per_category or ""),
        "paper_size": st.paper_size, "timer_minutes": str(st.timer_minutes),
    }


def session_data(values: dict[str, Any]) -> dict[str, Any]:
    """Model input (``Session`` fields) from the form's values; validation is the model's."""
    def opt(v: str) -> str | None:
        return v.strip() or None

    return {
        "group_name": values["group"],
        "location": {**{k: values[k] for k in _LOCATION},
                     "region_code": values.get("region_code", "")},
        "start_date": parse_date(values["start_date"]),
        "end_date": parse_date(values["end_date"]),
        "place": values["place"],
        "facilitators": [x.strip() for x in values["facilitators"].split(",") if x.strip()],
        "guiding_question": values["guiding_question"],
        "settings": {
            "record_authorship": bool(values["record_authorship"]),
            "counting_mode": values["counting_mode"],
            "vote_entry": values["vote_entry"],
            "vote_budget": values["vote_budget"].strip(),
            "max_votes_per_category": opt(values["max_votes_per_category"]),
            "paper_size": values["paper_size"],
            "timer_minutes": values["timer_minutes"].strip(),
        },
    }


def field_of(loc: str, key: str) -> str:
    """The form field that shows an error at pydantic location ``loc`` ("" = general)."""
    parts = loc.split(".") if loc else []
    if not parts:
        return "end_date" if key == "end_before_start" else ""
    head = parts[0]
    if head in ("location", "settings") and len(parts) > 1:
        return parts[1]
    if head in _FIELD_OF and _FIELD_OF[head]:
        return str(_FIELD_OF[head])
    return head


class DetailsScreen(MpaScreen):
    """The form for a new session or the open session's details and settings."""

    HELP_TOPIC = "details"
    ACTIONS: ClassVar = (
        # Not a priority binding: it then waits behind the letters typed before it, which
        # the focused field has not taken in yet on a slow laptop (they would be lost).
        Command("details.save", "ctrl+s", "save", "details.cmd.save", "details.cmd.save.tip"),
        Command("details.cancel", "escape", "cancel", "details.cmd.cancel",
                "details.cmd.cancel.tip", key_display="Esc"),
        Command("details.place", "ctrl+l", "pick_place", "details.cmd.place",
                "details.cmd.place.tip", key_display="^l", priority=True),
        replace(NOTES_COMMAND, show=True),  # the form's key bar has room for it
    )

    def __init__(self, store: Any, controller: SessionController | None, *,
                 template: Session | None = None, region_code: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.controller = controller
        self.template = template
        session = controller.session if controller else template
        self.region_code = region_code if region_code is not None else (
            session.location.region_code if session else "")
        """The Kemendagri code picked (kept apart from the typed names)."""

    def rebuild(self) -> MpaScreen:
        """A fresh form on the same session (typed values are carried by the app)."""
        return DetailsScreen(self.store, self.controller, template=self.template,
                             region_code=self.region_code)

    @property
    def read_only(self) -> bool:
        """The open session cannot be changed (written by a newer app)."""
        return self.controller is not None and self.controller.read_only

    def compose(self) -> ComposeResult:
        """Title, notice, the form and the footer."""
        session = self.controller.session if self.controller else self.template
        values = form_values(session)
        title = t("details.title.edit") if self.controller else t("details.title.new")
        yield Static(title, id="home-title", markup=False)
        yield Static(t("tui.read_only_session") if self.read_only else "", id="details-notice",
                     markup=False, classes="" if self.read_only else "-empty")
        with VerticalScroll(id="details-form"):
            yield Static("", id="err-general", markup=False, classes="field-error -empty")
            yield Static(t("details.section.group"), classes="form-section", markup=False)
            for name, label in TEXT_FIELDS:
                if name == "start_date":
                    yield Static(t("details.section.when"), classes="form-section",
                                 markup=False)
                placeholder = (t("details.date_hint") if name.endswith("_date") else
                               t("details.facilitators_hint") if name == "facilitators" else "")
                yield from self._row(name, label, Input(values[name], id=name, compact=True,
                                                        placeholder=placeholder))
                if name == "province":
                    yield from region_row(self.read_only)
            yield Static(t("details.section.settings"), classes="form-section", markup=False)
            yield from self._row("record_authorship", "details.record_authorship",
                                 StateCheckbox(t("details.record_authorship.on"),
                                               values["record_authorship"],
                                               id="record_authorship", compact=True))
            yield from self._row("counting_mode", "details.counting_mode", Select(
                [(t(f"details.counting.{m.value}"), m) for m in CountingMode],
                value=values["counting_mode"], allow_blank=False, id="counting_mode",
                compact=True))
            yield from self._row("vote_entry", "details.vote_entry", Select(
                [(t(f"details.vote_entry.{m.value}"), m) for m in VoteEntry],
                value=values["vote_entry"], allow_blank=False, id="vote_entry", compact=True))
            for name, label in NUMBER_FIELDS:
                yield from self._row(name, label, Input(values[name], id=name, compact=True,
                                                        type="text"))
            yield from self._row("paper_size", "details.paper_size", Select(
                [(m.value, m) for m in PaperSize], value=values["paper_size"],
                allow_blank=False, id="paper_size", compact=True))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("details.save"), id="save", variant="primary",
                             disabled=self.read_only)
                yield Button(t("details.cancel"), id="cancel")
        yield KeyBar()

    def _row(self, name: str, label: str, field: Any) -> ComposeResult:
        # label + field on one line, the error right under the field (few widgets: fast)
        field.disabled = self.read_only
        field.add_class("form-field")
        with Horizontal(classes="form-row"):
            yield Static(t(label), classes="form-label", markup=False)
            yield field
        yield Static("", id=f"err-{name}", markup=False, classes="field-error form-error -empty")

    def on_mount(self) -> None:
        """Focus the first field."""
        self.query_one("#group", Input).focus()
        self.show_region()

    # -- the official place ------------------------------------------------------------
    def show_region(self) -> None:
        """The picked code and its official names, or what is missing."""
        values = self.values()
        self.query_one("#region-status", Static).update(region_status(values))

    def on_input_changed(self, event: Input.Changed) -> None:
        """A typed place name changes what the code line says."""
        if event.input.id in _LOCATION and self.is_mounted:
            self.show_region()

    def action_pick_place(self) -> None:
        """Pick provinsi, kabupaten, kecamatan and desa from the Kemendagri list."""
        if self.read_only:
            return
        from mpa_tui.tui.dialogs.place_picker import PlacePicker

        start, typed = picker_start(self.values())
        self.app.push_screen(PlacePicker(start, typed), self.use_place)

    def use_place(self, code: str | None) -> None:
        """Fill the typed names with the official ones of the picked code."""
        if code is None:
            return
        from mpa_tui.domain import places

        self.region_code = code
        for name, official in places.official_names(code).items():
            self.query_one(f"#{name}", Input).value = official
        self.show_region()
        if code.count(".") < 3:  # not in the list: the village is typed by hand
            self.query_one("#village", Input).focus()

    # -- reading and checking --------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The form's current values."""
        out: dict[str, Any] = {}
        for name, _ in (*TEXT_FIELDS, *NUMBER_FIELDS):
            out[name] = self.query_one(f"#{name}", Input).value
        out["region_code"] = self.region_code
        out["record_authorship"] = self.query_one("#record_authorship", Checkbox).value
        for name in ("counting_mode", "vote_entry", "paper_size"):
            out[name] = self.query_one(f"#{name}", Select).value
        return out

    def check(self) -> Session | None:
        """Validate the form; show errors beside the fields. The valid session, or None."""
        data = session_data(self.values())
        if self.controller is not None:
            base = self.controller.session.model_dump(mode="json")
            data["settings"] = base["settings"] | data["settings"]
            data = base | data
        else:
            data["language"] = get_language()
            if self.template is not None:
                data["participants"] = [p.model_dump(mode="json")
                                        for p in self.template.participants]
        for err in self.query(".field-error"):
            if isinstance(err, Static):
                err.update("")
                err.add_class("-empty")
        try:
            return Session.model_validate(data)
        except ValidationError as exc:
            self.show_errors(exc)
            return None

    def show_errors(self, exc: ValidationError) -> None:
        """Put each problem beside its field and focus the first one."""
        first: str | None = None
        texts: dict[str, list[str]] = {}
        for problem in problems_from(exc):
            name = field_of(problem.field, problem.key)
            if not self.query(f"#err-{name}"):
                name = "general"
            texts.setdefault(name, []).append(problem_text(problem))
            first = first or name
        for name, lines in texts.items():
            widget = self.query_one(f"#err-{name}", Static)
            widget.update(" ".join(dict.fromkeys(lines)))
            widget.remove_class("-empty")
        if first and first != "general":
            self.query_one(f"#{first}").focus()

    # -- actions ---------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "region-pick":
            self.action_pick_place()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves to the next one (Ctrl+S saves)."""
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        """Validate, then create the session (opens step 1) or update the open one."""
        if self.read_only:
            self.notify(t("tui.read_only"), severity="warning", markup=False)
            return
        checked = self.check()
        if checked is None:
            self.notify(t("details.has_errors"), severity="error", markup=False)
            return
        checked.location.region_code = settled_code(checked.location)
        if self.controller is None:
            self.mpa_app.create_session(checked)
            return
        try:
            self.controller.edit(lambda s: set_details(s, checked))
        except ValidationError as exc:
            self.show_errors(exc)
            return
        except StoreError as exc:  # e.g. a damaged file the store must not overwrite
            self.notify(error_message(exc), severity="error",
                        markup=False)
            return
        self.notify(t("details.saved"), timeout=2, markup=False)
        self.mpa_app.open_step(self.controller.session.current_step or Step.CIRCLE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Notes belong to an open session: none on the new-session form."""
        return self.controller is not None if action == "notes" else True

    def action_notes(self) -> None:
        """Open the process notes of the session details (Alt+C)."""
        open_notes(self, self.controller)

    def action_cancel(self) -> None:
        """Leave without saving: back to the session, or home for a new one."""
        if self.controller is None:
            self.mpa_app.open_home()
        else:
            self.mpa_app.open_step(self.controller.session.current_step)
