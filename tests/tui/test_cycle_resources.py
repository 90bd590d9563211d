"""Potensi & sistem sumber: cards, resource entries, links to priorities (Pilot, 80x24)."""

from __future__ import annotations

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import CardKind, ResourceScope, ResourceType, ops
from mpa_tui.tui.screens.resources import ResourcesScreen
from mpa_tui.tui.widgets.cycle_base import EntityList


def _with_priorities(store):  # type: ignore[no-untyped-def]
    session = make_session(store)
    a = ops.new_category(session, "Modal kurang")
    b = ops.new_category(session, "Pemasaran")
    session.priority_order = [a.id, b.id]
    store.repo.save(session)
    return session, a, b


async def test_cards_and_resource_form_saved(store, data_dir) -> None:
    session, a, b = _with_priorities(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = ResourcesScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press(*"Lahan kosong", "enter")
        await pilot.press("ctrl+t", *"Dinas Koperasi", "enter")
        await pilot.pause()
        cards = [(c.text, c.kind) for c in reload(data_dir, session.id).cards]
        assert cards == [("Lahan kosong", CardKind.POTENTIAL),
                         ("Dinas Koperasi", CardKind.RESOURCE)]
        # a new resource through the form; an empty name is refused beside the field
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        err = app.screen.query_one("#err-name")
        assert "kosong" in str(err.render()).lower()
        assert reload(data_dir, session.id).resources == []
        await pilot.press(*HOSTILE, "tab")
        await pilot.press("space", "down", "enter")   # scope: internal
        await pilot.press("tab", "space", "down", "down", "enter")  # type: desa
        await pilot.press("tab", *"0812", "tab", *"Pelatihan koperasi", "enter")
        await pilot.pause()
        res = reload(data_dir, session.id).resources
        assert len(res) == 1
        assert res[0].name == HOSTILE
        assert res[0].scope is ResourceScope.INTERNAL
        assert res[0].type is ResourceType.VILLAGE
        assert (res[0].contact, res[0].can_help_with) == ("0812", "Pelatihan koperasi")
        # shown literally
        rows = screen.query_one("#res-list", EntityList)
        assert HOSTILE in str(rows.get_option_at_index(0).prompt)
        assert app.is_running
        # link to the second priority
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        assert reload(data_dir, session.id).resources[0].linked_category_ids == [b.id]
        # enter on a card (the newest is highlighted) makes a resource prefilled with it
        screen.query_one("#res-cards", EntityList).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        res = reload(data_dir, session.id).resources
        assert [(r.name, r.scope) for r in res] == [
            (HOSTILE, ResourceScope.INTERNAL), ("Dinas Koperasi", ResourceScope.EXTERNAL)]
        # delete the card in the focused list; undo restores it
        await pilot.press("delete")
        await pilot.pause()
        assert reload(data_dir, session.id).cards[1].deleted_at is not None
        assert screen.query_one("#res-cards", EntityList).option_count == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reload(data_dir, session.id).cards[1].deleted_at is None
        assert screen.query_one("#res-cards", EntityList).option_count == 2


async def test_many_cards_add_one_row_and_long_hostile_card(store, data_dir) -> None:
    session = make_session(store)
    for i in range(300):
        ops.add_card(session, f"Potensi {i}", CardKind.POTENTIAL)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = ResourcesScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        cards = screen.query_one("#res-cards", EntityList)
        first = cards.get_option_at_index(0)
        assert cards.option_count == 300
        long = (HOSTILE + " ") * 40
        screen.query_one("#res-card").value = long[:1000]
        await pilot.press("enter")
        await pilot.pause()
        assert cards.option_count == 301
        assert cards.get_option_at_index(0) is first   # appended, not rebuilt
        saved = reload(data_dir, session.id).cards[-1]
        assert saved.text == long[:1000].strip() and saved.kind is CardKind.POTENTIAL
        assert app.is_running
