"""Pendampingan: the stage records of a group's sessions, in the order they happened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mpa_tui.domain.cycle import StageRecord
from mpa_tui.domain.enums import StageKind
from mpa_tui.domain.session import Session


def sort_key(record: StageRecord) -> tuple[bool, dt.date, int, Any]:
    """By date (undated last), then by the stage's place in the method."""
    order = list(StageKind).index(record.stage)
    return (record.date is None, record.date or dt.date.max, order, record.created_at)


def timeline(session: Session, others: list[Session]) -> list[tuple[StageRecord, Session]]:
    """Live stage records of this session and the group's other sessions, by date.

    ``others`` are the sessions :mod:`mpa_tui.domain.identity` says are the same group.
    """
    rows = [(r, s) for s in (session, *others) for r in s.stages if r.deleted_at is None]
    return sorted(rows, key=lambda pair: sort_key(pair[0]))
