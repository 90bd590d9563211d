"""Edits and views of the process notes (catatan proses), each written once.

The notes pane on every screen, the summary screen and every export read notes through
these functions: the same notes, in the same order, with the same speakers everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.note import Note, NoteTopic, Speaker
from mpa_tui.domain.ops import add_entity, soft_delete
from mpa_tui.domain.session import Session
from mpa_tui.domain.step import Step

STEP_TOPICS: dict[Step, NoteTopic] = dict(zip(Step, list(NoteTopic)[:len(Step)], strict=True))
"""The topic of each workshop step's notes."""


def topic_of_step(step: Step) -> NoteTopic:
    """The topic notes taken on this workshop step belong to."""
    return STEP_TOPICS[step]


def step_of_topic(topic: NoteTopic) -> Step | None:
    """The workshop step of a topic, or None for a screen around the workshop."""
    return next((s for s, t in STEP_TOPICS.items() if t is topic), None)


def _check_speaker(session: Session, speaker: Speaker | None,
                   participant_id: str | None) -> None:
    if participant_id is not None:
        person = session.participant(participant_id)
        if person is None or person.deleted_at is not None:
            raise DomainError("not_found", id=participant_id)
    if (speaker is Speaker.PARTICIPANT) != (participant_id is not None):
        raise DomainError("note_speaker")


def add_note(session: Session, text: str, topic: NoteTopic, *,
             speaker: Speaker | None = None, participant_id: str | None = None,
             quote: bool = False) -> Note:
    """Take a note on a step (validated first: 1-2000 characters, no control characters).

    ``participant_id`` names the participant who spoke; passing it makes ``speaker``
    :attr:`Speaker.PARTICIPANT` when none is given.

    Raises:
        DomainError: ``not_found`` (no such participant, or in the trash), ``note_speaker``
            (a participant speaker without a participant, or the reverse), ``too_many``.
        pydantic.ValidationError: the text is empty, too long or holds control characters.
    """
    if participant_id is not None and speaker is None:
        speaker = Speaker.PARTICIPANT
    _check_speaker(session, speaker, participant_id)
    note = Note(text=text, topic=topic, speaker=speaker, participant_id=participant_id,
                quote=quote)
    add_entity(session, "notes", note)
    return note


def edit_note(session: Session, note_id: str, **changes: Any) -> Note:
    """Change a note's text, speaker, participant or quote mark (all checked before any
    is applied). Its time and step stay: a note belongs where it was said.

    Raises:
        DomainError: ``not_found``, ``note_speaker``, ``note_fixed`` (time or topic).
        pydantic.ValidationError: bad text.
    """
    note = _note(session, note_id)
    if {"topic", "created_at", "id"} & changes.keys():
        raise DomainError("note_fixed")
    speaker = changes.get("speaker", note.speaker)
    participant_id = changes.get("participant_id", note.participant_id)
    if speaker is not Speaker.PARTICIPANT and "speaker" in changes:
        participant_id = None
        changes["participant_id"] = None
    if participant_id != note.participant_id or speaker != note.speaker:
        _check_speaker(session, speaker, participant_id)
    checked = Note.model_validate({**note.model_dump(), **changes})
    # Speaker and participant change together: assigning them one by one would pass
    # through a state the model refuses. The whole note was validated above.
    for key in changes:
        object.__setattr__(note, key, getattr(checked, key))
    now = utcnow()
    note.updated_at = now
    session.updated_at = now
    return note


def delete_note(session: Session, note_id: str) -> None:
    """Put a note in the trash (restorable like every entity)."""
    _note(session, note_id)
    soft_delete(session, "notes", note_id)


def _note(session: Session, note_id: str) -> Note:
    note = session.find("notes", note_id)
    if note is None or note.deleted_at is not None:
        raise DomainError("not_found", id=note_id)
    return note  # type: ignore[no-any-return]


def notes_of(session: Session, topic: NoteTopic) -> list[Note]:
    """The live notes of one step or screen, oldest first (newest last).

    Notes taken within the same millisecond keep the order they were added in (a stable
    sort), whatever their random ids.
    """
    return sorted((n for n in session.notes if n.deleted_at is None and n.topic is topic),
                  key=lambda n: n.created_at)


def notes_by_topic(session: Session) -> list[tuple[NoteTopic, list[Note]]]:
    """Every topic that has live notes, in the workshop's order, each with its notes."""
    return [(topic, found) for topic in NoteTopic if (found := notes_of(session, topic))]


@dataclass(frozen=True)
class ValidationQuote:
    """One line of the evaluation's validation quotes, whichever way it was recorded.

    Attributes:
        text: the words as said.
        speaker_code: the code typed with an evaluation quote ("P3"), or "".
        participant_id: the participant who said it, when known.
        speaker: for a quote taken as a note, who said it (group, facilitator...).
        note_id: the note it comes from, or None for a quote typed on the evaluation screen.
    """

    text: str
    speaker_code: str = ""
    participant_id: str | None = None
    speaker: Speaker | None = None
    note_id: str | None = None


def validation_quotes(session: Session) -> list[ValidationQuote]:
    """The evaluation's quotes, then the notes marked as quotes (in the workshop's order)."""
    quotes = [ValidationQuote(q.text, q.speaker_code, q.participant_id)
              for q in session.evaluation.quotes if q.deleted_at is None]
    quotes += [ValidationQuote(n.text, "", n.participant_id, n.speaker, n.id)
               for _, found in notes_by_topic(session) for n in found if n.quote]
    return quotes
