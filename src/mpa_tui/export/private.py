"""Participants' names out of a bundle (the default), and back in when it is imported.

Without ``--with-names`` a bundle carries codes (P01, ...) instead of participants'
names, no authorship, and codes wherever a free-text field (person responsible, a
contact, a quote's speaker) held a participant's name. Importing such a bundle into a
laptop that knows the real names keeps them: a code never overwrites a name.
"""

from __future__ import annotations

import re

from mpa_tui.domain.session import Session
from mpa_tui.export.summary import participant_codes

CODE = re.compile(r"^P\d{2,}$")


def pseudonymise(session: Session) -> Session:
    """A copy of ``session`` without participants' names or authorship."""
    s = session.model_copy(deep=True)
    codes = participant_codes(s)
    by_name = {p.name.strip().casefold(): codes[p.id] for p in s.participants}

    def hide(text: str) -> str:
        return by_name.get(text.strip().casefold(), text)

    for p in s.participants:
        p.name = codes[p.id]
    for card in s.cards:
        card.author_id = None
    for r in s.resources:
        r.contact = hide(r.contact)
    for a in s.action_items:
        a.responsible = hide(a.responsible)
    for stage in s.stages:
        for contact in stage.contacts:
            contact.name = hide(contact.name)
    for q in s.evaluation.quotes:
        q.speaker_code = hide(q.speaker_code)
    return s


def _keep(local: str, incoming: str) -> str:
    return local if CODE.match(incoming.strip()) and local != incoming else incoming


def restore_private(local: Session, incoming: Session) -> Session:
    """``incoming`` with the local names put back where it only carries codes."""
    s = incoming.model_copy(deep=True)
    people = {p.id: p for p in local.participants}
    for p in s.participants:
        if p.id in people:
            p.name = _keep(people[p.id].name, p.name)
    cards = {c.id: c for c in local.cards}
    for card in s.cards:
        mine = cards.get(card.id)
        if mine is not None and card.author_id is None:
            card.author_id = mine.author_id
    res = {r.id: r for r in local.resources}
    for r in s.resources:
        if r.id in res:
            r.contact = _keep(res[r.id].contact, r.contact)
    acts = {a.id: a for a in local.action_items}
    for a in s.action_items:
        if a.id in acts:
            a.responsible = _keep(acts[a.id].responsible, a.responsible)
    stages = {st.id: st for st in local.stages}
    for stage in s.stages:
        mine_stage = stages.get(stage.id)
        if mine_stage is not None and len(mine_stage.contacts) == len(stage.contacts):
            for theirs, ours in zip(stage.contacts, mine_stage.contacts, strict=True):
                theirs.name = _keep(ours.name, theirs.name)
    quotes = {q.id: q for q in local.evaluation.quotes}
    for q in s.evaluation.quotes:
        if q.id in quotes:
            q.speaker_code = _keep(quotes[q.id].speaker_code, q.speaker_code)
    return Session.model_validate(s.model_dump())
