"""The board rule: problems and needs are stuck, grouped and ranked; potentials and
resources are not, wherever they were typed."""

from __future__ import annotations

from mpa_tui.domain import CardKind, Session, Step, ops
from mpa_tui.domain.board import (
    board_cards,
    resource_cards,
    steps_reopened_by,
    unsorted_cards,
)


def test_resources_never_on_the_board() -> None:
    s = Session(group_name="Mentari")
    problem = ops.add_card(s, "Modal kurang", CardKind.PROBLEM)
    need = ops.add_card(s, "Pelatihan", CardKind.NEED)
    potential = ops.add_card(s, "Lahan kosong", CardKind.POTENTIAL)
    resource = ops.add_card(s, "Dinas Koperasi", CardKind.RESOURCE)
    assert board_cards(s) == [problem, need]
    assert unsorted_cards(s) == [problem, need]
    assert resource_cards(s) == [potential, resource]
    ops.soft_delete(s, "cards", need.id)
    assert board_cards(s) == [problem]


def test_a_new_card_after_completed_steps_names_them() -> None:
    s = Session(group_name="Mentari", completed_steps=[Step.WRITE, Step.STICK, Step.GROUP])
    card = ops.add_card(s, "Pemasaran sulit", CardKind.PROBLEM)
    assert steps_reopened_by(s, card) == [Step.STICK, Step.GROUP]
    resource = ops.add_card(s, "Kepala desa", CardKind.RESOURCE)
    assert steps_reopened_by(s, resource) == []
    s.completed_steps = [Step.WRITE]
    assert steps_reopened_by(s, card) == []
