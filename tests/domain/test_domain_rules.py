"""Counting, ranking with ties (1, 1, 3), tie-breaks, the final order and vote checks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpa_tui.domain import CountingMode, DomainError, Session, Settings, VoteEntry, ops
from mpa_tui.domain.order import final_order, order_matches_ranking
from mpa_tui.domain.rules import (
    competition_ranks,
    rank_categories,
    tally,
    tie_groups,
    vote_problems,
    votes_used,
)

Build = Callable[..., tuple[Session, list[str]]]


def _voted(build: Build, mode: CountingMode) -> tuple[Session, list[str]]:
    # Cards 3, 1, 0; votes 1, 4, 2 (per participant, budget 3, two people).
    session, ids = build([3, 1, 0], mode=mode, people=2)
    a, b = (p.id for p in session.participants)
    ops.set_votes(session, a, ids[0], 1)
    ops.set_votes(session, a, ids[1], 2)
    ops.set_votes(session, b, ids[1], 2)
    ops.set_votes(session, b, ids[2], 1)
    # A second vote row for b/ids[2] that is in the trash does not count.
    ops.set_votes(session, b, ids[2], 0)
    ops.set_votes(session, b, ids[2], 1)
    return session, ids


@pytest.mark.parametrize(("mode", "scores"), [
    (CountingMode.CARDS, [3, 1, 0]),
    (CountingMode.VOTES, [1, 4, 1]),
    (CountingMode.BOTH, [4, 5, 1]),
])
def test_tally_per_participant_votes(build: Build, mode: CountingMode, scores: list[int]) -> None:
    session, ids = _voted(build, mode)
    counts = tally(session)
    assert [counts[i].cards for i in ids] == [3, 1, 0]
    assert [counts[i].votes for i in ids] == [1, 4, 1]
    assert [counts[i].score for i in ids] == scores


@pytest.mark.parametrize(("mode", "scores"), [
    (CountingMode.CARDS, [2, 1]), (CountingMode.VOTES, [0, 9]), (CountingMode.BOTH, [2, 10]),
])
def test_tally_raised_hands_totals(build: Build, mode: CountingMode, scores: list[int]) -> None:
    session, ids = build([2, 1], mode=mode, entry=VoteEntry.TOTALS, people=1)
    ops.update(session, "categories", ids[1], hand_votes=9)
    # Per-participant votes are ignored while votes are entered as totals.
    ops.update(session, "participants", session.participants[0].id, present=True)
    session.settings.vote_entry = VoteEntry.PER_PARTICIPANT
    ops.set_votes(session, session.participants[0].id, ids[0], 3)
    session.settings.vote_entry = VoteEntry.TOTALS
    assert [tally(session)[i].score for i in ids] == scores


def test_tally_ignores_trash(build: Build) -> None:
    session, ids = _voted(build, CountingMode.BOTH)
    ops.soft_delete(session, "cards", session.category(ids[0]).card_ids[0])  # type: ignore[union-attr]
    ops.soft_delete(session, "participants", session.participants[1].id)
    ops.soft_delete(session, "categories", ids[2])
    counts = tally(session)
    assert set(counts) == set(ids[:2])
    assert (counts[ids[0]].cards, counts[ids[0]].votes) == (2, 1)
    assert counts[ids[1]].votes == 2  # only the remaining participant's votes


def test_standard_competition_ranking(build: Build) -> None:
    session, ids = build([7, 5, 7, 2, 5])
    rows = rank_categories(session)
    assert [(r.category_id, r.rank, r.tied) for r in rows] == [
        (ids[0], 1, True), (ids[2], 1, True), (ids[1], 3, True), (ids[4], 3, True),
        (ids[3], 5, False),
    ]
    assert tie_groups(rows) == [[ids[0], ids[2]], [ids[1], ids[4]]]
    assert competition_ranks([9, 9, 9, 4, 1, 1]) == [1, 1, 1, 4, 5, 5]


def _scored(scores: list[int]) -> Session:
    session = Session(group_name="x", settings=Settings(
        counting_mode=CountingMode.VOTES, vote_entry=VoteEntry.TOTALS))
    for i, s in enumerate(scores):
        cat = ops.new_category(session, f"K{i}")
        ops.update(session, "categories", cat.id, hand_votes=s)
    return session


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=10))
def test_ranking_properties(scores: list[int]) -> None:
    rows = rank_categories(_scored(scores))
    assert sorted(r.score for r in rows) == sorted(scores)
    ranks = [r.rank for r in rows]
    assert ranks == sorted(ranks)
    for r in rows:
        assert r.rank == 1 + sum(1 for s in scores if s > r.score)
        assert r.tied == (scores.count(r.score) > 1)
        assert r.tie_break_id is None


def test_tie_break_orders_the_tie_with_a_reason(build: Build) -> None:
    session, ids = build([4, 2, 4, 1])
    tb = ops.break_tie(session, [ids[2], ids[0]], "Paling mendesak menurut peserta")
    rows = rank_categories(session)
    assert [(r.category_id, r.rank, r.tied, r.tie_break_id) for r in rows[:3]] == [
        (ids[2], 1, False, tb.id), (ids[0], 2, False, tb.id), (ids[1], 3, False, None)]
    assert tie_groups(rows) == []
    assert final_order(session) == [ids[2], ids[0], ids[1], ids[3]]


def test_tie_break_goes_stale_when_counts_change(build: Build) -> None:
    session, ids = build([4, 2, 4])
    ops.break_tie(session, [ids[2], ids[0]], "alasan")
    moved = session.category(ids[1]).card_ids[0]  # type: ignore[union-attr]
    ops.move_cards(session, [moved], ids[0])  # 5, 1, 4: no tie any more
    rows = rank_categories(session)
    assert [(r.category_id, r.tie_break_id) for r in rows] == [
        (ids[0], None), (ids[2], None), (ids[1], None)]
    ops.move_cards(session, [moved], ids[1])  # back to the same tie: the choice holds again
    assert [r.category_id for r in rank_categories(session)][:2] == [ids[2], ids[0]]
    # A third category joining the tie reopens it: the break was for two.
    for card in session.category(ids[1]).card_ids[:2]:  # type: ignore[union-attr]
        ops.move_cards(session, [card], None)
    extra = [ops.add_card(session, f"x{i}").id for i in range(4)]
    ops.move_cards(session, extra, ids[1])
    rows = rank_categories(session)
    assert all(r.tied and r.rank == 1 and r.tie_break_id is None for r in rows)


def test_newest_tie_break_wins(build: Build) -> None:
    session, ids = build([3, 3])
    ops.break_tie(session, [ids[0], ids[1]], "pertama")
    last = ops.break_tie(session, [ids[1], ids[0]], "diubah")
    assert [r.category_id for r in rank_categories(session)] == [ids[1], ids[0]]
    ops.soft_delete(session, "tie_breaks", last.id)
    assert [r.category_id for r in rank_categories(session)] == [ids[0], ids[1]]


def test_final_order_follows_confirmation_then_new_categories(build: Build) -> None:
    session, ids = build([1, 3, 2])
    assert final_order(session) == [ids[1], ids[2], ids[0]]
    ops.confirm_order(session, [ids[0], ids[1], ids[2]])
    assert final_order(session) == [ids[0], ids[1], ids[2]]
    assert not order_matches_ranking(session)
    late = ops.new_category(session, "Baru")
    ops.soft_delete(session, "categories", ids[1])
    assert final_order(session) == [ids[0], ids[2], late.id]


def test_vote_budget_and_cap(build: Build) -> None:
    session, ids = build([1, 1, 1], people=2, budget=3, cap=2)
    a, b = (p.id for p in session.participants)
    ops.set_votes(session, a, ids[0], 2)
    assert [p.key for p in vote_problems(session, a, ids[1], 2)] == ["vote_over_budget"]
    assert vote_problems(session, a, ids[1], 2)[0].params == {"budget": 3, "left": 1}
    assert [p.key for p in vote_problems(session, b, ids[1], 3)] == ["vote_over_category_cap"]
    with pytest.raises(DomainError) as info:
        ops.set_votes(session, a, ids[1], 2)
    assert info.value.key == "vote_over_budget"
    assert votes_used(session, a) == 2  # the refused change left nothing behind
    ops.set_votes(session, a, ids[1], 1)
    assert votes_used(session, a) == 3
    # One more on a category she already voted for: she has 0 left, as the screen says.
    assert vote_problems(session, a, ids[1], 2)[0].params == {"budget": 3, "left": 0}
    # Changing an existing vote counts the new number, not old plus new.
    ops.set_votes(session, a, ids[0], 1)
    ops.set_votes(session, a, ids[1], 2)
    assert votes_used(session, a) == 3


def test_who_may_vote(build: Build) -> None:
    session, ids = build([1], people=1)
    person = session.participants[0].id
    assert [p.key for p in vote_problems(session, "nobody", ids[0], 1)] == [
        "vote_unknown_participant"]
    assert [p.key for p in vote_problems(session, person, "none", 1)] == [
        "vote_unknown_category"]
    assert [p.key for p in vote_problems(session, person, ids[0], -1)] == ["too_small"]
    ops.set_votes(session, person, ids[0], 2)
    ops.update(session, "participants", person, present=False)
    assert [p.key for p in vote_problems(session, person, ids[0], 3)] == [
        "vote_participant_absent"]
    # Taking back votes is always possible, even when she has left.
    ops.set_votes(session, person, ids[0], 0)
    assert tally(session)[ids[0]].votes == 0


def test_lowering_votes_repairs_an_over_budget_state(build: Build) -> None:
    session, ids = build([1, 1], people=1, budget=4)
    person = session.participants[0].id
    ops.set_votes(session, person, ids[0], 2)
    ops.set_votes(session, person, ids[1], 2)
    session.settings.vote_budget = 2  # the facilitator lowers the budget afterwards
    assert vote_problems(session, person, ids[1], 1) == []
    ops.set_votes(session, person, ids[1], 0)
    assert votes_used(session, person) == 2
    assert [p.key for p in vote_problems(session, person, ids[1], 1)] == ["vote_over_budget"]


def test_duplicate_vote_rows_collapse_to_one(build: Build) -> None:
    session, ids = build([1], people=1, budget=5)
    person = session.participants[0].id
    ops.set_votes(session, person, ids[0], 1)
    # A merge of two laptops' files may leave two live rows for the same pair.
    twin = session.votes[0].model_copy(update={"id": "twin", "count": 2})
    session.votes.append(twin)
    assert tally(session)[ids[0]].votes == 2  # one row stands for the pair: the newest
    assert votes_used(session, person) == 2
    ops.set_votes(session, person, ids[0], 3)
    assert tally(session)[ids[0]].votes == 3
    assert sum(1 for v in session.votes if v.deleted_at is None) == 1
