"""5 Beri judul: titles typed by keyboard are saved, required and unique (normalised),
refusals shown beside the category, and the step cannot be completed with a bad title."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Session, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.screens.titles import CategoryBox, TitlesScreen


def _grouped(store: Store, titles: list[str], cards: int = 2) -> Session:
    session = make_session(store)
    for i, title in enumerate(titles):
        cat = ops.new_category(session, title)
        for j in range(cards):
            card = ops.add_card(session, f"kartu {i}.{j}")
            ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    return session


def _problems(screen: TitlesScreen) -> list[str]:
    return [str(box.query_one(".title-problem", Static).render()) for box in
            screen.query(CategoryBox)]


async def _open(pilot, app, session: Session) -> TitlesScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.TITLE)
    await pilot.pause()
    assert isinstance(app.screen, TitlesScreen)
    return app.screen


async def test_titles_typed_saved_and_duplicates_refused(store: Store, data_dir: Path) -> None:
    session = _grouped(store, ["", "", ""])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        # The first untitled category has focus: type, Enter, next category.
        await pilot.press(*"Modal usaha", "enter")
        await pilot.press(*"Pemasaran", "enter")
        # Same title as the first apart from case/space/punctuation: refused.
        await pilot.press(*"  modal   USAHA!", "enter")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert [c.title for c in saved.categories] == ["Modal usaha", "Pemasaran", ""]
        problems = _problems(screen)
        assert problems[:2] == ["", ""]
        assert "sudah dipakai" in problems[2]
        # The typed text stays in the field so it can be corrected.
        field = screen.query(".title-input").results(Input)
        assert [f.value for f in field][2] == "  modal   USAHA!"
        assert app.focused is list(screen.query(".title-input").results(Input))[2]
        await pilot.press("ctrl+u", *"Alat produksi", "enter")
        await pilot.pause()
        assert [c.title for c in reload(data_dir, session.id).categories] == [
            "Modal usaha", "Pemasaran", "Alat produksi"]
        assert _problems(screen) == ["", "", ""]


async def test_cannot_complete_with_missing_title(store: Store, data_dir: Path) -> None:
    session = _grouped(store, ["Modal", ""])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        assert "Judul wajib diisi" in _problems(screen)[1]
        await pilot.press("f5")
        await pilot.pause()
        assert Step.TITLE not in reload(data_dir, session.id).completed_steps
        assert any("belum bisa ditandai selesai" in str(n.message) for n in app._notifications)
        # Focus went to the category that needs a title; fix it, then F5 works.
        await pilot.press(*"Pasar", "enter", "f5")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert [c.title for c in saved.categories] == ["Modal", "Pasar"]
        assert Step.TITLE in saved.completed_steps


async def test_leaving_a_field_or_the_screen_saves_it(store: Store, data_dir: Path) -> None:
    session = _grouped(store, ["Modal", "Pasar"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        await pilot.press("ctrl+u", *"Modal bersama", "down")  # leave without Enter
        await pilot.pause()
        assert reload(data_dir, session.id).categories[0].title == "Modal bersama"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert reload(data_dir, session.id).categories[0].title == "Modal"
        first = next(iter(screen.query(".title-input").results(Input)))
        assert first.value == "Modal"
        # F4 with a duplicate typed: refused, the screen stays with the reason shown.
        first.focus()
        await pilot.press("ctrl+u", *"pasar", "f4")
        await pilot.pause()
        assert app.screen is screen and "sudah dipakai" in _problems(screen)[0]
        # F4 with a good title typed (no Enter): saved, then the next step opens.
        await pilot.press("ctrl+u", *"Modal", "f4")
        await pilot.pause()
        assert app.screen is not screen
        assert reload(data_dir, session.id).categories[0].title == "Modal"


async def test_hostile_text_is_literal(store: Store, data_dir: Path) -> None:
    session = make_session(store)
    cat = ops.new_category(session, HOSTILE)
    # ANSI escapes cannot get into a card (the domain refuses control characters); what
    # remains of one, "[31m", must show as text.
    card = ops.add_card(session, HOSTILE + " [31m 🌾 " + "x" * 900)
    ops.move_cards(session, [card.id], cat.id)
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        box = screen.query_one(CategoryBox)
        assert box.query_one(Input).value == HOSTILE
        cards = str(box.query_one(".title-cards", Static).render())
        assert HOSTILE in cards and "[31m 🌾" in cards and cards.endswith("x" * 900)
        await pilot.click(".title-cards")
        await pilot.pause()
        assert app.is_running


async def test_redraw_then_leaving_the_step_at_once_is_no_error(store: Store) -> None:
    # Undo redraws the boxes and fills their problem lines after the next refresh. An edit
    # before that refresh (here: F4 saves the current step) queried the new, not yet
    # composed boxes, and the delayed fill ran on the removed screen (both NoMatches).
    session = _grouped(store, ["", "Modal"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        screen._redraw()
        app.open_step(Step.COUNT)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, TitlesScreen)


async def test_f5_refused_while_a_typed_duplicate_is_in_a_field(store: Store,
                                                                data_dir: Path) -> None:
    session = _grouped(store, ["Modal", "Pasar"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, session)
        fields = list(screen.query(".title-input").results(Input))
        fields[1].focus()
        fields[1].value = "modal"   # typed, not saved: a duplicate of the first
        await pilot.press("f5")
        await pilot.pause()
        assert Step.TITLE not in reload(data_dir, session.id).completed_steps
        assert not any("ditandai selesai" in str(n.message) for n in app._notifications)
