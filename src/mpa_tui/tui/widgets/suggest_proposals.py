"""Grouping suggestions at step 4: what the worker computes, mapped to card ids.

:func:`suggest_request` takes a snapshot of the session (card texts and ids) on the UI
thread; :func:`compute_proposals` runs in a worker thread (no session access there, so a
change made meanwhile cannot race it) and maps the engine's indices back to ids. The last
proposal gathers the cards that fit no group ("Lain-lain / belum jelas"); :func:`reoffer`
offers a card taken out of an accepted proposal in the next proposal it fits best.
:func:`user_glossary` (from the domain) adds the facilitator's or district's own
glossary files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpa_tui.domain import Session
from mpa_tui.domain.board import unsorted_cards
from mpa_tui.domain.suggest import suggest_groups, warm_up
from mpa_tui.domain.suggest_glossary import Glossary, user_glossary

__all__ = ["Proposal", "SuggestRequest", "compute_proposals", "reoffer", "suggest_request",
           "user_glossary"]

@dataclass(frozen=True)
class SuggestRequest:
    """What the suggestion worker needs, copied from the session on the UI thread."""

    card_ids: list[str]
    texts: list[str]
    category_ids: list[str]
    titles: list[str]
    category_texts: list[list[str]]
    lang: str = "id"
    glossary: Glossary | None = None
    """The glossary to use (the shipped one when None)."""


@dataclass
class Proposal:
    """One proposal: move ``card_ids`` into a new category titled ``title``, or into the
    existing category ``category_id`` when set."""

    title: str
    card_ids: list[str]
    category_id: str | None = None
    score: float = 0.0
    left_out: set[str] = field(default_factory=set)
    """Cards the facilitator took out of this proposal (space)."""
    done: str = ""
    """"accepted" or "skipped" once answered."""
    other: bool = False
    """The proposal of the cards that fit no group ("Lain-lain / belum jelas")."""
    next_best: dict[str, list[int]] = field(default_factory=dict)
    """For each card, the other proposals (indices) it fits, best first."""


def suggest_request(session: Session, lang: str = "id",
                    glossary: Glossary | None = None) -> SuggestRequest:
    """Snapshot the cards not grouped yet and the existing categories with their cards."""
    unsorted = unsorted_cards(session)
    cats = session.active_categories()
    texts: list[list[str]] = []
    for cat in cats:
        cards = (session.card(cid) for cid in cat.card_ids)
        texts.append([c.text for c in cards if c is not None and c.deleted_at is None])
    return SuggestRequest([c.id for c in unsorted], [c.text for c in unsorted],
                          [c.id for c in cats], [c.title for c in cats], texts, lang, glossary)


def compute_proposals(request: SuggestRequest) -> list[Proposal]:
    """Run the suggestion engine (in a worker thread) and map its answer to ids.

    Returns no proposals when the engine found no group at all (only "Lain-lain"):
    proposing every card as "unclear" would not help the facilitator.
    """
    warm_up(request.glossary)
    groups = suggest_groups(request.texts, existing_titles=request.titles,
                            existing_cards=request.category_texts, glossary=request.glossary,
                            lang=request.lang)
    if all(g.other for g in groups):
        return []
    ids = request.card_ids
    out = []
    for g in groups:
        target = request.category_ids[g.existing_index] if g.existing_index is not None \
            else None
        out.append(Proposal(g.title, [ids[i] for i in g.indices], target, g.score,
                            other=g.other,
                            next_best={ids[i]: alts for i, alts in g.alternatives.items()}))
    return out


def reoffer(proposals: list[Proposal], index: int, card_ids: list[str],
            other_title: str) -> int:
    """Offer cards taken out of proposal ``index`` in the next proposal each fits best.

    A card goes to the first proposal after ``index`` not answered yet in its ranking,
    else to the pending "Lain-lain" proposal (one is added at the end if there is none).

    Returns:
        How many cards were offered again.
    """
    moved = 0
    for cid in card_ids:
        ranked = proposals[index].next_best.get(cid, [])
        target = next((k for k in ranked if k > index and k < len(proposals)
                       and not proposals[k].done and not proposals[k].other), None)
        if target is None:
            target = next((k for k, p in enumerate(proposals)
                           if p.other and not p.done and k > index), None)
        if target is None:
            if proposals[index].other:
                continue  # taken out of "unclear" itself: it stays where it is
            proposals.append(Proposal(other_title, [], other=True))
            target = len(proposals) - 1
        if cid not in proposals[target].card_ids:
            proposals[target].card_ids.append(cid)
            proposals[target].left_out.discard(cid)
            moved += 1
    return moved
