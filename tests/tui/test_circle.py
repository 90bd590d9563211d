"""Step 1 Duduk melingkar: roster, seats, ring and attendance, driven with keys; checked on
the session a NEW Store reads from disk."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session, reload

from mpa_tui.domain import Role, Session, Step, ops
from mpa_tui.domain.circle import attendance
from mpa_tui.domain.circle import next_participant_code as next_code
from mpa_tui.store import Store
from mpa_tui.tui.dialogs import TextPrompt
from mpa_tui.tui.screens.circle import CircleScreen
from mpa_tui.tui.widgets.circle_ring import CircleRing, Seat, ring_layout, ring_text

NAMES = ["Siti Aminah", "Ani", "Dewi Lestari", "Rina", "Sri Wahyuni", "Yuli", "Euis",
         "Neneng", "Tati", "Imas", "Cucu", "Entin", "Lilis", "Aisyah", HOSTILE]


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def roster_session(store: Store, names: list[str]) -> Session:
    session = make_session(store)
    for name in names:
        ops.add_participant(session, name)
    store.repo.save(session)
    return session


async def open_circle(pilot, app, session: Session) -> CircleScreen:  # type: ignore[no-untyped-def]
    assert app.open_session(session.id)
    app.open_step(Step.CIRCLE)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CircleScreen)
    assert app.focused is screen.query_one("#circle-name", Input)
    return screen


def circle_names(data_dir, session_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in reload(data_dir, session_id).circle()]


async def test_quick_entry_codes_present_and_role(store, data_dir) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_circle(pilot, app, session)
        await pilot.press(*"Siti", "enter", *"Ani", "enter", "ctrl+n", "ctrl+n")
        assert circle_names(data_dir, session.id) == ["Siti", "Ani", "P01", "P02"]
        # Keys act on the selected row (the one just added) while typing goes on.
        await pilot.press("ctrl+t", "ctrl+r")  # P02: absent, pengurus
        await pilot.press("up", "up", "ctrl+r", "ctrl+r")  # Ani: lainnya
        circle = reload(data_dir, session.id).circle()
        assert [(p.name, p.role, p.present) for p in circle] == [
            ("Siti", Role.MEMBER, True), ("Ani", Role.OTHER, True),
            ("P01", Role.MEMBER, True), ("P02", Role.OFFICER, False)]
        assert [p.seat for p in circle] == [0, 1, 2, 3]
        text = str(screen.query_one("#attendance", Static).render())
        assert text == "Hadir: anggota 2/2 · pengurus 0/1 · lainnya 1/1 · semua 3/4"
        ring = screen.query_one(CircleRing)
        assert [(s.number, s.name, s.present) for s in ring.seats] == [
            (1, "Siti", True), (2, "Ani", True), (3, "P01", True), (4, "P02", False)]
        assert [s.name for s in ring.seats if s.selected] == ["Ani"]
        assert app.focused is screen.query_one("#circle-name", Input)


async def test_empty_name_is_refused(store, data_dir) -> None:
    session = make_session(store)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_circle(pilot, app, session)
        await pilot.press("enter", "space", "enter")
        await pilot.pause()
        assert reload(data_dir, session.id).participants == []
        assert any("Tulis nama" in str(n.message) for n in app._notifications)


async def test_reorder_seats_with_alt_arrows(store, data_dir) -> None:
    session = roster_session(store, ["A", "B", "C"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_circle(pilot, app, session)
        await pilot.press("alt+down", "alt+down")  # A (selected first) to the last seat
        assert circle_names(data_dir, session.id) == ["B", "C", "A"]
        await pilot.press("alt+up")
        assert circle_names(data_dir, session.id) == ["B", "A", "C"]
        table = screen.query_one("#roster", DataTable)
        assert table.cursor_row == 1  # the selection followed her
        assert [s.name for s in screen.query_one(CircleRing).seats] == ["B", "A", "C"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert circle_names(data_dir, session.id) == ["B", "C", "A"]
        assert [s.name for s in screen.query_one(CircleRing).seats] == ["B", "C", "A"]


async def test_delete_to_trash_and_rename(store, data_dir) -> None:
    session = roster_session(store, ["A", "B", "C"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_circle(pilot, app, session)
        await pilot.press("down", "ctrl+b")
        await pilot.pause()
        saved = reload(data_dir, session.id)
        assert [p.name for p in saved.circle()] == ["A", "C"]
        assert [p.name for p in saved.participants if p.deleted_at] == ["B"]  # soft: kept
        assert "semua 2/2" in str(screen.query_one("#attendance", Static).render())
        await pilot.press("ctrl+g")  # the selection moved to C
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("end", "ctrl+u", "enter")  # an empty name: error, stays open
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert "kosong" in str(app.screen.query_one("#prompt-error", Static).render())
        await pilot.press(*"Cici", "enter")
        await pilot.pause()
        assert circle_names(data_dir, session.id) == ["A", "Cici"]


async def test_table_keys_space_and_enter(store, data_dir) -> None:
    session = roster_session(store, ["A", "B"])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_circle(pilot, app, session)
        await pilot.press("tab")
        assert app.focused is screen.query_one("#roster", DataTable)
        await pilot.press("down", "space")
        await pilot.pause()
        assert [p.present for p in reload(data_dir, session.id).circle()] == [True, False]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("escape", "f2")  # English: rebuilt, B still selected
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CircleScreen)
        assert [s.name for s in screen.query_one(CircleRing).seats if s.selected] == ["B"]
        assert "Present: member 1/2" in str(screen.query_one("#attendance", Static).render())


async def test_hostile_names_literal_and_ring_fits_80x24(store, data_dir) -> None:
    session = roster_session(store, NAMES[:-1])
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_circle(pilot, app, session)
        await pilot.press(*HOSTILE, "enter")
        await pilot.pause()
        assert app.is_running
        assert circle_names(data_dir, session.id) == NAMES
        ring = screen.query_one(CircleRing)
        placed = ring_layout(ring.seats, ring.size.width, ring.size.height)
        assert sorted(seat.number for *_, seat in placed) == list(range(1, 16))
        shown = screen_text(app)
        assert "[red]x[/] [b [@c" in shown  # the roster (cut to the column)
        assert "15 [red]x" in shown  # the ring


def test_ring_places_every_seat_without_overlap() -> None:
    for n, (w, h) in [(1, (36, 15)), (15, (36, 15)), (15, (60, 30)), (40, (36, 15)),
                      (8, (20, 8))]:
        seats = [Seat(i + 1, f"Peserta nomor {i + 1}", present=i % 3 != 0) for i in range(n)]
        placed = ring_layout(seats, w, h)
        assert sorted(s.number for *_, s in placed) == list(range(1, n + 1)), (n, w, h)
        spans: dict[int, list[tuple[int, int]]] = {}
        for row, col, label, seat in placed:
            assert 0 <= row < h and col >= 0 and col + len(label) <= w
            assert label.startswith(str(seat.number))
            for a, b in spans.get(row, []):
                assert col + len(label) <= a or b <= col, (n, label)
            spans.setdefault(row, []).append((col, col + len(label)))
    # Seat 1 sits at the top; an absent participant is shown in brackets.
    placed = ring_layout([Seat(1, "Ani"), Seat(2, "Rina", present=False)], 36, 15)
    assert placed[0][0] == 0 and placed[0][2] == "1 Ani"
    assert placed[1][2] == "2 (Rina)"
    text = ring_text([Seat(1, "[b]x")], 20, 3)
    assert "1 [b]x" in text.plain  # literal, not bold markup


def test_next_code_and_attendance() -> None:
    session = Session(group_name="G")
    assert next_code(session) == "P01"
    for name in ("P01", "Siti", "p07"):
        ops.add_participant(session, name)
    ops.soft_delete(session, "participants", session.participants[2].id)
    assert next_code(session) == "P08"  # a trashed code is not reused
    ops.add_participant(session, "Bu Ketua", role=Role.OFFICER, present=False)
    assert attendance(session) == {Role.MEMBER: (2, 2), Role.OFFICER: (0, 1),
                                   Role.OTHER: (0, 0)}
