"""A session's details and settings: editing them, and starting a new session from them."""

from __future__ import annotations

from typing import Any

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.session import Session

DETAIL_FIELDS = ("group_name", "location", "start_date", "end_date", "place", "facilitators",
                 "guiding_question", "settings")
"""What the details form edits."""
COPY_FIELDS = (*DETAIL_FIELDS, "language")
"""What "duplicate as a template" copies (plus the participants, with new ids)."""


def set_details(session: Session, source: Session) -> None:
    """Give ``session`` the details and settings of ``source`` (an already validated form)."""
    for name in DETAIL_FIELDS:
        setattr(session, name, getattr(source, name))
    session.updated_at = utcnow()


def template_from(source: Session, suffix: str) -> Session:
    """A new session with ``source``'s details, settings and participants, but no cards.

    Participants get new ids (a new workshop, a new roster to edit); everything the
    workshop produced (cards, categories, votes, ranking, order, later stages) is left out.
    """
    data: dict[str, Any] = source.model_dump(mode="json", include=set(COPY_FIELDS))
    name = f"{source.group_name} {suffix}".strip()
    data["group_name"] = name[:200].strip()
    data["participants"] = [
        p.model_dump(mode="json", include={"name", "role", "present", "seat", "sex", "age_band"})
        for p in source.circle()
    ]
    return type(source).model_validate(data)
