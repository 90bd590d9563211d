"""Session details: the place picked from the Kemendagri list by typing, at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain.session import Location
from mpa_tui.store import Store
from mpa_tui.tui.dialogs.place_picker import PlacePicker
from mpa_tui.tui.screens.details import DetailsScreen


def _status(form: DetailsScreen) -> str:
    return str(form.query_one("#region-status", Static).content)


async def _open_form(app, pilot, sid: str) -> DetailsScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(sid)
    app.open_details()
    await pilot.pause()
    form = app.screen
    assert isinstance(form, DetailsScreen)
    return form


async def _picker(app, pilot):  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+l")
    await pilot.pause()
    return app.screen


async def test_pick_four_levels_by_typing_then_save(store: Store, data_dir: Path) -> None:
    session = make_session(store, location=Location())
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(app, pilot, session.id)
        assert "belum dipilih" in _status(form)
        assert isinstance(await _picker(app, pilot), PlacePicker)
        for typed in ("jawa bar", "purwak", "darang", "nagr"):
            await pilot.press(*typed, "enter")
            await pilot.pause()
        assert app.screen is form
        assert [form.query_one(f"#{f}", Input).value for f in
                ("village", "subdistrict", "regency", "province")] == [
            "Nagrak", "Darangdan", "Kabupaten Purwakarta", "Jawa Barat"]
        assert _status(form).startswith("32.14.06.2015 · Nagrak, Darangdan")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert reload(data_dir, session.id).location.region_code == "32.14.06.2015"


async def test_a_village_not_in_the_list_is_typed_and_flagged(store: Store,
                                                              data_dir: Path) -> None:
    session = make_session(store, location=Location(village="Ds. Nagrak", subdistrict="Darangdan"))
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(app, pilot, session.id)
        assert "belum dicocokkan" in _status(form)
        # The typed names match one village: the picker opens in its kecamatan.
        picker = await _picker(app, pilot)
        assert isinstance(picker, PlacePicker) and picker.parent_code == "32.14.06"
        await pilot.press("escape")  # up to the kabupaten
        await pilot.pause()
        assert picker.parent_code == "32.14"
        await pilot.press(*"darang", "enter", "ctrl+o")  # the village is not listed
        await pilot.pause()
        assert app.screen is form
        assert app.focused is form.query_one("#village", Input)
        form.query_one("#village", Input).value = "Kampung Baru"
        await pilot.pause()
        assert "tidak ada di daftar Kemendagri" in _status(form)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = reload(data_dir, session.id).location
    assert (saved.village, saved.region_code) == ("Kampung Baru", "32.14.06")
