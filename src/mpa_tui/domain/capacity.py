"""The capacity self-assessment: who rated what, the averages, and rating a cell.

One rule for every place that shows capacity (the Kapasitas screen, the summary, every
export format and the report across sessions):

* Per competency and phase (before/after), the participants' figure is the **mean over
  participants not in the trash of each one's newest rating**; how many rated is given
  beside each mean.
* The group-level rating (``participant_id`` None) is its own row, never mixed in.
* One live rating per (rater, competency, phase): rating a rated cell replaces the score
  (:func:`set_capacity` never adds a second row). Duplicates can still come from merging
  two laptops' files; the newest stands for the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.cycle import CapacityRating
from mpa_tui.domain.enums import AssessmentPhase, Competency
from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.session import Session, ensure_room

PHASES = (AssessmentPhase.BEFORE, AssessmentPhase.AFTER)
MEAN_DECIMALS = 1
"""Means and changes are rounded to this many decimals everywhere they are shown."""

Cell = tuple[Competency, AssessmentPhase]


@dataclass(frozen=True)
class CapacityRow:
    """One competency: before and after (a mean or one rater's score) and who rated."""

    competency: Competency
    before: float | None
    after: float | None
    before_raters: int = 0
    after_raters: int = 0

    @property
    def change(self) -> float | None:
        """After minus before, when both are known."""
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, MEAN_DECIMALS)


@dataclass(frozen=True)
class CapacitySummary:
    """The session's capacity figures: the participants' means and the group's own row."""

    people: list[CapacityRow]
    group: list[CapacityRow]
    raters: int
    """How many participants (not in the trash) rated at least one cell."""

    @property
    def has_people(self) -> bool:
        """Whether any participant rated any cell."""
        return self.raters > 0

    @property
    def has_group(self) -> bool:
        """Whether the group-level rating holds any cell."""
        return any(r.before is not None or r.after is not None for r in self.group)


def newest_ratings(session: Session, who: str | None) -> dict[Cell, CapacityRating]:
    """The newest live rating per (competency, phase) given by ``who`` (None: the group)."""
    best: dict[Cell, tuple[datetime, int, CapacityRating]] = {}
    for i, r in enumerate(session.capacity):
        if r.deleted_at is not None or r.participant_id != who or r.anonymous:
            continue
        key = (r.competency, r.phase)
        if key not in best or (r.updated_at, i) >= best[key][:2]:
            best[key] = (r.updated_at, i, r)
    return {k: v[2] for k, v in best.items()}


def _participant_scores(session: Session) -> tuple[dict[Cell, list[int]], int]:
    scores: dict[Cell, list[int]] = {}
    raters = 0
    for p in session.participants:
        if p.deleted_at is not None:
            continue
        mine = newest_ratings(session, p.id)
        raters += bool(mine)
        for key, r in mine.items():
            scores.setdefault(key, []).append(r.score)
    # A coded bundle keeps each participant's rating without saying whose: each one is a
    # rater's (newest) rating of that cell.
    anonymous: dict[Cell, int] = {}
    for r in session.capacity:
        if r.deleted_at is None and r.anonymous:
            key = (r.competency, r.phase)
            scores.setdefault(key, []).append(r.score)
            anonymous[key] = anonymous.get(key, 0) + 1
    return scores, raters + max(anonymous.values(), default=0)


def _mean(scores: list[int]) -> float:
    return round(sum(scores) / len(scores), MEAN_DECIMALS)


def averages(session: Session) -> tuple[dict[Cell, float], int]:
    """Per cell, the mean of the participants' newest ratings; and how many participants
    rated anything. Participants in the trash are left out; the group's rating too."""
    scores, raters = _participant_scores(session)
    return {k: _mean(v) for k, v in scores.items()}, raters


def capacity_summary(session: Session) -> CapacitySummary:
    """The capacity figures every view shows (see the module docstring for the rule)."""
    scores, raters = _participant_scores(session)
    group = newest_ratings(session, None)
    people_rows, group_rows = [], []
    for comp in Competency:
        b, a = scores.get((comp, PHASES[0]), []), scores.get((comp, PHASES[1]), [])
        people_rows.append(CapacityRow(comp, _mean(b) if b else None, _mean(a) if a else None,
                                       len(b), len(a)))
        gb, ga = group.get((comp, PHASES[0])), group.get((comp, PHASES[1]))
        group_rows.append(CapacityRow(comp, float(gb.score) if gb else None,
                                      float(ga.score) if ga else None,
                                      int(gb is not None), int(ga is not None)))
    return CapacitySummary(people_rows, group_rows, raters)


def set_capacity(session: Session, competency: Competency, phase: AssessmentPhase,
                 who: str | None, score: int | None) -> None:
    """Rate a cell 1-5 for ``who`` (None: the group); ``score`` None clears it (to the trash).

    A rated cell keeps one live rating: the newest gets the score, any older duplicates
    go to the trash, so a second rating replaces the first and is never added beside it.

    Raises:
        DomainError: ``who`` is not a participant of the session.
        ValidationError: the score is outside 1-5 (nothing changed).
    """
    if who is not None and session.participant(who) is None:
        raise DomainError("not_found", id=who)
    current = [r for r in session.capacity if r.deleted_at is None
               and r.participant_id == who and r.competency is competency and r.phase is phase]
    now = utcnow()
    if score is None:
        for r in current:
            r.deleted_at = now
            r.updated_at = now
        if current:
            session.updated_at = now
        return
    rating = CapacityRating(competency=competency, phase=phase, score=score,
                            participant_id=who)  # validated before anything changes
    newest = newest_ratings(session, who).get((competency, phase))
    for r in current:
        if r is not newest:
            r.deleted_at = now
            r.updated_at = now
    if newest is not None:
        newest.score = rating.score
        newest.updated_at = now
    else:
        rating.updated_at = now
        ensure_room(session, "capacity")
        session.capacity.append(rating)
    session.updated_at = now
