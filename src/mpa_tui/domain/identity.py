"""Which sessions are about the same group: one rule for the timeline, the report, import.

A group is known by its name, compared in the normalised form of
:func:`mpa_tui.domain.rules.normalise_title` (case, spacing and punctuation ignored), and by
its village: the official Kemendagri village code when the session has one, else the typed
village name (compared as :func:`mpa_tui.domain.places.key` compares place names, so
"Ds. Nagrak" and "nagrak" are one). Two villages called Nagrak tell apart only by code: that
is what the code is for. Callers only compare keys, so the key can grow another part without
changing any of them.
"""

from __future__ import annotations

from mpa_tui.domain import places
from mpa_tui.domain.rules import normalise_title
from mpa_tui.domain.session import Session

GroupKey = tuple[str, ...]


def name_key(group_name: str) -> str:
    """The group-name part of the key (e.g. to pre-select index rows before loading)."""
    return normalise_title(group_name)


def group_key(session: Session) -> GroupKey:
    """The identity key of the group a session is about."""
    loc = session.location
    village = loc.region_code if loc.region_code.count(".") == 3 else "?" + places.key(loc.village)
    return (name_key(session.group_name), village)


def same_group(a: Session, b: Session) -> bool:
    """Whether two sessions are about the same group."""
    return group_key(a) == group_key(b)
