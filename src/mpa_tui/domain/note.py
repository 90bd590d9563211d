"""Process notes (catatan proses): what is said in the room, kept with the step it belongs to.

A card records what a participant wrote; a note records what the room says while the
group works (an argument, an agreement, a story), the facilitator's notulensi. The
activity report's "Pelaksanaan" section is built from them, and a note marked as a quote
joins the evaluation's validation quotes (:func:`mpa_tui.domain.notes.validation_quotes`).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from mpa_tui.domain.base import Entity, NoteText, Ref


class NoteTopic(StrEnum):
    """Where a note was taken: one of the eight steps or a screen around the workshop.

    The order of the members is the order notes are reported in.
    """

    CIRCLE = "langkah_1"
    WRITE = "langkah_2"
    STICK = "langkah_3"
    GROUP = "langkah_4"
    TITLE = "langkah_5"
    COUNT = "langkah_6"
    RANK = "langkah_7"
    ORDER = "langkah_8"
    DETAILS = "data_sesi"
    RESOURCES = "sistem_sumber"
    NETWORK = "jejaring"
    ACTIONS = "rencana_aksi"
    STAGES = "pendampingan"
    EVALUATION = "evaluasi"
    CAPACITY = "kapasitas"


class Speaker(StrEnum):
    """Who said it, when the facilitator notes it."""

    PARTICIPANT = "peserta"
    """One participant (``Note.participant_id``); exports show her code unless names are asked."""
    GROUP = "kelompok"
    """The group as a whole (agreement, a shared answer)."""
    FACILITATOR = "fasilitator"


class Note(Entity):
    """One process note: its text, the step it belongs to, optionally who said it.

    Its time is ``created_at`` (when it was typed, i.e. when it was said); editing the text
    later does not move it.
    """

    text: NoteText
    topic: NoteTopic
    speaker: Speaker | None = None
    participant_id: Ref | None = None
    """The participant who said it; set exactly when ``speaker`` is ``PARTICIPANT``."""
    quote: bool = False
    """Marked as a quote (kutipan): her words as said, usable as a validation quote."""

    @model_validator(mode="after")
    def _speaker_matches(self) -> Note:
        if (self.speaker is Speaker.PARTICIPANT) != (self.participant_id is not None):
            raise PydanticCustomError(
                "note_speaker", "a participant speaker needs a participant and only then")
        return self
