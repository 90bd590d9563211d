"""The summary screen (F6) shows the process notes as every export does: a "Catatan proses"
section after the participants, a heading per step, time, speaker code and quote marks,
user text literal; names only when asked for (n)."""

from __future__ import annotations

from textual.widgets import Static
from tui_helpers import HOSTILE, SIZE, app_for, make_session

from mpa_tui.domain import ops
from mpa_tui.domain.note import NoteTopic, Speaker
from mpa_tui.domain.notes import add_note
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.export.summary import build_view
from mpa_tui.store import Store
from mpa_tui.tui.screens.summary import SummaryScreen
from mpa_tui.tui.widgets.text_lines import BAR, TextLines


def _text(screen: SummaryScreen) -> str:
    return screen.query_one("#sum-scroll", TextLines).text


async def test_summary_lists_notes_per_step_like_the_exports(store: Store) -> None:
    session = make_session(store)
    siti = ops.add_participant(session, "Siti Aminah")
    add_note(session, "Kalau ada koperasi, kami tidak perlu ke rentenir lagi", NoteTopic.GROUP,
             participant_id=siti.id, quote=True)
    add_note(session, HOSTILE + " <b>x</b>", NoteTopic.CIRCLE, speaker=Speaker.FACILITATOR)
    store.repo.save(session)
    code = participant_codes(session)[siti.id]
    view = build_view(session)
    notes = next(s for s in view.sections if s.key == "notes")
    bullets = [i for b in notes.blocks for i in getattr(b, "items", [])]
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.open_session(session.id)
        app.open_summary()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        text = _text(screen)
        titles = [line.strip() for line, style in screen.query_one("#sum-scroll", TextLines).lines
                  if style == BAR]
        assert titles[titles.index("Peserta") + 1] == "Catatan proses"
        assert "Langkah 1: Duduk melingkar" in text and "Langkah 4: Kelompokkan" in text
        for bullet in bullets:
            assert f"• {bullet}" in text
        assert f"{code}: “Kalau ada koperasi" in text and "Siti" not in text
        assert HOSTILE + " <b>x</b>" in text
        await pilot.press("n")
        await pilot.pause()
        assert "Siti Aminah: “Kalau ada koperasi" in _text(screen)
        assert "DITAMPILKAN" in str(screen.query_one("#sum-names", Static).render())
