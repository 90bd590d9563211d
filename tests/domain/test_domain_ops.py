"""Edits of a session: they do what they say, keep membership straight, refuse cleanly."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mpa_tui.domain import CardColour, CardKind, DomainError, Session, ops
from mpa_tui.domain.rules import rank_categories, tally

Build = Callable[..., tuple[Session, list[str]]]


def _members(session: Session) -> dict[str, str | None]:
    return {c.id: c.category_id for c in session.cards}


def _check_membership(session: Session) -> None:
    seen: set[str] = set()
    for cat in session.categories:
        for cid in cat.card_ids:
            assert cid not in seen
            seen.add(cid)
            assert session.card(cid).category_id == cat.id  # type: ignore[union-attr]
    assert all(c.category_id is None for c in session.cards if c.id not in seen)


def test_move_between_categories_in_both_directions(build: Build) -> None:
    session, (a, b, c) = build([2, 2, 0])
    first = session.category(a).card_ids[0]  # type: ignore[union-attr]
    last = session.category(b).card_ids[0]  # type: ignore[union-attr]
    ops.move_cards(session, [first], c)  # earlier category -> later one
    ops.move_cards(session, [last], a)  # later category -> earlier one
    assert session.category(c).card_ids == [first]  # type: ignore[union-attr]
    assert session.category(a).card_ids[-1] == last  # type: ignore[union-attr]
    assert [tally(session)[i].cards for i in (a, b, c)] == [2, 1, 1]
    ops.move_cards(session, [first, last, first], None)
    assert session.card(first).category_id is None  # type: ignore[union-attr]
    assert [tally(session)[i].cards for i in (a, b, c)] == [1, 1, 0]
    _check_membership(session)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(-1, 3)), max_size=25))
def test_any_sequence_of_moves_lands_where_asked(moves: list[tuple[int, int]]) -> None:
    session = Session(group_name="x")
    cards = [ops.add_card(session, f"k{i}").id for i in range(6)]
    cats = [ops.new_category(session, f"K{i}").id for i in range(4)]
    expected: dict[str, str | None] = dict.fromkeys(cards)
    order: dict[str, list[str]] = {k: [] for k in cats}
    for card_i, cat_i in moves:
        cid, target = cards[card_i], cats[cat_i] if cat_i >= 0 else None
        ops.move_cards(session, [cid], target)
        for ids in order.values():
            if cid in ids:
                ids.remove(cid)
        if target:
            order[target].append(cid)
        expected[cid] = target
    assert _members(session) == expected
    assert {k: session.category(k).card_ids for k in cats} == order  # type: ignore[union-attr]
    assert Session.model_validate(session.model_dump()) == session


def test_move_refuses_unknown_and_trashed_targets(build: Build) -> None:
    session, (a, b) = build([1, 0])
    card = session.category(a).card_ids[0]  # type: ignore[union-attr]
    ops.soft_delete(session, "categories", b)
    before = session.model_dump()
    for target, cards in ((b, [card]), ("nope", [card]), (a, ["nope"])):
        with pytest.raises(DomainError) as info:
            ops.move_cards(session, cards, target)
        assert info.value.key == "not_found"
    assert session.model_dump() == before


def test_split_keeps_place_and_copies_attributes(build: Build) -> None:
    session, (a,) = build([3])
    middle = session.category(a).card_ids[1]  # type: ignore[union-attr]
    ops.update(session, "cards", middle, kind=CardKind.NEED, colour=CardColour.PINK)
    ops.set_posted(session, [middle])
    new = ops.split_card(session, middle, "Modal kurang", "Tidak ada pembeli")
    cat = session.category(a)
    assert cat is not None and cat.card_ids[2] == new.id and len(cat.card_ids) == 4
    assert session.card(middle).text == "Modal kurang"  # type: ignore[union-attr]
    assert (new.text, new.kind, new.colour, new.posted, new.category_id) == (
        "Tidak ada pembeli", CardKind.NEED, CardColour.PINK, True, a)
    assert session.cards.index(new) == session.cards.index(session.card(middle)) + 1
    _check_membership(session)


@pytest.mark.parametrize(("first", "second"), [("", "b"), ("a", " "), ("a", "x" * 1001)])
def test_split_with_bad_text_changes_nothing(build: Build, first: str, second: str) -> None:
    session, (a,) = build([1])
    before = session.model_dump()
    with pytest.raises(ValidationError):
        ops.split_card(session, session.cards[0].id, first, second)
    assert session.model_dump() == before


def test_merge_trashes_duplicates_and_can_retitle(build: Build) -> None:
    session, (a,) = build([3])
    keep, *others = session.category(a).card_ids  # type: ignore[union-attr]
    before = session.model_dump()
    with pytest.raises(ValidationError):
        ops.merge_cards(session, keep, others, text="   ")
    with pytest.raises(DomainError):
        ops.merge_cards(session, keep, [*others, "missing"])
    assert session.model_dump() == before
    ops.merge_cards(session, keep, [keep, *others], text="Modal usaha kurang")
    assert session.card(keep).text == "Modal usaha kurang"  # type: ignore[union-attr]
    assert session.card(keep).deleted_at is None  # type: ignore[union-attr]
    assert all(session.card(o).deleted_at for o in others)  # type: ignore[union-attr]
    assert tally(session)[a].cards == 1
    assert {item.id for _, item in ops.trash(session)} == set(others)


def test_deleting_a_category_returns_its_cards_to_unsorted(build: Build) -> None:
    session, (a, b) = build([3, 1])
    cards = list(session.category(a).card_ids)  # type: ignore[union-attr]
    ops.soft_delete(session, "categories", a)
    assert session.category(a).card_ids == []  # type: ignore[union-attr]
    assert all(session.card(c).category_id is None for c in cards)  # type: ignore[union-attr]
    assert all(session.card(c).deleted_at is None for c in cards)  # type: ignore[union-attr]
    assert [r.category_id for r in rank_categories(session)] == [b]
    ops.restore(session, "categories", a)
    # Restored empty: the cards may have been regrouped meanwhile.
    assert session.category(a).card_ids == []  # type: ignore[union-attr]
    assert session.category(a).deleted_at is None  # type: ignore[union-attr]
    assert {r.category_id for r in rank_categories(session)} == {a, b}
    _check_membership(session)


def test_deleting_a_card_keeps_its_place_for_restore(build: Build) -> None:
    session, (a,) = build([2])
    card = session.category(a).card_ids[0]  # type: ignore[union-attr]
    ops.soft_delete(session, "cards", card)
    assert tally(session)[a].cards == 1
    ops.restore(session, "cards", card)
    assert session.category(a).card_ids[0] == card  # type: ignore[union-attr]
    assert tally(session)[a].cards == 2


def test_update_keeps_membership_in_step(build: Build) -> None:
    session, (a, b) = build([2, 1])
    card = session.category(a).card_ids[0]  # type: ignore[union-attr]
    ops.update(session, "cards", card, category_id=b, text="Baru")
    assert session.card(card).text == "Baru"  # type: ignore[union-attr]
    assert session.category(b).card_ids[-1] == card  # type: ignore[union-attr]
    assert card not in session.category(a).card_ids  # type: ignore[union-attr]
    order = list(reversed(session.category(b).card_ids))  # type: ignore[union-attr]
    ops.update(session, "categories", b, card_ids=order)
    assert session.category(b).card_ids == order  # type: ignore[union-attr]
    rest = session.category(a).card_ids[0]  # type: ignore[union-attr]
    ops.set_category_cards(session, a, [])
    assert session.card(rest).category_id is None  # type: ignore[union-attr]
    _check_membership(session)
    before = session.model_dump()
    with pytest.raises(DomainError):
        ops.update(session, "cards", card, category_id="nope", text="Lain")
    with pytest.raises(ValidationError):
        ops.update(session, "cards", card, text="")
    assert session.model_dump() == before


def test_titles_must_be_present_and_unique(build: Build) -> None:
    session, (a, b) = build([1, 1])
    with pytest.raises(DomainError) as info:
        ops.new_category(session, "  k0 ")  # same as "K0" ignoring case and spaces
    assert (info.value.key, info.value.params) == ("title_duplicate", {"title": "k0"})
    with pytest.raises(DomainError) as info:
        ops.set_title(session, b, "K0!")
    assert info.value.key == "title_duplicate"
    with pytest.raises(DomainError) as info:
        ops.set_title(session, b, " ... ")
    assert info.value.key == "title_empty"
    ops.set_title(session, a, "K0")  # its own title again is fine


def test_confirm_order_needs_every_live_category_once(build: Build) -> None:
    session, (a, b, c) = build([1, 2, 3])
    ops.soft_delete(session, "categories", c)
    for bad in ([a], [a, b, c], [a, a, b], [a, b, "x"], []):
        with pytest.raises(DomainError) as info:
            ops.confirm_order(session, bad)
        assert info.value.key == "order_incomplete"
    assert session.priority_order == [] and session.priority_confirmed_at is None
    ops.confirm_order(session, [a, b])
    assert session.priority_order == [a, b] and session.priority_confirmed_at is not None


def test_break_tie_checks_the_tie(build: Build) -> None:
    session, (a, b, c, d) = build([3, 3, 3, 1])
    for bad in ([a, b], [a, d], [a], [a, a], [a, b, "x"], [a, b, c, d], [a, b, c, a]):
        with pytest.raises(DomainError) as info:
            ops.break_tie(session, bad, "alasan")
        assert info.value.key == "tie_not_found"
    with pytest.raises(ValidationError):
        ops.break_tie(session, [c, a, b], "  ")
    assert session.tie_breaks == []
    tb = ops.break_tie(session, [c, a, b], "  Paling mendesak  ")
    assert tb.reason == "Paling mendesak"
    assert [r.rank for r in rank_categories(session)] == [1, 2, 3, 4]


def test_seats_and_participants() -> None:
    session = Session(group_name="x")
    people = [ops.add_participant(session, f"P{i}").id for i in range(4)]
    assert [p.seat for p in session.circle()] == [0, 1, 2, 3]
    ops.move_seat(session, people[3], -2)
    assert [p.id for p in session.circle()] == [people[0], people[3], people[1], people[2]]
    ops.move_seat(session, people[0], -5)  # clamped at the start
    assert session.circle()[0].id == people[0]
    with pytest.raises(DomainError):
        ops.add_card(session, "x", author_id="nobody")


def test_update_with_an_unchanged_category_keeps_the_cards_order(build: Build) -> None:
    # An edit form sends every field back: the card's own category must not move it to
    # the end of its category.
    session, (a,) = build([3])
    order = list(session.category(a).card_ids)  # type: ignore[union-attr]
    ops.update(session, "cards", order[0], category_id=a, text="Diubah")
    assert session.category(a).card_ids == order  # type: ignore[union-attr]
    assert session.card(order[0]).text == "Diubah"  # type: ignore[union-attr]
    _check_membership(session)


def test_one_list_of_entity_collections() -> None:
    from mpa_tui.domain.session import ENTITY_LISTS
    from mpa_tui.export import merge

    assert ops.COLLECTIONS == ENTITY_LISTS
    # the merge walks them in its own order, but must know every one of them
    assert set(merge.COLLECTIONS) == set(ENTITY_LISTS)


@pytest.mark.parametrize("bad", ["_abc", "-abc", "a/b", "a" * 65, "abc\n"])
def test_session_ids_the_store_would_refuse_are_refused_by_the_model(bad: str) -> None:
    with pytest.raises(ValidationError):
        Session(id=bad, group_name="Mentari")
