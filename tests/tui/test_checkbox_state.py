"""Checkboxes read without colour: on and off differ by their glyph, in both themes."""

from __future__ import annotations

import pytest
from tui_helpers import SIZE, app_for, make_session

from mpa_tui.tui.screens.export import ExportScreen
from mpa_tui.tui.widgets.checkbox import StateCheckbox


def _plain(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("high_contrast", [False, True])
async def test_names_checkbox_off_and_on_differ_without_colour(store, high_contrast) -> None:
    session = make_session(store)
    app = app_for(store, high_contrast=high_contrast)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.push_screen(ExportScreen(app.controller))
        await pilot.pause()
        names = app.screen.query_one("#export-names", StateCheckbox)
        assert names.value is False
        assert "▐ ▌ Sertakan nama" in _plain(app), _plain(app)
        names.focus()
        await pilot.press("space")
        await pilot.pause()
        assert names.value is True
        assert "▐X▌ Sertakan nama" in _plain(app)
