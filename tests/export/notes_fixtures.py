"""A session with process notes on every step and screen, said by every kind of speaker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from export_fixtures import make_session

from mpa_tui.domain.note import NoteTopic, Speaker
from mpa_tui.domain.notes import add_note, delete_note
from mpa_tui.domain.session import Session

MARKUP = "<script>alert(1)</script> **tebal** [red]x[/] # judul &amp; =SUM(A1)"
"""A note that looks like HTML, Markdown, Textual markup and a formula."""
TRASHED = "catatan rahasia yang dihapus"
START = datetime(2023, 6, 8, 2, 0, tzinfo=UTC)
"""09.00 WIB on the workshop's first day."""


def notes_session() -> Session:
    """The export fixture with 2 notes per topic (the second a day later on the last
    topics), a quote by Siti Aminah, a markup-looking note, and a trashed note."""
    s = make_session()
    siti = s.participants[0]
    for i, topic in enumerate(NoteTopic):
        first = add_note(s, f"Catatan {topic.value}: kelompok setuju", topic,
                         speaker=Speaker.GROUP)
        second = add_note(s, f"Kata fasilitator pada {topic.value}", topic,
                          speaker=Speaker.FACILITATOR)
        first.created_at = START + timedelta(minutes=10 * i)
        second.created_at = START + timedelta(minutes=10 * i + 5, days=i // 12)
    quote = add_note(s, "Kalau ada koperasi, kami tidak perlu ke rentenir lagi, kata Siti",
                     NoteTopic.GROUP, participant_id=siti.id, quote=True)
    quote.created_at = START + timedelta(minutes=33)
    odd = add_note(s, MARKUP, NoteTopic.WRITE)
    odd.created_at = START + timedelta(minutes=14)
    gone = add_note(s, TRASHED, NoteTopic.RANK, participant_id=siti.id)
    delete_note(s, gone.id)
    return Session.model_validate(s.model_dump())
