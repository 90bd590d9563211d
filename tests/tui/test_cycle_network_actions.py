"""Jejaring and Rencana aksi: forms, status key, the unplanned-priority flag (Pilot)."""

from __future__ import annotations

import datetime as dt

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import ActionStatus, Resource, ops
from mpa_tui.domain.order import unplanned_top
from mpa_tui.tui.screens.actions import ActionsScreen
from mpa_tui.tui.screens.network import NetworkScreen
from mpa_tui.tui.widgets.cycle_base import EntityList


async def put(pilot, text: str, *then: str) -> None:  # type: ignore[no-untyped-def]
    """Fill the focused Input at once (typing every key is slow), then press ``then``."""
    await pilot.pause()  # a focus() asked for just before takes effect
    pilot.app.focused.value = text
    await pilot.press(*then)


async def test_network_link_form_and_errors(store, data_dir) -> None:
    session = make_session(store)
    session.resources.append(Resource(name=HOSTILE))   # shown literally in the choice
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = NetworkScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        date_input = app.screen.query_one("#f-date")
        date_input.value = "9 Juni"   # not a date: refused beside the field
        await pilot.press("tab", *"DK UPP Purwakarta", "ctrl+s")
        await pilot.pause()
        assert "tanggal" in str(app.screen.query_one("#err-date").render()).lower()
        assert reload(data_dir, session.id).network_links == []
        assert app.focused is date_input   # the first error gets the cursor
        date_input.value = "2023-06-09"
        await pilot.press("tab", "tab")
        await put(pilot, "Pelatihan manajemen koperasi", "tab", *HOSTILE, "tab")
        await put(pilot, "Jadwal pelatihan", "tab", "space", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        links = reload(data_dir, session.id).network_links
        assert len(links) == 1
        link = links[0]
        assert (link.date, link.partner, link.purpose) == (
            dt.date(2023, 6, 9), "DK UPP Purwakarta", "Pelatihan manajemen koperasi")
        assert (link.outcome, link.follow_up) == (HOSTILE, "Jadwal pelatihan")
        assert link.resource_id == session.resources[0].id
        assert HOSTILE in str(screen.query_one("#net-detail").render())
        assert app.is_running
        # edit: Enter on the row, change the partner, save
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#f-partner").value = "Dinas Koperasi UKM"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reload(data_dir, session.id).network_links[0].partner == "Dinas Koperasi UKM"
        await pilot.press("delete")
        await pilot.pause()
        assert reload(data_dir, session.id).network_links[0].deleted_at is not None


async def test_actions_by_priority_status_and_flag(store, data_dir) -> None:
    session = make_session(store)
    cats = [ops.new_category(session, title) for title in ("Modal", "Pemasaran", "Pembukuan")]
    session.priority_order = [c.id for c in cats]
    store.repo.save(session)
    assert [p for p, _ in unplanned_top(session)] == [1, 2, 3]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = ActionsScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        flag = screen.query_one("#act-flag")
        assert "1, 2, 3" in str(flag.render())
        # the cursor is on priority 1's heading: Enter opens a form for it
        await pilot.press("down")          # priority 2
        await pilot.press("enter")
        await pilot.pause()   # the form starts on the action's text
        await put(pilot, "Pelatihan pemasaran online", "tab")
        await put(pilot, "Bisa jual online", "tab", *"Ketua", "tab")
        await put(pilot, "Juli 2023", "tab")
        await put(pilot, "Balai desa")
        await pilot.press("ctrl+s")
        await pilot.pause()
        items = reload(data_dir, session.id).action_items
        assert len(items) == 1
        item = items[0]
        assert item.category_id == cats[1].id
        assert (item.action, item.objective, item.responsible) == (
            "Pelatihan pemasaran online", "Bisa jual online", "Ketua")
        assert (item.when, item.when_text, item.where) == (None, "Juli 2023", "Balai desa")
        assert item.status is ActionStatus.PLANNED
        assert "1, 3" in str(flag.render())
        # s cycles the status of the highlighted action
        screen.query_one("#act-list", EntityList).select_id(item.id)
        await pilot.press("s", "s")
        await pilot.pause()
        assert reload(data_dir, session.id).action_items[0].status is ActionStatus.DONE
        # an exact date is stored as a date
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#f-when").value = "2023-07-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = reload(data_dir, session.id).action_items[0]
        assert (saved.when, saved.when_text) == (dt.date(2023, 7, 1), "")
        # an empty action is refused beside the field; nothing changes
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "kosong" in str(app.screen.query_one("#err-action").render()).lower()
        await pilot.press("escape")
        await pilot.pause()
        assert len(reload(data_dir, session.id).action_items) == 1
