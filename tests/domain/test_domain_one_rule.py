"""The rules that exist once in the domain: duplicate capacity ratings, group identity,
top priorities without an action, the pairwise set, one participant/speaker code rule."""

from __future__ import annotations

import pytest

from mpa_tui.domain import (
    ActionItem,
    ActionStatus,
    AssessmentPhase,
    CapacityRating,
    Competency,
    DomainError,
    Location,
    Session,
    ops,
)
from mpa_tui.domain.capacity import capacity_summary
from mpa_tui.domain.circle import next_code
from mpa_tui.domain.evaluation import add_quote
from mpa_tui.domain.identity import group_key, name_key, same_group
from mpa_tui.domain.order import TOP_PRIORITIES_NEEDING_ACTION, unplanned_top
from mpa_tui.domain.pairwise import PAIRWISE_TOP, top_category_ids


def test_ops_refuses_a_second_live_rating_for_the_same_cell() -> None:
    s = Session(group_name="Mentari")
    ani = ops.add_participant(s, "Bu Ani")
    cell = {"competency": Competency.NETWORKS, "phase": AssessmentPhase.AFTER}
    ops.add_entity(s, "capacity", CapacityRating(score=3, participant_id=ani.id, **cell))
    with pytest.raises(DomainError) as err:
        ops.add_entity(s, "capacity", CapacityRating(score=5, participant_id=ani.id, **cell))
    assert err.value.key == "capacity_duplicate"
    ops.add_entity(s, "capacity", CapacityRating(score=4, **cell))  # the group: its own row
    data = capacity_summary(s)
    row = next(r for r in data.people if r.competency is Competency.NETWORKS)
    group = next(r for r in data.group if r.competency is Competency.NETWORKS)
    assert (row.after, row.after_raters, group.after) == (3.0, 1, 4.0)


def test_same_group_ignores_case_spacing_and_punctuation() -> None:
    a = Session(group_name="KUB  Mentari", location=Location(village="Nagrak"))
    b = Session(group_name="kub mentari.", location=Location(village=" NAGRAK "))
    c = Session(group_name="KUB Mentari", location=Location(village="Cisalak"))
    assert same_group(a, b) and not same_group(a, c)
    assert group_key(a)[0] == name_key("Kub-Mentari")
    assert isinstance(group_key(a), tuple)  # a stronger identity is one more part


def test_a_dropped_action_does_not_plan_a_top_priority() -> None:
    s = Session(group_name="Mentari")
    cats = [ops.new_category(s, f"K{i}") for i in range(5)]
    s.priority_order = [c.id for c in cats]
    s.action_items.append(ActionItem(category_id=cats[0].id, action="x",
                                     status=ActionStatus.DROPPED))
    s.action_items.append(ActionItem(category_id=cats[1].id, action="y",
                                     status=ActionStatus.DONE))
    assert TOP_PRIORITIES_NEEDING_ACTION == 3
    assert unplanned_top(s) == [(1, cats[0].id), (3, cats[2].id)]


def test_the_pairwise_set_is_the_top_five_by_default() -> None:
    s = Session(group_name="Mentari")
    for i in range(7):
        cat = ops.new_category(s, f"K{i}")
        for _ in range(7 - i):
            card = ops.add_card(s, f"kartu {i}")
            ops.move_cards(s, [card.id], cat.id)
    assert PAIRWISE_TOP == 5 and len(top_category_ids(s)) == PAIRWISE_TOP


def test_one_code_rule_for_participants_and_speakers() -> None:
    assert next_code(["P01", "Siti", "p07"]) == "P08"
    assert next_code([], width=1) == "P1"
    s = Session(group_name="Mentari")
    assert [add_quote(s, t).speaker_code for t in ("a", "b")] == ["P1", "P2"]
