"""Step 4 (Kelompokkan): cards into categories by digits, picker, new category, multi-select,
put back, rename, mouse; checked on the session reloaded from disk."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.dialogs.category import CategoryPicker
from mpa_tui.tui.screens.grouping import GroupingScreen
from mpa_tui.tui.widgets.grouping_lists import SyncedList


def grouping_session(store: Store, texts: list[str], titles: list[str]) -> Session:
    """A saved session on step 4 with these cards and categories."""
    session = make_session(store, current_step=Step.GROUP)
    for text in texts:
        ops.add_card(session, text)
    for title in titles:
        ops.new_category(session, title)
    store.repo.save(session)
    return session


async def open_grouping(pilot, app, session: Session) -> GroupingScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GroupingScreen)
    return screen


def members(session: Session) -> list[list[str]]:
    """Card texts of each active category, in order."""
    out = []
    for cat in session.active_categories():
        cards = [session.card(cid) for cid in cat.card_ids]
        out.append([c.text for c in cards if c is not None])
    return out


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_digits_move_cards_into_categories(store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c", "d"], ["Modal", "Pasar"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        await pilot.press("2")  # "a" -> Pasar; "b" is highlighted next
        await pilot.press("1", "2")
        disk = reload(data_dir, session.id)
        assert members(disk) == [["b"], ["a", "c"]]
        assert [c.text for c in disk.cards if c.category_id is None] == ["d"]
        assert "1 Modal (1)" in screen_text(app) and "2 Pasar (2)" in screen_text(app)
        assert "Belum dikelompokkan (1)" in screen_text(app)
        await pilot.press("3")  # no category 3: nothing moves
        assert [c.text for c in reload(data_dir, session.id).cards
                if c.category_id is None] == ["d"]
        await pilot.press("ctrl+z")  # undo the last move ("c" -> Pasar)
        await pilot.pause()
        assert members(reload(data_dir, session.id)) == [["b"], ["a"]]
        assert "Belum dikelompokkan (2)" in screen_text(app)


async def test_select_several_and_pick_a_category(store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c", "d"], ["Modal", "Pasar", "Alat"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        await pilot.press("space", "down", "down", "space")
        assert len(screen.marked) == 2
        await pilot.press("k")
        assert isinstance(app.screen, CategoryPicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert members(reload(data_dir, session.id)) == [[], [], ["a", "c"]]
        assert screen.marked == []


async def test_new_category_with_and_without_title(store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c"], ["Modal"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        await pilot.press("b")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"modal", "enter")  # same title as "Modal": refused in the dialog
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"Pemasaran", "enter")
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert [c.title for c in disk.active_categories()] == ["Modal", "Pemasaran"]
        assert members(disk) == [[], ["a"]]
        await pilot.press("b", "enter")  # no title yet: allowed until step 5
        await pilot.pause()
        disk = reload(data_dir, session.id)
        assert [c.title for c in disk.active_categories()] == ["Modal", "Pemasaran", ""]
        assert members(disk) == [[], ["a"], ["b"]]
        assert "(tanpa judul)" in screen_text(app)
        # Rename the highlighted (new) category; an empty title is refused.
        await pilot.press("r")
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Alat", "enter")
        await pilot.pause()
        assert reload(data_dir, session.id).active_categories()[2].title == "Alat"


async def test_put_back_and_move_between_categories(store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c"], ["Modal", "Pasar"])
    ops.move_cards(session, [session.cards[0].id, session.cards[1].id],
                   session.categories[0].id)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        assert "Isi «Modal» (2)" in screen_text(app)
        await pilot.press("tab", "tab")  # categories, then the cards of "Modal"
        assert screen.focused is screen.query_one("#members", SyncedList)
        await pilot.press("down", "0")  # "b" back to unsorted
        disk = reload(data_dir, session.id)
        assert members(disk) == [["a"], []]
        assert [c.text for c in disk.cards if c.category_id is None] == ["b", "c"]
        await pilot.press("2")  # "a" from Modal to Pasar
        assert members(reload(data_dir, session.id)) == [[], ["a"]]


async def test_mouse_choose_cards_then_click_category(store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c"], ["Modal", "Pasar"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        await pilot.click("#unsorted", offset=(3, 0))  # "a"
        await pilot.click("#unsorted", offset=(3, 2))  # "c"
        assert len(screen.marked) == 2
        await pilot.click("#categories", offset=(3, 1))  # "Pasar"
        await pilot.pause()
        assert members(reload(data_dir, session.id)) == [[], ["a", "c"]]


async def test_hostile_text_in_lists(store, data_dir: Path) -> None:
    long_text = "panjang " * 124 + "akhir"
    session = grouping_session(store, [HOSTILE, long_text, "😀 [b]x"], [HOSTILE])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        text = screen_text(app)
        assert "[red]x[/]" in text and "[@click=app.quit]" in text
        assert "😀 [b]x" in text
        assert "…" in text
        await pilot.press("1")
        assert app.is_running
        assert members(reload(data_dir, session.id)) == [[HOSTILE]]


async def test_moving_one_card_of_300_touches_one_row(store, data_dir: Path) -> None:
    session = grouping_session(store, [f"kartu {i}" for i in range(300)], ["Modal"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        unsorted = screen.query_one("#unsorted", SyncedList)
        assert unsorted.option_count == 300
        await pilot.press("1", "1")
        assert unsorted.option_count == 298
        assert unsorted.rebuilds == 0  # rows were removed, not the list rebuilt
        assert members(reload(data_dir, session.id)) == [["kartu 0", "kartu 1"]]


async def test_cursor_after_a_move_is_the_next_unsorted_card_and_never_wraps(
        store, data_dir: Path) -> None:
    session = grouping_session(store, ["a", "b", "c", "d", "e"], ["Modal"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grouping(pilot, app, session)
        unsorted = screen.query_one("#unsorted", SyncedList)
        await pilot.press("up")   # at the top: stays on "a" (no wrap to "e")
        assert unsorted.highlighted_id() == session.cards[0].id
        await pilot.press("space", "down", "down", "space")   # choose a and c; cursor on c
        await pilot.press("1")    # both move: the cursor goes to d, the card after c
        await pilot.pause()
        assert unsorted.highlighted_id() == session.cards[3].id
        await pilot.press("down", "down")   # e, then stays at the bottom
        assert unsorted.highlighted_id() == session.cards[4].id
        await pilot.press("1")    # the last card moves: the one before it is next
        await pilot.pause()
        assert unsorted.highlighted_id() == session.cards[3].id
        assert members(reload(data_dir, session.id)) == [["a", "c", "e"]]


async def test_categories_past_the_ninth_by_number_in_the_picker(store, data_dir: Path) -> None:
    titles = [f"Kategori {n}" for n in range(1, 13)]
    session = grouping_session(store, ["a"], titles)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_grouping(pilot, app, session)
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, CategoryPicker)
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert members(reload(data_dir, session.id))[10] == ["a"]
        assert "11 Kategori 11 (1)" in screen_text(app)
