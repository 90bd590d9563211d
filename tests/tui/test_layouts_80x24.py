"""80x24 and 160x45 layouts: step 5 shows the category being titled from its top, step 6's
numbers stay next to the names on a wide terminal."""

from __future__ import annotations

from tui_helpers import app_for

from mpa_tui.data import load_example
from mpa_tui.domain import Step
from mpa_tui.tui.widgets.ranking_table import RowTable


def _plain(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_titling_a_category_shows_all_its_cards(store) -> None:
    session = load_example()
    session.current_step = Step.TITLE
    for cat in session.categories:
        cat.title = ""
    store.repo.create(session)
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        await pilot.press(*"Satu", "enter", *"Dua", "enter")
        await pilot.pause(0.3)
        third = session.categories[2]
        lines = _plain(app).splitlines()
        assert any("Kategori 3 · 5 kartu" in line for line in lines[2:5]), _plain(app)
        for card_id in third.card_ids:
            text = session.card(card_id).text  # type: ignore[union-attr]
            assert any(text[:40] in line for line in lines), text


async def test_count_numbers_stay_near_the_names_at_160_columns(store) -> None:
    session = load_example()
    session.current_step = Step.COUNT
    store.repo.create(session)
    app = app_for(store)
    async with app.run_test(size=(160, 45)) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        assert app.screen.query_one("#count-table", RowTable).size.width <= 110
        chart = app.screen.query_one("#count-chart")
        assert chart.size.width > 120   # the chart uses the width
