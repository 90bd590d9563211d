"""Deterministic 80x24 snapshots of key workshop screens on the shipped example session.

Regenerate after an intended visual change with
``pytest tests/tui/test_tui_snapshots_steps.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import pytest
from tui_helpers import SIZE, app_for

from mpa_tui.data import load_example
from mpa_tui.domain import Step
from mpa_tui.store import Store


@pytest.mark.parametrize("step", [Step.STICK, Step.GROUP, Step.RANK])
def test_example_step(store: Store, snap_compare, step: Step) -> None:  # type: ignore[no-untyped-def]
    session = load_example()
    session.current_step = step  # opening at its own step: no save, no clock in the frame
    store.repo.create(session)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        assert pilot.app.open_session(session.id)
        await pilot.pause()

    assert snap_compare(app_for(store), terminal_size=SIZE, run_before=run_before)
