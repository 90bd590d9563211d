"""6. Memory: peak RSS of the app with the 300-card session open (reported, no goal).

Fresh processes (``probe_app.py open``): the store is opened, the app starts headless at
80x24 on the session's step 2 (capture) or step 3 (the board with all 300 notes), and the
peak resident set size (``ru_maxrss``) is read once that screen has painted. The bare
Textual app (one screen, one Static) started the same way is the baseline.
"""

from __future__ import annotations

from pathlib import Path

import _common as c

PROBE = str(Path(__file__).with_name("probe_app.py"))


def peak_mb(argv: list[str]) -> float:
    """Peak RSS (MB) a probe reports when its screen is up."""
    _, _, out = c.timed_run(argv)
    line = next(x for x in out.splitlines() if x.startswith("@@READY "))
    return int(line.split()[2]) / 1024


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    from mpa_tui.domain import Step

    reps = 1 if quick else 3
    root = c.tmpdir("memory")
    try:
        session = c.workshop_session(participants=20, cards=300, categories=0, posted=False)
        session.settings.record_authorship = True
        for step in (Step.WRITE, Step.STICK):  # the app opens a session at its current step
            session.current_step = step
            c.write_store(root / f"step{int(step)}", [session.model_dump(mode="json")])
        bare, write, board = [], [], []
        for _ in range(reps):
            bare.append(peak_mb([c.PY, PROBE, "bare"]))
            write.append(peak_mb([c.PY, PROBE, "open", str(root / "step2"), session.id, "2"]))
            board.append(peak_mb([c.PY, PROBE, "open", str(root / "step3"), session.id, "3"]))
    finally:
        c.cleanup(root)
    return [
        c.info("peak RSS, 300-card session on step 2", max(write), unit="MB",
               baseline_name="bare Textual app", baseline=max(bare), note=f"n={reps}"),
        c.info("peak RSS, 300-card session on the board", max(board), unit="MB",
               baseline_name="bare Textual app", baseline=max(bare), note=f"n={reps}"),
    ]


if __name__ == "__main__":
    c.main_for(run)
