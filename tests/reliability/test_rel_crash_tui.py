"""Promise 1, through the TUI: kill -9 while typing cards never loses a card shown as saved.

The real ``python -m mpa_tui`` runs in a pseudo-terminal (80x24, xterm-256color). The
session (created headless at step 2) is opened from the home screen with Enter; cards are
typed and sent with Enter. A card counts as *shown saved* when the capture screen drew it
in the recent-cards list and the counter ``Kartu: n`` reached it (the screen adds both only
after the durable save returned) and the status line reads "Tersimpan" (it is redrawn only
when its text changes, so it is checked once per run, not per card). Then the app is
killed with SIGKILL mid-typing (sometimes right after an Enter), restarted (its lock must
not block), and every shown card must be in the session loaded with the store API.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from rel_pty import PtyApp
from rel_util import count

from mpa_tui.domain import Session, Step
from mpa_tui.store import Store

pytestmark = [
    pytest.mark.reliability,
    pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal"),
]

ROUNDS = count(6, 1)


def test_kill_9_while_typing_cards_in_the_tui(data_dir: Path) -> None:
    pytest.importorskip("mpa_tui.tui.screens.capture", reason="capture screen not ready")
    from mpa_tui.domain import CardKind
    from mpa_tui.i18n import t
    from mpa_tui.tui.widgets.capture_items import kind_label

    def counted(n: int | None) -> str:  # "Kartu: 3 · " as the capture screen writes it
        head = t("capture.counts", "id", total="\1", parts="\2").split("\2")[0]
        return re.escape(head).replace("\1", r"(\d+)" if n is None else str(n))

    saved_rx = re.escape(t("tui.status.saved", "id", time="\0").split("\0")[0]) + r"\d\d:"
    label = kind_label(CardKind.PROBLEM)
    rng = random.Random(8)
    session = Session(group_name="Mentari", current_step=Step.WRITE)
    with Store.open(data_dir) as store:
        store.repo.create(session)
    shown: list[str] = []
    typed = 0
    for rnd in range(ROUNDS):
        app = PtyApp(data_dir)
        try:
            app.wait_for("Mentari")  # the home list
            app.send("\r")  # Enter opens the highlighted (only) session at its step
            # The half card of the last round may have been saved too (its Enter was sent).
            total = int(app.wait_for(counted(None)).group(1))
            assert total >= len(shown)
            for _ in range(rng.randint(2, 6)):
                text = f"kartu r{rnd} n{len(shown) + 1} [red]x[/]"
                mark = len(app.text())
                app.send(text + "\r")
                typed += 1
                total += 1
                app.wait_for(counted(total), since=mark)
                app.wait_for(re.escape(f"{label}: {text}"), since=mark)
                shown.append(text)
            app.wait_for(saved_rx)
            # Mid-typing: half a card in the field, sometimes with its Enter in flight.
            app.send(f"setengah r{rnd}" + ("\r" if rng.random() < 0.5 else ""))
            app.pump(rng.uniform(0.0, 0.05))
        finally:
            app.kill9()
    # Restart: the killed app's lock must not block, and the home list shows the session.
    app = PtyApp(data_dir)
    try:
        app.wait_for("Mentari")
    finally:
        app.kill9()
    with Store.open(data_dir) as store:
        assert [r for r in store.damage_reports if r.is_damage] == []
        stored = [c.text for c in store.repo.load(session.id).cards]
    lost = [t for t in shown if t not in stored]
    print(f"\ntui crash: {ROUNDS} runs killed with SIGKILL, {len(shown)} cards shown saved, "
          f"{len(lost)} lost, {len(stored)} stored")
    assert not lost
