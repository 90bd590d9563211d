"""Pure rules of pairwise ranking (a ranking method common in participatory appraisal).

The group is asked, for every pair of the top categories, "which is more urgent?".

The rules (documented in README):

* **Wins.** A category gets 1 point for each pair it wins and **half a point for a draw**
  ("equally urgent", recorded as ``winner_id=None``), as in a round-robin tournament: the
  points of all categories then add up to the number of pairs answered, and a draw is
  neither ignored nor counted as a win for both. Unanswered pairs give nothing.
* **Rank** by points, highest first.
* **Ties.** When exactly two categories have the same points, the one that won their own
  pair comes first. Otherwise (they drew, their pair is unanswered, or three or more are
  tied, e.g. a cycle a > b > c > a) they **share the rank**, with standard competition
  ranking (points 3, 2, 2, 0 give ranks 1, 2, 2, 4), and are flagged ``tied`` for the group
  to settle.
* If a pair was asked again, the latest answer counts.

Pairwise answers can also be used only to order the categories that tie in the count
ranking (:func:`pairwise_tie_order`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mpa_tui.domain.rules import rank_categories
from mpa_tui.domain.session import PairwiseChoice, Session

DRAW_POINTS = 0.5
"""Points each category gets for "equally urgent"."""


@dataclass(frozen=True)
class PairwiseRow:
    """One category's line of the pairwise ranking.

    Attributes:
        category_id: The category.
        points: Wins plus half the draws.
        wins, draws, losses: Answered pairs by outcome.
        rank: Standard competition rank (1 is most urgent).
        tied: Shares its rank with another category.
        head_to_head: Its place against the one other category with the same points was
            decided by their own pair.
    """

    category_id: str
    points: float
    wins: int
    draws: int
    losses: int
    rank: int
    tied: bool
    head_to_head: bool = False


def pairs(category_ids: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of categories once, in a good order for asking.

    A round-robin schedule (the circle method): each round asks about every category
    at most once, so the same category does not come up question after question, and
    which one is named first alternates to avoid favouring the first-named. The order
    depends only on the order of ``category_ids``.
    """
    ids = list(dict.fromkeys(category_ids))
    if len(ids) < 2:
        return []
    slots: list[str | None] = [*ids, None] if len(ids) % 2 else list(ids)
    n = len(slots)
    named_first = dict.fromkeys(ids, 0)
    out: list[tuple[str, str]] = []
    for rnd in range(n - 1):
        for k in range(n // 2):
            a, b = slots[k], slots[n - 1 - k]
            if a is None or b is None:
                continue
            # Name first whichever has been named first less often (balance), else alternate.
            if named_first[a] > named_first[b] or (
                    named_first[a] == named_first[b] and (rnd + k) % 2):
                a, b = b, a
            named_first[a] += 1
            out.append((a, b))
        slots = [slots[0], slots[-1], *slots[1:-1]]  # rotate all but the first
    return out


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def answers(category_ids: Sequence[str], choices: Iterable[PairwiseChoice]) -> dict[
        tuple[str, str], str | None]:
    """The counting answer for each answered pair among ``category_ids``.

    Returns:
        ``{(a, b) with a <= b: winner id or None for a draw}``. Deleted choices, choices
        about other categories and choices naming a winner outside the pair are ignored;
        of several answers to one pair, the latest (by ``created_at``) counts.
    """
    wanted = set(category_ids)
    latest: dict[tuple[str, str], PairwiseChoice] = {}
    for ch in choices:
        if ch.deleted_at is not None or ch.category_a == ch.category_b:
            continue
        if ch.category_a not in wanted or ch.category_b not in wanted:
            continue
        if ch.winner_id is not None and ch.winner_id not in (ch.category_a, ch.category_b):
            continue
        key = _key(ch.category_a, ch.category_b)
        if key not in latest or ch.created_at >= latest[key].created_at:
            latest[key] = ch
    return {k: ch.winner_id for k, ch in latest.items()}


def unanswered(category_ids: Sequence[str], choices: Iterable[PairwiseChoice]) -> list[
        tuple[str, str]]:
    """The pairs still to ask, in :func:`pairs` order."""
    done = answers(category_ids, choices)
    return [p for p in pairs(category_ids) if _key(*p) not in done]


def pairwise_ranking(category_ids: Sequence[str], choices: Iterable[PairwiseChoice]) -> list[
        PairwiseRow]:
    """Rank categories by their pairwise points with the tie rule of this module.

    Args:
        category_ids: The categories compared, in a stable order (e.g. the count
            ranking's); the order among categories that share a rank.
        choices: Recorded answers (e.g. ``session.pairwise``).

    Returns:
        One row per category, rank 1 first.
    """
    ids = list(dict.fromkeys(category_ids))
    result = answers(ids, choices)
    wins = dict.fromkeys(ids, 0)
    draws = dict.fromkeys(ids, 0)
    losses = dict.fromkeys(ids, 0)
    for (a, b), winner in result.items():
        if winner is None:
            draws[a] += 1
            draws[b] += 1
        else:
            loser = b if winner == a else a
            wins[winner] += 1
            losses[loser] += 1
    points = {c: wins[c] + DRAW_POINTS * draws[c] for c in ids}
    order = sorted(ids, key=lambda c: -points[c])  # stable: keeps the given order in ties
    rows: list[PairwiseRow] = []
    i = 0
    while i < len(order):
        j = i
        while j < len(order) and points[order[j]] == points[order[i]]:
            j += 1
        group = order[i:j]
        rank = i + 1
        if len(group) == 2 and result.get(_key(*group)) is not None:
            first = result[_key(*group)]
            second = group[1] if first == group[0] else group[0]
            for k, c in enumerate((first, second)):
                assert c is not None
                rows.append(PairwiseRow(c, points[c], wins[c], draws[c], losses[c], rank + k,
                                        tied=False, head_to_head=True))
        else:
            shared = len(group) > 1
            rows.extend(PairwiseRow(c, points[c], wins[c], draws[c], losses[c], rank, tied=shared)
                        for c in group)
        i = j
    return rows


def matrix(category_ids: Sequence[str], choices: Iterable[PairwiseChoice]) -> list[
        list[float | None]]:
    """The results table for display and export.

    Returns:
        ``cells[i][j]``: points row category ``i`` got against column category ``j``
        (1 won, 0.5 draw, 0 lost); None on the diagonal and for unanswered pairs.
        Rows and columns follow ``category_ids``.
    """
    ids = list(dict.fromkeys(category_ids))
    result = answers(ids, choices)
    cells: list[list[float | None]] = []
    for a in ids:
        row: list[float | None] = []
        for b in ids:
            key = _key(a, b)
            if a == b or key not in result:
                row.append(None)
            elif result[key] is None:
                row.append(DRAW_POINTS)
            else:
                row.append(1.0 if result[key] == a else 0.0)
        cells.append(row)
    return cells


PAIRWISE_TOP = 5
"""How many of the count ranking's first categories are compared pair by pair."""


def top_category_ids(session: Session, limit: int = PAIRWISE_TOP) -> list[str]:
    """The categories to compare: the count ranking's top ``limit``, plus any that tie
    with the last one (cutting a tie in half would decide it arbitrarily)."""
    ranking = rank_categories(session, apply_tie_breaks=False)
    if len(ranking) <= limit:
        return [r.category_id for r in ranking]
    cut = ranking[limit - 1].rank
    return [r.category_id for r in ranking if r.rank <= cut]


def pairwise_tie_order(session: Session, tied_ids: Sequence[str]) -> list[str] | None:
    """Order categories tied in the count ranking by the group's pairwise answers.

    Only the pairs among ``tied_ids`` count. Returns the order when every such pair is
    answered and the pairwise rule orders them all (no shared rank); otherwise None
    (still pairs to ask, or still tied, e.g. a cycle), and the tie stays for the group to
    settle another way.
    """
    ids = list(dict.fromkeys(tied_ids))
    if len(ids) < 2 or unanswered(ids, session.pairwise):
        return None
    rows = pairwise_ranking(ids, session.pairwise)
    if any(r.tied for r in rows):
        return None
    return [r.category_id for r in rows]


def pairwise_order(session: Session, category_ids: Sequence[str]) -> list[str]:
    """The priority order when the session ranks pairwise (``RankingMethod.PAIRWISE``).

    The compared categories in pairwise-ranking order (categories sharing a rank keep
    their count-ranking order), then every other active category in count-ranking order.
    """
    counted = [r.category_id for r in rank_categories(session)]
    place = {c: i for i, c in enumerate(counted)}
    # Ties among shared pairwise ranks follow the count ranking.
    compared = sorted((c for c in dict.fromkeys(category_ids) if c in place), key=place.__getitem__)
    head = [r.category_id for r in pairwise_ranking(compared, session.pairwise)]
    done = set(head)
    return head + [c for c in counted if c not in done]
