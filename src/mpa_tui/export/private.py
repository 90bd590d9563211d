"""What a bundle may carry about people (UU PDP), and putting the local data back on import.

Every bundle: an item in the trash travels as a *tombstone* (its id, times and the ids
it points to; no text), so a merge still deletes it elsewhere but its words do not
travel.

Without ``--with-names`` (the default) a bundle also carries no way back to a person:
participants are codes (see :mod:`mpa_tui.domain.privacy`) with no role, office, seat,
sex or age band; their names are coded in every free-text field; per-participant votes
become totals per category; capacity ratings lose whose they were; and the order and
times of participants and ratings (which follow the circle) are evened out. The counts
of roles, sex and age bands travel as counts (:func:`participant_counts`).

Importing such a bundle into a laptop that knows the session keeps the local names,
roles, votes and ratings: a code or a tombstone never overwrites what is known here.
"""

from __future__ import annotations

from collections import Counter
from enum import Enum
from typing import Any

from pydantic import BaseModel

from mpa_tui.domain.base import Entity
from mpa_tui.domain.enums import Role, VoteEntry
from mpa_tui.domain.privacy import CODE, NameCoder, code_names
from mpa_tui.domain.rules import tally
from mpa_tui.domain.session import ENTITY_LISTS, Session

TOMBSTONE_TEXT = "-"
"""Stands in for a required text of an item in the trash (the model needs one)."""
_KEEP = ("id", "created_at", "updated_at", "deleted_at", "version")
"""What a tombstone keeps: enough to merge the deletion (the edit count decides merges)."""
_WITH_REF = ("speaker",)
"""Choices a kept reference needs to stay valid: a note's participant_id comes with its
speaker "peserta" (a choice, not what she said)."""


def _is_ref(name: str) -> bool:
    return name.endswith(("_id", "_ids")) or name in ("category_a", "category_b")


def tombstone(item: Entity) -> Entity:
    """``item`` (in the trash) with nothing left but its id, times and references."""
    data: dict[str, Any] = {}
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if name in _KEEP or _is_ref(name) or name in _WITH_REF:
            data[name] = value
        elif name == "name" and isinstance(value, str) and CODE.match(value):
            # A coded participant keeps her code (not personal data): texts that name her
            # carry it, and a laptop needs it to tell them from its own words.
            data[name] = value
        elif info.is_required():
            is_text = isinstance(value, str) and not isinstance(value, Enum)
            data[name] = TOMBSTONE_TEXT if is_text else value
    return type(item).model_validate(data)


def _tombstones(session: Session) -> None:
    for name in ENTITY_LISTS:
        items = getattr(session, name)
        if any(i.deleted_at is not None for i in items):
            object.__setattr__(session, name, [
                tombstone(i) if i.deleted_at is not None else i for i in items])
    quotes = session.evaluation.quotes
    object.__setattr__(session.evaluation, "quotes", [
        tombstone(q) if q.deleted_at is not None else q for q in quotes])


def without_trash_content(session: Session) -> Session:
    """A copy of ``session`` whose trashed items are tombstones (every bundle, any mode)."""
    s = session.model_copy(deep=True)
    _tombstones(s)
    return s


def participant_counts(session: Session) -> dict[str, Any]:
    """How many participants (in the circle) per role, sex and age band: counts only."""
    circle = session.circle()

    def count(values: list[Any]) -> dict[str, int]:
        c = Counter("-" if v is None else (v.value if isinstance(v, Enum) else str(v))
                    for v in values)
        return dict(sorted(c.items()))

    return {
        "total": len(circle),
        "present": sum(1 for p in circle if p.present),
        "role": count([p.role for p in circle]),
        "sex": count([p.sex for p in circle]),
        "age_band": count([p.age_band for p in circle]),
    }


def _even_out(items: list[Any]) -> None:
    """One time for all: the order they were typed in (the circle's) is not shown."""
    if not items:
        return
    first = min(i.created_at for i in items)
    for i in items:
        object.__setattr__(i, "created_at", first)
        object.__setattr__(i, "updated_at", first)


def pseudonymise(session: Session, *, coded: bool = False) -> Session:
    """A copy of ``session`` that carries no way back to a person (see the module text).

    ``coded``: ``session`` is already :func:`code_names`' copy (an export codes once).
    """
    s = session.model_copy(deep=True) if coded else code_names(session)
    _totals_instead_of_votes(s)
    alive = [p for p in s.participants if p.deleted_at is None]
    for p in alive:
        object.__setattr__(p, "role", Role.MEMBER)
        object.__setattr__(p, "position", "")
        object.__setattr__(p, "seat", 0)
        object.__setattr__(p, "sex", None)
        object.__setattr__(p, "age_band", None)
    _even_out(alive)
    object.__setattr__(s, "participants", sorted(s.participants, key=lambda p: p.name))
    for card in s.cards:
        object.__setattr__(card, "author_id", None)
    ratings = [r for r in s.capacity if r.deleted_at is None]
    for r in ratings:
        if r.participant_id is not None:  # a participant's rating: kept, not whose
            object.__setattr__(r, "participant_id", None)
            object.__setattr__(r, "anonymous", True)
    _even_out(ratings)
    object.__setattr__(s, "capacity", sorted(
        s.capacity, key=lambda r: (r.competency.value, r.phase.value, r.score, r.id)))
    _tombstones(s)
    # Not validated again: a code longer than a short name ("Ai" -> "P04") could push a
    # text just past its limit; the export goes on, and an import would say so clearly.
    return s


def _totals_instead_of_votes(s: Session) -> None:
    """Per-participant votes become each category's total (as if counted by hands)."""
    if s.settings.vote_entry is not VoteEntry.PER_PARTICIPANT:
        object.__setattr__(s, "votes", [])
        return
    totals = tally(s)
    for cat in s.categories:
        if cat.id in totals:
            object.__setattr__(cat, "hand_votes", totals[cat.id].votes)
    object.__setattr__(s.settings, "vote_entry", VoteEntry.TOTALS)
    object.__setattr__(s, "votes", [])


# -- import: what is known here is never replaced by a code or a tombstone ----------------
def _is_tombstone(item: BaseModel) -> bool:
    return getattr(item, "deleted_at", None) is not None


def _restore_tombstones(local: Session, s: Session) -> None:
    """A tombstone takes the local item's content, keeping its own deletion and times."""
    pairs: list[tuple[list[Any], list[Any]]] = [
        (getattr(local, n), getattr(s, n)) for n in ENTITY_LISTS]
    pairs.append((local.evaluation.quotes, s.evaluation.quotes))
    for mine_list, theirs_list in pairs:
        mine = {i.id: i for i in mine_list}
        for k, item in enumerate(theirs_list):
            known = mine.get(item.id)
            if known is not None and _is_tombstone(item):
                theirs_list[k] = known.model_copy(update={
                    "deleted_at": item.deleted_at, "updated_at": item.updated_at,
                    "version": item.version})


def _coded(incoming: Session) -> bool:
    """Whether ``incoming`` came from a bundle without names (every participant a code)."""
    alive = [p for p in incoming.participants if p.deleted_at is None]
    return bool(alive) and all(CODE.match(p.name.strip()) for p in alive)


def incoming_codes(incoming: Session) -> dict[str, str] | None:
    """The codes a bundle without names gave the participants (id -> "P03"), or None.

    Codes are numbered over the sending laptop's participants: the same woman may have
    another code here, so the bundle's own numbering is the one to compare with.
    """
    codes = {p.id: p.name.strip() for p in incoming.participants if CODE.match(p.name.strip())}
    return codes or None


def _keep(local: str, incoming: str, coder: NameCoder) -> str:
    """The local text when the incoming one is only it with names coded, else incoming."""
    return local if incoming != local and coder.code(local) == incoming else incoming


def restore_private(local: Session, incoming: Session) -> Session:
    """``incoming`` with the local data put back where it only carries codes or tombstones."""
    s = incoming.model_copy(deep=True)
    coder = NameCoder(local, codes=incoming_codes(incoming))
    _restore_tombstones(local, s)
    coded = _coded(s)
    people = {p.id: p for p in local.participants}
    for i, p in enumerate(s.participants):
        mine = people.get(p.id)
        if mine is not None and CODE.match(p.name.strip()) and mine.name != p.name:
            # A coded participant: the local one is her, with her name and details.
            s.participants[i] = mine.model_copy(update={
                "deleted_at": p.deleted_at, "present": p.present, "version": p.version})
    cards = {c.id: c for c in local.cards}
    for card in s.cards:
        mine_card = cards.get(card.id)
        if mine_card is not None and card.author_id is None:
            card.author_id = mine_card.author_id
    if coded:
        _restore_counts(local, s)
    res = {r.id: r for r in local.resources}
    for r in s.resources:
        if r.id in res:
            r.contact = _keep(res[r.id].contact, r.contact, coder)
    acts = {a.id: a for a in local.action_items}
    for a in s.action_items:
        if a.id in acts:
            a.responsible = _keep(acts[a.id].responsible, a.responsible, coder)
    stages = {st.id: st for st in local.stages}
    for stage in s.stages:
        mine_stage = stages.get(stage.id)
        if mine_stage is not None and len(mine_stage.contacts) == len(stage.contacts):
            for theirs, ours in zip(stage.contacts, mine_stage.contacts, strict=True):
                theirs.name = _keep(ours.name, theirs.name, coder)
    quotes = {q.id: q for q in local.evaluation.quotes}
    for q in s.evaluation.quotes:
        if q.id in quotes:
            q.speaker_code = _keep(quotes[q.id].speaker_code, q.speaker_code, coder)
    _uncode_texts(s, local, coder)
    return Session.model_validate(s.model_dump())


def _uncode_texts(s: Session, local: Session, coder: NameCoder) -> None:
    """Free text that differs only by the names coded in it keeps the laptop's words.

    A coded bundle carries "Bu P03" where this laptop has "Bu Siti": that is the same text,
    not an edit, and must not replace the name the facilitator typed.
    """

    def keep(mine: BaseModel, theirs: BaseModel) -> None:
        for name in type(theirs).model_fields:
            value, known = getattr(theirs, name), getattr(mine, name, None)
            if isinstance(value, str) and isinstance(known, str) and value != known \
                    and coder.code(known) == value:
                setattr(theirs, name, known)

    keep(local, s)
    keep(local.location, s.location)
    keep(local.evaluation, s.evaluation)
    for name in (*ENTITY_LISTS, "quotes"):
        owner_l = local.evaluation if name == "quotes" else local
        owner_s = s.evaluation if name == "quotes" else s
        mine_by_id = {e.id: e for e in getattr(owner_l, name)}
        for item in getattr(owner_s, name):
            mine = mine_by_id.get(item.id)
            if mine is not None:
                keep(mine, item)


def _restore_counts(local: Session, s: Session) -> None:
    """Votes stay per participant here, ratings keep whose they are."""
    if local.settings.vote_entry is VoteEntry.PER_PARTICIPANT:
        s.settings.vote_entry = VoteEntry.PER_PARTICIPANT
        hands = {c.id: c.hand_votes for c in local.categories}
        for cat in s.categories:
            if cat.id in hands:
                cat.hand_votes = hands[cat.id]
    ratings = {r.id: r for r in local.capacity}
    for r in s.capacity:
        mine = ratings.get(r.id)
        if mine is not None and r.anonymous:
            r.participant_id, r.anonymous = mine.participant_id, mine.anonymous
