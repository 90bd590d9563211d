"""Merging two laptops' copies of a session: idempotent, order-independent, soft deletes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpa_tui.domain.cycle import Evaluation, Quote
from mpa_tui.domain.session import Card, Category, Participant, Session
from mpa_tui.export.merge import content, merge_sessions

T0 = datetime(2023, 6, 8, 8, 0, tzinfo=UTC)
TIMES = [T0 + timedelta(minutes=m) for m in (0, 1, 2)] + [T0 + timedelta(minutes=1,
                                                                            microseconds=500_000)]
CARD_IDS = [f"c{i}" for i in range(6)]
times = st.sampled_from(TIMES)
deleted = st.one_of(st.none(), times)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    cards = [
        Card(id=cid, text=draw(st.sampled_from(["modal", "izin", "pasar"])), created_at=T0,
             updated_at=draw(times), deleted_at=draw(deleted))
        for cid in draw(st.lists(st.sampled_from(CARD_IDS), unique=True, max_size=6))
    ]
    cats = [
        Category(id=kid, title=draw(st.sampled_from(["Modal", "Izin", ""])), created_at=T0,
                 updated_at=draw(times), deleted_at=draw(deleted),
                 card_ids=draw(st.lists(st.sampled_from(CARD_IDS), unique=True, max_size=4)))
        for kid in draw(st.lists(st.sampled_from(["k1", "k2", "k3"]), unique=True, max_size=3))
    ]
    for card in cards:  # some cards name a category the category itself does not list
        if draw(st.booleans()) and cats:
            card.category_id = draw(st.sampled_from([c.id for c in cats]))
    people = [
        Participant(id=pid, name=draw(st.sampled_from(["Siti", "Dewi"])), created_at=T0,
                    updated_at=draw(times), deleted_at=draw(deleted))
        for pid in draw(st.lists(st.sampled_from(["p1", "p2"]), unique=True))
    ]
    quotes = [Quote(id=q, text="kata", created_at=T0, updated_at=draw(times))
              for q in draw(st.lists(st.sampled_from(["q1", "q2"]), unique=True))]
    return Session(
        id="s1", created_at=T0, updated_at=draw(times),
        group_name=draw(st.sampled_from(["Mentari", "Melati"])),
        cards=cards, categories=cats, participants=people,
        priority_order=draw(st.lists(st.sampled_from(["k1", "k2", "k3"]), unique=True)),
        evaluation=Evaluation(id="ev", created_at=T0, updated_at=draw(times),
                              impact=draw(st.sampled_from(["", "baik"])), quotes=quotes),
    )


SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@given(sessions())
@settings(SETTINGS, max_examples=30)
def test_merging_a_session_with_itself_changes_nothing(a: Session) -> None:
    out = merge_sessions(a, a.model_copy(deep=True))
    assert not out.changed and out.conflicts == []
    assert out.session == a


@given(sessions(), sessions())
@SETTINGS
def test_merge_is_idempotent_order_independent_and_loses_nothing(a: Session, b: Session
                                                                  ) -> None:
    once = merge_sessions(a, b).session
    # idempotent: merging the same incoming copy again changes nothing
    twice = merge_sessions(once, b)
    assert content(twice.session) == content(once) and not twice.changed
    # order-independent: which laptop is "local" does not matter
    assert content(merge_sessions(b, a).session) == content(once)
    # nothing is lost and each card sits in one category only
    assert {c.id for c in once.cards} == {c.id for c in a.cards} | {c.id for c in b.cards}
    held = [cid for cat in once.categories for cid in cat.card_ids]
    assert len(held) == len(set(held))
    for card in once.cards:
        if card.category_id is not None:
            assert card.id in once.category(card.category_id).card_ids  # type: ignore[union-attr]


def test_newest_wins_and_deletions_stay_soft() -> None:
    base = Session(id="s1", group_name="Mentari", created_at=T0, updated_at=T0,
                   cards=[Card(id="c1", text="lama", created_at=T0, updated_at=T0),
                          Card(id="c2", text="dua", created_at=T0, updated_at=T0)])
    mine = base.model_copy(deep=True)
    mine.cards[0].text, mine.cards[0].updated_at = "baru", TIMES[2]
    theirs = base.model_copy(deep=True)
    theirs.cards[0].text, theirs.cards[0].updated_at = "lebih lama", TIMES[1]
    theirs.cards[1].deleted_at = theirs.cards[1].updated_at = TIMES[1]
    theirs.cards.append(Card(id="c3", text="tiga", created_at=TIMES[1], updated_at=TIMES[1]))
    theirs.updated_at = TIMES[1]
    out = merge_sessions(mine, theirs)
    assert out.changed
    by_id = {c.id: c for c in out.session.cards}
    assert by_id["c1"].text == "baru"                 # newer local edit kept
    assert by_id["c2"].deleted_at == TIMES[1]          # soft delete travelled
    assert [c.id for c in out.session.cards] == ["c1", "c2", "c3"]  # order kept, new last
    kinds = {(c.collection, c.entity_id, c.winner) for c in out.conflicts}
    assert ("cards", "c1", "local") in kinds and ("cards", "c2", "incoming") in kinds


def test_sub_second_times_compare_as_times_not_text() -> None:
    early = Session(id="s1", group_name="A", created_at=T0, updated_at=TIMES[1])  # ...:01:00Z
    late = Session(id="s1", group_name="B", created_at=T0, updated_at=TIMES[3])   # ...:01:00.5Z
    assert merge_sessions(early, late).session.group_name == "B"
    assert merge_sessions(late, early).session.group_name == "B"


def test_a_bundle_never_takes_this_laptops_draft_away() -> None:
    """Bundles carry no step 2 draft: merging one (even a newer one) keeps the local draft."""
    from mpa_tui.domain import ops
    from mpa_tui.domain.session import CaptureDraft

    local = Session(group_name="Mentari", cards=[Card(text="modal")])
    incoming = local.model_copy(deep=True)
    ops.update(incoming, "cards", incoming.cards[0].id, text="modal usaha")  # edited elsewhere
    local.capture = CaptureDraft(text="Harga bahan naik", timer_left=120.0)
    out = merge_sessions(local, incoming)
    assert out.changed and out.session.cards[0].text == "modal usaha"
    assert out.session.capture == local.capture
    same = merge_sessions(local, local.model_copy(update={"capture": CaptureDraft()}))
    assert not same.changed
