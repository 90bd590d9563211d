"""The whole workshop at 80x24, by keyboard: new session -> 10 participants -> 30 cards ->
stuck on the plano -> 6 categories -> titles -> counts -> a tie broken with a reason ->
final order confirmed -> summary. Every check is on the session a NEW Store reads from
disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select
from tui_helpers import SIZE, app_for, reload

from mpa_tui.domain import CountingMode, Step, VoteEntry
from mpa_tui.domain.rules import rank_categories, tally
from mpa_tui.store import Store
from mpa_tui.tui.screens.base import StepScreen
from mpa_tui.tui.screens.details import DetailsScreen
from mpa_tui.tui.screens.summary import SummaryScreen

TITLES = ["Modal", "Pasar", "Alat", "Air", "Jalan", "Sekolah"]
# After each category gets its first card (key b), the other 24 cards go by digit:
# 7, 6, 6, 5, 4, 2 cards; votes then make Modal 8 and Sekolah 3, leaving Pasar and
# Alat tied at 6 (ranks 1, 2=, 2=, 4, 5, 6).
DIGITS = "1" * 6 + "2" * 5 + "3" * 5 + "4" * 4 + "5" * 3 + "6"


def _step(app) -> Step | None:  # type: ignore[no-untyped-def]
    return app.screen.STEP if isinstance(app.screen, StepScreen) else None


async def test_whole_workshop_by_keyboard(store: Store, data_dir: Path) -> None:
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        # New session: the details form (typed group, settings chosen), Ctrl+S saves.
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        await pilot.press(*"Mentari")
        form.query_one("#village", Input).value = "Nagrak"
        form.query_one("#counting_mode", Select).value = CountingMode.BOTH
        form.query_one("#vote_entry", Select).value = VoteEntry.PER_PARTICIPANT
        form.query_one("#vote_budget", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _step(app) == Step.CIRCLE and app.controller is not None
        sid = app.controller.session.id

        # 1 Duduk melingkar: ten participants as codes P01..P10.
        await pilot.press(*["ctrl+n"] * 10, "f5", "f4")
        await pilot.pause()
        # 2 Tulis kartu: thirty cards, Enter after each. The first is typed key by key;
        # the rest are put in the focused field and sent with Enter, to keep this test
        # fast (test_capture.py covers typing).
        assert _step(app) == Step.WRITE
        await pilot.press(*"k1", "enter")
        field = app.screen.focused
        assert isinstance(field, Input) and field.value == ""
        for i in range(2, 31):
            field.value = f"k{i}"
            await pilot.press("enter")
        await pilot.press("f5", "f4")
        await pilot.pause()
        # 3 Tempel di plano: stick every card.
        assert _step(app) == Step.STICK
        await pilot.press("a", "f5", "f4")
        await pilot.pause()
        # 4 Kelompokkan: six new categories (b, Enter: titled in step 5), then digits.
        assert _step(app) == Step.GROUP
        for _ in range(6):
            await pilot.press("b", "enter")
        await pilot.press(*DIGITS)
        await pilot.press("f5", "f4")
        await pilot.pause()
        mid = reload(data_dir, sid)
        assert [len(c.card_ids) for c in mid.categories] == [7, 6, 6, 5, 4, 2]

        # 5 Beri judul: the first untitled category has focus; title, Enter, next.
        assert _step(app) == Step.TITLE
        for title in TITLES:
            await pilot.press(*title, "enter")
        await pilot.press("f5", "f4")
        await pilot.pause()
        # 6 Hitung: P01 gives Modal a vote; P02 gives Sekolah (last row) a vote.
        assert _step(app) == Step.COUNT
        await pilot.press("plus", "right", "end", "plus", "f5", "f4")
        await pilot.pause()
        # 7 Peringkat: Alat and Pasar share rank 2 (listed by title); the group puts
        # Pasar first, with a reason.
        assert _step(app) == Step.RANK
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("alt+down", "tab", *"Air dulu", "enter")
        await pilot.pause()
        await pilot.press("f5", "f4")
        await pilot.pause()
        # 8 Urutkan: confirm the order, then the summary (F6).
        assert _step(app) == Step.ORDER
        await pilot.press("s", "f5", "f6")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = app.screen.query_one("#sum-scroll").text
        # Without names the circle is counted, never listed person by person.
        assert "Air dulu" in shown and "10 peserta" in shown and "P10" not in shown

    saved = reload(data_dir, sid)
    assert saved.group_name == "Mentari" and saved.location.village == "Nagrak"
    assert [p.name for p in saved.circle()] == [f"P{i:02d}" for i in range(1, 11)]
    assert sorted(c.text for c in saved.active_cards()) == sorted(f"k{i}" for i in range(1, 31))
    assert all(c.posted and c.category_id for c in saved.active_cards())
    by_title = {c.title: c.id for c in saved.categories}
    assert list(by_title) == TITLES
    assert [t.score for t in tally(saved).values()] == [8, 6, 6, 5, 4, 3]
    assert [(tb.category_ids, tb.reason) for tb in saved.tie_breaks] == [
        ([by_title["Pasar"], by_title["Alat"]], "Air dulu")]
    ranking = rank_categories(saved)
    assert [r.rank for r in ranking] == [1, 2, 3, 4, 5, 6] and not any(r.tied for r in ranking)
    assert saved.priority_order == [by_title[x] for x in
                                    ("Modal", "Pasar", "Alat", "Air", "Jalan", "Sekolah")]
    assert saved.priority_confirmed_at is not None
    assert set(saved.completed_steps) == set(Step)
