"""What the files in a data folder look like, and how to tell a good one from a damaged one.

A session file is a TinyDB document with two tables, written in ONE atomic write::

    {"meta": {"1": {"format": "mpa-tui-session", "schema_version": 1}},
     "session": {"1": {...the Session as JSON...}}}

``index.json`` is a plain JSON object ``{"format": "mpa-tui-index", "version": 1,
"sessions": {id: summary + "_stat"}}``; it is only a cache of the session files: at open
each file's ``[mtime_ns, size, inode]`` is compared with ``_stat`` and a file that
changed is read again, so the index may lag behind (it is written lazily and without
fsync) but the list is never stale. It is rebuilt when missing or damaged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session

SESSION_FORMAT = "mpa-tui-session"
INDEX_FORMAT = "mpa-tui-index"
INDEX_VERSION = 1
DOC_ID = "1"
META_TABLE = "meta"
SESSION_TABLE = "session"


@dataclass(frozen=True)
class DamageReport:
    """A file found damaged (or unreadable by this version) when the store was opened.

    Attributes:
        path: The damaged file (its original name).
        moved_to: Where it was set aside, or None if it was left in place.
        restored_from_backup: Whether the previous good version was put back.
        reason: Stable key: ``empty``, ``unparsable``, ``wrong_shape``, ``invalid``,
            ``newer_schema`` (left in place, opened read-only) or ``index``.
    """

    path: Path
    moved_to: Path | None
    restored_from_backup: bool
    reason: str

    @property
    def is_damage(self) -> bool:
        """False for a newer-schema file: it is fine, only this app cannot write it."""
        return self.reason != "newer_schema"


class SessionSummary(NamedTuple):
    """One row of the home list, as ``index.json`` holds it.

    A NamedTuple (immutable, like a frozen dataclass) because 1,000 of them are built at
    every start from the index, and a tuple is several times cheaper to build.
    """

    id: str
    group_name: str
    village: str
    start_date: date | None
    current_step: int
    card_count: int
    updated_at: datetime
    deleted_at: datetime | None
    is_example: bool

    def to_json(self) -> dict[str, Any]:
        """The summary as JSON-ready values (ISO dates)."""
        return {
            "id": self.id,
            "group_name": self.group_name,
            "village": self.village,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "current_step": self.current_step,
            "card_count": self.card_count,
            "updated_at": self.updated_at.isoformat(),
            "deleted_at": self.deleted_at.isoformat() if self.deleted_at else None,
            "is_example": self.is_example,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionSummary:
        """Parse :meth:`to_json` output (raises KeyError/ValueError/TypeError if broken)."""
        start = data["start_date"]
        deleted = data["deleted_at"]
        return cls(
            id=str(data["id"]),
            group_name=str(data["group_name"]),
            village=str(data["village"]),
            start_date=date.fromisoformat(start) if start else None,
            current_step=int(data["current_step"]),
            card_count=int(data["card_count"]),
            updated_at=datetime.fromisoformat(data["updated_at"]),
            deleted_at=datetime.fromisoformat(deleted) if deleted else None,
            is_example=bool(data["is_example"]),
        )


def session_document(session_json: dict[str, Any], schema_version: int) -> dict[str, Any]:
    """The TinyDB document written for one session."""
    return {
        META_TABLE: {DOC_ID: {"format": SESSION_FORMAT, "schema_version": schema_version}},
        SESSION_TABLE: {DOC_ID: session_json},
    }


def session_json(session: Session) -> bytes:
    """The session as JSON: the same bytes as ``session.model_dump_json()``, faster.

    Pydantic's Rust walk to Python objects plus orjson costs ~25% less than pydantic's own
    JSON encoder (a save serialises the whole session, and that was half of the time a
    save spends above the bare atomic write: docs/BENCHMARKS.md). Anything orjson cannot
    encode falls back to pydantic; tests/store/test_store_encoding.py checks the bytes
    are identical.
    """
    ser = session.__pydantic_serializer__
    try:
        return orjson.dumps(ser.to_python(session), option=_SESSION_JSON_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return ser.to_json(session)


_SESSION_JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def encode_session_document(session_json: bytes, schema_version: int) -> bytes:
    """The same document as :func:`session_document`, built from the session's JSON bytes.

    Pydantic's own JSON encoder is about twice as fast as dumping to a dict first, and
    splicing the bytes keeps a save to a single serialisation pass.
    """
    meta = orjson.dumps({"format": SESSION_FORMAT, "schema_version": schema_version})
    return b'{"%s":{"%s":%s},"%s":{"%s":%s}}' % (
        META_TABLE.encode(), DOC_ID.encode(), meta,
        SESSION_TABLE.encode(), DOC_ID.encode(), session_json,
    )


class BadFile(Exception):
    """A file failed the shape check; ``reason`` is a DamageReport reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_session_bytes(raw: bytes) -> tuple[int, dict[str, Any]]:
    """Check a session file's bytes and return ``(schema_version, session_json)``.

    Raises:
        BadFile: ``empty``, ``unparsable`` or ``wrong_shape``.
    """
    if not raw.strip():
        raise BadFile("empty")
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadFile("unparsable") from None
    return check_session_doc(doc)


def check_session_doc(doc: Any) -> tuple[int, dict[str, Any]]:
    """Shape-check a parsed session document and return ``(schema_version, session_json)``.

    Raises:
        BadFile: ``wrong_shape``.
    """
    try:
        meta = doc[META_TABLE][DOC_ID]
        body = doc[SESSION_TABLE][DOC_ID]
        version = meta["schema_version"]
        ok = (
            meta.get("format") == SESSION_FORMAT
            and isinstance(version, int)
            and not isinstance(version, bool)
            and version >= 1
            and isinstance(body, dict)
            and isinstance(body.get("id"), str)
        )
    except (KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise BadFile("wrong_shape")
    return version, body


def summary_from_json(body: dict[str, Any]) -> SessionSummary:
    """Build a summary straight from a session's JSON (no model validation: fast).

    Raises:
        BadFile: ``wrong_shape`` when the fields the list needs are missing or broken.
    """
    try:
        cards = body.get("cards") or []
        location = body.get("location") or {}
        start = body.get("start_date")
        deleted = body.get("deleted_at")
        return SessionSummary(
            id=body["id"],
            group_name=str(body.get("group_name", "")),
            village=str(location.get("village", "")),
            start_date=date.fromisoformat(start) if start else None,
            current_step=int(body.get("current_step", 1)),
            card_count=sum(1 for c in cards if not c.get("deleted_at")),
            updated_at=_parse_dt(body["updated_at"]),
            deleted_at=_parse_dt(deleted) if deleted else None,
            is_example=bool(body.get("is_example", False)),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BadFile("wrong_shape") from None


def _parse_dt(value: str) -> datetime:
    # Pydantic writes UTC as "Z", which fromisoformat accepts from Python 3.11 on.
    return datetime.fromisoformat(value)


def file_stamp(st: os.stat_result) -> list[int]:
    """What tells that a session file changed since the index was written.

    mtime alone is too coarse (kernel timestamps tick every few ms, and a save may keep
    the size); the inode number changes with every atomic replace because the previous
    file lives on as the ``.bak`` hard link while the new one is created.
    """
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def index_row(summary: SessionSummary, stat: list[int] | None) -> dict[str, Any]:
    """One entry of ``index.json``: the summary plus the :func:`file_stamp` of its file."""
    return {**summary.to_json(), "_stat": stat}


def index_document(rows: dict[str, dict[str, Any]]) -> bytes:
    """Serialise the index from ready-made rows (see :func:`index_row`)."""
    return orjson.dumps({"format": INDEX_FORMAT, "version": INDEX_VERSION, "sessions": rows})


def parse_index_bytes(raw: bytes) -> tuple[dict[str, SessionSummary], dict[str, list[int]]]:
    """Parse ``index.json``.

    Raises:
        BadFile: ``index`` when empty, unparsable or of the wrong shape.
    """
    try:
        doc = orjson.loads(raw)
        if doc.get("format") != INDEX_FORMAT or doc.get("version") != INDEX_VERSION:
            raise BadFile("index")
        summaries: dict[str, SessionSummary] = {}
        stats: dict[str, list[int]] = {}
        for sid, item in doc["sessions"].items():
            summaries[sid] = SessionSummary.from_json(item)
            st = item.get("_stat")
            if isinstance(st, list) and len(st) == 3:
                stats[sid] = [int(v) for v in st]
        return summaries, stats
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        raise BadFile("index") from None
