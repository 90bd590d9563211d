"""Process notes: the rules of taking, editing and deleting a note, and where quotes go."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mpa_tui.domain import ops
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.evaluation import add_quote
from mpa_tui.domain.note import Note, NoteTopic, Speaker
from mpa_tui.domain.notes import (
    add_note,
    delete_note,
    edit_note,
    notes_by_topic,
    notes_of,
    step_of_topic,
    topic_of_step,
    validation_quotes,
)
from mpa_tui.domain.session import LIMITS, Session
from mpa_tui.domain.step import Step


def _session() -> tuple[Session, str]:
    s = Session(group_name="Kelompok Uji")
    siti = ops.add_participant(s, "Siti")
    return s, siti.id


def test_a_note_keeps_its_text_step_speaker_and_time() -> None:
    s, siti = _session()
    before = s.version
    note = add_note(s, "  kalau ada [red]koperasi[/], kami tidak ke rentenir  ",
                    NoteTopic.GROUP, participant_id=siti, quote=True)
    assert note.text == "kalau ada [red]koperasi[/], kami tidak ke rentenir"
    assert (note.topic, note.speaker, note.participant_id, note.quote) == (
        NoteTopic.GROUP, Speaker.PARTICIPANT, siti, True)
    assert s.version > before and note.created_at <= s.updated_at
    assert Session.model_validate_json(s.model_dump_json()).notes == [note]


def test_refused_notes_change_nothing() -> None:
    s, siti = _session()
    with pytest.raises(ValidationError):
        add_note(s, "   ", NoteTopic.CIRCLE)
    with pytest.raises(ValidationError):
        add_note(s, "x" * 2001, NoteTopic.CIRCLE)
    with pytest.raises(ValidationError):
        add_note(s, "bell\x07", NoteTopic.CIRCLE)
    with pytest.raises(DomainError) as err:
        add_note(s, "who?", NoteTopic.CIRCLE, speaker=Speaker.PARTICIPANT)
    assert err.value.key == "note_speaker"
    with pytest.raises(DomainError):
        add_note(s, "ghost", NoteTopic.CIRCLE, participant_id="nobody")
    ops.soft_delete(s, "participants", siti)
    with pytest.raises(DomainError):
        add_note(s, "gone", NoteTopic.CIRCLE, participant_id=siti)
    assert s.notes == []


def test_the_model_refuses_a_participant_without_a_speaker_and_the_reverse() -> None:
    with pytest.raises(ValidationError):
        Note(text="x", topic=NoteTopic.CIRCLE, speaker=Speaker.PARTICIPANT)
    with pytest.raises(ValidationError):
        Note(text="x", topic=NoteTopic.CIRCLE, speaker=Speaker.GROUP, participant_id="p")


def test_edit_changes_speaker_and_participant_together_and_never_the_time_or_step() -> None:
    s, siti = _session()
    note = add_note(s, "setuju", NoteTopic.RANK, participant_id=siti)
    taken, version = note.created_at, note.version
    edit_note(s, note.id, speaker=Speaker.GROUP)
    assert (note.speaker, note.participant_id) == (Speaker.GROUP, None)
    edit_note(s, note.id, speaker=Speaker.PARTICIPANT, participant_id=siti, quote=True)
    assert (note.speaker, note.participant_id, note.quote) == (Speaker.PARTICIPANT, siti, True)
    assert note.created_at == taken and note.version > version
    with pytest.raises(DomainError):
        edit_note(s, note.id, topic=NoteTopic.CIRCLE)
    with pytest.raises(ValidationError):
        edit_note(s, note.id, text="")
    assert note.text == "setuju" and note.topic is NoteTopic.RANK


def test_notes_are_listed_per_step_oldest_first_and_deleted_ones_left_out() -> None:
    s, _ = _session()
    a = add_note(s, "pertama", NoteTopic.WRITE)
    b = add_note(s, "kedua", NoteTopic.WRITE)
    c = add_note(s, "sumber", NoteTopic.RESOURCES)
    add_note(s, "lingkaran", NoteTopic.CIRCLE)
    assert [n.id for n in notes_of(s, NoteTopic.WRITE)] == [a.id, b.id]
    delete_note(s, a.id)
    assert [n.id for n in notes_of(s, NoteTopic.WRITE)] == [b.id]
    assert [t for t, _ in notes_by_topic(s)] == [
        NoteTopic.CIRCLE, NoteTopic.WRITE, NoteTopic.RESOURCES]
    assert ("notes", a) in ops.trash(s)
    ops.restore(s, "notes", a.id)
    assert [n.id for n in notes_of(s, NoteTopic.WRITE)] == [a.id, b.id]
    assert notes_by_topic(s)[-1] == (NoteTopic.RESOURCES, [c])


def test_every_step_has_its_own_topic() -> None:
    assert len({topic_of_step(step) for step in Step}) == len(Step)
    for step in Step:
        assert step_of_topic(topic_of_step(step)) is step
    assert step_of_topic(NoteTopic.ACTIONS) is None


def test_quotes_marked_on_notes_join_the_evaluation_quotes() -> None:
    s, siti = _session()
    add_quote(s, "Kami jadi berani bicara")
    add_note(s, "catatan biasa", NoteTopic.GROUP)
    q = add_note(s, "Koperasi milik kami sendiri", NoteTopic.RESOURCES,
                 participant_id=siti, quote=True)
    g = add_note(s, "Kami sepakat", NoteTopic.ORDER, speaker=Speaker.GROUP, quote=True)
    quotes = validation_quotes(s)
    assert [x.text for x in quotes] == [
        "Kami jadi berani bicara", "Kami sepakat", "Koperasi milik kami sendiri"]
    assert quotes[0].speaker_code == "P1" and quotes[0].note_id is None
    assert (quotes[1].speaker, quotes[1].note_id) == (Speaker.GROUP, g.id)
    assert quotes[2].participant_id == siti
    delete_note(s, q.id)
    assert [x.text for x in validation_quotes(s)][-1] == "Kami sepakat"


def test_the_notes_limit_is_kept() -> None:
    s, _ = _session()
    s.notes = [Note(text="n", topic=NoteTopic.CIRCLE) for _ in range(LIMITS["notes"])]
    with pytest.raises(DomainError) as err:
        add_note(s, "one more", NoteTopic.CIRCLE)
    assert err.value.key == "too_many"
