"""At the schema's maxima (300 categories, 3,000 cards) the heavy screens mount a bounded
number of widgets, so they open fast (issue 16; the wall time is in bench/bench_limits.py),
and the titles list still reaches every category from the keyboard."""

from __future__ import annotations

from pathlib import Path

from rel_screens import SIZE, maxima_session
from textual.widgets import Input

from mpa_tui.domain import Step
from mpa_tui.store import Store
from mpa_tui.tui.app import make_app
from mpa_tui.tui.screens.titles import WINDOW, CategoryBox

# Widgets a screen may mount at the maxima; a widget per card or several per category
# (as before: 1,508 on the titles screen) fails.
BOUND = {"titles": 300, "count": 400, "summary": 200}


def _widgets(app) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for _ in app.screen.walk_children())


def _heading(field: Input) -> str:
    box = next(a for a in field.ancestors if isinstance(a, CategoryBox))
    return str(box.query_one(".title-heading").render())


async def test_heavy_screens_mount_a_bounded_number_of_widgets(data_dir: Path) -> None:
    session = maxima_session()
    session.categories[250].title = ""  # one problem far off the first window
    with Store.open(data_dir) as store:
        store.repo.create(session)
        app = make_app(store=store)
        async with app.run_test(size=SIZE) as pilot:
            assert app.open_session(session.id)
            await pilot.pause()
            for name, opener in [("titles", lambda: app.open_step(Step.TITLE)),
                                 ("count", lambda: app.open_step(Step.COUNT)),
                                 ("summary", app.open_summary)]:
                opener()
                await pilot.pause()
                assert _widgets(app) <= BOUND[name], (name, _widgets(app))
            app.open_step(Step.TITLE)
            await pilot.pause()
            screen = app.screen
            # The empty title is off the window: it is mounted and focused anyway.
            assert isinstance(app.focused, Input)
            assert _heading(app.focused).startswith("Kategori 251 ")
            assert len(screen.query(CategoryBox)) <= WINDOW
            # Walking down past the window's last category reaches the next one.
            last = list(screen.query(CategoryBox))[-1]
            last.query_one(Input).focus()
            await pilot.pause()
            n = int(_heading(last.query_one(Input)).split()[1])
            await pilot.press("down")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.focused, Input)
            assert _heading(app.focused).startswith(f"Kategori {n + 1} ")
            assert _widgets(app) <= BOUND["titles"]
            # A title typed there is saved like any other.
            await pilot.press("ctrl+u", *"Judul baru", "enter")
            await pilot.pause()
            assert app.controller.session.categories[n].title == "Judul baru"
