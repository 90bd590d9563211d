"""7. The report at district scale: `mpa report` against the read floor.

  floor        a Python process that lists the store's session files and parses every one
               with orjson (the least any report over those files pays), in the same run,
               interleaved with the report runs.
  report       ``mpa report`` (the console script, spawn to exit) over a store of N
               generated sessions (copies of the example, every step filled: ~51 KB each),
               N = 1,000 and 10,000. "cached": the normal case, the flattened rows of
               every file already in ``<data>/cache/tables.duckdb``; "first run": the cache
               deleted before (every file validated and flattened), reported only.
  incremental  10 sessions added (through the store, as the importer adds them) to the
               10,000, then ``mpa report``: its cost over an unchanged cached re-run
               (interleaved, medians of 3: 10 more sessions each time).

The store files are written directly (``_common.write_store``), so set-up at 10,000 takes
about 10 s. Goals (issue 18): cached report <= 3x the floor at 1,000 and <= 2x at 10,000;
the 10 added sessions cost <= 1 s more than an unchanged re-run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import _common as c

FLOOR = r"""
import os, sys, orjson
folder = os.path.join(sys.argv[1], "sessions")
n = 0
for name in os.listdir(folder):
    if name.endswith(".json"):
        with open(os.path.join(folder, name), "rb") as fh:
            orjson.loads(fh.read())
        n += 1
print(n)
"""
GOALS = {1000: 3.0, 10000: 2.0}
GOAL_INCREMENT = 1.0


def _report(data: Path, out: Path) -> tuple[float, float]:
    out.mkdir()
    took, cpu, _ = c.timed_run([str(c.VENV_BIN / "mpa"), "report", "--data-dir", str(data),
                                "--to", str(out)], timeout=600.0)
    if not any(out.rglob("recurring.csv")):
        raise RuntimeError("mpa report wrote nothing")
    shutil.rmtree(out)
    return took, cpu


def _floor(data: Path, n: int) -> float:
    took, _, out = c.timed_run([c.PY, "-c", FLOOR, str(data)])
    if int(out.strip()) != n:
        raise RuntimeError(f"floor read {out.strip()} files, not {n}")
    return took


def _add(data: Path, n: int, more: int) -> None:
    """``more`` new sessions, created through the store (index, fsync: the real path)."""
    from mpa_tui.data import load_example
    from mpa_tui.domain.session import Session
    from mpa_tui.store import Store

    docs = list(c.variants(load_example(), n + more))[n:]
    with Store.open(data) as store:
        for doc in docs:
            store.repo.create(Session.model_validate(doc))


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    from mpa_tui.data import load_example

    reps = 2 if quick else 3
    rows: list[c.Result] = []
    root = c.tmpdir("report")
    try:
        for n in (1000, 10000):
            data = root / f"data{n}"
            listed = c.write_store(data, c.variants(load_example(), n))
            if listed != n:
                raise RuntimeError(f"{listed} sessions in the store, not {n}")
            _floor(data, n)  # warm the page cache for both alike
            first, first_cpu = _report(data, root / "first")
            floors: list[float] = []
            cached: list[float] = []
            cpus: list[float] = []
            for i in range(reps):
                floors.append(_floor(data, n))
                took, cpu = _report(data, root / f"out{i}")
                cached.append(took)
                cpus.append(cpu)
            floor = c.median(floors)
            rows.append(c.ratio_goal(
                f"mpa report, {n:,} sessions (cached)", c.median(cached), "read floor",
                floor, GOALS[n],
                note=f"CPU {c.fmt_value(c.median(cpus), 's')}, n={reps}"))
            rows.append(c.info(
                f"mpa report, {n:,} sessions (first run)", first, baseline_name="read floor",
                baseline=floor, note=f"empty cache: every file validated + flattened, "
                                     f"CPU {c.fmt_value(first_cpu, 's')}"))
            if n == 10000:
                # Interleaved: an unchanged re-run, then 10 more sessions and a re-run,
                # ``reps`` times (one sample swings by a second on a busy machine).
                steady_runs: list[float] = []
                again_runs: list[float] = []
                for i in range(reps):
                    steady_runs.append(_report(data, root / f"steady{i}")[0])
                    _add(data, n + 10 * i, 10)
                    again_runs.append(_report(data, root / f"again{i}")[0])
                steady, again = c.median(steady_runs), c.median(again_runs)
                rows.append(c.abs_goal(
                    "10 sessions added to 10,000: extra cost", max(0.0, again - steady),
                    GOAL_INCREMENT, baseline_name="unchanged re-run", baseline=steady,
                    note=f"whole run {c.fmt_value(again, 's')}, n={reps}"))
            shutil.rmtree(data)
    finally:
        c.cleanup(root)
    return rows


if __name__ == "__main__":
    c.main_for(run)
