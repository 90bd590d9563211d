"""Pendampingan (stages, contacts, timeline across sessions) and Kapasitas (Pilot)."""

from __future__ import annotations

import datetime as dt

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import (
    AssessmentPhase,
    Competency,
    ContactChannel,
    Location,
    Session,
    StageKind,
    StageRecord,
    ops,
)
from mpa_tui.domain.capacity import averages
from mpa_tui.tui.screens.capacity import CapacityScreen
from mpa_tui.tui.screens.stages import StagesScreen, date_range


def test_date_range_formats() -> None:
    assert date_range(dt.date(2023, 3, 23), None) == "23 Maret 2023"
    assert date_range(dt.date(2023, 6, 8), dt.date(2023, 6, 9)) == "8–9 Juni 2023"
    assert date_range(dt.date(2023, 6, 30), dt.date(2023, 7, 2)) == "30 Juni–2 Juli 2023"
    assert date_range(None, None) == "?"


async def test_stage_records_contacts_and_timeline(store, data_dir) -> None:
    session = make_session(store)
    # an earlier session of the same group (other case/spaces) shows in the timeline
    other = Session(group_name="mentari ", location=Location(village="NAGRAK"),
                    stages=[StageRecord(stage=StageKind.COORDINATION, date=dt.date(2023, 3, 23))])
    store.repo.create(other)
    stranger = Session(group_name="Mentari", location=Location(village="Lain"),
                       stages=[StageRecord(stage=StageKind.ACTION, date=dt.date(2022, 1, 1))])
    store.repo.create(stranger)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = StagesScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        # the form starts on its date (kind: koordinasi); end before start is refused
        await pilot.press(*"2023-06-09", "tab", *"2023-06-08", "ctrl+s")
        await pilot.pause()
        assert str(app.screen.query_one("#err-end_date").render()).strip()
        app.screen.query_one("#f-end_date").value = ""
        app.screen.query_one("#f-stage").value = StageKind.ASSESSMENT
        app.screen.query_one("#f-date").value = "2023-03-24"
        app.screen.query_one("#f-place").value = "Desa Nagrak"
        app.screen.query_one("#f-findings").value = HOSTILE
        await pilot.press("ctrl+s")
        await pilot.pause()
        stages = reload(data_dir, session.id).stages
        assert [(s.stage, s.date, s.place, s.findings) for s in stages] == [
            (StageKind.ASSESSMENT, dt.date(2023, 3, 24), "Desa Nagrak", HOSTILE)]
        # k adds a contact to the highlighted record
        await pilot.press("k")
        await pilot.pause()
        await pilot.press(*"Kepala Desa", "tab", *"Kades", "tab", "space", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        contacts = reload(data_dir, session.id).stages[0].contacts
        assert [(c.name, c.role, c.channel) for c in contacts] == [
            ("Kepala Desa", "Kades", ContactChannel.WHATSAPP)]
        timeline = str(screen.query_one("#stage-timeline").render())
        assert timeline.index("23 Maret 2023") < timeline.index("24 Maret 2023")
        assert "2022" not in timeline and "↗" in timeline
        assert HOSTILE in str(screen.query_one("#stage-detail").render())
        await pilot.press("x")
        await pilot.pause()
        assert reload(data_dir, session.id).stages[0].contacts == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(reload(data_dir, session.id).stages[0].contacts) == 1


async def test_capacity_ratings_by_keys(store, data_dir) -> None:
    session = make_session(store)
    ani = ops.add_participant(session, "Bu Ani")
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        screen = CapacityScreen(app.controller)
        app.push_screen(screen)
        await pilot.pause()
        # the group: first competency before=2, after=4
        await pilot.press("2", "right", "4")
        # Bu Ani (group -> average -> Bu Ani): networks before=1 after=3, then 5
        await pilot.press("p", "p", "down", "down", "down", "left", "1", "right", "3", "5")
        await pilot.pause()
        saved = reload(data_dir, session.id).capacity
        got = sorted((r.participant_id or "", r.competency.value, r.phase.value, r.score)
                     for r in saved if r.deleted_at is None)
        assert got == sorted([
            ("", Competency.NEEDS_PROBLEMS.value, AssessmentPhase.BEFORE.value, 2),
            ("", Competency.NEEDS_PROBLEMS.value, AssessmentPhase.AFTER.value, 4),
            (ani.id, Competency.NETWORKS.value, AssessmentPhase.BEFORE.value, 1),
            (ani.id, Competency.NETWORKS.value, AssessmentPhase.AFTER.value, 5),
        ])
        assert len(saved) == 4   # re-rating a cell changes it, it does not add a row
        grid = str(screen.query_one("#cap-grid").render())
        assert "Bu Ani" in grid and "+4" in grid
        # the average view is read-only
        await pilot.press("P", "3")
        await pilot.pause()
        assert len(reload(data_dir, session.id).capacity) == 4
        values, raters = averages(reload(data_dir, session.id))
        assert raters == 1 and values[(Competency.NETWORKS, AssessmentPhase.AFTER)] == 5
        # a click selects a cell: Bu Ani, networks (row 3), before (column 0)
        await pilot.press("p")
        grid_widget = screen.query_one("#cap-grid")
        await pilot.click(grid_widget, offset=(1 + 35 + 2, 3 + 3))
        assert (screen.row, screen.col) == (3, 0)
        await pilot.click(grid_widget, offset=(1 + 35 + 11 + 2, 3 + 3))
        assert (screen.row, screen.col) == (3, 1)
        # 0 clears the cell (to the trash), undo brings it back
        await pilot.press("0")
        await pilot.pause()
        live = [r for r in reload(data_dir, session.id).capacity if r.deleted_at is None]
        assert len(live) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        live = [r for r in reload(data_dir, session.id).capacity if r.deleted_at is None]
        assert len(live) == 4
