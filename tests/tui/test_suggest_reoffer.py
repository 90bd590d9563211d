"""Re-offering a card taken out of an accepted proposal (pure list logic, no app)."""

from __future__ import annotations

from mpa_tui.tui.widgets.suggest_proposals import Proposal, reoffer


def proposals() -> list[Proposal]:
    return [
        Proposal("Modal usaha", ["a", "b", "x"], next_best={"x": [2, 1], "b": []}),
        Proposal("Pemasaran", ["c", "d"]),
        Proposal("Utang dan rentenir", ["e", "f"]),
        Proposal("Lain-lain / belum jelas", ["z"], other=True),
    ]


def test_card_goes_to_its_best_pending_proposal() -> None:
    ps = proposals()
    assert reoffer(ps, 0, ["x"], "Lain-lain") == 1
    assert ps[2].card_ids == ["e", "f", "x"]


def test_answered_proposals_are_passed_over_then_other() -> None:
    ps = proposals()
    ps[2].done = "skipped"
    assert reoffer(ps, 0, ["x"], "Lain-lain") == 1
    assert ps[1].card_ids == ["c", "d", "x"]
    ps = proposals()
    ps[1].done = ps[2].done = "accepted"
    reoffer(ps, 0, ["x", "b"], "Lain-lain")
    assert ps[3].card_ids == ["z", "x", "b"]


def test_other_proposal_is_added_when_none_is_pending() -> None:
    ps = proposals()
    ps[3].done = "skipped"
    assert reoffer(ps, 0, ["b"], "Lain-lain") == 1
    assert len(ps) == 5 and ps[4].other and ps[4].title == "Lain-lain" and ps[4].card_ids == ["b"]
    # Taken out of the unclear cards themselves: nowhere else to offer them.
    assert reoffer(ps, 4, ["b"], "Lain-lain") == 0 and len(ps) == 5
