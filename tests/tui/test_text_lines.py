"""The summary's long-text widget: wrapping by cells, drawing only what is in view."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App, ComposeResult

from mpa_tui.tui.widgets.text_lines import BAR, TextLines, wrap_line


def test_wrap_keeps_every_word_and_fits_the_width_in_cells() -> None:
    text = "kalau ada koperasi kami tidak perlu ke rentenir lagi " * 5
    for width in (1, 7, 20, 78):
        pieces = wrap_line(text, width)
        assert all(cell_len(p) <= width for p in pieces)
        assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
        if width >= 8:  # no word is longer: none is cut
            assert " ".join(pieces).split() == text.split()
    assert wrap_line("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    wide = "合作社" * 10 + " ibu-ibu"  # two cells a character
    assert all(cell_len(p) <= 10 for p in wrap_line(wide, 10))
    assert "".join(wrap_line(wide, 10)).replace(" ", "") == wide.replace(" ", "")
    assert wrap_line("", 10) == [""]
    # A line break starts a new piece and nothing after it is lost.
    assert wrap_line("Baris pertama\nBaris kedua panjang sekali", 14) == [
        "Baris pertama", "Baris kedua", "panjang sekali"]
    assert wrap_line("a\n\nb", 5) == ["a", "", "b"]


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield TextLines(id="lines")


async def test_only_lines_in_view_are_drawn_and_markup_stays_literal() -> None:
    app = _Host()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(TextLines)
        view.set_lines([("Judul", BAR), ("[red]x[/] " * 30, ""),
                        *((f"baris {i}", "") for i in range(500))])
        view.focus()
        await pilot.pause()
        shown = [s.text for s in app.screen._compositor.render_strips()]
        assert shown[0].startswith("Judul") and "[red]x[/]" in shown[1]
        assert not any("baris 499" in line for line in shown)
        await pilot.press("end")
        await pilot.pause()
        shown = [s.text for s in app.screen._compositor.render_strips()]
        assert any("baris 499" in line for line in shown)
        assert view.virtual_size.height > 500  # the long line wrapped
