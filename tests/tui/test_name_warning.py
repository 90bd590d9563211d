"""Typing a participant's name into free text says it will be coded in exports."""

from __future__ import annotations

from tui_helpers import SIZE, app_for, make_session

from mpa_tui.domain import Step, ops
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.store import Store


def _warnings(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_a_name_in_a_card_is_announced_once_with_her_code(store: Store) -> None:
    session = make_session(store)
    siti = ops.add_participant(session, "Siti Aminah")
    ops.add_participant(session, "Dewi")
    store.repo.save(session)
    code = participant_codes(session)[siti.id]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_step(Step.WRITE)
        await pilot.pause()
        await pilot.press(*"Modal kurang", "enter")
        assert _warnings(app) == []  # no name: nothing said
        await pilot.press(*"Bu siti pinjam", "enter")
        await pilot.pause()
        [warning] = _warnings(app)
        assert "siti" in warning and code in warning
        await pilot.press(*"Siti lagi", "enter")  # said once per participant
        await pilot.pause()
        assert len(_warnings(app)) == 1
        # In the circle a name is what belongs there: no warning.
        app.open_step(Step.CIRCLE)
        await pilot.pause()
        await pilot.press(*"Dewi", "enter")
        await pilot.pause()
        assert len(_warnings(app)) == 1
