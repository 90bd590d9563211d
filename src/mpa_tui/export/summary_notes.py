"""The export view's process notes (catatan proses) and validation quotes.

Every surface (the summary screen, Markdown, HTML, the Word report's "Pelaksanaan"
chapter, the workbook's "Catatan" sheet) shows the notes computed here once per view:
the same notes in the same order (:func:`mpa_tui.domain.notes.notes_by_topic`), with the
same speaker labels and local times. A speaker who is a participant is shown by her code
unless names are asked for, like every other mention of a participant.
"""

from __future__ import annotations

from dataclasses import dataclass

from mpa_tui.domain.note import Note, NoteTopic, Speaker
from mpa_tui.domain.notes import notes_by_topic, validation_quotes
from mpa_tui.export.model import Bullets, Section, SubHeading, Table
from mpa_tui.export.summary_ctx import Ctx
from mpa_tui.i18n.formats import format_clock, format_day


@dataclass(frozen=True)
class NoteLine:
    """One note as every surface shows it.

    Attributes:
        topic: the step or screen it was taken on.
        step: that step's or screen's name in the export language.
        when: the local date and time it was said ("8 Juni 2023 09.12").
        short_when: the time alone when the note before it (same step) was on the same
            day, else the date and time: what a list under a step's heading shows.
        speaker: "Kelompok", "Fasilitator", her code (her name with names), or "".
        quote: marked as a quote (kutipan).
        text: the words.
    """

    topic: NoteTopic
    step: str
    when: str
    short_when: str
    speaker: str
    quote: bool
    text: str

    def bullet(self) -> str:
        """The note as one list item: time, speaker, then the words (quoted if a quote)."""
        words = f"“{self.text}”" if self.quote else self.text
        who = f"{self.speaker}: " if self.speaker else ""
        return f"{self.short_when} · {who}{words}"


def topic_name(c: Ctx, topic: NoteTopic) -> str:
    """A step's or screen's name as notes are headed by it."""
    return c.tr(f"export.notes.topic.{topic.value}")


def speaker_label(c: Ctx, speaker: Speaker | None, participant_id: str | None) -> str:
    """Who said it: "Kelompok", "Fasilitator", or the participant (code, or name if asked)."""
    if participant_id is not None:
        return c.person(participant_id)
    if speaker is None:
        return ""
    return c.tr(f"export.notes.speaker.{speaker.value}")


def note_lines(c: Ctx) -> list[tuple[NoteTopic, list[NoteLine]]]:
    """Every live note, per step in the workshop's order, oldest first."""
    out: list[tuple[NoteTopic, list[NoteLine]]] = []
    for topic, notes in notes_by_topic(c.s):
        step = topic_name(c, topic)
        lines: list[NoteLine] = []
        day = None
        for note in notes:
            local = note.created_at.astimezone()
            clock = format_clock(local, c.lang)
            when = f"{format_day(local.date(), c.lang)} {clock}"
            lines.append(NoteLine(topic, step, when, clock if local.date() == day else when,
                                  _speaker(c, note), note.quote, note.text))
            day = local.date()
        out.append((topic, lines))
    return out


def _speaker(c: Ctx, note: Note) -> str:
    return speaker_label(c, note.speaker, note.participant_id)


def notes_view(c: Ctx) -> tuple[Section | None, Table]:
    """The "Catatan proses" section (None without notes) and the same notes as a table.

    The section has a sub-heading per step and the step's notes as a list; the table (the
    workbook's "Catatan" sheet) has one row per note: step, time, speaker, quote, text.
    """
    per_topic = note_lines(c)
    headers = [c.tr("export.notes.col.step"), c.tr("export.notes.col.time"),
               c.tr("export.notes.col.speaker"), c.tr("export.notes.col.quote"),
               c.tr("export.notes.col.text")]
    rows: list[list[str | int | float]] = [
        [n.step, n.when, n.speaker, c.yes_no(n.quote), n.text]
        for _, lines in per_topic for n in lines]
    table = Table("notes", headers, rows)
    if not per_topic:
        return None, table
    blocks: list = []
    for _, lines in per_topic:
        blocks.append(SubHeading(lines[0].step))
        blocks.append(Bullets([n.bullet() for n in lines],
                              quoted=tuple(n.quote for n in lines)))
    return Section("notes", c.tr("export.notes.section"), blocks), table


def quote_lines(c: Ctx) -> list[str]:
    """The evaluation's validation quotes, quote-marked notes among them, one per line."""
    lines = []
    for q in validation_quotes(c.s):
        if q.note_id is not None:
            who = speaker_label(c, q.speaker, q.participant_id)
        elif q.participant_id:
            who = c.person(q.participant_id)
        else:
            who = q.speaker_code
        lines.append(f"“{q.text}”" + (f" — {who}" if who else ""))
    return lines
