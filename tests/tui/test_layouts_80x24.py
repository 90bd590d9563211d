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


async def test_a_burst_of_notices_never_covers_the_step_bar(store) -> None:
    session = load_example()
    session.current_step = Step.GROUP
    store.repo.create(session)
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        bar = _plain(app).splitlines()[0]
        for _ in range(12):
            await pilot.press("f5")   # each toggle notifies
        await pilot.pause(0.3)
        assert len(list(app._notifications)) <= 2
        assert _plain(app).splitlines()[0] == bar


def test_form_labels_never_wrap_mid_word() -> None:
    """A form label is 21 cells wide (22 minus its padding): no word may be longer, or
    it breaks as ``Disepakati/direncanak`` / ``an``."""
    import re
    from pathlib import Path

    from mpa_tui.i18n import catalogs

    src = Path(__file__).resolve().parents[2] / "src" / "mpa_tui" / "tui"
    keys = set()
    for path in src.rglob("*.py"):
        keys |= set(re.findall(r'FormField\(\s*"[^"]+",\s*"([^"]+)"', path.read_text()))
    assert len(keys) > 20
    for lang, texts in catalogs().items():
        for key in keys:
            words = (texts[key] + " *").split()
            assert max(len(w) for w in words) <= 21, (lang, key, texts[key])


async def test_count_chart_keeps_its_width_after_an_export_screen(store) -> None:
    """Textual's progress bar (export screen) brings CSS for a widget named ``Bar``; the
    chart's bars must not take its 32-cell width (seen: bars 3 cells wide)."""
    from mpa_tui.tui.screens.export import ExportScreen

    session = load_example()
    session.current_step = Step.COUNT
    store.repo.create(session)
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        app.push_screen(ExportScreen(app.controller))
        await pilot.pause()
        app.pop_screen()
        app.open_step(Step.RANK)
        await pilot.pause()
        app.open_step(Step.COUNT)
        await pilot.pause()
        chart = app.screen.query_one("#count-chart")
        lines = str(chart.render()).split("\n")
        assert chart.size.width > 60 and len(lines) == len(chart.bars) > 0
        assert all(len(line) > 60 for line in lines)
