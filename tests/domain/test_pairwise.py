"""Pairwise ranking: the asking order, points, the tie rule, the matrix, tie-breaking mode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpa_tui.domain import PairwiseChoice, Session, utcnow
from mpa_tui.domain.pairwise import (
    answers,
    matrix,
    pairs,
    pairwise_order,
    pairwise_ranking,
    pairwise_tie_order,
    top_category_ids,
    unanswered,
)

Build = Callable[..., tuple[Session, list[str]]]


def won(a: str, b: str, winner: str | None, **kw: object) -> PairwiseChoice:
    return PairwiseChoice(category_a=a, category_b=b, winner_id=winner, **kw)  # type: ignore[arg-type]


def table(rows: list) -> list[tuple[str, float, int, bool]]:  # type: ignore[type-arg]
    return [(r.category_id, r.points, r.rank, r.tied) for r in rows]


# --- asking order ------------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=12))
def test_pairs_cover_every_pair_once(n: int) -> None:
    ids = [f"c{i}" for i in range(n)]
    got = pairs(ids)
    assert len(got) == n * (n - 1) // 2
    assert {frozenset(p) for p in got} == {frozenset(p) for p in combinations(ids, 2)}
    assert pairs(ids) == got  # stable


def test_pairs_spread_the_categories() -> None:
    got = pairs(list("abcdef"))
    # Round robin: each block of n/2 questions names every category once.
    for r in range(5):
        block = got[r * 3:(r + 1) * 3]
        assert sorted(c for p in block for c in p) == list("abcdef")
    # The first-named side alternates, so no category is always named first.
    firsts = [p[0] for p in got]
    assert max(firsts.count(c) for c in "abcdef") <= 3


def test_pairs_ignore_duplicates_and_tiny_inputs() -> None:
    assert pairs([]) == [] and pairs(["a"]) == [] and pairs(["a", "a"]) == []
    assert pairs(["a", "b", "a"]) == [("a", "b")]


# --- points and ranks --------------------------------------------------------------------

def test_clear_ranking_by_wins() -> None:
    ch = [won("a", "b", "a"), won("a", "c", "a"), won("b", "c", "b")]
    assert table(pairwise_ranking(["c", "b", "a"], ch)) == [
        ("a", 2, 1, False), ("b", 1, 2, False), ("c", 0, 3, False)]
    rows = pairwise_ranking(["a", "b", "c"], ch)
    assert (rows[0].wins, rows[0].draws, rows[0].losses) == (2, 0, 0)


def test_a_draw_is_half_a_point_each() -> None:
    ch = [won("a", "b", None), won("a", "c", "a"), won("b", "c", "b")]
    rows = pairwise_ranking(["a", "b", "c"], ch)
    assert [(r.category_id, r.points) for r in rows][:2] == [("a", 1.5), ("b", 1.5)]
    assert sum(r.points for r in rows) == 3  # points add up to the pairs answered
    assert rows[0].draws == 1


def test_two_tied_are_ordered_by_their_own_pair() -> None:
    # a and d have 2 points each; d beat a head to head, so d is first.
    ch = [won("a", "b", "a"), won("a", "c", "a"), won("a", "d", "d"),
          won("b", "c", None), won("b", "d", "b"), won("c", "d", "d")]
    rows = pairwise_ranking(["a", "b", "c", "d"], ch)
    assert table(rows) == [("d", 2, 1, False), ("a", 2, 2, False),
                           ("b", 1.5, 3, False), ("c", 0.5, 4, False)]
    assert rows[0].head_to_head and rows[1].head_to_head and not rows[2].head_to_head


def test_three_way_cycle_shares_the_rank() -> None:
    ch = [won("a", "b", "a"), won("b", "c", "b"), won("c", "a", "c")]
    rows = pairwise_ranking(["a", "b", "c"], ch)
    assert table(rows) == [("a", 1, 1, True), ("b", 1, 1, True), ("c", 1, 1, True)]
    assert not any(r.head_to_head for r in rows)


def test_cycle_below_a_clear_winner_uses_competition_ranks() -> None:
    # w beats everyone; a > b > c > a among the rest: ranks 1, 2, 2, 2.
    ch = [won("w", x, "w") for x in "abc"] + [
        won("a", "b", "a"), won("b", "c", "b"), won("c", "a", "c")]
    assert [(r.category_id, r.rank, r.tied) for r in pairwise_ranking(list("wabc"), ch)] == [
        ("w", 1, False), ("a", 2, True), ("b", 2, True), ("c", 2, True)]


def test_two_tied_after_a_draw_share_the_rank() -> None:
    ch = [won("a", "b", None)]
    assert table(pairwise_ranking(["a", "b"], ch)) == [("a", 0.5, 1, True), ("b", 0.5, 1, True)]


def test_two_tied_with_unanswered_pair_share_the_rank_then_next_rank_skips() -> None:
    ch = [won("a", "c", "a"), won("b", "c", "b")]
    assert table(pairwise_ranking(["a", "b", "c"], ch)) == [
        ("a", 1, 1, True), ("b", 1, 1, True), ("c", 0, 3, False)]


def test_latest_answer_counts_and_bad_answers_are_ignored() -> None:
    t = utcnow()
    ch = [
        won("a", "b", "a", created_at=t),
        won("b", "a", "b", created_at=t + timedelta(seconds=5)),  # asked again: b now
        won("a", "b", "a", created_at=t + timedelta(seconds=9), deleted_at=t),  # deleted
        won("a", "x", "a"),  # unknown category
        won("a", "b", "zzz", created_at=t + timedelta(seconds=20)),  # winner not in pair
        won("a", "a", "a"),  # a pair with itself
    ]
    assert answers(["a", "b"], ch) == {("a", "b"): "b"}
    assert [r.category_id for r in pairwise_ranking(["a", "b"], ch)] == ["b", "a"]


def test_unanswered_pairs_in_asking_order() -> None:
    ids = list("abcd")
    ch = [won(*pairs(ids)[0], None), won(*pairs(ids)[2], pairs(ids)[2][0])]
    assert unanswered(ids, ch) == [p for k, p in enumerate(pairs(ids)) if k not in (0, 2)]


@given(st.lists(st.sampled_from([None, 0, 1]), min_size=10, max_size=10))
def test_ranks_are_standard_competition_ranks(outcomes: list[int | None]) -> None:
    ids = list("abcde")
    ch = []
    for (a, b), o in zip(pairs(ids), outcomes, strict=True):
        ch.append(won(a, b, None if o is None else (a, b)[o]))
    rows = pairwise_ranking(ids, ch)
    assert sorted(r.category_id for r in rows) == ids
    assert sum(r.points for r in rows) == 10
    pts = [r.points for r in rows]
    assert pts == sorted(pts, reverse=True)
    for i, r in enumerate(rows):
        same = [x for x in rows if x.points == r.points]
        if r.tied:
            assert all(x.rank == r.rank for x in same) and len(same) > 1
        else:
            assert r.rank == i + 1


# --- matrix ------------------------------------------------------------------------------

def test_matrix() -> None:
    ch = [won("a", "b", "a"), won("c", "a", None)]
    assert matrix(["a", "b", "c"], ch) == [
        [None, 1.0, 0.5],
        [0.0, None, None],
        [0.5, None, None],
    ]


# --- with a session: the top categories and the tie-breaking mode -------------------------

def test_top_categories_keep_a_tie_whole(build: Build) -> None:
    session, ids = build([5, 4, 3, 3, 1])
    assert top_category_ids(session, limit=3) == ids[:4]
    assert top_category_ids(session, limit=2) == ids[:2]
    assert top_category_ids(session, limit=9) == ids


def test_pairwise_breaks_a_count_tie(build: Build) -> None:
    session, ids = build([4, 4, 4, 1])
    tied = ids[:3]
    a, b, c = tied
    assert pairwise_tie_order(session, tied) is None  # nothing asked yet
    session.pairwise += [won(a, b, b), won(b, c, b)]
    assert pairwise_tie_order(session, tied) is None  # one pair still to ask
    session.pairwise.append(won(a, c, c))
    assert pairwise_tie_order(session, tied) == [b, c, a]
    # Answers about other categories do not count.
    session.pairwise.append(won(a, ids[3], ids[3]))
    assert pairwise_tie_order(session, tied) == [b, c, a]


def test_pairwise_cannot_break_a_cycle(build: Build) -> None:
    session, ids = build([2, 2, 2])
    a, b, c = ids
    session.pairwise += [won(a, b, a), won(b, c, b), won(c, a, c)]
    assert pairwise_tie_order(session, ids) is None


def test_pairwise_tie_order_of_two_uses_their_pair(build: Build) -> None:
    session, ids = build([3, 3])
    session.pairwise.append(won(ids[0], ids[1], ids[1]))
    assert pairwise_tie_order(session, ids) == [ids[1], ids[0]]
    session.pairwise.append(won(ids[0], ids[1], None, created_at=utcnow() + timedelta(1)))
    assert pairwise_tie_order(session, ids) is None


@pytest.mark.parametrize("bad", [[], ["x"]])
def test_pairwise_tie_order_needs_two(build: Build, bad: list[str]) -> None:
    session, _ = build([1, 1])
    assert pairwise_tie_order(session, bad) is None


def test_pairwise_order_puts_the_compared_first(build: Build) -> None:
    session, ids = build([5, 4, 3, 1])
    top = ids[:3]
    a, b, c = top
    session.pairwise += [won(a, b, b), won(b, c, b), won(a, c, c)]
    assert pairwise_order(session, top) == [b, c, a, ids[3]]
    # Unknown or deleted categories are left out; nothing asked keeps the count order.
    assert pairwise_order(session, [*top, "gone"])[:3] == [b, c, a]
    fresh, fids = build([2, 3])
    assert pairwise_order(fresh, fids) == [fids[1], fids[0]]
