"""Grouping suggestions for the Kelompokkan step: offline, Indonesian-aware.

How it works (each card's features are computed once):

1. :mod:`~mpa_tui.domain.normalise` turns a card into content tokens (spelling fixed,
   spoken verb forms read as their roots, stop words out, stems); a word that matches
   nothing in the glossary but is spelled like a glossary word is read as that word.
2. The glossary (:mod:`~mpa_tui.domain.suggest_glossary`) gives the card a weight per
   theme (capital, debts, prices, weather, health, children ...): participants use
   different words for the same problem ("rentenir", "bank keliling", "pinjol"), so word
   overlap alone misses them. A card's lesser themes are damped (:data:`SHARPEN`).
3. The similarity of two cards is ``THEME_WEIGHT * cos(themes) + (1 - THEME_WEIGHT) *
   cos(words)`` when both have a theme, else the cosine of their words alone (stems
   weighted by inverse document frequency, so a word on every card counts little).
4. Average-link agglomerative clustering merges the most similar groups while their
   average similarity is at least :data:`THRESHOLD`. A card left alone joins the group it
   is closest to on average (at least :data:`ATTACH_THRESHOLD`), or is proposed into an
   existing category it fits, or goes to the last proposal, "Lain-lain / belum jelas".
5. A group's title is its theme's title when most of its cards share that theme, else
   the key phrase of its most representative card (:mod:`.suggest_titles`).
6. Each card also gets the other proposals it fits, best first, so a card the
   facilitator takes out of one can be offered in the next.

Pure: no I/O beyond the shipped glossary, no Textual, no TinyDB, no i18n.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from mpa_tui.domain.normalise import Token, in_dictionary, tokens
from mpa_tui.domain.suggest_cluster import average_link, dot_rows
from mpa_tui.domain.suggest_glossary import Glossary, default_glossary
from mpa_tui.domain.suggest_titles import group_title

THEME_WEIGHT = 0.7
"""Share of the theme cosine in the similarity of two cards that both have a theme."""

THRESHOLD = 0.35
"""Least average similarity for two groups to merge."""

FIT_THRESHOLD = 0.4
"""Least fit (to the title, or average similarity to the cards) for a card or group to be
proposed into an existing category; a little stricter than :data:`THRESHOLD`, because
moving cards into a category the group made is a stronger claim than a new group."""

SHARPEN = 1.5
"""Exponent applied to a card's theme weights relative to its heaviest theme."""

ATTACH_THRESHOLD = 0.2
"""Least average similarity for a card that clustering left alone to join a group
(a lone card close to one group is likelier there than among the unclear ones)."""

ALTERNATIVE_MIN = 0.05
"""Least average similarity for a group to be offered to a card taken out of another."""


@dataclass(frozen=True)
class SuggestedGroup:
    """One proposed group of cards.

    Attributes:
        title: Proposed title (theme title or the group's key phrase), in the requested
            language.
        indices: 0-based indices into the texts, ascending.
        theme: Id of the glossary theme that dominates the group, if one does.
        existing_index: Index into ``existing_titles`` of the category the group fits.
        score: Cohesion in [0, 1]: the mean similarity of the group's pairs of cards
            (for a one-card group proposed into a category: its fit to that category).
        other: The "Lain-lain / belum jelas" proposal: the cards that fit no group.
        alternatives: For each card of the group, the positions (in the returned list)
            of the other proposals it fits, best first: where to offer the card if the
            facilitator takes it out of this one (the "other" proposal comes last).
    """

    title: str
    indices: list[int]
    theme: str | None
    existing_index: int | None
    score: float
    other: bool = False
    alternatives: dict[int, list[int]] = field(default_factory=dict)


@dataclass
class _Card:
    text: str
    toks: list[Token]
    themes: dict[int, float] = field(default_factory=dict)
    """Theme weights scaled to unit length (shorter when only weak terms matched)."""
    stems: set[str] = field(default_factory=set)


_CACHE_LIMIT = 20_000


def _features(text: str, glossary: Glossary) -> _Card:
    """A card's features, computed once per text and glossary (asking again is cheap)."""
    cached = glossary.card_cache.get(text)
    if cached is None:
        if len(glossary.card_cache) >= _CACHE_LIMIT:
            glossary.card_cache.clear()
        cached = glossary.card_cache[text] = _compute_features(text, glossary)
    return cached  # type: ignore[no-any-return]


def _compute_features(text: str, glossary: Glossary) -> _Card:
    toks = tokens(text, glossary.synonyms)
    fixed: list[Token] = []
    for tok in toks:
        if not glossary.known(tok) and not in_dictionary(tok.word):
            guess = glossary.correct(tok.word)
            if guess is not None:
                fixed_toks = tokens(guess)
                tok = Token(guess, fixed_toks[0].stem if fixed_toks else guess)
        fixed.append(tok)
    themes = glossary.match(fixed)
    if themes:
        # A card's lesser themes are damped, so cards that mention two themes in passing
        # do not bridge two groups into one.
        top = max(themes.values())
        themes = {k: top * (v / top) ** SHARPEN for k, v in themes.items()}
    # Unit length, except that a card matched only by weak terms keeps a shorter vector,
    # so one weak word ("aktif", "bank") pulls it into a theme only half as hard.
    norm = max(math.sqrt(sum(v * v for v in themes.values())), 1.0)
    themes = {k: v / norm for k, v in themes.items()}
    return _Card(text, fixed, themes, {t.stem for t in fixed})


def _word_vectors(cards: list[_Card]) -> list[dict[str, float]]:
    n = len(cards)
    df: Counter[str] = Counter()
    for c in cards:
        df.update(c.stems)
    out = []
    for c in cards:
        vec = {s: math.log(1 + n / df[s]) for s in c.stems}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        out.append({s: v / norm for s, v in vec.items()} if norm else {})
    return out


def _similarities(cards: list[_Card]) -> list[dict[int, float]]:
    """Similarity rows: ``rows[i][j]`` for every j with a non-zero similarity to card i."""
    words = dot_rows(_word_vectors(cards))
    scale = math.sqrt(THEME_WEIGHT)  # so the theme dot product is already weighted
    rows = dot_rows([{k: v * scale for k, v in c.themes.items()} for c in cards])
    themed = [bool(c.themes) for c in cards]
    ww = 1 - THEME_WEIGHT
    for i, row in enumerate(rows):
        if not themed[i]:
            rows[i] = words[i]
            continue
        get = row.get
        for j, w in words[i].items():
            row[j] = get(j, 0.0) + (ww * w if themed[j] else w)
    return rows


def _fit(card: _Card, title: _Card) -> float:
    """How well a card fits a category title: theme cosine and share of the title's words."""
    if not title.stems:
        return 0.0
    words = len(card.stems & title.stems) / len(title.stems)
    if card.themes and title.themes:
        cos = sum(w * title.themes.get(k, 0.0) for k, w in card.themes.items())
        return THEME_WEIGHT * cos + (1 - THEME_WEIGHT) * max(words, cos)
    return words


def _best_existing(
    idx: list[int], cards: list[_Card], rows: list[dict[int, float]],
    titles: list[_Card], members: list[range],
) -> tuple[int | None, float]:
    """The existing category that cards ``idx`` fit best, and how well (or None).

    The fit to a category is the better of the fit to its title and the average
    similarity to its cards (what average-link clustering would merge on), so a
    category that has no title yet (titles come at step 5) can still be proposed.
    """
    best, best_score = None, FIT_THRESHOLD
    for k, title in enumerate(titles):
        score = sum(_fit(cards[i], title) for i in idx) / len(idx)
        inside = members[k]
        if len(inside):
            total = sum(rows[i].get(j, 0.0) for i in idx for j in inside)
            score = max(score, total / (len(idx) * len(inside)))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = k, score
    return best, best_score


def _existing(
    n: int, titles: list[str] | None, cards: list[list[str]] | None
) -> tuple[list[str], list[list[str]], list[range]]:
    if titles is not None and cards is not None and len(titles) != len(cards):
        raise ValueError("existing_titles and existing_cards differ in length")
    count = len(titles) if titles is not None else len(cards or [])
    titles = list(titles) if titles is not None else [""] * count
    cards = [list(c) for c in cards] if cards is not None else [[] for _ in range(count)]
    ranges, start = [], n
    for texts in cards:
        ranges.append(range(start, start + len(texts)))
        start += len(texts)
    return titles, cards, ranges


def suggest_groups(
    texts: list[str],
    *,
    existing_titles: list[str] | None = None,
    existing_cards: list[list[str]] | None = None,
    glossary: Glossary | None = None,
    lang: str = "id",
) -> list[SuggestedGroup]:
    """Propose groups of cards that say the same thing.

    Args:
        texts: The texts of the cards to group (e.g. those in no category yet).
        existing_titles: Titles of categories that already exist ("" if untitled); a
            group (or a single card) that fits one gets its index as ``existing_index``.
        existing_cards: The texts of the cards already in each existing category, in the
            same order as ``existing_titles`` (which may then be omitted).
        glossary: Themes and synonyms; the shipped glossary when None.
        lang: Language of the proposed titles ("id" or "en").

    Returns:
        Groups, largest first (then most cohesive), then the "other" group of every card
        that fits no group and no existing category (``other=True``, titled
        "Lain-lain / belum jelas"). Every card with text is in exactly one group; blank
        cards are in none. A group that fits a titled category takes its title.

    Raises:
        ValueError: ``existing_titles`` and ``existing_cards`` differ in length.
    """
    g = glossary or default_glossary()
    n = len(texts)
    titles, in_cats, members = _existing(n, existing_titles, existing_cards)
    cards = [_features(t, g) for t in texts] + [_features(t, g) for c in in_cats for t in c]
    title_feats = [_features(t, g) for t in titles]
    rows = _similarities(cards)
    own = [{j: v for j, v in row.items() if j < n} for row in rows[:n]]
    # Clustering consumes its rows; ``own`` is needed afterwards (titles, alternatives).
    found = [idx for idx, _ in average_link([dict(r) for r in own], THRESHOLD)]
    grouped = {i for idx in found for i in idx}
    singles: list[tuple[int, int, float]] = []
    alone: list[int] = []
    for i in range(n):
        if i in grouped or not texts[i].strip():
            continue
        existing, fit = _best_existing([i], cards, rows, title_feats, members) if (
            titles and cards[i].stems) else (None, 0.0)
        if existing is not None:
            singles.append((i, existing, fit))
            continue
        k, avg = _nearest_group(i, found, own)
        if k is not None and avg >= ATTACH_THRESHOLD:
            found[k].append(i)
        else:
            alone.append(i)
    out: list[SuggestedGroup] = []
    for idx in found:
        idx.sort()
        title, theme = group_title(idx, cards, own, g, lang)
        existing, _ = _best_existing(idx, cards, rows, title_feats, members)
        if existing is not None and titles[existing].strip():
            title = titles[existing]
        out.append(SuggestedGroup(title, idx, theme, existing, round(_cohesion(idx, own), 4)))
    for i, existing, fit in singles:
        title, theme = group_title([i], cards, own, g, lang)
        if titles[existing].strip():
            title = titles[existing]
        out.append(SuggestedGroup(title, [i], theme, existing, round(min(fit, 1.0), 4)))
    out.sort(key=lambda s: (-len(s.indices), -s.score, s.indices[0]))
    if alone:
        out.append(SuggestedGroup(g.other_title(lang), alone, None, None, 0.0, other=True))
    return _with_alternatives(out, own, rows, members)


def _cohesion(idx: list[int], rows: list[dict[int, float]]) -> float:
    pairs = len(idx) * (len(idx) - 1) / 2
    total = sum(rows[i].get(j, 0.0) for a, i in enumerate(idx) for j in idx[a + 1:])
    return total / pairs if pairs else 0.0


def _nearest_group(
    i: int, groups: list[list[int]], rows: list[dict[int, float]]
) -> tuple[int | None, float]:
    """The group card ``i`` is most similar to on average, and that average."""
    sums: dict[int, float] = {}
    where = {j: k for k, idx in enumerate(groups) for j in idx}
    for j, v in rows[i].items():
        k = where.get(j)
        if k is not None:
            sums[k] = sums.get(k, 0.0) + v
    if not sums:
        return None, 0.0
    k = max(sums, key=lambda k: (sums[k] / len(groups[k]), -k))
    return k, sums[k] / len(groups[k])


def _with_alternatives(
    out: list[SuggestedGroup], own: list[dict[int, float]], rows: list[dict[int, float]],
    members: list[range],
) -> list[SuggestedGroup]:
    """Give each card of each proposal the other proposals it fits, best first."""
    where = {i: p for p, s in enumerate(out) for i in s.indices}
    sizes = [len(s.indices) + (len(members[s.existing_index])
                               if s.existing_index is not None else 0) for s in out]
    cat_of = {j: p for p, s in enumerate(out) if s.existing_index is not None
              for j in members[s.existing_index]}
    result = []
    for p, s in enumerate(out):
        alts: dict[int, list[int]] = {}
        for i in s.indices:
            sums: dict[int, float] = {}
            for j, v in rows[i].items():
                q = where.get(j) if j < len(own) else cat_of.get(j)
                if q is not None and q != p and not out[q].other:
                    sums[q] = sums.get(q, 0.0) + v
            ranked = sorted((q for q, v in sums.items() if v / sizes[q] >= ALTERNATIVE_MIN),
                            key=lambda q: (-sums[q] / sizes[q], q))
            alts[i] = ranked
        result.append(replace(s, alternatives=alts))
    return result


def suggest_for_card(
    text: str,
    existing_titles: list[str],
    *,
    existing_cards: list[list[str]] | None = None,
    glossary: Glossary | None = None,
) -> int | None:
    """The index of the existing category a new card fits best, or None if none fits.

    Args:
        text: The new card's text.
        existing_titles: The categories' titles ("" if untitled).
        existing_cards: The texts of each category's cards (same order), if known.
        glossary: Themes and synonyms; the shipped glossary when None.
    """
    g = glossary or default_glossary()
    titles, in_cats, members = _existing(1, existing_titles, existing_cards)
    cards = [_features(text, g)] + [_features(t, g) for c in in_cats for t in c]
    if not cards[0].stems:
        return None
    rows = _similarities(cards)
    return _best_existing([0], cards, rows, [_features(t, g) for t in titles], members)[0]


def suggestions_json(groups: list[SuggestedGroup]) -> dict[str, list[dict[str, object]]]:
    """The ``mpa suggest --json`` shape: ``{"groups": [{"title", "cards"}]}``.

    ``cards`` are 1-based line numbers, assuming ``suggest_groups`` got every line of the
    file (blank lines included, they are never grouped). The "Lain-lain" group also has
    ``"other": true``.
    """
    out: list[dict[str, object]] = []
    for g in groups:
        row: dict[str, object] = {"title": g.title, "cards": [i + 1 for i in g.indices]}
        if g.other:
            row["other"] = True
        out.append(row)
    return {"groups": out}


def warm_up(glossary: Glossary | None = None) -> None:
    """Load the stemmer and the glossary ahead of time (e.g. in a worker when the
    Kelompokkan step opens), so the first suggestion costs what later ones do."""
    g = glossary or default_glossary()
    _features("modal usaha kurang, pemasaran susah", g)
