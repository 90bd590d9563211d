"""Which sessions are about the same group: one rule for the timeline, the report, import.

A group is known by its name and its village, each compared in the normalised form of
:func:`mpa_tui.domain.rules.normalise_title` (case, spacing and punctuation ignored).
The key is a tuple so that a stronger identity (e.g. an official village code) can be
added as another part without changing any caller: callers only compare keys.
"""

from __future__ import annotations

from mpa_tui.domain.rules import normalise_title
from mpa_tui.domain.session import Session

GroupKey = tuple[str, ...]


def group_key_of(group_name: str, village: str) -> GroupKey:
    """The identity key of a group from its name and village (e.g. from the store index)."""
    return (normalise_title(group_name), normalise_title(village))


def group_key(session: Session) -> GroupKey:
    """The identity key of the group a session is about."""
    return group_key_of(session.group_name, session.location.village)


def same_group(a: Session, b: Session) -> bool:
    """Whether two sessions are about the same group."""
    return group_key(a) == group_key(b)
