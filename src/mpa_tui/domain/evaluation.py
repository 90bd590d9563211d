"""Edits of the evaluation and termination (the paper's checklist, lists, quotes, texts).

Each edit validates the whole evaluation before anything changes. Quotes get the next
pseudonymous speaker code (P1, P2 ...), never a name unless a participant is linked.
"""

from __future__ import annotations

from typing import Any

from mpa_tui.domain.circle import next_code as _next_code
from mpa_tui.domain.cycle import Evaluation, Quote
from mpa_tui.domain.enums import ChecklistKey
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.session import Session

LIST_FIELDS = ("supporting_factors", "obstacles", "results", "innovation")


def set_evaluation(session: Session, **changes: Any) -> None:
    """Change fields of the session's evaluation; all are checked first."""
    ev = session.evaluation
    ok = Evaluation.model_validate({**ev.model_dump(), **changes})
    for key in changes:
        setattr(ev, key, getattr(ok, key))
    ev.touch()


def set_check(session: Session, key: ChecklistKey, **changes: Any) -> None:
    """Change one checklist item (``achieved`` and/or ``note``)."""
    items = [{**item.model_dump(), **changes} if item.key is key else item.model_dump()
             for item in session.evaluation.checklist]
    set_evaluation(session, checklist=items)  # validated there: a bad note is refused


def add_item(session: Session, field: str, text: str) -> None:
    """Append a line to a list section (supporting factors, obstacles ...)."""
    set_evaluation(session, **{field: [*getattr(session.evaluation, field), text]})


def remove_item(session: Session, field: str, index: int) -> None:
    """Remove a line of a list section (or a quote) by position."""
    items = list(getattr(session.evaluation, field))
    if not 0 <= index < len(items):
        raise DomainError("not_found", id=str(index))
    del items[index]
    set_evaluation(session, **{field: items})


def next_speaker_code(session: Session) -> str:
    """The next pseudonymous speaker code: P1, P2, ... (the participant-code rule, no padding)."""
    return _next_code((q.speaker_code for q in session.evaluation.quotes), width=1)


def add_quote(session: Session, text: str) -> Quote:
    """Record participants' words under the next free speaker code."""
    quote = Quote(text=text, speaker_code=next_speaker_code(session))
    set_evaluation(session, quotes=[*session.evaluation.quotes, quote])
    return quote


def edit_quote(session: Session, quote_id: str, **changes: Any) -> None:
    """Change a quote's text, speaker code or linked participant (validated first)."""
    if not any(q.id == quote_id for q in session.evaluation.quotes):
        raise DomainError("not_found", id=quote_id)
    new = [Quote.model_validate({**q.model_dump(), **changes}) if q.id == quote_id else q
           for q in session.evaluation.quotes]
    set_evaluation(session, quotes=[q.model_dump() for q in new])
