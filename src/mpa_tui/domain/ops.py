"""Edits of a session, as pure functions: each checks its inputs, changes the session in
memory and stamps ``updated_at``. Persisting is the caller's job (the store).

A failed check raises :class:`DomainError` (or pydantic's ``ValidationError`` for bad
text) *before* anything changes, so a refused edit never leaves a half-made change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mpa_tui.domain.base import Entity, utcnow
from mpa_tui.domain.cycle import CapacityRating
from mpa_tui.domain.enums import CardColour, CardKind, Role
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.rules import normalise_title, rank_categories, vote_problems
from mpa_tui.domain.session import (
    ENTITY_LISTS,
    Card,
    Category,
    Participant,
    Session,
    TieBreak,
    Vote,
    ensure_room,
)

COLLECTIONS = ENTITY_LISTS


def _find(session: Session, collection: str, item_id: str) -> Entity:
    if collection not in COLLECTIONS:
        raise DomainError("unknown_collection", name=collection)
    item = session.find(collection, item_id)
    if item is None:
        raise DomainError("not_found", id=item_id)
    return item  # type: ignore[no-any-return]


def _changed(session: Session, *items: Entity) -> None:
    now = utcnow()
    for item in items:
        item.updated_at = now
    session.updated_at = now


def add_participant(
    session: Session, name: str, role: Role = Role.MEMBER, present: bool = True
) -> Participant:
    """Add a participant at the end of the circle."""
    ensure_room(session, "participants")
    seat = max((p.seat for p in session.participants), default=-1) + 1
    person = Participant(name=name, role=role, present=present, seat=seat)
    session.participants.append(person)
    _changed(session, person)
    return person


def move_seat(session: Session, participant_id: str, delta: int) -> None:
    """Move a participant ``delta`` places round the circle (negative: earlier)."""
    circle = session.circle()
    idx = next((i for i, p in enumerate(circle) if p.id == participant_id), None)
    if idx is None:
        raise DomainError("not_found", id=participant_id)
    new = max(0, min(len(circle) - 1, idx + delta))
    person = circle.pop(idx)
    circle.insert(new, person)
    for seat, p in enumerate(circle):
        if p.seat != seat:
            p.seat = seat
            _changed(session, p)
    _changed(session, person)


def add_card(
    session: Session,
    text: str,
    kind: CardKind = CardKind.PROBLEM,
    colour: CardColour = CardColour.YELLOW,
    author_id: str | None = None,
) -> Card:
    """Add a card (validated: trimmed, 1-1000 characters, no control characters)."""
    if author_id is not None and session.participant(author_id) is None:
        raise DomainError("not_found", id=author_id)
    ensure_room(session, "cards")
    card = Card(text=text, kind=kind, colour=colour, author_id=author_id)
    session.cards.append(card)
    _changed(session, card)
    return card


def add_entity(session: Session, collection: str, item: Entity) -> Entity:
    """Add an already validated entity to one of the session's lists.

    A second live capacity rating for the same rater, competency and phase is refused:
    rating a rated cell replaces its score (:func:`mpa_tui.domain.capacity.set_capacity`).

    Raises:
        DomainError: ``unknown_collection``, or ``capacity_duplicate``.
    """
    if collection not in COLLECTIONS:
        raise DomainError("unknown_collection", name=collection)
    if isinstance(item, CapacityRating) and any(
            r.deleted_at is None and (r.participant_id, r.competency, r.phase)
            == (item.participant_id, item.competency, item.phase) for r in session.capacity):
        raise DomainError("capacity_duplicate")
    ensure_room(session, collection)
    getattr(session, collection).append(item)
    _changed(session, item)
    return item


def new_category_with(session: Session, title: str, card_ids: Iterable[str]) -> Category:
    """Create a category (see :func:`new_category`) and move these cards into it."""
    ids = list(card_ids)
    cat = new_category(session, title)
    if ids:
        move_cards(session, ids, cat.id)
    return cat


def update(session: Session, collection: str, item_id: str, **changes: Any) -> Entity:
    """Change fields of any entity; all are validated before any is applied.

    A card's ``category_id`` and a category's ``card_ids`` go through
    :func:`move_cards` / :func:`set_category_cards`, so both sides of the membership stay
    in step.
    """
    item = _find(session, collection, item_id)
    checked = type(item).model_validate({**item.model_dump(), **changes})
    # A membership change is checked before anything is applied, then done by the ops
    # that keep both sides in step.
    move_to: tuple[str | None] | None = None
    new_cards: list[str] | None = None
    # Only a real change of membership moves anything (an unchanged value would reorder).
    if (isinstance(checked, Card) and "category_id" in changes
            and checked.category_id != getattr(item, "category_id", None)):
        move_to = (checked.category_id,)
        if checked.category_id is not None:
            target = _find(session, "categories", checked.category_id)
            if target.deleted_at is not None:
                raise DomainError("not_found", id=checked.category_id)
    if (isinstance(checked, Category) and "card_ids" in changes
            and checked.card_ids != getattr(item, "card_ids", None)):
        new_cards = checked.card_ids
        if item.deleted_at is not None:
            raise DomainError("not_found", id=item.id)
        for cid in new_cards:
            _find(session, "cards", cid)
    for key in changes:
        if key in ("category_id", "card_ids"):
            continue
        setattr(item, key, getattr(checked, key))
    if move_to is not None:
        move_cards(session, [item.id], move_to[0])
    if new_cards is not None:
        set_category_cards(session, item.id, new_cards)
    _changed(session, item)
    return item


def soft_delete(session: Session, collection: str, item_id: str) -> None:
    """Put an entity in the trash. A deleted category's cards go back to "unsorted"."""
    item = _find(session, collection, item_id)
    if item.deleted_at is not None:
        return
    if isinstance(item, Category):
        _unsort(session, list(item.card_ids))
    item.deleted_at = utcnow()
    _changed(session, item)


def restore(session: Session, collection: str, item_id: str) -> None:
    """Take an entity out of the trash."""
    item = _find(session, collection, item_id)
    item.deleted_at = None
    _changed(session, item)


def trash(session: Session) -> list[tuple[str, Entity]]:
    """Everything in the session's trash as (collection, item), newest first."""
    items = [(name, it) for name in COLLECTIONS for it in getattr(session, name) if it.deleted_at]
    return sorted(items, key=lambda pair: pair[1].deleted_at or utcnow(), reverse=True)


def set_posted(session: Session, card_ids: Iterable[str], posted: bool = True) -> None:
    """Mark cards as stuck on the plano (or not)."""
    for cid in card_ids:
        card = _find(session, "cards", cid)
        assert isinstance(card, Card)
        if card.posted != posted:
            card.posted = posted
            _changed(session, card)


def split_card(session: Session, card_id: str, first: str, second: str) -> Card:
    """Split a card holding two problems: it keeps ``first``, a new card gets ``second``.

    The new card copies kind, colour, author, posted state and category, and sits right
    after the original in its category.
    """
    card = _find(session, "cards", card_id)
    assert isinstance(card, Card)
    ensure_room(session, "cards")
    new = Card(text=second, kind=card.kind, colour=card.colour, author_id=card.author_id,
               posted=card.posted)
    card.text = first  # validated on assignment; raises before anything else changes
    session.cards.insert(session.cards.index(card) + 1, new)
    if card.category_id:
        cat = session.category(card.category_id)
        assert cat is not None
        cat.card_ids.insert(cat.card_ids.index(card.id) + 1, new.id)
        new.category_id = cat.id
        _changed(session, cat)
    _changed(session, card, new)
    return new


def merge_cards(
    session: Session, keep_id: str, other_ids: Iterable[str], text: str | None = None
) -> Card:
    """Merge duplicate cards into one: the others go to the trash; optional new text."""
    keep = _find(session, "cards", keep_id)
    assert isinstance(keep, Card)
    others = [cid for cid in other_ids if cid != keep_id]
    for cid in others:
        _find(session, "cards", cid)
    if text is not None:
        keep.text = text
    for cid in others:
        soft_delete(session, "cards", cid)
    _changed(session, keep)
    return keep


def new_category(session: Session, title: str = "") -> Category:
    """Create a category (title may wait for step 5, but must not repeat another's)."""
    if problem := title_error(session, title, None, required=False):
        raise problem
    ensure_room(session, "categories")
    cat = Category(title=title)
    session.categories.append(cat)
    _changed(session, cat)
    return cat


def set_title(session: Session, category_id: str, title: str) -> None:
    """Title a category; empty or duplicate titles are refused."""
    cat = _find(session, "categories", category_id)
    assert isinstance(cat, Category)
    if problem := title_error(session, title, category_id, required=True):
        raise problem
    cat.title = title
    _changed(session, cat)


def title_error(session: Session, title: str, own_id: str | None, *,
                required: bool) -> DomainError | None:
    """Why ``title`` cannot be the title of category ``own_id`` (None: a new one), or None.

    Titles are compared normalised (:func:`mpa_tui.domain.rules.normalise_title`); an empty
    title is refused only when ``required``.
    """
    key = normalise_title(title)
    if not key:
        return DomainError("title_empty") if required else None
    for other in session.active_categories():
        if other.id != own_id and normalise_title(other.title) == key:
            return DomainError("title_duplicate", title=title.strip())
    return None


def _unsort(session: Session, card_ids: list[str]) -> None:
    # Both sides change before the session is stamped: stamping the session validates it,
    # and its membership repair would put a half-moved card back where it was.
    touched: list[Entity] = []
    for cid in card_ids:
        card = session.card(cid)
        if card is None:
            continue
        for cat in session.categories:
            if cid in cat.card_ids:
                cat.card_ids.remove(cid)
                touched.append(cat)
        card.category_id = None
        touched.append(card)
    if touched:
        _changed(session, *touched)


def move_cards(session: Session, card_ids: Iterable[str], category_id: str | None) -> None:
    """Move cards into a category (appended, in the given order) or back to unsorted."""
    ids = list(dict.fromkeys(card_ids))
    for cid in ids:
        _find(session, "cards", cid)
    target: Category | None = None
    if category_id is not None:
        found = _find(session, "categories", category_id)
        assert isinstance(found, Category)
        target = found
        if target.deleted_at is not None:
            raise DomainError("not_found", id=category_id)
    _unsort(session, ids)
    if target is not None:
        for cid in ids:
            card = session.card(cid)
            assert card is not None
            target.card_ids.append(cid)
            card.category_id = target.id
        _changed(session, target)


def set_category_cards(session: Session, category_id: str, card_ids: list[str]) -> None:
    """Make ``card_ids`` (in this order) the cards of a category.

    Cards it held that are not listed go back to unsorted; listed cards are taken out of
    any other category. Used to reorder cards within a category, too.
    """
    cat = _find(session, "categories", category_id)
    assert isinstance(cat, Category)
    if cat.deleted_at is not None:
        raise DomainError("not_found", id=category_id)
    ids = list(dict.fromkeys(card_ids))
    for cid in ids:
        _find(session, "cards", cid)
    keep, had = set(ids), set(cat.card_ids)
    _unsort(session, [cid for cid in cat.card_ids if cid not in keep])
    _unsort(session, [cid for cid in ids if cid not in had])
    cat.card_ids = ids
    moved: list[Entity] = []
    for cid in ids:
        card = session.card(cid)
        assert card is not None
        if card.category_id != cat.id:
            card.category_id = cat.id
            moved.append(card)
    _changed(session, cat, *moved)


def set_votes(session: Session, participant_id: str, category_id: str, count: int) -> None:
    """Set how many votes a participant gives a category (0 removes them), within budget."""
    problems = vote_problems(session, participant_id, category_id, count)
    if problems:
        raise DomainError(problems[0].key, **problems[0].params)
    existing = [v for v in session.votes if v.deleted_at is None
                and v.participant_id == participant_id and v.category_id == category_id]
    # One live vote row per (participant, category): extra rows (e.g. from merging two
    # laptops' files) go to the trash, so the new count is not added to a stale one.
    keep = existing[:1] if count else []
    for v in existing[len(keep):]:
        v.deleted_at = utcnow()
        _changed(session, v)
    if keep:
        keep[0].count = count
        _changed(session, keep[0])
    elif count == 0:
        return
    else:
        ensure_room(session, "votes")
        vote = Vote(participant_id=participant_id, category_id=category_id, count=count)
        session.votes.append(vote)
        _changed(session, vote)


def break_tie(session: Session, ordered_ids: list[str], reason: str) -> TieBreak:
    """Record the group's order for categories that share a rank, with its reason."""
    ranking = rank_categories(session, apply_tie_breaks=False)
    by_id = {r.category_id: r for r in ranking}
    if (len(set(ordered_ids)) < 2 or len(set(ordered_ids)) != len(ordered_ids)
            or any(cid not in by_id for cid in ordered_ids)):
        raise DomainError("tie_not_found")
    ranks = {by_id[cid].rank for cid in ordered_ids}
    group = [r.category_id for r in ranking if r.rank in ranks]
    if len(ranks) != 1 or set(group) != set(ordered_ids):
        raise DomainError("tie_not_found")
    ensure_room(session, "tie_breaks")
    tb = TieBreak(category_ids=list(ordered_ids), reason=reason)
    session.tie_breaks.append(tb)
    _changed(session, tb)
    return tb


def confirm_order(session: Session, ordered_ids: list[str]) -> None:
    """Record the final priority order as the facilitator confirmed it (Setujui urutan)."""
    alive = {c.id for c in session.active_categories()}
    if set(ordered_ids) != alive or len(ordered_ids) != len(alive):
        raise DomainError("order_incomplete")
    session.priority_order = list(ordered_ids)
    session.priority_confirmed_at = utcnow()
    _changed(session)

