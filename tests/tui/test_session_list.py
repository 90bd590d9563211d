"""The home screen's session list: columns that fit, a cursor that stays visible, Enter."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import App, ComposeResult

from mpa_tui.tui.widgets.session_list import SessionList, SessionRow, column_widths, fit


def rows(n: int) -> list[SessionRow]:
    return [SessionRow(id=f"s{i}", group=f"Kelompok {i}", village="Nagrak", date="2026-01-01",
                       step="4 Kelompok", cards=str(i)) for i in range(n)]


class ListApp(App[None]):
    def __init__(self, items: list[SessionRow]) -> None:
        super().__init__()
        self.items = items
        self.selected: list[str] = []
        self.highlighted: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield SessionList(["Kelompok", "Desa", "Tanggal", "Langkah", "Kartu"], id="sessions")

    def on_mount(self) -> None:
        listing = self.query_one(SessionList)
        listing.set_rows(self.items)
        listing.focus()

    def on_session_list_selected(self, event: SessionList.Selected) -> None:
        self.selected.append(event.session_id)

    def on_session_list_highlighted(self, event: SessionList.Highlighted) -> None:
        self.highlighted.append(event.session_id)


def line_text(listing: SessionList, y: int) -> str:
    return "".join(seg.text for seg in listing.render_line(y))


def test_fit_cuts_pads_and_never_passes_control_characters() -> None:
    assert fit("Mentari", 10) == "Mentari   "
    assert fit("Kelompok Perempuan Mentari", 10) == "Kelompok …"
    assert fit("12", 5, right=True) == "   12"
    wide = fit("Kelompok 🌸🌸🌸🌸", 12)
    assert cell_len(wide) == 12 and wide.endswith("…")
    assert fit("a\x1b[31mb\n", 10).startswith("a\ufffd[31mb\ufffd")
    assert fit("x", 0) == ""


def test_columns_fill_the_width_at_80_and_shrink_at_40() -> None:
    assert sum(column_widths(79)) + 6 == 79
    narrow = column_widths(40)
    assert all(w >= 0 for w in narrow) and narrow[0] > 0


async def test_cursor_moves_scrolls_and_enter_opens() -> None:
    app = ListApp(rows(100))
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(SessionList)
        shown = listing.size.height - 1  # the header takes one line
        assert line_text(listing, 0).split()[:2] == ["Kelompok", "Desa"]
        assert "Kelompok 0 " in line_text(listing, 1)
        await pilot.press("end")
        assert listing.cursor == 99
        # the last row is on the last line, not hidden below the screen
        assert "Kelompok 99 " in line_text(listing, shown)
        await pilot.press("pageup")
        assert listing.cursor == 99 - shown
        assert f"Kelompok {listing.cursor} " in line_text(listing, 1)
        await pilot.press("home", "down", "down", "enter")
        await pilot.pause()
        assert app.selected == ["s2"]
        assert app.highlighted[-2:] == ["s1", "s2"]


async def test_click_opens_the_row_and_the_header_does_nothing() -> None:
    app = ListApp(rows(5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(SessionList, offset=(5, 0))
        await pilot.click(SessionList, offset=(5, 3))
        await pilot.pause()
        assert app.selected == ["s2"]


async def test_a_thousand_rows_draw_only_what_is_visible() -> None:
    app = ListApp(rows(1000))
    calls: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(SessionList)
        real: Any = listing._line

        def counting(texts: Any, style: Any) -> Any:
            calls.append(1)
            return real(texts, style)

        listing._line = counting  # type: ignore[method-assign]
        listing.refresh()
        await pilot.pause()
        assert 0 < len(calls) <= listing.size.height * 2


async def test_set_rows_keeps_the_cursor_on_the_same_session() -> None:
    app = ListApp(rows(10))
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(SessionList)
        await pilot.press("down", "down", "down")
        assert listing.selected_id() == "s3"
        listing.set_rows(list(reversed(rows(10))), keep=listing.selected_id())
        assert listing.selected_id() == "s3" and listing.cursor == 6
        listing.set_rows([], keep="s3")
        assert listing.selected_id() is None and listing.row_count == 0
        await pilot.press("enter", "down")  # nothing to open or move on an empty list
        assert app.selected == []


async def test_rows_are_formatted_only_when_drawn() -> None:
    calls: list[str] = []

    class Raw:
        def __init__(self, i: int) -> None:
            self.id = f"s{i}"
            self.i = i

    def formatter(raw: Raw) -> SessionRow:
        calls.append(raw.id)
        return rows(raw.i + 1)[raw.i]

    app = ListApp([])
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(SessionList)
        listing.set_rows([Raw(i) for i in range(1000)], keep="s500", formatter=formatter)
        await pilot.pause()
        assert listing.selected_id() == "s500"
        assert "Kelompok 500 " in "".join(line_text(listing, y) for y in range(24))
        assert len(set(calls)) < 50  # one screenful, not 1,000
