"""A reusable entity form dialog for the screens around the workshop.

A form is a list of :class:`FormField`; the dialog shows one row per field (label, input,
error line) in a scroller so it fits 80x24. ``check(values)`` turns the typed values into
the model's changes (it validates by building the domain model, so the messages are the
domain's); a refused form keeps the dialog open with each error beside its field.
The first field one types in has the cursor; Enter moves to the next field, on a choice
too (Space or Down opens its list), and on the last field it saves; ctrl+s saves from
anywhere; Escape cancels. Required fields (marked *) and a form with nothing typed are
refused with a message beside the field, never saved silently. User text is never parsed as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from mpa_tui.domain import DomainError, problems_from
from mpa_tui.i18n import error_text, problem_text, t

NONE = "__none__"
"""The value of a choice meaning "nothing chosen" (Select needs a non-None value)."""


@dataclass(frozen=True)
class FormField:
    """One row of a form.

    Attributes:
        name: The key in the values dict (and, normally, the model field it fills).
        label: i18n key of the label.
        kind: ``text`` (one line), ``date`` (YYYY-MM-DD or empty) or ``choice``.
        choices: For ``choice``: (label, value) pairs; labels are plain text.
        hint: i18n key of the placeholder shown in an empty input.
        errors_from: Other model field names whose errors show on this row.
        required: The form is not saved while this field is empty (its label says so).
    """

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[str, Any]] = ()
    hint: str = ""
    errors_from: tuple[str, ...] = field(default_factory=tuple)
    required: bool = False


def parse_date(text: str) -> dt.date | None | str:
    """``YYYY-MM-DD`` (or ``DD-MM-YYYY``, ``8 Juni 2023``) as a date, "" as None.

    Anything else comes back unchanged (the model then refuses it with its own
    "bad date" message).
    """
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    from mpa_tui.i18n.formats import parse_day

    return parse_day(text) or text


def date_text(value: dt.date | None) -> str:
    """A date as the forms show it ("8 Juni 2023", the TUI's one form; read back by
    :func:`parse_date`) or ""."""
    from mpa_tui.i18n.formats import format_day

    return format_day(value)


def opt_id(value: Any) -> str | None:
    """A choice value that may be :data:`NONE` as an id or None."""
    return None if value in (NONE, None, Select.BLANK) else str(value)


class FormDialog(ModalScreen[dict[str, Any] | None]):
    """Edit or create one entity; dismisses with the checked changes (or None)."""

    CSS_PATH = "../screens/cycle_base.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", show=False, id="cycle_form.cancel"),
        # Not a priority binding: it then waits behind the letters typed before it, which
        # the focused field has not taken in yet on a slow laptop (they would be lost).
        Binding("ctrl+s", "save", show=False, id="cycle_form.save"),
        # Checked before the focused Select, which would open its list on Enter: in a
        # form Enter moves on (Space or Down opens the list).
        Binding("enter", "enter_on_choice", show=False, priority=True,
                id="cycle_form.next"),
    ]

    def __init__(self, title: str, fields: Sequence[FormField], values: dict[str, Any],
                 check: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Build the dialog.

        Args:
            title: The dialog's title (plain text).
            fields: The rows, in order.
            values: Initial values by field name (str for text/date, the value for choices).
            check: Turns the typed values into the changes to save; raises pydantic's
                ``ValidationError`` or ``DomainError`` when they are not acceptable.
        """
        super().__init__(classes="cycle-form")
        self.title_text = title
        self.fields = list(fields)
        self.initial = dict(values)
        self.check = check

    def compose(self) -> ComposeResult:
        """Title, the rows in a scroller, general error, buttons and a hint."""
        with Vertical(classes="dialog cycle-form-box"):
            yield Static(self.title_text, markup=False, classes="dialog-question")
            with VerticalScroll(classes="cycle-form-rows"):
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        label = t(f.label) + (" *" if f.required else "")
                        yield Static(label, classes="form-label cycle-label", markup=False)
                        with Vertical(classes="form-field"):
                            yield self._widget(f)
                            yield Static("", id=f"err-{f.name}", markup=False,
                                         classes="field-error -empty")
            yield Static("", id="err-general", markup=False, classes="field-error -empty")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("cycle.form.save"), id="form-save", variant="primary")
                yield Button(t("cycle.form.cancel"), id="form-cancel")
            yield Static(t("cycle.form.hint"), markup=False, classes="dialog-hint")

    def _widget(self, f: FormField) -> Input | Select[Any]:
        value = self.initial.get(f.name)
        if f.kind == "choice":
            options = [(Text(label), v) for label, v in f.choices]
            start = value if any(v == value for _, v in f.choices) else f.choices[0][1]
            return Select(options, value=start, allow_blank=False, id=f"f-{f.name}",
                          compact=True)
        hint = t(f.hint) if f.hint else (t("cycle.form.date_hint") if f.kind == "date" else "")
        return Input(str(value or ""), id=f"f-{f.name}", compact=True, placeholder=hint)

    def on_mount(self) -> None:
        """Focus the first field one types in (a choice only when there is no other)."""
        typed = [f for f in self.fields if f.kind != "choice"] or self.fields
        if typed:
            self.query_one(f"#f-{typed[0].name}").focus()

    def action_enter_on_choice(self) -> None:
        """Enter on a closed choice: the next field, or save on the last one."""
        focused = self.focused
        if not isinstance(focused, Select) or focused.expanded:
            raise SkipAction  # an Input (next field / save) or an open list (choose)
        self._next_from(focused.id)

    def _next_from(self, widget_id: str | None) -> None:
        names = [f"f-{f.name}" for f in self.fields]
        idx = names.index(widget_id) if widget_id in names else -1
        if idx == len(names) - 1:
            self.action_save()
        else:
            self.focus_next()

    def values(self) -> dict[str, Any]:
        """The typed values by field name (dates parsed when they look like dates)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            value = widget.value  # type: ignore[attr-defined]
            out[f.name] = parse_date(value) if f.kind == "date" else value
        return out

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: next field, or save on the last one."""
        event.stop()
        self._next_from(event.input.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        event.stop()
        if event.button.id == "form-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Check the values; dismiss with the changes or show the errors."""
        for err in self.query(".field-error"):
            if isinstance(err, Static):
                err.update("")
                err.add_class("-empty")
        values = self.values()
        if self._refuse_empty(values):
            return
        try:
            changes = self.check(values)
        except ValidationError as exc:
            self.show_errors(exc)
            return
        except DomainError as exc:
            self._show("general", error_text(exc))
            return
        self.dismiss(changes)

    def _refuse_empty(self, values: dict[str, Any]) -> bool:
        """Say which required field is empty, or that nothing was typed; True if refused."""
        def empty(name: str) -> bool:
            value = values.get(name)
            return value is None or (isinstance(value, str) and not value.strip())

        missing = [f for f in self.fields if f.required and empty(f.name)]
        for f in missing:
            self._show(f.name, t("cycle.form.required"))
        typed = [f for f in self.fields if f.kind != "choice"]
        if not missing and typed and all(empty(f.name) for f in typed):
            self._show("general", t("cycle.form.empty"))
            self.query_one(f"#f-{typed[0].name}").focus()
            return True
        if missing:
            self.query_one(f"#f-{missing[0].name}").focus()
        return bool(missing)

    def show_errors(self, exc: ValidationError) -> None:
        """Each problem beside its field (unknown places: under the form)."""
        owner = {f.name: f.name for f in self.fields}
        for f in self.fields:
            owner.update(dict.fromkeys(f.errors_from, f.name))
        first = ""
        texts: dict[str, list[str]] = {}
        for problem in problems_from(exc):
            head = problem.field.split(".")[0] if problem.field else ""
            name = owner.get(head, "general")
            if problem.key == "end_before_start" and "end_date" in owner:
                name = "end_date"
            texts.setdefault(name, []).append(problem_text(problem))
            first = first or name
        for name, lines in texts.items():
            self._show(name, " ".join(dict.fromkeys(lines)))
        if first and first != "general":
            self.query_one(f"#f-{first}").focus()

    def _show(self, name: str, text: str) -> None:
        widget = self.query_one(f"#err-{name}", Static)
        widget.update(text)
        widget.remove_class("-empty")


def checked(model: type[Any], data: dict[str, Any], **context: Any) -> dict[str, Any]:
    """Validate ``data`` (plus ``context``, fields the form does not show) by building
    ``model``; return ``data``'s fields as the model cleaned them (trimmed text, dates).

    Raises:
        ValidationError: The model refuses the data.
    """
    built = model(**context, **data)
    return {name: getattr(built, name) for name in data}
