"""Quality of the grouping suggestions against hand-labelled cards (adjusted Rand index).

Sets (label<TAB>card, as facilitators type them: typos, abbreviations, informal spelling):

- ``cards_labelled.tsv`` (144 cards, food-processing groups, 11 labels) and
  ``cards_heldout.tsv`` (49): the project's first sets. The engine was first tuned on
  the labelled one; "today's domain", floor 0.75 on both.
- ``cards_dev.tsv``, ``cards_dev2.tsv`` and ``cards_dev3.tsv`` (~50 each): other
  livelihoods and household themes; the wider lexicon of issue 17 was tuned on these
  (each measured first: 0.31, 0.39 and 0.64 before tuning on it). Floor 0.60.
- ``cards_heldout_coast.tsv`` (fish drying, weaving) and ``cards_heldout_farm.tsv``
  (farming, small trade), ~50 each: written and committed before the engine changed for
  issue 17 and never tuned on. ``cards_heldout_mixed.tsv`` (batik, tempe, pottery, coffee,
  laundry ...): written after the first lexicon pass, never tuned on (0.697 then, before
  the lexicon was widened further). Floor 0.60. Their author also wrote the lexicon, so an
  independent set written outside the project is the stricter test.

Cards in the "Lain-lain / belum jelas" proposal, like cards left in no group, count as
groups of their own. The baseline is plain word overlap (lower-case words, TF-IDF cosine,
the same average-link clustering) at the best threshold of a grid, i.e. its best case;
the engine must beat it by 0.25 on every set. Every set's figures are printed
(``pytest -s`` shows them).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from mpa_tui.domain.suggest import suggest_groups
from mpa_tui.domain.suggest_cluster import average_link, dot_rows
from mpa_tui.domain.suggest_glossary import Glossary

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> tuple[list[str], list[str]]:
    labels, texts = [], []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            labels.append(label)
            texts.append(text)
    return labels, texts


def adjusted_rand_index(truth: Sequence[object], pred: Sequence[object]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    n = len(truth)

    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    both = sum(pairs(v) for v in Counter(zip(truth, pred, strict=True)).values())
    a = sum(pairs(v) for v in Counter(truth).values())
    b = sum(pairs(v) for v in Counter(pred).values())
    expected = a * b / pairs(n)
    best = (a + b) / 2
    return 1.0 if best == expected else (both - expected) / (best - expected)


def labelling(groups: list[list[int]], n: int) -> list[object]:
    """Group number per card; a card in no group is a group of its own."""
    out: list[object] = [("alone", i) for i in range(n)]
    for k, idx in enumerate(groups):
        for i in idx:
            out[i] = k
    return out


def engine_ari(labels: list[str], texts: list[str], glossary: Glossary | None = None) -> float:
    """ARI of the engine's proposals; the "Lain-lain" cards count as ungrouped."""
    groups = [g.indices for g in suggest_groups(texts, glossary=glossary) if not g.other]
    return adjusted_rand_index(labels, labelling(groups, len(texts)))


def baseline_ari(labels: list[str], texts: list[str]) -> tuple[float, float]:
    """Best ARI of plain TF-IDF word overlap over a grid of thresholds, and that threshold."""
    docs = [re.findall(r"\w+", t.lower()) for t in texts]
    df = Counter(w for d in docs for w in set(d))
    vecs = []
    for d in docs:
        tf = Counter(d)
        vec = {w: c * math.log(1 + len(docs) / df[w]) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vecs.append({w: v / norm for w, v in vec.items()})
    rows = dot_rows(vecs)
    best = (-1.0, 0.0)
    for step in range(1, 17):
        threshold = step * 0.05
        groups = [idx for idx, _ in average_link([dict(r) for r in rows], threshold)]
        best = max(best, (adjusted_rand_index(labels, labelling(groups, len(texts))), threshold))
    return best


def test_ari_of_known_labellings() -> None:
    assert adjusted_rand_index("aabb", [1, 1, 2, 2]) == pytest.approx(1.0)
    assert adjusted_rand_index("aabb", [2, 2, 1, 1]) == pytest.approx(1.0)
    # Worked example: 0.0 when agreement is exactly what chance gives.
    assert adjusted_rand_index("aaabbb", [1, 2, 3, 1, 2, 3]) < 0
    assert adjusted_rand_index("aabbcc", [1, 1, 2, 2, 2, 3]) == pytest.approx(0.4444, abs=1e-3)


SETS = [("cards_labelled.tsv", 0.75), ("cards_heldout.tsv", 0.75), ("cards_dev.tsv", 0.60),
        ("cards_dev2.tsv", 0.60), ("cards_dev3.tsv", 0.60), ("cards_heldout_coast.tsv", 0.60),
        ("cards_heldout_farm.tsv", 0.60), ("cards_heldout_mixed.tsv", 0.60)]


@pytest.mark.parametrize(("name", "floor"), SETS)
def test_suggestion_quality(name: str, floor: float) -> None:
    labels, texts = load(name)
    n = len(texts)
    ari = engine_ari(labels, texts)
    base, threshold = baseline_ari(labels, texts)
    bare = engine_ari(labels, texts, Glossary())
    print(f"\n{name}: suggestion ARI: {ari:.3f} on {n} cards in {len(set(labels))} groups "
          f"(floor {floor:.2f}); plain word-overlap baseline {base:.3f} (its best threshold, "
          f"{threshold:.2f}); normalisation without the glossary {bare:.3f}")
    assert n >= (120 if name == "cards_labelled.tsv" else 40)
    assert ari >= floor
    assert ari >= base + 0.25
