"""The example session's process notes: a few per step along the paper's story, inside the
workshop's days and hours (WIB), every kind of speaker, a few quotes, marked as an example."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from mpa_tui.data import load_example
from mpa_tui.domain.note import NoteTopic, Speaker
from mpa_tui.domain.notes import notes_by_topic, step_of_topic, validation_quotes
from mpa_tui.export.markdown import render_markdown
from mpa_tui.export.summary import EXAMPLE_MARK

WIB = timedelta(hours=7)
WORKSHOP = (date(2023, 6, 8), date(2023, 6, 9))


def test_a_few_notes_on_every_step_and_the_screens_the_story_needs() -> None:
    example = load_example()
    per_topic = Counter(n.topic for n in example.notes if n.deleted_at is None)
    steps = [t for t in NoteTopic if step_of_topic(t) is not None]
    assert all(3 <= per_topic[t] <= 5 for t in steps), per_topic
    for topic in (NoteTopic.NETWORK, NoteTopic.ACTIONS, NoteTopic.EVALUATION):
        assert per_topic[topic] >= 3
    texts = " ".join(n.text for n in example.notes)
    for story in ("melingkar", "koperasi", "DK UPP", "rentenir", "mikro kredit"):
        assert story in texts


def test_step_notes_are_inside_the_workshops_days_and_hours() -> None:
    example = load_example()
    for topic, notes in notes_by_topic(example):
        for note in notes:
            local = note.created_at + WIB
            if step_of_topic(topic) is not None:
                assert local.date() in WORKSHOP and 8 <= local.hour < 16, (topic, local)
            assert note.created_at <= example.updated_at


def test_speakers_of_every_kind_and_two_or_three_quotes() -> None:
    example = load_example()
    speakers = Counter(n.speaker for n in example.notes)
    assert set(speakers) == {Speaker.GROUP, Speaker.FACILITATOR, Speaker.PARTICIPANT}
    present = {p.id for p in example.participants if p.present}
    assert all(n.participant_id in present for n in example.notes
               if n.speaker is Speaker.PARTICIPANT)
    quotes = [n for n in example.notes if n.quote]
    assert 2 <= len(quotes) <= 3
    from_notes = [q for q in validation_quotes(example) if q.note_id is not None]
    assert [q.text for q in from_notes] == [
        n.text for _, notes in notes_by_topic(example) for n in notes if n.quote]


def test_the_example_export_is_marked_and_codes_the_speakers() -> None:
    example = load_example()
    md = render_markdown(example)
    assert md.startswith(f"# {EXAMPLE_MARK}")
    assert "## Catatan proses" in md and "rentenir" in md
    names = {p.name for p in example.participants}
    section = md.split("## Catatan proses", 1)[1].split("\n## ", 1)[0]
    assert not [n for n in names if re.search(rf"\b{n}\b", section)]  # "Bu Popon" too
