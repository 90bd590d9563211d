"""The priority order (step 8) and what it asks of the action plan.

Built on the ranking (:mod:`mpa_tui.domain.rules`) and, for the pairwise method, on
:mod:`mpa_tui.domain.pairwise`; neither of those imports this module, so the two rule
modules no longer depend on each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.enums import ActionStatus, RankingMethod
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.pairwise import pairwise_order, top_category_ids
from mpa_tui.domain.rules import RankedCategory, rank_categories
from mpa_tui.domain.session import Session

TOP_PRIORITIES_NEEDING_ACTION = 3
"""How many of the first priorities must each have at least one action that is not dropped."""


def ranking_order(session: Session, ranked: Sequence[RankedCategory] | None = None) -> list[str]:
    """Active categories in the order of the session's ranking method.

    ``RankingMethod.COUNT``: the ranking by count (tie-breaks applied).
    ``RankingMethod.PAIRWISE``: the pairwise ranking of the compared categories (the count
    ranking's top :data:`~mpa_tui.domain.pairwise.PAIRWISE_TOP`), then the others in count
    order (:func:`mpa_tui.domain.pairwise.pairwise_order`).

    Args:
        session: The session.
        ranked: ``rank_categories(session)`` when the caller already has it (not recomputed).
    """
    if session.settings.ranking_method is RankingMethod.PAIRWISE:
        return pairwise_order(session, top_category_ids(session))
    rows = rank_categories(session) if ranked is None else ranked
    return [r.category_id for r in rows]


def final_order(session: Session, ranked: Sequence[RankedCategory] | None = None) -> list[str]:
    """The priority order of active categories (step 8).

    The confirmed order when there is one (categories added since come after it, in
    rank order); otherwise the ranking's order (:func:`ranking_order`).

    Args:
        session: The session.
        ranked: ``rank_categories(session)`` when the caller already has it (not recomputed).
    """
    by_rank = ranking_order(session, ranked)
    if not session.priority_order:
        return by_rank
    alive = set(by_rank)
    head = [cid for cid in session.priority_order if cid in alive]
    placed = set(head)
    return head + [cid for cid in by_rank if cid not in placed]


def order_matches_ranking(session: Session) -> bool:
    """Whether the confirmed order still follows the current ranking's order."""
    return final_order(session) == ranking_order(session)


def unplanned_top(session: Session, order: Sequence[str] | None = None
                  ) -> list[tuple[int, str]]:
    """(place from 1, category id) of the first :data:`TOP_PRIORITIES_NEEDING_ACTION`
    priorities of the final order that have no action whose status is other than dropped.

    Args:
        session: The session.
        order: ``final_order(session)`` when the caller already has it (not recomputed).
    """
    order = final_order(session) if order is None else order
    planned = {a.category_id for a in session.action_items
               if a.deleted_at is None and a.status is not ActionStatus.DROPPED}
    return [(place, cid) for place, cid in enumerate(order[:TOP_PRIORITIES_NEEDING_ACTION],
                                                      start=1) if cid not in planned]


def priorities(session: Session) -> list[tuple[str, int, str]]:
    """The ordered priority problems: (category id, place from 1, title as typed or "")."""
    out = []
    for place, cid in enumerate(final_order(session), start=1):
        cat = session.category(cid)
        out.append((cid, place, cat.title if cat is not None else ""))
    return out


def set_draft_order(session: Session, ordered_ids: list[str]) -> None:
    """Save a reordered, not yet confirmed priority order.

    Like :func:`mpa_tui.domain.ops.confirm_order`, but it clears ``priority_confirmed_at``:
    the order changed after any confirmation.

    Raises:
        DomainError: ``order_incomplete`` unless ``ordered_ids`` are exactly the active
            categories.
    """
    alive = {c.id for c in session.active_categories()}
    if set(ordered_ids) != alive or len(ordered_ids) != len(alive):
        raise DomainError("order_incomplete")
    session.priority_order = list(ordered_ids)
    session.priority_confirmed_at = None
    session.updated_at = utcnow()


def follow_ranking(session: Session) -> None:
    """Drop the reordered/confirmed order: the priority list follows the ranking again."""
    session.priority_order = []
    session.priority_confirmed_at = None
    session.updated_at = utcnow()
