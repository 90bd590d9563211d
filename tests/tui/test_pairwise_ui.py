"""Pairwise ranking walk (pushed over step 7): answers saved per key, back/skip, the matrix,
the ranking method, tie-only mode recorded as a tie-break; checked on the session reloaded
from disk."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import RankingMethod, Session, Step, ops
from mpa_tui.domain.order import final_order, order_matches_ranking, ranking_order
from mpa_tui.domain.pairwise import answers, pairwise_ranking
from mpa_tui.domain.pairwise_edits import record_choice, set_ranking_method
from mpa_tui.domain.rules import rank_categories
from mpa_tui.store import Store
from mpa_tui.tui.screens.pairwise import PairwiseScreen
from mpa_tui.tui.screens.ranking import RankingScreen
from mpa_tui.tui.widgets.pairwise_matrix import matrix_content


def ranked_session(store: Store, sizes: dict[str, int]) -> Session:
    """A saved session on step 7: one category per title with that many cards."""
    session = make_session(store, current_step=Step.RANK)
    for title, n in sizes.items():
        cat = ops.new_category(session, title)
        cards = [ops.add_card(session, f"{title} {i}") for i in range(n)]
        ops.move_cards(session, [c.id for c in cards], cat.id)
    store.repo.save(session)
    return session


def ids_by_title(session: Session) -> dict[str, str]:
    return {c.title: c.id for c in session.active_categories()}


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def live(session: Session) -> list:  # type: ignore[type-arg]
    return [c for c in session.pairwise if c.deleted_at is None]


async def open_walk(pilot, app, session: Session, **kw) -> PairwiseScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    await pilot.pause()
    screen = PairwiseScreen(app.controller, **kw)
    app.push_screen(screen)
    await pilot.pause()
    assert app.screen is screen
    return screen


async def test_full_walk_saves_each_answer_and_sets_the_method(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 4, "Pasar": 3, "Alat": 2, "Izin": 1})
    ids = ids_by_title(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, app, session)
        assert "Mana yang lebih mendesak?" in screen_text(app)
        assert "Pasangan 1 dari 6" in screen_text(app)
        # Always prefer the category the count ranks lower, so the pairwise order
        # reverses the count order: Izin > Alat > Pasar > Modal.
        rank = {cid: i for i, cid in enumerate(screen.ids())}
        for n in range(6):
            a, b = screen.current_pair()  # type: ignore[misc]
            await pilot.press("a" if rank[a] > rank[b] else "b")
            assert len(live(reload(data_dir, session.id))) == n + 1  # saved per answer
        assert screen.current_pair() is None
        assert "Semua pasangan sudah dijawab." in screen_text(app)
        assert "Enter: pakai urutan ini" in screen_text(app)
        disk = reload(data_dir, session.id)
        assert disk.settings.ranking_method is RankingMethod.COUNT  # not before Enter
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)  # the walk closed
        disk = reload(data_dir, session.id)
        assert disk.settings.ranking_method is RankingMethod.PAIRWISE
        assert final_order(disk) == [ids["Izin"], ids["Alat"], ids["Pasar"], ids["Modal"]]
        assert order_matches_ranking(disk)


async def test_matrix_shows_results_points_and_ranks(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 3, "Pasar": 2, "Alat": 1})
    ids = ids_by_title(session)
    record_choice(session, ids["Modal"], ids["Pasar"], ids["Modal"])
    record_choice(session, ids["Modal"], ids["Alat"], None)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, app, session)
        assert screen.current_pair() in {(ids["Pasar"], ids["Alat"]), (ids["Alat"], ids["Pasar"])}
        text = screen_text(app)
        lines = text.splitlines()
        head = next(line for line in lines if "Kategori" in line and "Poin" in line)
        assert head.split()[1:4] == ["1", "2", "3"]
        modal = next(line for line in lines if line.lstrip().startswith("1 Modal"))
        assert modal.split()[2:] == ["—", "1", "½", "1½", "1"]
        pasar = next(line for line in lines if line.lstrip().startswith("2 Pasar"))
        assert pasar.split()[2:] == ["0", "—", "·", "0", "3"]
        assert "1 pasangan belum dijawab." in text
        assert "Jawaban tersimpan" not in text
        await pilot.press("s")  # Pasar and Alat equally urgent: ½ each
        disk = reload(data_dir, session.id)
        assert answers(list(ids.values()), disk.pairwise)[
            tuple(sorted((ids["Pasar"], ids["Alat"])))] is None  # type: ignore[index]
        pasar = next(line for line in screen_text(app).splitlines()
                     if line.lstrip().startswith("2 Pasar"))
        assert pasar.split()[-2:] == ["½", "3"]


async def test_back_changes_an_answer_and_skip_leaves_it_open(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 3, "Pasar": 2, "Alat": 1})
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, app, session)
        first = screen.current_pair()
        assert first is not None
        await pilot.press("a")
        await pilot.press("left")  # back to the first pair: its saved answer shows
        assert screen.current_pair() == first
        assert "Jawaban tersimpan: A lebih mendesak" in screen_text(app)
        await pilot.press("b")  # changed, not added
        disk = reload(data_dir, session.id)
        assert [(c.winner_id) for c in live(disk)] == [first[1]]
        await pilot.press("right")  # skip pair 2
        await pilot.press("a")  # answer pair 3
        disk = reload(data_dir, session.id)
        assert len(live(disk)) == 2
        assert screen.current_pair() is not None  # back at the skipped pair
        assert "1 pasangan belum dijawab." in screen_text(app)
        await pilot.press("enter")  # not every pair answered: nothing happens
        assert reload(data_dir, session.id).settings.ranking_method is RankingMethod.COUNT
        await pilot.press("ctrl+z")  # undo the last answer, the screen follows
        await pilot.pause()
        assert len(live(reload(data_dir, session.id))) == 1
        assert "2 pasangan belum dijawab." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)


async def test_tie_only_records_a_tie_break_naming_the_method(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 3, "Pasar": 2, "Alat": 2, "Izin": 1})
    ids = ids_by_title(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, app, session, tie_only=True)
        assert sorted(screen.ids()) == sorted([ids["Pasar"], ids["Alat"]])
        assert "2 kategori seri" in screen_text(app)
        pair = screen.current_pair()
        assert pair is not None
        await pilot.press("b" if pair[1] == ids["Alat"] else "a")  # Alat is more urgent
        assert "Urutannya jelas: Alat > Pasar" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert disk.settings.ranking_method is RankingMethod.COUNT
        [tb] = disk.tie_breaks
        assert tb.category_ids == [ids["Alat"], ids["Pasar"]]
        assert "perbandingan berpasangan" in tb.reason and "Alat > Pasar" in tb.reason
        assert [r.category_id for r in rank_categories(disk)][1:3] == [ids["Alat"], ids["Pasar"]]


async def test_tie_only_cycle_stays_tied(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 2, "Pasar": 2, "Alat": 2})
    ids = ids_by_title(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_walk(pilot, app, session, tie_only=True)
        beats = {ids["Modal"]: ids["Pasar"], ids["Pasar"]: ids["Alat"], ids["Alat"]: ids["Modal"]}
        for _ in range(3):
            a, b = screen.current_pair()  # type: ignore[misc]
            await pilot.press("a" if beats[a] == b else "b")
        assert "Masih seri" in screen_text(app)
        ranks = [line.split()[-1] for line in screen_text(app).splitlines()
                 if line.lstrip()[:2] in ("1 ", "2 ", "3 ") and "1 " in line]
        assert ranks.count("1=") == 3  # a cycle: 1 point each, one shared rank
        await pilot.press("enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert disk.tie_breaks == [] and len(live(disk)) == 3
        assert app.screen is screen


async def test_hostile_titles_are_literal_and_fit(store, data_dir: Path) -> None:
    session = ranked_session(store, {HOSTILE: 3, "😀 [b]x " + "panjang " * 12: 2, "Alat": 1})
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, app, session)
        text = screen_text(app)
        assert "[red]x[/] [b [@click=app.quit]" in text
        assert "😀 [b]x" in text and "…" in text
        await pilot.press("a", "b")
        assert app.is_running
        assert len(live(reload(data_dir, session.id))) == 2


async def test_ranking_screen_keys_open_the_walks(store, data_dir: Path) -> None:
    session = ranked_session(store, {"Modal": 3, "Pasar": 2, "Alat": 2})
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        await pilot.pause()
        app.open_step(Step.RANK)
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PairwiseScreen) and not app.screen.tie_only
        assert len(app.screen.ids()) == 3
        await pilot.press("escape", "s")
        await pilot.pause()
        assert isinstance(app.screen, PairwiseScreen) and app.screen.tie_only
        assert len(app.screen.ids()) == 2


def test_ranking_order_follows_the_method(store) -> None:  # type: ignore[no-untyped-def]
    session = ranked_session(store, {f"K{n}": 9 - n for n in range(7)})
    ids = [c.id for c in session.active_categories()]
    top = ids[:5]
    for i, a in enumerate(top):  # the lower a category is counted, the more it wins
        for b in top[i + 1:]:
            record_choice(session, a, b, b)
    assert ranking_order(session) == ids  # still ranked by count
    set_ranking_method(session, RankingMethod.PAIRWISE)
    assert ranking_order(session) == [*reversed(top), *ids[5:]]
    assert final_order(session) == ranking_order(session) and order_matches_ranking(session)
    ops.confirm_order(session, ids)  # a confirmed order still wins
    assert final_order(session) == ids and not order_matches_ranking(session)


def test_matrix_fits_80_columns_with_many_long_titles() -> None:
    titles = [f"{HOSTILE} " + "judul panjang sekali " * 5 for _ in range(12)]
    ids = [str(i) for i in range(12)]
    cells = [[None if i == j else 1.0 for j in range(12)] for i in range(12)]
    rows = {i: r for i, r in enumerate(pairwise_ranking(ids, []))}
    content = matrix_content(titles, cells, rows, heads=("Kategori", "Poin", "No"))
    lines = content.plain.split("\n")
    assert len(lines) == 13 and all(len(line) <= 76 for line in lines)
    assert lines[1].startswith(" 1 [red]x[/] [b [@click=app.qu…  —  1") and "…" in lines[1]
    assert lines[0].split()[-14:] == [*map(str, range(1, 13)), "Poin", "No"]


async def test_undo_refused_by_the_store_is_said_not_raised(store, data_dir: Path) -> None:
    # The walk's own ctrl+z swallowed only a read-only session: a store that refuses the
    # write (damaged file, no lock) raised out of the key press.
    from mpa_tui.i18n import t

    session = ranked_session(store, {"Modal": 2, "Pasar": 1})
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_walk(pilot, app, session)
        await pilot.press("a")
        refusing = Store.open(data_dir, lock=False)
        try:
            app.controller.repo = refusing.repo
            await pilot.press("ctrl+z")
            await pilot.pause()
        finally:
            refusing.close()
        assert len(live(app.controller.session)) == 1
        assert t("store.error.not_locked") in [str(n.message) for n in app._notifications]
        assert app.is_running
    assert len(live(reload(data_dir, session.id))) == 1
