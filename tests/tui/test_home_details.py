"""Home (Beranda) and the session-details form, driven by keys, checked on disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Select, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import CountingMode, Role, Step, ops
from mpa_tui.i18n import t
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import ConfirmDialog
from mpa_tui.tui.screens.details import DetailsScreen
from mpa_tui.tui.screens.home import HomeScreen
from mpa_tui.tui.screens.trash import SessionTrashScreen
from mpa_tui.tui.widgets.session_list import SessionList, column_widths


async def _fill(pilot, screen: DetailsScreen, **values: str) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        screen.query_one(f"#{name}", Input).value = value
    await pilot.pause()


async def test_create_session_through_the_form(store: Store, data_dir: Path) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        # the guiding question is prefilled from the catalog
        assert form.query_one("#guiding_question", Input).value == t("details.default_question")
        await pilot.press(*"Mentari")  # typed into the focused group field
        await _fill(pilot, form, village="Nagrak", subdistrict="Darangdan",
                    regency="Purwakarta", province="Jawa Barat", start_date="2023-06-08",
                    end_date="2023-06-09", place="Balai desa", facilitators="Ani, Budi",
                    vote_budget="5", max_votes_per_category="2", timer_minutes="15")
        form.query_one("#counting_mode", Select).value = CountingMode.BOTH
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.STEP == Step.CIRCLE  # step 1 opens
        sid = app.controller.session.id if app.controller else ""
    saved = reload(data_dir, sid)
    assert saved.group_name == "Mentari"
    assert saved.location.village == "Nagrak" and saved.location.province == "Jawa Barat"
    assert saved.start_date == date(2023, 6, 8) and saved.end_date == date(2023, 6, 9)
    assert saved.facilitators == ["Ani", "Budi"] and saved.place == "Balai desa"
    assert saved.guiding_question == t("details.default_question")
    assert saved.settings.counting_mode == CountingMode.BOTH
    assert saved.settings.vote_budget == 5 and saved.settings.max_votes_per_category == 2
    assert saved.settings.timer_minutes == 15 and saved.language == "id"


async def test_validation_errors_beside_fields_and_nothing_saved(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        await _fill(pilot, form, group="   ", start_date="2023-13-45",
                    end_date="", vote_budget="abc", timer_minutes="0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still on the form
        err = {n: str(form.query_one(f"#err-{n}", Static).content)
               for n in ("group", "start_date", "vote_budget", "timer_minutes")}
        assert err["group"] == t("error.text_empty")
        assert err["start_date"] == t("error.bad_date")
        assert err["vote_budget"] == t("error.not_a_number")
        assert "paling kecil" in err["timer_minutes"]
        assert app.focused is form.query_one("#group")
        # end before start: shown beside the end date
        await _fill(pilot, form, group="Mentari", start_date="2023-06-09",
                    end_date="2023-06-08", vote_budget="3", timer_minutes="10")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#err-end_date", Static).content) == t(
            "error.end_before_start")
        assert not form.query_one("#err-group", Static).content
    assert store.repo.list() == []


async def test_home_lists_sessions_newest_first_and_opens(store: Store) -> None:
    old = make_session(store, name="Lama", current_step=Step.COUNT)
    new = make_session(store, name="Mentari")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#sessions", SessionList)
        assert table.row_count == 2
        assert table.row_texts(0)[0] == "Mentari"
        assert table.row_texts(1)[3] == "6 Hitung"
        assert table.row_texts(1)[1] == "Nagrak"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.controller is not None and app.controller.session.id == old.id
        assert app.screen.STEP == Step.COUNT
        await pilot.press("f9")  # home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.controller is None
        assert new.id in [r.id for r in store.repo.list()]


async def test_duplicate_as_template(store: Store, data_dir: Path) -> None:
    session = make_session(store)
    ops.add_participant(session, "Siti", Role.OFFICER)
    ops.add_participant(session, "P02")
    ops.add_card(session, "Modal kurang")
    session.current_step = Step.RANK
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        rows = store.repo.list()
        assert len(rows) == 2
        copy_id = next(r.id for r in rows if r.id != session.id)
    copy = reload(data_dir, copy_id)
    assert copy.group_name == "Mentari (salinan)"
    assert copy.location == session.location and copy.settings == session.settings
    assert [p.name for p in copy.circle()] == ["Siti", "P02"]
    assert {p.id for p in copy.participants}.isdisjoint({p.id for p in session.participants})
    assert copy.cards == [] and copy.current_step == Step.CIRCLE and not copy.is_example


async def test_trash_and_restore_session(store: Store, data_dir: Path) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert store.repo.list() == []
        assert reload(data_dir, session.id).deleted_at is not None
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, SessionTrashScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#sessions", SessionList).row_count == 1
    assert reload(data_dir, session.id).deleted_at is None


async def test_empty_store_offers_the_example(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        empty = str(app.screen.query_one("#home-empty", Static).content)
        assert t("home.empty.example") in empty
        await pilot.press("e")
        await pilot.pause()
        assert app.controller is not None and app.controller.session.is_example
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("e")  # twice leaves one copy
        await pilot.pause()
    assert len(store.repo.list()) == 1


async def test_language_switch_on_form_keeps_typed_values(store: Store) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Mentari")
        form = app.screen
        assert isinstance(form, DetailsScreen)
        form.query_one("#counting_mode", Select).value = CountingMode.VOTES
        await pilot.press("f2")
        await pilot.pause()
        new = app.screen
        assert isinstance(new, DetailsScreen) and new is not form
        assert new.query_one("#group", Input).value == "Mentari"
        assert new.query_one("#counting_mode", Select).value == CountingMode.VOTES
        assert str(new.query_one("#home-title", Static).content) == t("details.title.new",
                                                                       "en")


async def test_edit_details_of_open_session_is_undoable(store: Store, data_dir: Path) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.press("f10")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        await _fill(pilot, form, place="Rumah Bu RT")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reload(data_dir, session.id).place == "Rumah Bu RT"
        assert app.screen.STEP == Step.CIRCLE
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reload(data_dir, session.id).place == ""


async def test_hostile_text_on_home_and_form(store: Store) -> None:
    make_session(store, name=HOSTILE, place=HOSTILE)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#sessions", SessionList)
        assert table.row_texts(0)[0] == HOSTILE
        # drawn literally, not as markup (cut with "…" to the group column's width)
        drawn = "".join(seg.text for seg in table.render_line(1))
        width = column_widths(table.size.width)[0]
        assert HOSTILE[:width - 1] + "…" in drawn or HOSTILE in drawn
        await pilot.press("enter", "f10")
        await pilot.pause()
        assert app.screen.query_one("#group", Input).value == HOSTILE
        assert app.is_running


async def test_damage_notice_shown_once(data_dir: Path) -> None:
    st = Store.open(data_dir)
    session = make_session(st)
    st.close()
    path = data_dir / "sessions" / f"{session.id}.json"
    path.write_bytes(path.read_bytes()[:20])  # truncated by a power cut
    st = Store.open(data_dir)
    try:
        assert st.damage_reports
        app = app_for(st)
        async with app.run_test(size=SIZE) as pilot:
            notice = app.screen.query_one("#home-notice", Static)
            assert t("home.damage.title") in str(notice.content)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert not app.screen.query_one("#home-notice", Static).content
    finally:
        st.close()


async def test_read_only_session_form_is_disabled(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = make_session(store)
    monkeypatch.setattr(store.repo, "is_read_only", lambda sid: True)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.press("f10")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen) and form.read_only
        assert form.query_one("#group", Input).disabled
        assert str(form.query_one("#details-notice", Static).content) == t(
            "tui.read_only_session")


async def test_start_on_a_session_by_prefix_or_fall_back_home(store: Store) -> None:
    session = make_session(store, current_step=Step.TITLE)
    app = app_for(store, session_id=session.id[:8])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.STEP == Step.TITLE
    app = app_for(store, session_id="does-not-exist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_create_refused_by_the_disk_stays_on_the_form(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mpa_tui.store import SaveError

    def full(s) -> None:  # type: ignore[no-untyped-def]
        raise SaveError(OSError(28, "No space left on device"))

    monkeypatch.setattr(store.repo, "create", full)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Mentari", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen) and app.controller is None
        assert app.screen.query_one("#group", Input).value == "Mentari"
        assert any("Disk penuh" in str(n.message) for n in app._notifications)
