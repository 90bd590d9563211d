"""6 Hitung: votes per participant within budget and cap, raised-hands totals, and a
bar chart that redraws only the bar that changed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import SIZE, app_for, make_session, reload

from mpa_tui.domain import CountingMode, Session, Step, VoteEntry, ops
from mpa_tui.domain.rules import tally
from mpa_tui.i18n import t
from mpa_tui.store import Store
from mpa_tui.tui.screens.count import CountScreen
from mpa_tui.tui.widgets.bar_chart import BarChart, bar_text
from mpa_tui.tui.widgets.ranking_table import RowTable


def _session(store: Store, mode: CountingMode, entry: VoteEntry = VoteEntry.PER_PARTICIPANT,
             cards: tuple[int, ...] = (3, 1, 1)) -> Session:
    session = make_session(store)
    session.settings.counting_mode = mode
    session.settings.vote_entry = entry
    session.settings.vote_budget = 3
    session.settings.max_votes_per_category = 2
    for name in ("Siti", "Ani"):
        ops.add_participant(session, name)
    for i, n in enumerate(cards):
        cat = ops.new_category(session, f"Kategori {i}")
        for j in range(n):
            card = ops.add_card(session, f"kartu {i}.{j}")
            ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


async def _open(pilot, app, session: Session) -> CountScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.COUNT)
    await pilot.pause()
    assert isinstance(app.screen, CountScreen)
    return app.screen


async def test_votes_per_participant_budget_and_cap(store: Store, data_dir: Path) -> None:
    session = _session(store, CountingMode.BOTH)
    cats = [c.id for c in session.categories]
    siti, ani = (p.id for p in session.participants)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        msg = screen.query_one("#count-msg", Static)
        # Siti: 2 votes for category 0, a third is over the per-category cap.
        await pilot.press("plus", "plus", "plus")
        await pilot.pause()
        assert "Paling banyak 2 suara" in str(msg.render())
        # One more for category 1 (3 of 3 used), then one too many: over budget.
        await pilot.press("down", "plus", "down", "plus")
        await pilot.pause()
        assert str(msg.render()) == "Melebihi jatah suara (3); sisa 0."
        assert "sisa 0 suara" in str(screen.query_one("#count-voter", Static).render())
        # The per-participant column is headed by whose votes they are.
        assert "Siti" in screen.query_one(RowTable).query_one("TableRow.-header").render().plain
        # Next participant: Ani gives category 2 one vote, then takes it back and gives two.
        await pilot.press("right", "plus", "minus", "plus", "plus")
        await pilot.pause()
        assert "Ani" in screen.query_one(RowTable).query_one("TableRow.-header").render().plain
        saved = reload(data_dir, session.id)
        given = {(v.participant_id, v.category_id): v.count for v in saved.votes
                 if v.deleted_at is None}
        assert given == {(siti, cats[0]): 2, (siti, cats[1]): 1, (ani, cats[2]): 2}
        assert [t.score for t in tally(saved).values()] == [5, 2, 3]
        row = screen.query_one(RowTable).row(cats[2])
        assert row is not None and row.render().plain.split()[-4:] == ["1", "2", "2", "3"]
        # Undo replaces the session: the table and the chart are redrawn from it.
        await pilot.press("ctrl+z")
        await pilot.pause()
        row = screen.query_one(RowTable).row(cats[2])
        assert row is not None and row.render().plain.split()[-4:] == ["1", "1", "1", "2"]
        assert screen.query_one(BarChart).bars[cats[2]].value == 2


async def test_chart_updates_only_the_changed_bar(store: Store, data_dir: Path) -> None:
    session = _session(store, CountingMode.BOTH, VoteEntry.TOTALS, cards=(4, 1, 1))
    cats = [c.id for c in session.categories]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        chart = screen.query_one(BarChart)
        redrawn: list[str] = []
        for key, bar in chart.bars.items():
            original = bar.refresh

            def spy(*a, _key=key, _orig=original, **kw):  # type: ignore[no-untyped-def]
                redrawn.append(_key)
                return _orig(*a, **kw)

            bar.refresh = spy  # type: ignore[method-assign]
        await pilot.press("down", "plus", "plus")  # category 1: 1 card + 2 hands = 3 < 4
        await pilot.pause()
        assert set(redrawn) == {cats[1]}
        assert chart.bars[cats[1]].value == 3
        redrawn.clear()
        # Typing a total above the largest score changes the scale: every bar is redrawn.
        await pilot.press("t")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        prompt.value = ""
        await pilot.press("9", "enter")
        await pilot.pause()
        assert set(redrawn) == set(cats)
        assert [c.hand_votes for c in reload(data_dir, session.id).categories] == [
            None, 9, None]


async def test_cards_mode_has_no_vote_keys(store: Store, data_dir: Path) -> None:
    session = _session(store, CountingMode.CARDS)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        await pilot.press("plus", "right")
        await pilot.pause()
        assert reload(data_dir, session.id).votes == []
        assert not screen.query_one("#count-voter").display
        headers = screen.query_one(RowTable).columns
        assert [c.header for c in headers] == ["Kategori", "Kartu"]


def test_bar_text_scales() -> None:
    assert bar_text(4, 4, 10) == "█" * 10
    assert bar_text(1, 4, 10) == "██▌"
    assert bar_text(0, 4, 10) == ""


async def test_typed_total_that_only_looks_like_a_number_is_refused(
        store: Store, data_dir: Path) -> None:
    # "²".isdigit() is True but int("²") raises: the prompt must say so, not crash.
    session = _session(store, CountingMode.BOTH, VoteEntry.TOTALS, cards=(4, 1, 1))
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, session)
        await pilot.press("t")
        await pilot.pause()
        prompt = app.screen.query_one(Input)
        prompt.value = "²"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen.query(Input)  # still asking
        assert t("error.not_a_number") in " ".join(
            str(w.render()) for w in app.screen.query(Static))
    assert [c.hand_votes for c in reload(data_dir, session.id).categories] == [None] * 3
