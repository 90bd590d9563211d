"""5. Grouping suggestions: 300 cards (goal <= 100 ms, stemmer warm, texts new).

Prints, in one fresh process:
  cold   the first call (imports PySastrawi, loads its dictionary and the glossary, stems
         every word for the first time);
  warm   the same 300 cards asked again (features cached);
  fresh  300 new card texts made of known words in new combinations (stemmer warm,
         features not cached: the realistic "ask again after editing" case);
  dense  300 near-identical cards of one theme (worst case for average-link clustering);
and a plain word-overlap baseline (TF-IDF cosine + the same clustering) measured in the
same run, with the ratio, so a slow machine does not hide a regression.

The goal applies to ``fresh`` (the figure a facilitator waits for when asking again
after editing), in CPU time of this process so other load on the machine does not
inflate it (wall time is noted). Originally written by the suggestions' author; adapted
to ``run.py``.
"""
from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable

import _common as c
from _common import ROOT

from mpa_tui.domain.suggest import suggest_groups
from mpa_tui.domain.suggest_cluster import average_link, dot_rows

GOAL = 0.100


def labelled() -> list[str]:
    """Every labelled card of tests/data (food processing, other livelihoods, household)."""
    out = []
    for path in sorted((ROOT / "tests/data").glob("cards_*.tsv")):
        lines = path.read_text("utf-8").splitlines()
        out += [ln.split("\t", 1)[1] for ln in lines if ln.strip() and not ln.startswith("#")]
    return out


def cards(n: int) -> list[str]:
    rows = labelled()
    extras = ["", " sekali", " di desa", " bu", " sejak lama", " utk kelompok kami"]
    return [rows[i % len(rows)] + extras[(i // len(rows)) % len(extras)] for i in range(n)]


def fresh(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    rows = [r.split() for r in labelled()]
    return [" ".join(rnd.choice(rows) + rnd.choice(rows)[:2]) for _ in range(n)]


def baseline(texts: list[str]) -> None:
    vecs = []
    for t in texts:
        ws = set(re.findall(r"\w+", t.lower()))
        vecs.append({w: 1 / len(ws) ** 0.5 for w in ws} if ws else {})
    average_link(dot_rows(vecs), 0.3)


# CPU time of this process: other processes on a busy machine do not inflate it.
clock = time.process_time


def median_ms(fn: Callable[[], object], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times) * 1000


def run(quick: bool) -> list[c.Result]:
    """Measure; return the rows (CPU seconds; wall noted)."""
    runs = 5 if quick else 11
    texts = cards(300)
    t0 = clock()
    suggest_groups(texts)
    cold = clock() - t0
    seeds = iter(range(1000))
    fresh_cpu: list[float] = []
    fresh_wall: list[float] = []
    base: list[float] = []
    for _ in range(runs):  # interleaved with the baseline
        new = fresh(300, next(seeds))
        w0, c0 = time.perf_counter(), clock()
        suggest_groups(new)
        fresh_cpu.append(clock() - c0)
        fresh_wall.append(time.perf_counter() - w0)
        b0 = clock()
        baseline(texts)
        base.append(clock() - b0)
    warm = median_ms(lambda: suggest_groups(texts), runs=runs) / 1000
    dense = median_ms(lambda: suggest_groups(
        [f"modal kurang, pinjaman ke bank susah {i}" for i in range(300)]), runs=3) / 1000
    value = statistics.median(fresh_cpu)
    return [
        c.abs_goal("suggestions, 300 new cards (CPU)", value, GOAL,
                   baseline_name="word-overlap baseline", baseline=statistics.median(base),
                   note=f"wall {c.fmt_value(statistics.median(fresh_wall), 's')}, "
                        f"n={runs}; cold {c.fmt_value(cold, 's')}"),
        c.info("  suggestions: same 300 cards again (CPU)", warm),
        c.info("  suggestions: 300 near-identical cards (CPU)", dense,
               note="worst case for clustering"),
    ]


if __name__ == "__main__":
    c.main_for(run)
