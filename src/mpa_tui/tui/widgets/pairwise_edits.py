"""The pairwise walk's tie-break reason, in the user's language.

The walk's edits and look-ups live in :mod:`mpa_tui.domain.pairwise_edits`.
"""

from __future__ import annotations

from mpa_tui.domain import Session
from mpa_tui.i18n import UNTITLED, t
from mpa_tui.tui.widgets.plain import one_line

REASON_TITLE = 40
"""A title in a tie-break reason is cut to this many characters (the reason holds 500)."""


def tie_reason(session: Session, order: list[str]) -> str:
    """The translated tie-break reason: names the method and the order it gave."""
    names = []
    for cid in order:
        cat = session.category(cid)
        names.append(one_line(cat.title if cat else "", REASON_TITLE) or t(UNTITLED))
    return t("pairwise.tie_reason", order=" > ".join(names))[:500]
