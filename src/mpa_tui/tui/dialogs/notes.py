"""The notes pane (Alt+C): process notes of one step, taken while the step stays in view.

The pane sits over the lower part of the screen it was opened on (that screen's step bar
and title stay visible) and names the step in its title. A note is typed in the input and
saved with Enter through the controller, durably, before it is listed; the list is
redrawn from ``controller.session`` after every change, undo and redo included (they
replace the Session object).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from mpa_tui.domain import notes
from mpa_tui.domain.note import Note, NoteTopic, Speaker
from mpa_tui.i18n import error_text, t
from mpa_tui.i18n.formats import format_clock
from mpa_tui.tui.controller import SessionController
from mpa_tui.tui.edits import FollowsSession, run_edit, run_history
from mpa_tui.tui.widgets import SaveBanner
from mpa_tui.tui.widgets.plain import PlainStatic, one_line

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session

SHOWN_CHARS = 160
"""A listed note is cut here (with an ellipsis): at most a few lines, even at 2000."""

Who = tuple[Speaker | None, str | None]
"""Who said a note: (speaker, participant id when the speaker is a participant)."""


def speaker_text(session: Session, speaker: Speaker | None, participant_id: str | None) -> str:
    """Who said it, as the pane shows it: a participant's name, "Kelompok", "Fasilitator"."""
    if speaker is Speaker.PARTICIPANT and participant_id is not None:
        person = session.participant(participant_id)
        return one_line(person.name) if person is not None else "?"
    return t(f"notes.speaker.{speaker.value}") if speaker is not None else ""


def note_line(session: Session, note: Note) -> Text:
    """One listed note: its local time, who said it, and the text (in quotes for a quote)."""
    who = speaker_text(session, note.speaker, note.participant_id)
    body = one_line(note.text, SHOWN_CHARS)
    if note.quote:
        body = t("notes.quoted", text=body)
    head = format_clock(note.created_at) + (f" · {who}" if who else "")
    line = Text(head, style="bold")
    line.append(f"  {body}")
    return line


class NotesPane(FollowsSession, ModalScreen[None]):
    """The process notes of one step or screen: the list, and an input to add or edit."""

    CSS_PATH = "notes.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "back", show=False, id="notes.back"),
        Binding("alt+c", "close", show=False, id="notes.close", priority=True),
        Binding("alt+p", "cycle_speaker", show=False, id="notes.speaker", priority=True),
        Binding("alt+o", "pick_speaker", show=False, id="notes.pick_speaker", priority=True),
        Binding("alt+k", "toggle_quote", show=False, id="notes.quote", priority=True),
        Binding("up", "to_list", show=False, id="notes.to_list"),
        Binding("delete", "delete", show=False, id="notes.delete"),
        Binding("ctrl+z", "undo", show=False, id="notes.undo"),
        Binding("ctrl+y", "redo", show=False, id="notes.redo"),
        # A modal screen hides the app's keys: F1 is bound here to open the notes' help.
        Binding("f1", "app.help", show=False, id="notes.help"),
    ]

    def __init__(self, controller: SessionController, topic: NoteTopic, where: str) -> None:
        """Args: the open session's controller, the notes' topic and the screen's name."""
        super().__init__(classes="notes-pane")
        self.controller = controller
        self.topic = topic
        self.where = where
        self.who: Who = (None, None)
        self.quote = False
        self.editing: str | None = None
        """The id of the note being edited, or None while a new note is typed."""

    def help_topic(self) -> str:
        """F1 on the pane explains the notes (``tui/help/<lang>/notes.md``)."""
        return "notes"

    @property
    def session(self) -> Session:
        """The current session (read fresh: undo/redo replace the object)."""
        return self.controller.session

    def compose(self) -> ComposeResult:
        """Title, the notes, who and quote, the input, error, save banner and a hint."""
        with Vertical(id="notes-box", classes="dialog"):
            yield PlainStatic(t("notes.title", where=self.where), id="notes-title")
            yield OptionList(id="notes-list")
            yield PlainStatic(t("notes.empty"), id="notes-empty")
            yield PlainStatic("", id="notes-mode")
            yield Input(id="notes-input", placeholder=t("notes.placeholder"))
            yield PlainStatic("", id="notes-error", classes="field-error")
            yield SaveBanner(id="notes-save")
            yield PlainStatic(t("notes.hint"), id="notes-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        """List the notes, follow every change of the session, focus the input."""
        self.follow_session()
        self.fill()
        self.show_mode()
        self.query_one(SaveBanner).show(self.controller)
        self.query_one("#notes-input", Input).focus()

    def redraw(self) -> None:
        """An undo/redo or a restore from elsewhere: the list follows the session."""
        self.fill()
        self.query_one(SaveBanner).show(self.controller)

    # -- drawing ---------------------------------------------------------------------
    def listed(self) -> list[Note]:
        """The live notes of this step, oldest first (newest last)."""
        return notes.notes_of(self.session, self.topic)

    def fill(self, select: str | None = None) -> None:
        """Redraw the list from the session, highlighting ``select`` (a note just saved),
        else the highlighted note if it is still there, else the newest."""
        box = self.query_one("#notes-list", OptionList)
        kept = select or self._highlighted_id()
        found = self.listed()
        box.clear_options()
        box.add_options([Option(note_line(self.session, n), id=n.id) for n in found])
        self.query_one("#notes-empty").display = not found
        if found:
            ids = [n.id for n in found]
            box.highlighted = ids.index(kept) if kept in ids else len(ids) - 1
            box.scroll_to_highlight()
        if self.editing is not None and self.editing not in [n.id for n in found]:
            self._stop_editing()

    def show_mode(self) -> None:
        """The line above the input: new or editing, who said it, quote or not."""
        # Cut so a long name cannot push the quote mark off the pane's one line.
        who = one_line(speaker_text(self.session, *self.who), 11) or t("notes.speaker.none")
        mode = t("notes.mode.edit") if self.editing else t("notes.mode.new")
        quote = t("notes.quote.on") if self.quote else t("notes.quote.off")
        self.query_one("#notes-mode", PlainStatic).update(
            t("notes.mode", mode=mode, who=who, quote=quote))

    def show_error(self, text: str) -> None:
        """One translated line under the input ("" clears it)."""
        self.query_one("#notes-error", PlainStatic).update(text)

    def _highlighted_id(self) -> str | None:
        box = self.query_one("#notes-list", OptionList)
        if box.highlighted is None or box.option_count == 0:
            return None
        return box.get_option_at_index(box.highlighted).id

    def _highlighted(self) -> Note | None:
        rid = self._highlighted_id()
        return next((n for n in self.listed() if n.id == rid), None)

    # -- who said it -----------------------------------------------------------------
    def speakers(self) -> list[Who]:
        """The choices, in the order Alt+P cycles: nobody, the group, the facilitator,
        then each present participant in circle order."""
        out: list[Who] = [(None, None), (Speaker.GROUP, None), (Speaker.FACILITATOR, None)]
        out += [(Speaker.PARTICIPANT, p.id) for p in self.session.circle() if p.present]
        if self.who not in out:  # an edited note's speaker who is absent today
            out.append(self.who)
        return out

    def action_cycle_speaker(self) -> None:
        """Next speaker (Alt+P)."""
        choices = self.speakers()
        self.who = choices[(choices.index(self.who) + 1) % len(choices)]
        self.show_mode()

    def action_pick_speaker(self) -> None:
        """Choose the speaker from a list filtered by typing (Alt+O)."""
        from mpa_tui.tui.dialogs.speaker import SpeakerDialog

        choices = self.speakers()
        labels = [speaker_text(self.session, *who) or t("notes.speaker.none")
                  for who in choices]

        def chosen(index: int | None) -> None:
            if index is not None:
                self.who = choices[index]
                self.show_mode()
            self.query_one("#notes-input", Input).focus()

        self.app.push_screen(SpeakerDialog(labels, choices.index(self.who)), chosen)

    def action_toggle_quote(self) -> None:
        """Mark or unmark the note as a quote, her words as said (Alt+K)."""
        self.quote = not self.quote
        self.show_mode()

    # -- saving ----------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves the typed note (new or edited); it is listed once it is saved."""
        event.stop()
        speaker, participant_id = self.who
        text = event.value
        if self.editing is None:
            fn: Callable[[Session], Any] = partial(
                notes.add_note, text=text, topic=self.topic, speaker=speaker,
                participant_id=participant_id, quote=self.quote)
        else:
            fn = partial(notes.edit_note, note_id=self.editing, text=text, speaker=speaker,
                         participant_id=participant_id, quote=self.quote)
        ok, note = run_edit(self, self.controller, fn,
                            on_refused=lambda exc: self.show_error(error_text(exc)))
        if not ok:
            return
        saved_key = "notes.updated" if self.editing else "notes.saved"
        self.show_error("")
        self._stop_editing()
        self.fill(select=note.id if note is not None else None)
        if not self.controller.pending:
            self.notify(t(saved_key), timeout=2, markup=False)

    def _stop_editing(self) -> None:
        self.editing = None
        self.who = (None, None)
        self.quote = False
        self.query_one("#notes-input", Input).value = ""
        self.show_mode()

    # -- the list --------------------------------------------------------------------
    def action_to_list(self) -> None:
        """Up from the input: into the list, on the newest note."""
        box = self.query_one("#notes-list", OptionList)
        if box.option_count:
            box.highlighted = box.option_count - 1
            box.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a note: edit it in the input (text, speaker, quote)."""
        event.stop()
        note = next((n for n in self.listed() if n.id == event.option.id), None)
        if note is None:
            return
        self.editing = note.id
        self.who = (note.speaker, note.participant_id)
        self.quote = note.quote
        field = self.query_one("#notes-input", Input)
        field.value = note.text
        field.focus()
        self.show_error("")
        self.show_mode()

    def action_delete(self) -> None:
        """Delete the highlighted note to the trash (F7 restores it, Ctrl+Z undoes)."""
        if not self.query_one("#notes-list", OptionList).has_focus:
            return
        note = self._highlighted()
        if note is None:
            return
        box = self.query_one("#notes-list", OptionList)
        at = box.highlighted or 0
        ok, _ = run_edit(self, self.controller, partial(notes.delete_note, note_id=note.id))
        if ok:
            self.fill()
            if box.option_count:  # stay where the deleted note was, not at the end
                box.highlighted = min(at, box.option_count - 1)
            self.notify(t("notes.deleted", text=one_line(note.text, 40)), timeout=4,
                        markup=False)
            if not self.listed():
                self.query_one("#notes-input", Input).focus()

    def action_undo(self) -> None:
        """Undo the last edit of the session, as on every screen."""
        run_history(self, self.controller.undo, "tui.undo.nothing", "tui.undo.done")

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        run_history(self, self.controller.redo, "tui.redo.nothing", "tui.redo.done")

    # -- leaving ---------------------------------------------------------------------
    def action_back(self) -> None:
        """Esc: stop editing, or leave the list, or close the pane."""
        if self.editing is not None:
            self._stop_editing()
        elif not self.query_one("#notes-input", Input).has_focus:
            self.query_one("#notes-input", Input).focus()
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        """Close the pane (Alt+C again)."""
        self.dismiss(None)
