"""7. A session at the schema's maxima (issue 16: every lookup by id O(1)).

  limits   a session holding the most the schema allows (200 participants, 3,000 cards,
           300 categories, 500 resources / links / actions / quotes, votes, 1,000 process
           notes of 2,000 characters): export to
           every format, and every screen opened headless at 80x24 in Asia/Jakarta
           (UTC+7) on it: the eight steps, summary, details, the six screens around the
           workshop, the item trash. The session is the one tests/reliability/
           rel_screens.py builds (the property test opens the same screens).

Goals: export of all formats <= 2 s; every screen opens <= 1 s (the slowest is shown).
"""

from __future__ import annotations

import asyncio
import sys
import time

import _common as c

sys.path.insert(0, str(c.ROOT / "tests" / "reliability"))

GOAL_EXPORT = 2.0
GOAL_SCREEN = 1.0


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    from rel_screens import SIZE, maxima_session, open_every_screen, time_zone

    from mpa_tui.export.writer import export_session
    from mpa_tui.store import Store
    from mpa_tui.tui.app import make_app

    runs = 1 if quick else 3
    session = maxima_session()
    root = c.tmpdir("limits")
    try:
        exports = []
        for i in range(runs):
            out = root / f"export{i}"
            out.mkdir()
            t0 = time.perf_counter()
            export_session(session, out)
            exports.append(time.perf_counter() - t0)
        worst: dict[str, float] = {}
        with Store.open(root / "data") as store:
            store.repo.create(session)

            async def screens() -> dict[str, float]:
                app = make_app(store=store)
                async with app.run_test(size=SIZE) as pilot:
                    return await open_every_screen(app, pilot, session.id)

            with time_zone("Asia/Jakarta"):
                for _ in range(runs):
                    for name, took in asyncio.run(screens()).items():
                        worst[name] = max(worst.get(name, 0.0), took)
    finally:
        c.cleanup(root)
    slowest = max(worst, key=worst.__getitem__)
    over = ", ".join(f"{k} {c.fmt_value(v, 's')}" for k, v in worst.items() if v > GOAL_SCREEN)
    return [
        c.abs_goal("export at the maxima, all formats", c.median(exports), GOAL_EXPORT,
                   note=f"n={len(exports)}"),
        c.abs_goal("slowest screen at the maxima (TZ=Asia/Jakarta)", worst[slowest],
                   GOAL_SCREEN, note=f"{slowest}; {len(worst)} screens, worst of {runs}"
                   + (f"; over the goal: {over}" if over else "")),
    ]


if __name__ == "__main__":
    c.main_for(run)
