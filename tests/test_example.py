"""The shipped example session: valid, true to the paper, complete, and reproducible."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mpa_tui.data import EXAMPLE_SESSION_ID, example_json, load_example
from mpa_tui.data.build_mentari import build, to_json
from mpa_tui.domain import (
    ActionStatus,
    AssessmentPhase,
    CardKind,
    ChecklistKey,
    Competency,
    ResourceType,
    Role,
    Session,
    StageKind,
    Step,
)
from mpa_tui.domain.order import final_order
from mpa_tui.domain.rules import rank_categories, tally, tie_groups, votes_used


@pytest.fixture(scope="module")
def example() -> Session:
    return load_example()


def test_file_is_what_the_build_script_makes() -> None:
    # A hand edit of the JSON, or a script change without a rebuild, fails here.
    assert example_json() == to_json(build())


def test_valid_and_stable_round_trip(example: Session) -> None:
    again = Session.model_validate(json.loads(json.dumps(example.model_dump(mode="json"))))
    assert again == example
    assert example.id == EXAMPLE_SESSION_ID
    assert load_example() is not example  # fresh object each call: callers may edit it


def test_marked_as_example_with_fictional_people(example: Session) -> None:
    assert example.is_example is True
    assert 12 <= len(example.participants) <= 18
    names = {p.name for p in example.participants}
    assert len(names) == len(example.participants)
    officers = {p.position for p in example.participants if p.role is Role.OFFICER}
    assert officers == {"ketua", "sekretaris", "bendahara"}
    assert any(not p.present for p in example.participants)
    assert sorted(p.seat for p in example.participants) == list(range(len(names)))
    # Quotes are pseudonymous: a code, never linked to a person.
    for quote in example.evaluation.quotes:
        assert quote.participant_id is None
        assert quote.speaker_code and quote.speaker_code not in names


def test_the_papers_case(example: Session) -> None:
    assert "Mentari" in example.group_name
    loc = example.location
    assert (loc.village, loc.subdistrict, loc.regency, loc.province) == (
        "Nagrak", "Darangdan", "Purwakarta", "Jawa Barat")
    assert (example.start_date, example.end_date) == (date(2023, 6, 8), date(2023, 6, 9))
    stages = {s.stage: s for s in example.stages}
    assert set(stages) == set(StageKind)
    assert stages[StageKind.ASSESSMENT].date == date(2023, 3, 23)
    assert stages[StageKind.ACTION_PLAN].date == date(2023, 3, 24)
    action = stages[StageKind.ACTION]
    assert (action.date, action.end_date) == (date(2023, 6, 8), date(2023, 6, 9))
    closing = stages[StageKind.EVALUATION_TERMINATION]
    assert (closing.date, closing.end_date) == (date(2023, 8, 8), date(2023, 8, 9))
    channels = {c.channel.value for c in stages[StageKind.COORDINATION].contacts}
    assert channels == {"telepon", "whatsapp"}
    assert example.evaluation.termination_date == date(2023, 8, 9)
    assert "Nagrak" in example.evaluation.handover
    assert any("Mikro Kredit" in item for item in example.evaluation.innovation)
    assert any("halal" in link.outcome for link in example.network_links)
    assert any("DK UPP" in link.partner for link in example.network_links)


def test_workshop_counted_ranked_and_ordered(example: Session) -> None:
    cards = example.active_cards()
    assert 30 <= len(cards) <= 40
    assert all(c.posted for c in cards)
    kinds = {c.kind for c in cards}
    assert kinds == set(CardKind)
    problems = [c for c in cards if c.kind in (CardKind.PROBLEM, CardKind.NEED)]
    assert all(c.category_id for c in problems)
    assert 7 <= len(example.active_categories()) <= 8
    assert all(c.title for c in example.active_categories())
    assert example.completed_steps == list(Step)

    ranking = rank_categories(example)
    top = example.category(ranking[0].category_id)
    assert top is not None and top.title == "Pengetahuan manajemen koperasi"
    assert ranking[0].rank == 1 and not ranking[0].tied
    assert final_order(example) == example.priority_order
    assert example.priority_confirmed_at is not None
    counts = tally(example)
    assert sum(t.votes for t in counts.values()) > 0
    assert sum(t.cards for t in counts.values()) == len(problems)


def test_a_tie_lower_down_is_broken_with_a_reason(example: Session) -> None:
    raw = rank_categories(example, apply_tie_breaks=False)
    groups = tie_groups(raw)
    assert len(groups) == 1 and groups[0][0] != raw[0].category_id
    assert tie_groups(rank_categories(example)) == []
    (tb,) = example.tie_breaks
    assert set(tb.category_ids) == set(groups[0]) and tb.reason
    broken = [r for r in rank_categories(example) if r.tie_break_id == tb.id]
    assert [r.category_id for r in broken] == tb.category_ids
    # Competition ranking: the two tied share a rank, the next one skips a place.
    tied_rank = {r.rank for r in raw if r.category_id in groups[0]}
    assert len(tied_rank) == 1
    after = [r.rank for r in raw if r.rank > next(iter(tied_rank))]
    assert after[0] == next(iter(tied_rank)) + 2


def test_votes_respect_the_budget(example: Session) -> None:
    budget = example.settings.vote_budget
    cap = example.settings.max_votes_per_category
    assert cap is not None
    voters = {v.participant_id for v in example.votes}
    for person in example.participants:
        if person.id in voters:
            assert person.present
        assert votes_used(example, person.id) <= budget
    assert all(v.count <= cap for v in example.votes)
    assert len({(v.participant_id, v.category_id) for v in example.votes}) == len(example.votes)


def test_every_section_is_filled(example: Session) -> None:
    cat_ids = {c.id for c in example.active_categories()}
    top = example.priority_order[0]
    resources = example.resources
    assert {ResourceType.VILLAGE, ResourceType.GOVERNMENT_OFFICE, ResourceType.PERSON,
            ResourceType.BANK_COOPERATIVE, ResourceType.GROUP_ASSET} <= {r.type for r in resources}
    assert any(top in r.linked_category_ids for r in resources)
    assert all(set(r.linked_category_ids) <= cat_ids for r in resources)
    res_ids = {r.id for r in resources}
    assert all(link.resource_id in res_ids for link in example.network_links)
    assert any(a.category_id == top for a in example.action_items)
    assert {a.category_id for a in example.action_items} >= set(example.priority_order[:3])
    assert len({a.status for a in example.action_items}) >= 3
    assert any(a.status is ActionStatus.DONE and "koperasi" in a.action
               for a in example.action_items)
    ev = example.evaluation
    assert [c.key for c in ev.checklist] == list(ChecklistKey)
    assert all(c.achieved and c.note for c in ev.checklist)
    assert len(ev.results) == 6  # the paper's a-f
    for section in (ev.supporting_factors, ev.obstacles, ev.quotes, ev.innovation):
        assert section
    assert ev.impact
    assert any("kepala desa" in o.lower() for o in ev.obstacles)


def test_capacity_improves_on_all_six_competencies(example: Session) -> None:
    ratings = example.capacity
    raters = {r.participant_id for r in ratings}
    assert None in raters and len(raters) >= 3  # the group and a few participants
    for who in raters:
        for comp in Competency:
            pair = {r.phase: r.score for r in ratings
                    if r.participant_id == who and r.competency is comp}
            assert set(pair) == set(AssessmentPhase)
            assert pair[AssessmentPhase.AFTER] > pair[AssessmentPhase.BEFORE]
