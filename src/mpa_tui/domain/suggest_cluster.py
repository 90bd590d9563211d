"""Sparse similarity rows and average-link clustering for the grouping suggestions.

Pure Python (no numpy in the dependencies), written for a few hundred cards: similarity
rows come from an inverted index with identical vectors computed once, and clustering
uses the nearest-neighbour chain, O(n^2) even when every pair is similar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any


def dot_rows(vectors: Sequence[Mapping[Any, float]]) -> list[dict[int, float]]:
    """Dot products of sparse vectors, as one row per vector of its non-zero neighbours.

    Identical vectors are computed once (many cards share a theme vector such as
    ``{capital: 1.0}``), and an inverted index means only vectors that share a feature
    cost anything; what remains is copying rows, which Python does at C speed.
    """
    uniq: dict[tuple[tuple[Any, float], ...], int] = {}
    which: list[int] = []
    owners: list[list[int]] = []
    reps: list[Mapping[Any, float]] = []
    for i, vec in enumerate(vectors):
        key = tuple(sorted(vec.items()))  # keys are unique, so values never compare
        u = uniq.get(key)
        if u is None:
            u = uniq[key] = len(reps)
            reps.append(vec)
            owners.append([])
        owners[u].append(i)
        which.append(u)
    postings: dict[Any, list[tuple[int, float]]] = {}
    for u, vec in enumerate(reps):
        for key, w in vec.items():
            postings.setdefault(key, []).append((u, w))
    shared: list[dict[int, float]] = []
    for vec in reps:
        dots: dict[int, float] = {}
        get = dots.get
        for key, wi in vec.items():
            for v, wj in postings[key]:
                dots[v] = get(v, 0.0) + wi * wj
        shared.append({j: d for v, d in dots.items() for j in owners[v]})
    rows: list[dict[int, float]] = []
    for i, u in enumerate(which):
        row = dict(shared[u]) if len(owners[u]) > 1 else shared[u]
        row.pop(i, None)
        rows.append(row)
    return rows


def average_link(rows: list[dict[int, float]], threshold: float) -> list[tuple[list[int], float]]:
    """Average-link clustering, cut where the average similarity falls below ``threshold``.

    Nearest-neighbour-chain algorithm: average link is reducible, so it builds the same
    tree as merging the globally best pair each time, in O(n^2) instead of O(n^2 log n)
    with a heap (which matters when one theme makes every pair similar).

    ``rows`` is consumed (its dicts are reused as the working links), so callers pass
    rows they no longer need.

    Returns:
        ``(members, mean similarity of their pairs)`` for each group of two or more.
    """
    n = len(rows)
    size: dict[int, int] = dict.fromkeys(range(n), 1)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    intra: dict[int, float] = dict.fromkeys(range(n), 0.0)
    # links[a][k] is the average similarity of clusters a and k (absent: 0).
    links: dict[int, dict[int, float]] = dict(enumerate(rows))  # taken over, not copied
    todo = [i for i in range(n) if links[i]]
    done: set[int] = set()
    chain: list[int] = []
    next_id = n
    value = itemgetter(1)

    while True:
        if not chain:
            while todo and (todo[-1] not in members or todo[-1] in done):
                todo.pop()
            if not todo:
                break
            chain.append(todo.pop())
        a = chain[-1]
        la = links[a]
        best, best_avg = max(la.items(), key=value) if la else (-1, 0.0)
        if best_avg < threshold:
            # Nothing is similar enough now, and merging others can only lower a's
            # averages (an average of averages), so a is final.
            done.add(a)
            chain.pop()
            continue
        prev = chain[-2] if len(chain) > 1 else -1
        if prev == best or la.get(prev) == best_avg:
            # A tie goes to the chain's previous cluster, so the chain always ends in
            # a reciprocal pair instead of cycling.
            chain.pop()
            chain.pop()
            b = prev
            m = next_id
            next_id += 1
            lb = links.pop(b)
            del links[a]
            sa, sb = size.pop(a), size.pop(b)
            intra[m] = intra.pop(a) + intra.pop(b) + la[b] * sa * sb
            members[m] = members.pop(a) + members.pop(b)
            size[m] = sa + sb
            wa, wb = sa / (sa + sb), sb / (sa + sb)
            merged = {k: v * wa for k, v in la.items() if k != b}
            get = merged.get
            for k, v in lb.items():
                if k != a:
                    merged[k] = get(k, 0.0) + v * wb
            for k, avg in merged.items():
                other = links[k]
                other.pop(a, None)
                other.pop(b, None)
                other[m] = avg
            links[m] = merged
            todo.append(m)
        else:
            chain.append(best)
    out = []
    for cid, idx in members.items():
        if len(idx) > 1:
            pairs = len(idx) * (len(idx) - 1) / 2
            out.append((sorted(idx), intra[cid] / pairs))
    return out
