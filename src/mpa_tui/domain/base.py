"""Shared building blocks of the domain model: ids, clocks, text rules, the entity base.

Errors raised by validators carry a stable *key* (``PydanticCustomError`` type) so the
UI can translate them; the domain never imports the i18n catalogs.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from mpa_tui.domain.version import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported


def new_id() -> str:
    """Return a new random entity id (a UUID4 string)."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Return the current time in UTC, to the millisecond (stable across JSON round-trips)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


# C0/C1 control characters (ESC starts ANSI/OSC sequences) are refused in user text:
# they cannot be typed on a keyboard, would corrupt exports and could drive a terminal.
# Exactly the Unicode categories Cc (U+0000-001F, U+007F-009F) and Cs (surrogates) minus
# the allowed "\n" and "\t": one regex scan instead of a Python loop over every
# character (this check runs for every text field of every session loaded; the loop was
# ~40% of validating a session, see bench/ and docs/BENCHMARKS.md).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _has_forbidden_control(text: str) -> bool:
    return _FORBIDDEN.search(text) is not None


# Bidi embedding/override/isolate controls make "evil" display as "live" and flip the
# order of a line in the report; nobody types them on purpose, so they are removed.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def clean_text(value: str, *, max_len: int, required: bool, single_line: bool = False) -> str:
    """Trim and check a piece of user text.

    Args:
        value: The text as typed or read from disk.
        max_len: Largest allowed length after trimming.
        required: Whether empty text (after trimming) is refused.
        single_line: Whether line breaks are refused.

    Returns:
        The trimmed text.

    Raises:
        PydanticCustomError: ``text_empty``, ``text_too_long`` or ``text_control_chars``.
    """
    # Windows line ends (pasted text, files edited in Notepad) become plain line breaks
    # instead of being refused as control characters.
    text = value.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI_CONTROLS).strip()
    if required and not text:
        raise PydanticCustomError("text_empty", "text is empty")
    if len(text) > max_len:
        raise PydanticCustomError(
            "text_too_long", "text is longer than {max_len}", {"max_len": max_len}
        )
    if _has_forbidden_control(text) or (single_line and "\n" in text):
        raise PydanticCustomError("text_control_chars", "text holds control characters")
    return text


def draft_text(value: str) -> str:
    """Text kept as typed (not trimmed), without the characters no user text may hold:
    a hand-made file cannot put terminal escapes on a screen, and a pasted control
    character cannot make saving a draft fail (the card itself refuses it on Enter)."""
    return _FORBIDDEN.sub("", value.translate(_BIDI_CONTROLS).replace("\n", " "))


DraftText = Annotated[str, AfterValidator(draft_text)]
"""A single line as typed, untrimmed (step 2's half-typed card)."""


def _text(max_len: int, required: bool, single_line: bool = True):  # type: ignore[no-untyped-def]
    return AfterValidator(
        lambda v: clean_text(v, max_len=max_len, required=required, single_line=single_line)
    )


# Reusable text types. "Name" is a single line; "Long" may hold line breaks.
RequiredName = Annotated[str, _text(200, True)]
OptionalName = Annotated[str, _text(200, False)]
CardText = Annotated[str, _text(1000, True, single_line=False)]
LongText = Annotated[str, _text(5000, False, single_line=False)]
RequiredLongText = Annotated[str, _text(5000, True, single_line=False)]
Reason = Annotated[str, _text(500, True, single_line=False)]
NoteText = Annotated[str, _text(2000, True, single_line=False)]
"""A process note: a few sentences (a long story is several notes)."""


def _as_utc(value: datetime) -> datetime:
    # A naive time (hand-edited or old file) is taken as UTC, so comparing it with the
    # app's aware times can never raise TypeError in a sort.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
"""Every date and time a session holds lies in this window. Times far outside it
overflow local-time conversion (year 9999 in UTC+7 is year 10000) and times before the
epoch fail it on Windows. The window starts at 1970, not 2000, because a laptop whose
clock battery is dead boots at its BIOS default (often 2000-01-01 local time, which is
1999 in UTC): it must still be able to save, and the merge does not trust clocks."""


def _in_window(value: date) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise PydanticCustomError(
            "date_out_of_range", "date outside {earliest}..{latest}",
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()})


def _bounded_utc(value: datetime) -> datetime:
    value = _as_utc(value)
    try:
        utc = value.astimezone(UTC)
    except OverflowError:  # year 1 or 9999 with an offset leaves datetime's range
        utc = datetime.max.replace(tzinfo=UTC)
    _in_window(utc)
    return value


def _bounded_date(value: date) -> date:
    _in_window(value)
    return value


Ref = Annotated[str, Field(max_length=64)]
"""The id of another entity (as long as an id may be: a reference is never free text)."""

UtcDatetime = Annotated[datetime, AfterValidator(_bounded_utc)]
"""A timestamp that is always timezone-aware (naive input is read as UTC), 1970-2100."""
Day = Annotated[date, AfterValidator(_bounded_date)]
"""A calendar date between 1970-01-01 and 2100-12-31."""


class Model(BaseModel):
    """Base of every domain model: strict shape, validated on assignment."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
    )


MAX_VERSION = 2**31 - 1


def count_edit(model: BaseModel, info: ValidationInfo) -> None:
    """Count one edit when ``updated_at`` is assigned (every edit stamps it)."""
    if info.field_name == "updated_at":
        version = getattr(model, "version", 0)
        object.__setattr__(model, "version", min(version + 1, MAX_VERSION))


class Entity(Model):
    """Something with an identity that can be edited, soft-deleted and merged by id.

    ``version`` counts the edits made to it, on whichever laptop: an edit made after
    receiving another laptop's version always counts higher, so a merge prefers it
    whatever the two clocks say; ``updated_at`` only breaks ties (see export/merge.py).
    ``deleted_at`` marks a soft delete: no UI action ever removes an entity for good.
    """

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    created_at: UtcDatetime = Field(default_factory=utcnow)
    updated_at: UtcDatetime = Field(default_factory=utcnow)
    deleted_at: UtcDatetime | None = None
    version: int = Field(default=0, ge=0, le=MAX_VERSION)

    @model_validator(mode="after")
    def _count_edit(self, info: ValidationInfo) -> Entity:
        count_edit(self, info)
        return self

    def touch(self) -> None:
        """Mark the entity as changed now."""
        self.updated_at = utcnow()
