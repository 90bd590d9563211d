"""Benchmark: grouping suggestions for 300 cards (target <= 100 ms once the stemmer is warm).

Prints, in one fresh process:
  cold   the first call (imports PySastrawi, loads its dictionary and the glossary, stems
         every word for the first time);
  warm   the same 300 cards asked again (features cached);
  fresh  300 new card texts made of known words in new combinations (stemmer warm,
         features not cached: the realistic "ask again after editing" case);
  dense  300 near-identical cards of one theme (worst case for average-link clustering);
and a plain word-overlap baseline (TF-IDF cosine + the same clustering) measured in the
same run, with the ratio, so a slow machine does not hide a regression.
"""
from __future__ import annotations

import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mpa_tui.domain.suggest import suggest_groups  # noqa: E402
from mpa_tui.domain.suggest_cluster import average_link, dot_rows  # noqa: E402


def labelled() -> list[str]:
    text = (ROOT / "tests/data/cards_labelled.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t", 1)[1] for ln in lines]


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


def main() -> None:
    texts = cards(300)
    t0 = clock()
    suggest_groups(texts)
    cold = (clock() - t0) * 1000
    warm = median_ms(lambda: suggest_groups(texts))
    seeds = iter(range(1000))
    new = median_ms(lambda: suggest_groups(fresh(300, next(seeds))))
    dense = median_ms(lambda: suggest_groups(
        [f"modal kurang, pinjaman ke bank susah {i}" for i in range(300)]), runs=3)
    base = median_ms(lambda: baseline(texts))
    print(f"suggest_groups, 300 cards, CPU ms (target <= 100 ms warm): cold {cold:.0f} ms, "
          f"warm {warm:.0f} ms, fresh texts {new:.0f} ms, dense worst case {dense:.0f} ms; "
          f"baseline {base:.0f} ms; fresh/baseline {new / base:.1f}x")


if __name__ == "__main__":
    main()
