"""2. Start-up: process start to the home screen up, and the quick commands.

Each sample is a fresh process (``probe_app.py``, see there): the parent reads its clock,
spawns, and the child prints the time at which the first screen was mounted and painted
once (headless, 80x24). Variants run interleaved, in rotating order:

  bare      a bare Textual app (one screen, one Static): the baseline;
  mpa 0     ``mpa`` (cli.main, real store open + lock) on an empty data folder;
  mpa 1000  the same on a folder with 1,000 sessions;
  --help    ``mpa --help`` (the console script), process start to exit;
  list      ``mpa list`` on the 1,000-session folder, start to exit;
  python    ``python -c pass`` (the interpreter's own start), for reference.

Medians of wall time. Child CPU time (user+sys) is noted: on a busy shared machine it
shows whether a slow figure is our work or waiting for a core.
Goals: mpa 0 <= 1.3x bare; mpa 1000 <= 1.1x mpa 0; ``mpa --help`` <= 0.15 s.
"""

from __future__ import annotations

import resource
import subprocess
import time
from pathlib import Path

import _common as c

PROBE = str(Path(__file__).with_name("probe_app.py"))
GOAL_BARE = 1.3
GOAL_SCALE = 1.1
GOAL_HELP = 0.15


def spawn(argv: list[str], *, ready: bool) -> tuple[float, float, str]:
    """Run a child; (seconds to READY or to exit, child CPU seconds, stdout)."""
    env = c.child_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    try:
        out, err = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    t_exit = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # children are waited one by one
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[1:3]} exited {proc.returncode}: {err[-800:]}")
    if not ready:
        return t_exit - t0, cpu, out
    for line in out.splitlines():
        if line.startswith("@@READY "):
            return float(line.split()[1]) - t0, cpu, out
    raise RuntimeError(f"{argv[1:3]}: no READY line: {out[-400:]} {err[-400:]}")


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows."""
    c.compile_sources()  # also when run alone, not through run.py
    reps = 5 if quick else 21  # the machines are noisy: more rounds, steadier medians
    root = c.tmpdir("start")
    try:
        template = c.workshop_session(participants=20, cards=60, categories=10)
        c.write_store(root / "d0", [])
        c.write_store(root / "d1000", c.variants(template, 1000))
        mpa = str(c.VENV_BIN / "mpa")
        variants = {
            "bare": ([c.PY, PROBE, "bare"], True),
            "mpa0": ([c.PY, PROBE, "mpa", str(root / "d0")], True),
            "mpa1000": ([c.PY, PROBE, "mpa", str(root / "d1000")], True),
            "help": ([mpa, "--help"], False),
            "list": ([mpa, "list", "--data-dir", str(root / "d1000")], False),
            "python": ([c.PY, "-c", "pass"], False),
        }
        for argv, ready in variants.values():  # warm the OS file cache once, untimed
            spawn(argv, ready=ready)
        wall: dict[str, list[float]] = {k: [] for k in variants}
        cpu: dict[str, list[float]] = {k: [] for k in variants}
        for i in range(reps):
            for name in c.rotated(list(variants), i):
                argv, ready = variants[name]
                took, used, out = spawn(argv, ready=ready)
                wall[name].append(took)
                cpu[name].append(used)
                if name == "list" and out.count("\n") < 1000:
                    raise RuntimeError("mpa list did not list 1,000 sessions")
    finally:
        c.cleanup(root)

    def m(name: str) -> float:
        return c.median(wall[name])

    def note(name: str) -> str:
        return f"CPU {c.fmt_value(c.median(cpu[name]), 's')}, n={reps}"

    return [
        c.ratio_goal("start-up to home, 0 sessions", m("mpa0"), "bare Textual app", m("bare"),
                     GOAL_BARE, note=f"{note('mpa0')} (bare {note('bare')})"),
        c.ratio_goal("start-up to home, 1,000 sessions", m("mpa1000"),
                     "start-up, 0 sessions", m("mpa0"), GOAL_SCALE, note=note("mpa1000")),
        c.abs_goal("mpa --help", m("help"), GOAL_HELP, baseline_name="python -c pass",
                   baseline=m("python"), note=note("help")),
        c.info("mpa list, 1,000 sessions", m("list"), baseline_name="python -c pass",
               baseline=m("python"), note=note("list")),
    ]


if __name__ == "__main__":
    c.main_for(run)
