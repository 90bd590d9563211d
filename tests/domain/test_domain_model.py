"""The session model: JSON round trips, membership invariants, robust reading of files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpa_tui.domain import (
    ActionItem,
    AssessmentPhase,
    CapacityRating,
    Card,
    CardColour,
    CardKind,
    ChecklistKey,
    Competency,
    CountingMode,
    Evaluation,
    Resource,
    Session,
    Settings,
    VoteEntry,
    ops,
)
from mpa_tui.domain.rules import rank_categories, tie_groups, vote_problems

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30
).filter(lambda s: bool(s.strip()))
NAME = TEXT.map(lambda s: " ".join(s.split()) or "x")


def assert_membership(session: Session) -> None:
    """A card is in at most one category, and card.category_id says which."""
    cards = {c.id: c for c in session.cards}
    owner: dict[str, str] = {}
    for cat in session.categories:
        if cat.deleted_at is not None:
            assert cat.card_ids == []
        for cid in cat.card_ids:
            assert cid in cards
            assert cid not in owner, "card in two categories"
            owner[cid] = cat.id
    for card in session.cards:
        assert card.category_id == owner.get(card.id)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """Sessions built through the ops, as the app builds them."""
    session = Session(
        group_name=draw(NAME),
        settings=Settings(
            counting_mode=draw(st.sampled_from(CountingMode)),
            vote_entry=draw(st.sampled_from(VoteEntry)),
            vote_budget=draw(st.integers(1, 5)),
            max_votes_per_category=draw(st.none() | st.integers(1, 3)),
        ),
        guiding_question=draw(st.text(max_size=40).filter(lambda s: s.isprintable())),
    )
    people = [ops.add_participant(session, draw(NAME), present=draw(st.booleans()))
              for _ in range(draw(st.integers(0, 4)))]
    cards = [ops.add_card(session, draw(TEXT), draw(st.sampled_from(CardKind)),
                          draw(st.sampled_from(CardColour)))
             for _ in range(draw(st.integers(0, 10)))]
    cats = [ops.new_category(session, f"K{i} {draw(NAME)}")
            for i in range(draw(st.integers(0, 5)))]
    for card in cards:
        pick = draw(st.integers(-1, len(cats) - 1))
        ops.move_cards(session, [card.id], cats[pick].id if pick >= 0 else None)
        if draw(st.booleans()):
            ops.set_posted(session, [card.id])
    for cat in cats:
        if session.settings.vote_entry is VoteEntry.TOTALS:
            ops.update(session, "categories", cat.id, hand_votes=draw(st.integers(0, 20)))
        for person in people:
            count = draw(st.integers(0, 2))
            if not vote_problems(session, person.id, cat.id, count):
                ops.set_votes(session, person.id, cat.id, count)
    for name, items in (("cards", cards), ("categories", cats), ("participants", people)):
        for item in items:
            if draw(st.integers(0, 4)) == 0:
                ops.soft_delete(session, name, item.id)
    for group in tie_groups(rank_categories(session, apply_tie_breaks=False)):
        ops.break_tie(session, draw(st.permutations(group)), draw(TEXT))
    if draw(st.booleans()):
        ops.confirm_order(session, draw(st.permutations([c.id for c in
                                                         session.active_categories()])))
    if cats:
        session.resources.append(Resource(name=draw(NAME), linked_category_ids=[cats[0].id]))
        session.action_items.append(ActionItem(action=draw(TEXT), category_id=cats[0].id))
    session.capacity.append(CapacityRating(
        competency=draw(st.sampled_from(Competency)),
        phase=draw(st.sampled_from(AssessmentPhase)), score=draw(st.integers(1, 5))))
    return session


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_json_round_trip_is_exact(session: Session) -> None:
    assert_membership(session)
    dumped = json.loads(json.dumps(session.model_dump(mode="json")))
    again = Session.model_validate(dumped)
    assert again == session
    assert again.model_dump(mode="json") == dumped
    assert rank_categories(again) == rank_categories(session)


CARD_IDS = [f"c{i}" for i in range(6)]
CAT_IDS = [f"k{i}" for i in range(4)]


@st.composite
def messy_files(draw: st.DrawFn) -> dict[str, Any]:
    """Hand-edited or badly merged files: cards listed twice, unknown ids, stale links."""
    cats = [{
        "id": k, "title": k,
        "card_ids": draw(st.lists(st.sampled_from([*CARD_IDS, "unknown"]), max_size=6)),
        "deleted_at": draw(st.sampled_from([None, "2023-06-08T02:00:00Z"])),
    } for k in CAT_IDS]
    cards = [{"id": c, "text": c,
              "category_id": draw(st.sampled_from([None, *CAT_IDS, "gone"]))} for c in CARD_IDS]
    return {"group_name": "x", "cards": cards, "categories": cats}


@settings(max_examples=150, deadline=None)
@given(messy_files())
def test_membership_is_repaired_on_reading(raw: dict[str, Any]) -> None:
    session = Session.model_validate(raw)
    assert_membership(session)
    # The first live category listing a card keeps it (card_ids is authoritative).
    for card in session.cards:
        listing = [c["id"] for c in raw["categories"]
                   if card.id in c["card_ids"] and c["deleted_at"] is None]
        if listing:
            assert card.category_id == listing[0]
    # Reading the repaired file again changes nothing.
    assert Session.model_validate(session.model_dump(mode="json")) == session


def test_card_of_a_trashed_category_goes_back_to_unsorted() -> None:
    raw = {"group_name": "x", "cards": [{"id": "c", "text": "t", "category_id": "k"}],
           "categories": [{"id": "k", "title": "K", "card_ids": ["c"],
                           "deleted_at": "2023-06-08T02:00:00Z"}]}
    session = Session.model_validate(raw)
    assert session.cards[0].category_id is None
    assert session.categories[0].card_ids == []


def test_duplicate_ids_are_refused() -> None:
    raw = {"group_name": "x", "cards": [{"id": "c", "text": "a"}, {"id": "c", "text": "b"}]}
    try:
        Session.model_validate(raw)
    except ValueError as exc:
        assert "duplicate_id" in str(exc)
    else:
        raise AssertionError("duplicate ids accepted")


def test_naive_timestamps_are_read_as_utc() -> None:
    raw = {"group_name": "x", "created_at": "2023-06-08T09:00:00",
           "cards": [{"text": "a", "created_at": "2023-06-08T09:00:00"}]}
    session = Session.model_validate(raw)
    assert session.created_at == datetime(2023, 6, 8, 9, tzinfo=UTC)
    assert session.cards[0].created_at.tzinfo is not None
    assert session.updated_at > session.created_at  # aware vs aware: no TypeError


def test_evaluation_checklist_always_holds_the_four_items() -> None:
    ev = Evaluation.model_validate({"checklist": [
        {"key": "aktif_antusias", "achieved": True, "note": "pertama"},
        {"key": "aktif_antusias", "achieved": False, "note": "kedua"},
    ]})
    assert [c.key for c in ev.checklist] == list(ChecklistKey)
    active = ev.checklist[list(ChecklistKey).index(ChecklistKey.ACTIVE)]
    assert (active.achieved, active.note) == (True, "pertama")
    assert [c.key for c in Evaluation().checklist] == list(ChecklistKey)


def test_completed_steps_are_sorted_and_unique() -> None:
    session = Session(group_name="x", completed_steps=[3, 1, 3, 2])  # type: ignore[list-item]
    assert [int(s) for s in session.completed_steps] == [1, 2, 3]


def test_assigning_lists_is_checked_but_stamping_the_session_is_not() -> None:
    session = Session(group_name="x")
    cat = ops.new_category(session, "A")
    card = ops.add_card(session, "t")
    ops.move_cards(session, [card.id], cat.id)
    # Mid-edit state (an op between its two halves): stamping must not "repair" it back.
    cat.card_ids.remove(card.id)
    session.touch()
    assert cat.card_ids == []
    card.category_id = None
    # A new list of cards is a new set of facts: checked and repaired like a file.
    stray = Card(text="u", category_id=cat.id)
    session.cards = [*session.cards, stray]
    assert cat.card_ids == [stray.id]
    try:
        session.cards = [*session.cards, stray]
    except ValueError as exc:
        assert "duplicate_id" in str(exc)
    else:
        raise AssertionError("duplicate ids accepted on assignment")


def test_lookup_by_id_follows_in_place_edits_and_copies() -> None:
    """Session.find is an index (O(1)); it must never return a stale answer."""
    from mpa_tui.domain import ops as _ops

    s = Session(group_name="G")
    first = _ops.add_card(s, "satu")
    assert s.card(first.id) is first and s.card("nope") is None
    second = _ops.add_card(s, "dua")  # appended in place after the index was built
    assert s.card(second.id) is second
    new = _ops.split_card(s, first.id, "satu", "tiga")  # inserted in the middle
    assert s.card(new.id) is new and s.card(second.id) is second
    s.cards = list(reversed(s.cards))  # a new list
    assert s.card(first.id) is first
    copy = s.model_copy(deep=True)
    assert copy.card(first.id) is copy.cards[s.cards.index(first)]
    assert copy == s and "_lookup_index" not in s.model_dump()
