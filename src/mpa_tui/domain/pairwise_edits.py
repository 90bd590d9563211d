"""Edits and look-ups of the pairwise walk (run the edits inside ``controller.edit``)."""

from __future__ import annotations

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.enums import RankingMethod
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.rules import rank_categories, tie_groups
from mpa_tui.domain.session import PairwiseChoice, Session, Settings, ensure_room


def record_choice(session: Session, a: str, b: str, winner_id: str | None) -> PairwiseChoice:
    """Record the answer for the pair (a, b): ``winner_id`` or None for "equally urgent".

    An earlier answer to the same pair is changed in place (several live answers can only
    come from merging two laptops' files: the extra ones go to the trash).

    Raises:
        DomainError: ``not_found`` for a category that does not exist (or is in the trash)
            or a winner outside the pair.
    """
    for cid in (a, b):
        cat = session.category(cid)
        if cat is None or cat.deleted_at is not None or a == b:
            raise DomainError("not_found", id=cid)
    if winner_id is not None and winner_id not in (a, b):
        raise DomainError("not_found", id=winner_id)
    live = sorted((c for c in session.pairwise if c.deleted_at is None
                   and {c.category_a, c.category_b} == {a, b}), key=lambda c: c.created_at)
    now = utcnow()
    for extra in live[:-1]:
        extra.deleted_at = now
        extra.updated_at = now
    if live:
        choice = live[-1]
        choice.category_a, choice.category_b, choice.winner_id = a, b, winner_id
        choice.updated_at = now
    else:
        choice = PairwiseChoice(category_a=a, category_b=b, winner_id=winner_id)
        ensure_room(session, "pairwise")
        session.pairwise.append(choice)
    session.updated_at = now
    return choice


def set_ranking_method(session: Session, method: RankingMethod) -> None:
    """Record which ranking method the session uses (validated like every setting)."""
    session.settings = Settings.model_validate(
        {**session.settings.model_dump(), "ranking_method": RankingMethod(method)})
    session.touch()


def open_tie_ids(session: Session, around: str | None = None) -> list[str]:
    """The count ranking's tied categories: the group holding ``around`` if it is tied,
    else the first undecided tie, else the first tie (decided or not)."""
    raw = rank_categories(session, apply_tie_breaks=False)
    groups = tie_groups(raw)
    for group in groups:
        if around in group:
            return group
    undecided = tie_groups(rank_categories(session))
    if undecided:
        return next((g for g in groups if set(undecided[0]) <= set(g)), undecided[0])
    return groups[0] if groups else []
