"""Pure rules of the MPA: counting, ranking with ties, tie-breaks, votes.

The final order built on the ranking lives in :mod:`mpa_tui.domain.order`.

The tie rule (documented in README): categories are ranked by their count, highest
first, with **standard competition ranking** ("1224"): categories with the same count
share a rank and the next rank skips as many places as there were tied categories
(counts 7, 7, 5 give ranks 1, 1, 3). Ties are flagged. The facilitator may break a tie
by choosing an order and giving a reason (a :class:`TieBreak`); it applies only while
exactly the same categories are still tied, so a later change of counts reopens the tie
instead of silently keeping an order the counts no longer support.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from mpa_tui.domain.enums import CountingMode, VoteEntry
from mpa_tui.domain.errors import Problem
from mpa_tui.domain.session import Category, Session, TieBreak, Vote


@dataclass(frozen=True)
class Tally:
    """Counts of one category."""

    category_id: str
    cards: int
    votes: int
    score: int
    """What the ranking uses: cards, votes, or their sum (counting mode "both")."""


@dataclass(frozen=True)
class RankedCategory:
    """One row of the ranking."""

    category_id: str
    score: int
    rank: int
    tied: bool
    """Shares its rank with another category and no tie-break settles it."""
    tie_break_id: str | None = None
    """Set when a recorded tie-break decided this category's place."""


def score_of(cards: int, votes: int, mode: CountingMode) -> int:
    """Combine card and vote counts as the counting mode says."""
    if mode is CountingMode.CARDS:
        return cards
    if mode is CountingMode.VOTES:
        return votes
    return cards + votes


def tally(session: Session) -> dict[str, Tally]:
    """Count active cards and votes per active category.

    Returns:
        A mapping from category id to its :class:`Tally`, in category order.
    """
    alive_cards = {c.id for c in session.cards if c.deleted_at is None}
    cats = session.active_categories()
    cat_ids = {c.id for c in cats}
    votes: dict[str, int] = dict.fromkeys(cat_ids, 0)
    if session.settings.vote_entry is VoteEntry.PER_PARTICIPANT:
        alive_people = {p.id for p in session.participants if p.deleted_at is None}
        for v in live_votes(session):
            if v.category_id in cat_ids and v.participant_id in alive_people:
                votes[v.category_id] += v.count
    else:
        for c in cats:
            votes[c.id] = c.hand_votes or 0
    mode = session.settings.counting_mode
    out: dict[str, Tally] = {}
    for c in cats:
        n = sum(1 for cid in c.card_ids if cid in alive_cards)
        out[c.id] = Tally(c.id, n, votes[c.id], score_of(n, votes[c.id], mode))
    return out


def tie_group(session: Session, category_id: str) -> list[str]:
    """The categories sharing ``category_id``'s score (before tie-breaks), best first;
    empty when it shares its rank with no other."""
    raw = rank_categories(session, apply_tie_breaks=False)
    rank = next((r.rank for r in raw if r.category_id == category_id), None)
    group = [r.category_id for r in raw if r.rank == rank]
    return group if len(group) > 1 else []


def _title_key(category: Category) -> tuple[str, str]:
    return (normalise_title(category.title), category.created_at.isoformat())


def competition_ranks(scores: list[int]) -> list[int]:
    """Standard competition ranks for scores already sorted high to low: 7,7,5 -> 1,1,3."""
    ranks: list[int] = []
    for i, s in enumerate(scores):
        ranks.append(ranks[i - 1] if i and scores[i - 1] == s else i + 1)
    return ranks


def rank_categories(session: Session, *, apply_tie_breaks: bool = True) -> list[RankedCategory]:
    """Rank active categories by their score with the tie rule in this module's docstring.

    Args:
        session: The session to rank.
        apply_tie_breaks: Whether recorded tie-breaks order tied categories.

    Returns:
        Rows from rank 1 down; among equal scores the order is by title, then age, unless
        a tie-break applies.
    """
    tallies = tally(session)
    cats = sorted(session.active_categories(), key=_title_key)
    cats.sort(key=lambda c: -tallies[c.id].score)
    scores = [tallies[c.id].score for c in cats]
    ranks = competition_ranks(scores)
    how_many = Counter(scores)
    rows = [
        RankedCategory(c.id, s, r, tied=how_many[s] > 1)
        for c, s, r in zip(cats, scores, ranks, strict=True)
    ]
    if not apply_tie_breaks:
        return rows
    breaks = [t for t in session.tie_breaks if t.deleted_at is None]
    out: list[RankedCategory] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j].score == rows[i].score:
            j += 1
        group = rows[i:j]
        tb = find_tie_break(breaks, [r.category_id for r in group]) if len(group) > 1 else None
        if tb is None:
            out.extend(group)
        else:
            by_id = {r.category_id: r for r in group}
            for k, cid in enumerate(tb.category_ids):
                r = by_id[cid]
                out.append(RankedCategory(cid, r.score, r.rank + k, tied=False, tie_break_id=tb.id))
        i = j
    return out


def find_tie_break(breaks: list[TieBreak], tied_ids: list[str]) -> TieBreak | None:
    """Return the newest tie-break covering exactly these tied categories, if any.

    Among tie-breaks made in the same millisecond the one recorded last wins.
    """
    wanted = set(tied_ids)
    found = [
        (t.created_at, i, t) for i, t in enumerate(breaks)
        if set(t.category_ids) == wanted and len(t.category_ids) == len(wanted)
    ]
    return max(found, key=lambda item: item[:2])[2] if found else None


def tie_groups(ranking: list[RankedCategory]) -> list[list[str]]:
    """Groups of category ids that still share a rank (unbroken ties), best rank first."""
    groups: dict[int, list[str]] = {}
    for r in ranking:
        if r.tied:
            groups.setdefault(r.rank, []).append(r.category_id)
    return [groups[k] for k in sorted(groups)]


_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


def normalise_title(title: str) -> str:
    """Case-, space- and punctuation-insensitive form of a category title."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def title_problems(session: Session) -> dict[str, Problem]:
    """Problems with the titles of active categories: missing or duplicated.

    Returns:
        A mapping from category id to its problem; categories with good titles are absent.
    """
    out: dict[str, Problem] = {}
    seen: dict[str, str] = {}
    for c in session.active_categories():
        key = normalise_title(c.title)
        if not key:
            out[c.id] = Problem("title", "title_empty")
        elif key in seen:
            out[c.id] = Problem("title", "title_duplicate", {"title": c.title})
        else:
            seen[key] = c.id
    return out


def live_votes(session: Session) -> list[Vote]:
    """The votes that count: one per (participant, category), not in the trash.

    Two live rows for the same pair can only come from merging two laptops' files; the
    newest (then the last recorded) stands for the pair, so a vote is never counted twice.
    """
    best: dict[tuple[str, str], tuple[datetime, int, Vote]] = {}
    for i, v in enumerate(session.votes):
        if v.deleted_at is not None:
            continue
        key = (v.participant_id, v.category_id)
        if key not in best or (v.updated_at, i) >= best[key][:2]:
            best[key] = (v.updated_at, i, v)
    return [item[2] for item in sorted(best.values(), key=lambda item: item[1])]


def votes_used(
    session: Session, participant_id: str, *, exclude_category: str | None = None
) -> int:
    """How many votes a participant has given (optionally leaving one category out)."""
    return sum(
        v.count
        for v in live_votes(session)
        if v.participant_id == participant_id and v.category_id != exclude_category
    )


def votes_given(session: Session, participant_id: str, category_id: str) -> int:
    """How many votes a participant has given one category now."""
    return sum(
        v.count
        for v in live_votes(session)
        if v.participant_id == participant_id and v.category_id == category_id
    )


def vote_problems(
    session: Session, participant_id: str, category_id: str, count: int
) -> list[Problem]:
    """Check setting a participant's votes for a category to ``count``.

    Checks: the participant exists and is present, the category exists, the count is not
    negative, her total stays within the session's vote budget, and the count stays
    within the per-category cap when there is one. Lowering votes she already gave is
    always allowed (even if she has left, or the budget was lowered since), so an
    over-budget state can always be repaired.
    """
    out: list[Problem] = []
    person = session.participant(participant_id)
    cat = session.category(category_id)
    lowering = 0 <= count <= votes_given(session, participant_id, category_id)
    if person is None or person.deleted_at is not None:
        out.append(Problem("participant", "vote_unknown_participant"))
    elif not person.present and not lowering:
        out.append(Problem("participant", "vote_participant_absent", {"name": person.name}))
    if cat is None or cat.deleted_at is not None:
        out.append(Problem("category", "vote_unknown_category"))
    if count < 0:
        out.append(Problem("count", "too_small", {"ge": 0}))
        return out
    if lowering:
        return out
    budget = session.settings.vote_budget
    used = votes_used(session, participant_id, exclude_category=category_id)
    if used + count > budget:
        # What she has left now (as the count screen shows it), not what this category
        # could hold: her votes already on it are spent too.
        left = max(budget - votes_used(session, participant_id), 0)
        out.append(Problem("count", "vote_over_budget", {"budget": budget, "left": left}))
    cap = session.settings.max_votes_per_category
    if cap is not None and count > cap:
        out.append(Problem("count", "vote_over_category_cap", {"cap": cap}))
    return out
