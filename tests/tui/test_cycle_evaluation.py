"""Evaluasi & terminasi: checklist, list sections, pseudonymous quotes, closing (Pilot)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import ChecklistKey, ops
from mpa_tui.tui.screens.evaluation import EvaluationScreen
from mpa_tui.tui.widgets.cycle_base import EntityList


async def put(pilot, text: str, *then: str) -> None:  # type: ignore[no-untyped-def]
    """Fill the focused Input at once (typing every key is slow), then press ``then``."""
    await pilot.pause()  # a focus() asked for just before takes effect
    pilot.app.focused.value = text
    await pilot.press(*then)


async def test_fill_evaluation(store, data_dir) -> None:
    session = make_session(store)
    ani = ops.add_participant(session, "Bu Ani")
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = EvaluationScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        # checklist: "lancar" = yes (Select: enter, pick, enter), note saved on Enter
        await pilot.press("enter", "up", "up", "enter")
        await pilot.pause()
        await pilot.press("tab", *"Semua", "space", *"hadir", "enter")
        await pilot.pause()
        item = reload(data_dir, session.id).evaluation.checklist[0]
        assert (item.key, item.achieved, item.note) == (ChecklistKey.SMOOTH, True,
                                                        "Semua hadir")
        # "sesuai jadwal" = no; its note is saved when the cursor leaves the field
        await pilot.press("tab", "enter", "up", "enter")
        await pilot.pause()
        await pilot.press("tab")
        await put(pilot, "Mundur sehari", "tab")
        await pilot.pause()
        item = reload(data_dir, session.id).evaluation.checklist[1]
        assert (item.achieved, item.note) == (False, "Mundur sehari")
        # list sections: add with Enter, hostile text is literal
        screen.query_one("#add-supporting_factors", Input).focus()
        await put(pilot, "Dukungan kepala desa", "enter")
        await pilot.press(*HOSTILE, "enter")
        screen.query_one("#add-obstacles", Input).focus()
        await put(pilot, "Waktu terbatas", "enter")
        screen.query_one("#add-results", Input).focus()
        await put(pilot, "Masalah teridentifikasi", "enter")
        screen.query_one("#add-innovation", Input).focus()
        await put(pilot, "Model MPA diserahkan ke desa", "enter")
        await pilot.pause()
        ev = reload(data_dir, session.id).evaluation
        assert ev.supporting_factors == ["Dukungan kepala desa", HOSTILE]
        assert (ev.obstacles, ev.results, ev.innovation) == (
            ["Waktu terbatas"], ["Masalah teridentifikasi"], ["Model MPA diserahkan ke desa"])
        factors = screen.query_one("#list-supporting_factors", EntityList)
        assert HOSTILE in str(factors.get_option_at_index(1).prompt)
        # Delete removes the highlighted item; undo brings it back
        factors.focus()
        factors.highlighted = 1
        await pilot.press("delete")
        await pilot.pause()
        assert reload(data_dir, session.id).evaluation.supporting_factors == [
            "Dukungan kepala desa"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(reload(data_dir, session.id).evaluation.supporting_factors) == 2
        # quotes get codes, not names
        screen.query_one("#add-quotes", Input).focus()
        await put(pilot, "Kami jadi tahu masalah kami", "enter")
        await put(pilot, "Senang sekali", "enter")
        await pilot.pause()
        quotes = reload(data_dir, session.id).evaluation.quotes
        assert [(q.speaker_code, q.participant_id) for q in quotes] == [("P1", None),
                                                                        ("P2", None)]
        assert "Bu Ani" not in str(screen.query_one("#list-quotes", EntityList)
                                   .get_option_at_index(0).prompt)
        # linking a participant on purpose (Enter on the quote)
        quotes_list = screen.query_one("#list-quotes", EntityList)
        quotes_list.focus()
        quotes_list.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#f-participant_id", Select).value = ani.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reload(data_dir, session.id).evaluation.quotes[0].participant_id == ani.id
        assert "Bu Ani" in str(quotes_list.get_option_at_index(0).prompt)
        # closing: a bad date is refused beside the field, a good one saved
        date = screen.query_one("#text-termination_date", Input)
        date.focus()
        await pilot.press(*"besok", "enter")
        await pilot.pause()
        assert str(screen.query_one("#err-text-termination_date").render()).strip()
        assert reload(data_dir, session.id).evaluation.termination_date is None
        date.value = "2023-08-09"
        await pilot.press("enter")
        screen.query_one("#text-handover", Input).focus()
        await put(pilot, "Model MPA diserahkan ke Desa Nagrak", "enter")
        await pilot.pause()
        ev = reload(data_dir, session.id).evaluation
        assert ev.termination_date == dt.date(2023, 8, 9)
        assert ev.handover == "Model MPA diserahkan ke Desa Nagrak"
        assert not str(screen.query_one("#err-text-termination_date").render()).strip()
        # undo replaces the session: the fields show the saved values again
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.query_one("#text-handover", Input).value == ""
        assert app.is_running
