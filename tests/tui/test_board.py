"""Step 3 (Tempel di plano): the board, driven by keys, checked on the session reloaded
from disk. Also: hostile text shown literally, and one changed card redraws one note."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import CardColour, Session, Settings, Step, ops
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import ConfirmDialog, TextPrompt
from mpa_tui.tui.dialogs.split import SplitDialog, card_text_error
from mpa_tui.tui.screens.board import BoardScreen
from mpa_tui.tui.widgets.board_grid import BoardGrid
from mpa_tui.tui.widgets.card_note import NOTE_HEIGHT, PAPER, note_lines


def board_session(store: Store, texts: list[str], authorship: bool = False,
                  people: int = 0) -> Session:
    """A saved session on step 3 with these cards (authors round the circle)."""
    session = make_session(store, settings=Settings(record_authorship=authorship),
                           current_step=Step.STICK)
    persons = [ops.add_participant(session, f"Ibu {chr(65 + i)}") for i in range(people)]
    colours = list(CardColour)
    for i, text in enumerate(texts):
        author = persons[i % len(persons)].id if persons else None
        ops.add_card(session, text, colour=colours[i % len(colours)], author_id=author)
    store.repo.save(session)
    return session


async def open_board(pilot, app, session: Session) -> tuple[BoardScreen, BoardGrid]:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen, screen.query_one(BoardGrid)


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows now, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_stick_following_the_circle(store, data_dir: Path) -> None:
    texts = [f"kartu {i}" for i in range(6)]  # authors A B C A B C
    session = board_session(store, texts, authorship=True, people=3)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, grid = await open_board(pilot, app, session)
        assert "Giliran: Ibu A (1/3)" in screen_text(app)
        assert grid.cursor_card() == session.cards[0].id  # her first loose card
        await pilot.press("t")
        disk = reload(data_dir, session.id)
        assert [c.posted for c in disk.cards] == [True] + [False] * 5
        await pilot.press("a")  # the rest of Ibu A's cards, then Ibu B's turn
        disk = reload(data_dir, session.id)
        assert [c.posted for c in disk.cards] == [True, False, False, True, False, False]
        assert "Giliran: Ibu B (2/3)" in screen_text(app)
        assert grid.cursor_card() == session.cards[1].id
        await pilot.press("n")  # skip Ibu B
        assert "Giliran: Ibu C (3/3)" in screen_text(app)
        await pilot.press("a")
        disk = reload(data_dir, session.id)
        assert [c.posted for c in disk.cards] == [True, False, True, True, False, True]
        assert "Giliran: Ibu A (1/3)" in screen_text(app)  # round the circle again
        await pilot.press("p", "p")  # back to Ibu B, whose cards are still loose
        assert "Giliran: Ibu B (2/3), 2 kartu" in screen_text(app)
        await pilot.press("a")
        assert all(c.posted for c in reload(data_dir, session.id).cards)
        assert "Tertempel 6/6" in screen_text(app)


async def test_stick_all_without_authorship_and_unstick(store, data_dir: Path) -> None:
    session = board_session(store, ["satu", "dua", "tiga"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        _screen, grid = await open_board(pilot, app, session)
        await pilot.press("right", "t")
        assert [c.posted for c in reload(data_dir, session.id).cards] == [False, True, False]
        await pilot.press("enter")  # again: take it off the plano
        assert not any(c.posted for c in reload(data_dir, session.id).cards)
        await pilot.press("a")
        assert all(c.posted for c in reload(data_dir, session.id).cards)
        assert "Tertempel 3/3" in screen_text(app)
        assert grid.cursor == 1


async def test_grid_fits_80_columns_reflows_and_navigates(store) -> None:
    session = board_session(store, [f"kartu {i}" for i in range(20)])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        _screen, grid = await open_board(pilot, app, session)
        assert grid.columns == 4
        text = screen_text(app)
        assert all(len(line) <= 80 for line in text.splitlines())
        assert "kartu 0" in text and "kartu 3" in text
        await pilot.press("down", "right")
        assert grid.cursor == 5
        await pilot.press("end")
        assert grid.cursor == 19
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert grid.columns == 6
        await pilot.press("home", "down")
        assert grid.cursor == 6
        # A click on the second note of the first row moves the cursor there.
        await pilot.click(BoardGrid, offset=(1 + 19 + 3, 1))
        assert grid.cursor == 1


async def test_hostile_text_is_literal(store, data_dir: Path) -> None:
    long_text = "panjang " * 124 + "akhir"  # 997 characters
    texts = [HOSTILE, "😀 modal 👩‍👩‍👧 [b]tebal[/b]", long_text]
    session = board_session(store, texts)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        _screen, grid = await open_board(pilot, app, session)
        text = screen_text(app)
        assert "[red]x[/]" in text and "[b" in text
        assert "[b]tebal" in text
        assert "😀 modal" in text
        assert "…" in text  # the long card is cut inside its note
        await pilot.press("right", "right", "t")  # no action from the card's "markup"
        assert app.is_running
        assert reload(data_dir, session.id).cards[2].posted
        # An ANSI escape cannot become card text: the edit dialog refuses it.
        assert card_text_error("\x1b[31mmerah") is not None
        assert card_text_error(HOSTILE) is None
    # The long card fills the note's lines and ends with an ellipsis.
    lines = note_lines(long_text)
    assert len(lines) == NOTE_HEIGHT - 1 and lines[-1].plain.endswith("…")


async def test_edit_split_merge_delete_restore(store, data_dir: Path) -> None:
    session = board_session(store, ["modal dan pasar", "pemasaran", "pemasaran sulit", "x"])
    ids = [c.id for c in session.cards]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        _screen, grid = await open_board(pilot, app, session)
        # Edit the 4th card.
        await pilot.press("end", "e")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+u", *"alat produksi", "enter")
        assert reload(data_dir, session.id).card(ids[3]).text == "alat produksi"
        # Split the 1st card in two.
        await pilot.press("home", "s")
        assert isinstance(app.screen, SplitDialog)
        await pilot.press("ctrl+u", *"modal", "enter", *"pasar", "enter")
        disk = reload(data_dir, session.id)
        assert [c.text for c in disk.active_cards()][:2] == ["modal", "pasar"]
        assert len(grid.order) == 5 and grid.order[0] == ids[0]
        # Merge cards 3 and 4 (pemasaran, pemasaran sulit): the first chosen is kept.
        await pilot.press("right", "right", "space", "right", "space", "g")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        disk = reload(data_dir, session.id)
        assert disk.card(ids[1]).deleted_at is None
        assert disk.card(ids[2]).deleted_at is not None
        assert ids[2] not in grid.order
        # Delete "alat produksi" (to the trash), then restore it from the trash (F7).
        grid.move_to(ids[3])
        await pilot.press("d")
        await pilot.press("y")
        disk = reload(data_dir, session.id)
        assert disk.card(ids[3]).deleted_at is not None
        assert ids[3] not in grid.order
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("r")  # the newest trash item first: "alat produksi"
        await pilot.pause()
        assert reload(data_dir, session.id).card(ids[3]).deleted_at is None
        await pilot.press("escape")
        await pilot.pause()
        assert ids[3] in grid.order  # the board followed an edit made elsewhere
        # Undo brings the merged card back as well (ctrl+z twice: restore, delete).
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        await pilot.pause()
        assert reload(data_dir, session.id).card(ids[2]).deleted_at is None
        assert ids[2] in grid.order


async def test_refused_split_keeps_the_card(store, data_dir: Path) -> None:
    session = board_session(store, ["modal"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot, app, session)
        await pilot.press("s", "enter", "enter")  # the second text is empty
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        assert dialog.query_one("#split-second", Input).has_focus
        await pilot.press("escape")
        assert [c.text for c in reload(data_dir, session.id).cards] == ["modal"]


async def test_one_change_redraws_one_note_of_300(store, data_dir: Path) -> None:
    session = board_session(store, [f"kartu nomor {i}" for i in range(300)])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen, grid = await open_board(pilot, app, session)
        assert len(grid.order) == 300
        opened = grid.renders
        assert opened < 40  # virtual: only the visible notes were drawn
        await pilot.press("down", "t")
        await pilot.pause()
        # The stuck card, and the two notes the cursor left/entered; nothing else.
        assert grid.renders - opened <= 3
        assert reload(data_dir, session.id).cards[4].posted
        before = grid.renders
        assert screen.refresh_board() == 0  # reconciling again changes nothing
        await pilot.press("end")
        await pilot.pause()
        scrolled = grid.renders
        assert scrolled - before < 40  # scrolling draws the newly visible notes only
        grid.move_to(session.cards[0].id)
        await pilot.pause()
        await pilot.press("e", "ctrl+u", *"baru", "enter")
        await pilot.pause()
        assert reload(data_dir, session.id).cards[0].text == "baru"
        assert screen.refresh_board() == 0


async def test_stuck_and_loose_notes_look_different_in_both_themes(store) -> None:
    session = board_session(store, ["satu", "dua"])
    ops.set_posted(session, [session.cards[0].id])
    store.repo.save(session)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        _screen, grid = await open_board(pilot, app, session)
        await pilot.press("right")  # the cursor off the stuck note
        loose_backgrounds = set()
        for _theme in ("default", "high contrast"):
            stuck, loose = grid.render_line(0).crop(1, 19), grid.render_line(0).crop(20, 38)
            stuck_style = next(iter(stuck)).style
            loose_style = list(loose)[1].style
            assert stuck_style.bgcolor.name == PAPER[CardColour.YELLOW]
            assert stuck_style.color.name == "#000000"
            assert loose_style.bgcolor != stuck_style.bgcolor
            assert loose_style.reverse  # the cursor is on the loose note
            assert "✓" in stuck.text and "○" in loose.text
            loose_backgrounds.add(loose_style.bgcolor)
            await pilot.press("f8")
            await pilot.pause()
        assert len(loose_backgrounds) == 2  # the notes were redrawn in the new theme
