"""Cards typed on the resources screen never reach the plano (step 3) or step 4's
unsorted list; a card written after step 4 was marked done says so."""

from __future__ import annotations

from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import CardKind, Step, ops
from mpa_tui.tui.screens.board import BoardScreen
from mpa_tui.tui.screens.grouping import GroupingScreen
from mpa_tui.tui.screens.resources import ResourcesScreen


def _text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_resource_cards_stay_off_the_board(store, data_dir) -> None:
    session = make_session(store, current_step=Step.STICK)
    ops.add_card(session, "Modal kurang", CardKind.PROBLEM)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.push_screen(ResourcesScreen(app.controller))
        await pilot.pause()
        await pilot.press(*"Lahan kosong", "enter")
        await pilot.pause()
        kinds = [c.kind for c in reload(data_dir, session.id).active_cards()]
        assert kinds == [CardKind.PROBLEM, CardKind.POTENTIAL]
        app.switch_screen(BoardScreen(app.controller))
        await pilot.pause()
        assert "Tertempel 0/1" in _text(app)
        assert "Lahan kosong" not in _text(app)
        app.switch_screen(GroupingScreen(app.controller))
        await pilot.pause()
        assert "Belum dikelompokkan (1)" in _text(app)
        assert "Lahan kosong" not in _text(app)


async def test_new_card_after_grouping_done_says_so(store, data_dir) -> None:
    session = make_session(store, current_step=Step.WRITE,
                           completed_steps=[Step.WRITE, Step.STICK, Step.GROUP])
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press(*"Harga bahan naik", "enter")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("3 Tempel di plano, 4 Kelompokkan" in m and "selesai" in m
                   for m in messages), messages
        await pilot.press("alt+p", *"Kebun", "enter")
        await pilot.pause()
        assert sum("sudah ditandai selesai" in str(n.message)
                   for n in app._notifications) == 1
