"""Small builders for domain tests: sessions with categories of given sizes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mpa_tui.domain import CountingMode, Session, Settings, VoteEntry, ops

Build = Callable[..., tuple[Session, list[str]]]


def build_session(
    counts: list[int],
    *,
    mode: CountingMode = CountingMode.CARDS,
    entry: VoteEntry = VoteEntry.PER_PARTICIPANT,
    people: int = 0,
    budget: int = 3,
    cap: int | None = None,
) -> tuple[Session, list[str]]:
    """A session whose i-th category (titled "K<i>") holds ``counts[i]`` cards.

    Returns:
        The session and the category ids in creation order.
    """
    session = Session(
        group_name="Uji",
        settings=Settings(counting_mode=mode, vote_entry=entry, vote_budget=budget,
                          max_votes_per_category=cap),
    )
    for i in range(people):
        ops.add_participant(session, f"P{i + 1:02d}")
    ids = []
    for i, n in enumerate(counts):
        cat = ops.new_category(session, f"K{i}")
        cards = [ops.add_card(session, f"kartu {i}.{j}").id for j in range(n)]
        ops.move_cards(session, cards, cat.id)
        ids.append(cat.id)
    return session, ids


@pytest.fixture
def build() -> Build:
    return build_session
