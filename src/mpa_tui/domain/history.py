"""Undo and redo seen from a merge: going back is an edit too.

A session's undo replaces it by an earlier copy. Merges decide by per-entity edit counters
(``version``), so the copy must count as newer than what it replaces, or a bundle exported
before the undo would bring the undone version back.
"""

from __future__ import annotations

from typing import Any

from mpa_tui.domain.base import MAX_VERSION
from mpa_tui.domain.session import ENTITY_LISTS, Session


def count_undo(restored: Session, current: Session) -> None:
    """An undo or a redo is an edit too: count it on what it changes.

    ``restored`` is an earlier (or later) copy of the session that replaces ``current``.
    Each entity it changes gets one more edit than either copy had, so a merge with a
    bundle exported in between does not bring the undone version back. The session's own
    counter goes past the current one the same way (its ``touch`` adds the last edit).
    """
    def count(mine: list[Any], now: list[Any]) -> None:
        by_id = {e.id: e for e in now}
        for e in mine:
            other = by_id.get(e.id)
            if other is not None and other != e:
                object.__setattr__(e, "version", min(max(e.version, other.version) + 1,
                                                     MAX_VERSION))

    for name in ENTITY_LISTS:
        count(getattr(restored, name), getattr(current, name))
    count(restored.evaluation.quotes, current.evaluation.quotes)
    count([restored.evaluation], [current.evaluation])
    object.__setattr__(restored, "version", max(restored.version, current.version))
