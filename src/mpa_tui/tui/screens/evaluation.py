"""Evaluasi & terminasi: the paper's process checklist, what helped and hindered, results,
participants' words (pseudonymous), impact, innovation, termination and handover.

One scrolling form. A text field is saved when Enter is pressed or the cursor leaves it
(only if it changed, so moving around makes no undo steps); a checklist choice is saved
when chosen. The list sections (supporting factors, obstacles, results, innovation,
quotes) add an item with Enter in their field; Delete on an item removes it (ctrl+z
brings it back). Quotes get a speaker code (P1, P2 ...) by default, never a name unless
the facilitator links a participant on purpose (Enter on the quote).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from mpa_tui.domain import ChecklistKey, Quote, Session
from mpa_tui.domain.evaluation import (
    LIST_FIELDS,
    add_item,
    add_quote,
    edit_quote,
    remove_item,
    set_check,
    set_evaluation,
)
from mpa_tui.i18n import error_text, t
from mpa_tui.tui.commands import Command
from mpa_tui.tui.dialogs.form import NONE, FormField, checked, date_text, parse_date
from mpa_tui.tui.screens.base import SessionChanged, run_edit
from mpa_tui.tui.screens.cycle_base import CycleScreen
from mpa_tui.tui.widgets.cycle_base import EntityList, label, one_line

LISTS = LIST_FIELDS
TEXTS = ("impact", "termination_date", "handover")
ANSWERS = {"yes": True, "no": False, "unknown": None}


def answer_of(value: bool | None) -> str:
    """The checklist Select value for ``achieved``."""
    return next(k for k, v in ANSWERS.items() if v is value)


def speaker(session: Session, quote: Quote) -> str:
    """Who said it as shown: the code; a name only when a participant was linked."""
    person = session.participant(quote.participant_id) if quote.participant_id else None
    if person is not None:
        name = one_line(person.name)
        return f"{quote.speaker_code} ({name})" if quote.speaker_code else name
    return quote.speaker_code or "?"


class EvaluationScreen(CycleScreen):
    """The evaluation and termination form."""

    LABEL = "cycle.screen.evaluation"
    HELP_TOPIC = "evaluation"
    ACTIONS: ClassVar = (
        Command("evaluation.delete", "delete", "delete", "cycle.cmd.delete_item",
                "cycle.cmd.delete_item.tip", show=False),
    )

    def compose_body(self) -> ComposeResult:
        """The whole form in one scroller, then a hint."""
        with VerticalScroll(id="eval-form"):
            yield Static(t("cycle.eval.process"), classes="eval-section", markup=False)
            choices = [(t(f"cycle.answer.{k}"), k) for k in ANSWERS]
            for key in ChecklistKey:
                with Horizontal(classes="eval-check-row"):
                    yield Static(label("check", key), classes="form-label", markup=False)
                    yield Select(choices, value="unknown", allow_blank=False,
                                 id=f"chk-{key.value}", compact=True)
                    with Vertical(classes="form-field"):
                        yield Input(id=f"note-{key.value}", compact=True,
                                    placeholder=t("cycle.eval.note"))
                        yield self._err(f"note-{key.value}")
            for field in LISTS:
                yield Static(t(f"cycle.eval.{field}"), classes="eval-section", markup=False)
                yield EntityList(id=f"list-{field}")
                yield Input(id=f"add-{field}", compact=True, placeholder=t("cycle.eval.add"))
                yield self._err(f"add-{field}")
            yield Static(t("cycle.eval.quotes"), classes="eval-section", markup=False)
            yield EntityList(id="list-quotes")
            yield Input(id="add-quotes", compact=True, placeholder=t("cycle.eval.add_quote"))
            yield self._err("add-quotes")
            yield Static(t("cycle.eval.closing"), classes="eval-section", markup=False)
            for name in TEXTS:
                with Horizontal(classes="form-row"):
                    yield Static(t(f"cycle.eval.{name}"), classes="form-label", markup=False)
                    with Vertical(classes="form-field"):
                        hint = t("cycle.form.date_hint") if name == "termination_date" else ""
                        yield Input(id=f"text-{name}", compact=True, placeholder=hint)
                        yield self._err(f"text-{name}")
        yield Static(t("cycle.eval.hint"), markup=False, classes="cycle-hint")

    @staticmethod
    def _err(name: str) -> Static:
        return Static("", id=f"err-{name}", markup=False, classes="field-error -empty")

    def on_mount(self) -> None:
        """Fill the fields (before the base restores typed text), then focus the first."""
        self.fill_fields()
        self.query_one(f"#chk-{ChecklistKey.SMOOTH.value}", Select).focus()

    # -- showing -------------------------------------------------------------------------
    def fill_fields(self) -> None:
        """Put the saved values in the checklist and text fields (no change events)."""
        ev = self.session.evaluation
        with self.prevent(Select.Changed, Input.Changed):
            for item in ev.checklist:
                self.query_one(f"#chk-{item.key.value}", Select).value = answer_of(item.achieved)
                self.query_one(f"#note-{item.key.value}", Input).value = item.note
            for name in TEXTS:
                self.query_one(f"#text-{name}", Input).value = self.saved_text(name)

    def saved_text(self, name: str) -> str:
        """A closing field's saved value as text."""
        ev = self.session.evaluation
        return date_text(ev.termination_date) if name == "termination_date" \
            else str(getattr(ev, name))

    def redraw(self) -> None:
        """The list sections."""
        ev = self.session.evaluation
        for field in LISTS:
            rows = [(f"{field}:{i}", Text(f"• {one_line(x, 300)}"))
                    for i, x in enumerate(getattr(ev, field))]
            self.query_one(f"#list-{field}", EntityList).set_rows(rows)
        quotes = []
        for i, q in enumerate(ev.quotes):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(speaker(self.session, q) + ": ", style="bold")
            line.append(f"“{one_line(q.text, 300)}”")
            quotes.append((f"quotes:{i}", line))
        self.query_one("#list-quotes", EntityList).set_rows(quotes)

    def session_changed(self, event: SessionChanged) -> None:
        """Lists always; the fields too when undo/redo replaced the session."""
        if event.replaced:
            self.fill_fields()
        self.redraw()

    # -- saving --------------------------------------------------------------------------
    def _save(self, err: str, fn: Any) -> bool:
        """Run an edit; show a refusal beside the field (``err-<err>``)."""
        box = self.query_one(f"#err-{err}", Static)

        def refused(exc: Exception) -> None:
            box.update(error_text(exc))
            box.remove_class("-empty")

        if not run_edit(self, self.controller, fn, on_refused=refused)[0]:
            return False
        box.update("")
        box.add_class("-empty")
        return True

    def on_select_changed(self, event: Select.Changed) -> None:
        """A checklist answer is saved when chosen."""
        sid = event.select.id or ""
        if not sid.startswith("chk-") or event.value not in ANSWERS:
            return
        key = ChecklistKey(sid[4:])
        value = ANSWERS[str(event.value)]
        current = next(i for i in self.session.evaluation.checklist if i.key is key)
        if current.achieved is not value:
            self.edit_ok(lambda s: set_check(s, key, achieved=value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: add a list item, or save a text field."""
        event.stop()
        iid = event.input.id or ""
        if iid.startswith("add-"):
            field = iid[4:]
            text = event.value
            fn = (lambda s: add_quote(s, text)) if field == "quotes" \
                else (lambda s: add_item(s, field, text))
            if self._save(iid, fn):
                event.input.value = ""
        else:
            self.save_field(event.input)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving a text field saves it (if it changed)."""
        if isinstance(event.widget, Input) and not (event.widget.id or "").startswith("add-"):
            self.save_field(event.widget)

    def save_field(self, widget: Input) -> None:
        """Save a checklist note or a closing field when its text differs from the saved."""
        iid = widget.id or ""
        value = widget.value
        if iid.startswith("note-"):
            key = ChecklistKey(iid[5:])
            current = next(i for i in self.session.evaluation.checklist if i.key is key)
            if value.strip() != current.note:
                self._save(iid, lambda s: set_check(s, key, note=value))
        elif iid.startswith("text-"):
            name = iid[5:]
            if value.strip() == self.saved_text(name):
                return
            new: Any = parse_date(value) if name == "termination_date" else value
            self._save(iid, lambda s: set_evaluation(s, **{name: new}))

    # -- list items ----------------------------------------------------------------------
    def on_option_list_option_selected(self, event: EntityList.OptionSelected) -> None:
        """Enter on a quote: edit its text, speaker code and (optionally) participant."""
        event.stop()
        rid = event.option_id or ""
        if rid.startswith("quotes:"):
            self.edit_quote(int(rid.split(":")[1]))

    def edit_quote(self, index: int) -> None:
        """The quote form."""
        quotes = self.session.evaluation.quotes
        if not 0 <= index < len(quotes):
            return
        q = quotes[index]
        people = [(t("cycle.eval.anonymous"), NONE)] + [
            (one_line(p.name, 60), p.id) for p in self.session.circle()]
        fields = [
            FormField("text", "cycle.eval.quote_text", required=True),
            FormField("speaker_code", "cycle.eval.speaker_code"),
            FormField("participant_id", "cycle.eval.participant", "choice", people),
        ]
        values = {"text": q.text, "speaker_code": q.speaker_code,
                  "participant_id": q.participant_id or NONE}

        def check(v: dict[str, Any]) -> dict[str, Any]:
            pid = None if v["participant_id"] == NONE else v["participant_id"]
            return checked(Quote, {"text": v["text"], "speaker_code": v["speaker_code"],
                                   "participant_id": pid})

        def done(changes: dict[str, Any]) -> None:
            qid = q.id

            self.edit_ok(lambda s: edit_quote(s, qid, **changes))

        self.open_form(t("cycle.eval.quote_edit"), fields, values, check, done)

    def action_delete(self) -> None:
        """Remove the highlighted item of the focused list section."""
        focused = self.focused
        if isinstance(focused, EntityList) and focused.selected_id:
            field, _, index = focused.selected_id.partition(":")
            self.edit_ok(lambda s: remove_item(s, field, int(index)))


SCREEN = EvaluationScreen
