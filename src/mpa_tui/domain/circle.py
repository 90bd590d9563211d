"""Step 1 (Duduk melingkar): participant codes, attendance, presence and roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mpa_tui.domain import ops
from mpa_tui.domain.enums import Role
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.session import Participant, Session

ROLE_ORDER = (Role.MEMBER, Role.OFFICER, Role.OTHER)
"""The order roles are shown in, and the order a role key steps through."""
_CODE = re.compile(r"^P(\d{1,4})$", re.IGNORECASE)


def next_code(taken: Iterable[str], *, width: int = 2) -> str:
    """The pseudonymous code after the highest of ``taken``: P01, P02 ... (``width`` digits
    at least). Codes once given are not reused, even when their holder is in the trash."""
    used = [int(m.group(1)) for name in taken if (m := _CODE.match(name.strip()))]
    return f"P{max(used, default=0) + 1:0{width}d}"


def next_participant_code(session: Session) -> str:
    """The next free participant code: P01, P02 ... (trashed codes are not reused)."""
    return next_code(p.name for p in session.participants)


def attendance(session: Session) -> dict[Role, tuple[int, int]]:
    """Per role, ``(present, total)`` among the participants in the circle."""
    out = {role: (0, 0) for role in ROLE_ORDER}
    for p in session.circle():
        here, total = out[p.role]
        out[p.role] = (here + int(p.present), total + 1)
    return out


def _person(session: Session, participant_id: str) -> Participant:
    person = session.participant(participant_id)
    if person is None:
        raise DomainError("not_found", id=participant_id)
    return person


def toggle_present(session: Session, participant_id: str) -> Participant:
    """Mark a participant present, or absent when she was present."""
    person = _person(session, participant_id)
    ops.update(session, "participants", participant_id, present=not person.present)
    return person


def next_role(session: Session, participant_id: str) -> Participant:
    """Give a participant the next role of :data:`ROLE_ORDER`."""
    person = _person(session, participant_id)
    role = ROLE_ORDER[(ROLE_ORDER.index(person.role) + 1) % len(ROLE_ORDER)]
    ops.update(session, "participants", participant_id, role=role)
    return person
