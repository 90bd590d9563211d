"""3. Typing path, in-process (Pilot, headless 80x24), a session with 300 cards.

  card      on the capture screen (step 2), Enter on a typed card until the card is
            saved durably AND painted: the clock starts just before the key is posted
            and stops in a ``call_after_refresh`` queued at the end of the screen's
            ``on_input_submitted`` (so Pilot's own idle-waiting is not counted). The
            durable save inside it is timed separately (``repo.save``) and noted.
  board     F4 from step 2 to the board (step 3), until the board screen has mounted and
            painted once (includes the durable save of the current step).

20 participants, authorship on, 300 cards. Afterwards a new Store reads every typed
card back from disk, and each sample checks the card is the newest line on screen.
Goals: card median <= 30 ms; board median <= 300 ms.

``MPA_BENCH_PROFILE=card`` (or ``board``) prints a cProfile of that phase on stderr.
"""

from __future__ import annotations

import asyncio
import cProfile
import os
import pstats
import sys
import time
from typing import Any

import _common as c

GOAL_CARD = 0.030
GOAL_BOARD = 0.300


async def measure(quick: bool) -> dict[str, list[float]]:
    """Seconds: card latencies (wall, CPU), the saves inside them, board openings (wall, CPU)."""
    from textual.widgets import Input

    from mpa_tui.domain import Step
    from mpa_tui.store import Store
    from mpa_tui.tui.app import make_app
    from mpa_tui.tui.screens.board import BoardScreen
    from mpa_tui.tui.screens.capture import CaptureScreen
    from mpa_tui.tui.widgets.capture_items import CardItem

    n_cards, n_board, warm = (15, 3, 3) if quick else (60, 9, 5)
    marks: list[tuple[float, float]] = []  # (wall, process CPU)
    profile = os.environ.get("MPA_BENCH_PROFILE", "")
    prof = cProfile.Profile()

    real_submit = CaptureScreen.on_input_submitted

    def on_input_submitted(self: Any, event: Any) -> None:
        real_submit(self, event)
        self.call_after_refresh(lambda: marks.append((time.perf_counter(), time.process_time())))

    CaptureScreen.on_input_submitted = on_input_submitted  # type: ignore[method-assign]
    real_mount = BoardScreen.on_mount

    def on_mount(self: Any) -> None:
        real_mount(self)
        self.call_after_refresh(lambda: marks.append((time.perf_counter(), time.process_time())))

    BoardScreen.on_mount = on_mount  # type: ignore[method-assign]

    root = c.tmpdir("typing")
    try:
        session = c.workshop_session(participants=20, cards=300, categories=0, posted=False)
        session.settings.record_authorship = True
        session.current_step = Step.WRITE
        store = Store.open(root / "data")
        store.repo.create(session)
        saves: list[float] = []
        real_save = store.repo.save

        def timed_save(s: Any) -> None:
            t0 = time.perf_counter()
            real_save(s)
            saves.append(time.perf_counter() - t0)

        store.repo.save = timed_save  # type: ignore[method-assign]
        app = make_app(store=store)
        cards: list[float] = []
        card_saves: list[float] = []
        boards: list[float] = []
        cards_cpu: list[float] = []
        boards_cpu: list[float] = []
        typed: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.open_session(session.id)
            await pilot.pause()
            # Board first: exactly 300 cards.
            for i in range(n_board + 1):
                assert isinstance(app.screen, CaptureScreen), app.screen
                marks.clear()
                if profile == "board" and i:
                    prof.enable()
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press("f4")
                await pilot.pause()
                prof.disable()
                assert isinstance(app.screen, BoardScreen) and marks, app.screen
                if i:  # the first opening also imports the board's modules
                    boards.append(marks[0][0] - t0)
                    boards_cpu.append(marks[0][1] - c0)
                await pilot.press("f3")
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CaptureScreen)
            field = screen.query_one("#card-text", Input)
            for i in range(warm + n_cards):
                text = f"Modal usaha kurang, kartu {i}"
                field.value = text  # typing itself is not timed
                marks.clear()
                saves.clear()
                if profile == "card" and i >= warm:
                    prof.enable()
                t0, c0 = time.perf_counter(), time.process_time()
                await pilot.press("enter")
                await pilot.pause()
                prof.disable()
                ctl = app.controller
                assert ctl is not None and not ctl.pending and marks and len(saves) == 1
                card = ctl.session.cards[-1]
                assert card.text == text, "card not saved"
                top = screen.query_one("#recent").query(CardItem).first()
                assert top.card_id == card.id and top.is_mounted, "card not shown on top"
                typed.append(text)
                if i >= warm:
                    cards.append(marks[0][0] - t0)
                    cards_cpu.append(marks[0][1] - c0)
                    card_saves.append(saves[0])
        store.close()
        with Store.open(root / "data", lock=False) as check:
            texts = [x.text for x in check.repo.load(session.id).cards]
        if texts[-len(typed):] != typed:
            raise RuntimeError("typed cards are not all on disk")
    finally:
        c.cleanup(root)
    if profile:
        stats = pstats.Stats(prof, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(70)
        stats.sort_stats("tottime").print_stats(25)
    return {"card": cards, "card_cpu": cards_cpu, "save": card_saves, "board": boards,
            "board_cpu": boards_cpu}


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    m = asyncio.run(measure(quick))
    cards, boards = m["card"], m["board"]
    return [
        c.abs_goal("typing: card Enter -> saved + shown, median", c.median(cards), GOAL_CARD,
                   baseline_name="its durable save, median", baseline=c.median(m["save"]),
                   note=f"CPU {c.fmt_value(c.median(m['card_cpu']), 's')}, "
                        f"p95 {c.fmt_value(c.pct(cards, 95), 's')}, n={len(cards)}"),
        c.abs_goal("open board (step 3), 300 cards, median", c.median(boards), GOAL_BOARD,
                   note=f"CPU {c.fmt_value(c.median(m['board_cpu']), 's')}, "
                        f"max {c.fmt_value(max(boards), 's')}, n={len(boards)}"),
    ]


if __name__ == "__main__":
    c.main_for(run)
