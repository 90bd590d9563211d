"""Grouping suggestions for the Kelompokkan step: offline, Indonesian-aware.

How it works (each card's features are computed once):

1. :mod:`~mpa_tui.domain.normalise` turns a card into content tokens (spelling fixed,
   stop words out, stems); a word that matches nothing in the glossary but is spelled
   like a glossary word is read as that word (typos).
2. The glossary (:mod:`~mpa_tui.domain.suggest_glossary`) gives the card a weight per
   theme (capital, marketing, bookkeeping ...): participants use different words for the
   same problem ("modal", "pinjaman", "rentenir"), so word overlap alone misses them.
3. The similarity of two cards is ``THEME_WEIGHT * cos(themes) + (1 - THEME_WEIGHT) *
   cos(words)`` when both have a theme, else the cosine of their words alone (stems
   weighted by inverse document frequency, so a word on every card counts little).
4. Average-link agglomerative clustering merges the most similar groups while their
   average similarity is at least :data:`THRESHOLD`. Cards left alone are not proposed
   (unless they fit an existing category).
5. A group's title is its theme's title when most of its cards share that theme, else
   its most frequent words in the form participants wrote them.

Pure: no I/O beyond the shipped glossary, no Textual, no TinyDB, no i18n.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from mpa_tui.domain.normalise import Token, in_dictionary, tokens
from mpa_tui.domain.suggest_cluster import average_link, dot_rows
from mpa_tui.domain.suggest_glossary import WEAK, Glossary, default_glossary

THEME_WEIGHT = 0.6
"""Share of the theme cosine in the similarity of two cards that both have a theme."""

THRESHOLD = 0.35
"""Least average similarity for two groups to merge."""

FIT_THRESHOLD = 0.4
"""Least fit (to the title, or average similarity to the cards) for a card or group to be
proposed into an existing category; a little stricter than :data:`THRESHOLD`, because
moving cards into a category the group made is a stronger claim than a new group."""

DOMINANT_SHARE = 0.5
"""Share of a group's cards whose main theme must agree for the theme to name the group."""


@dataclass(frozen=True)
class SuggestedGroup:
    """One proposed group of cards.

    Attributes:
        title: Proposed title (theme title or key words), in the requested language.
        indices: 0-based indices into the texts, ascending.
        theme: Id of the glossary theme that dominates the group, if one does.
        existing_index: Index into ``existing_titles`` of the category the group fits.
        score: Cohesion in [0, 1]: the mean similarity of the group's pairs of cards
            (for a one-card group proposed into a category: its fit to that category).
    """

    title: str
    indices: list[int]
    theme: str | None
    existing_index: int | None
    score: float


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


def _main_theme(card: _Card) -> int | None:
    """The card's clear theme: the heaviest, if it outweighs a single weak word."""
    if not card.themes:
        return None
    theme, weight = max(card.themes.items(), key=lambda kv: (kv[1], -kv[0]))
    return theme if weight > WEAK else None


def _title(cards: list[_Card], glossary: Glossary, lang: str) -> tuple[str, str | None]:
    mains = Counter(t for t in (_main_theme(c) for c in cards) if t is not None)
    if mains:
        theme, count = max(mains.items(), key=lambda kv: (kv[1], -kv[0]))
        if count >= DOMINANT_SHARE * len(cards):
            th = glossary.themes[theme]
            return th.title_in(lang), th.id
    # Key words: stems on most cards, shown as the form participants wrote most often.
    on_cards: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for c in cards:
        on_cards.update(c.stems)
        for t in c.toks:
            forms.setdefault(t.stem, Counter())[t.word] += 1
    top = sorted(on_cards.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    shown = [forms[s].most_common(1)[0][0] for s, k in top if k > 1] or [
        forms[s].most_common(1)[0][0] for s, _ in top[:1]]
    shown = [_as_written(w, cards) for w in shown]
    joiner = " dan " if lang == "id" else " and "
    text = joiner.join(shown)
    return (text[:1].upper() + text[1:]) if text else "", None


def _as_written(word: str, cards: list[_Card]) -> str:
    """Keep an acronym's capitals as participants wrote them ("BPJS", "PIRT")."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for c in cards:
        found = pattern.search(c.text)
        if found and found.group(0).isupper() and len(word) > 1:
            return found.group(0)
    return word


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
        Groups, largest first (then most cohesive); each card is in at most one group;
        cards that fit no group and no existing category are left out. A group that
        fits a titled category takes its title.

    Raises:
        ValueError: ``existing_titles`` and ``existing_cards`` differ in length.
    """
    g = glossary or default_glossary()
    n = len(texts)
    titles, in_cats, members = _existing(n, existing_titles, existing_cards)
    cards = [_features(t, g) for t in texts] + [_features(t, g) for c in in_cats for t in c]
    title_feats = [_features(t, g) for t in titles]
    rows = _similarities(cards)
    # Clustering consumes its rows: hand it copies when rows are needed for the fit below.
    own = rows if len(cards) == n else [
        {j: v for j, v in row.items() if j < n} for row in rows[:n]]
    groups = average_link(own, THRESHOLD)
    grouped = {i for idx, _ in groups for i in idx}
    out: list[SuggestedGroup] = []
    for idx, score in groups:
        title, theme = _title([cards[i] for i in idx], g, lang)
        existing, _ = _best_existing(idx, cards, rows, title_feats, members)
        if existing is not None and titles[existing].strip():
            title = titles[existing]
        out.append(SuggestedGroup(title, idx, theme, existing, round(score, 4)))
    if titles:
        for i in range(n):
            if i in grouped or not cards[i].stems:
                continue
            existing, fit = _best_existing([i], cards, rows, title_feats, members)
            if existing is not None:
                title, theme = _title([cards[i]], g, lang)
                if titles[existing].strip():
                    title = titles[existing]
                out.append(SuggestedGroup(title, [i], theme, existing, round(min(fit, 1.0), 4)))
    out.sort(key=lambda s: (-len(s.indices), -s.score, s.indices[0]))
    return out


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
    file (blank lines included, they are never grouped).
    """
    return {"groups": [{"title": g.title, "cards": [i + 1 for i in g.indices]} for g in groups]}


def warm_up(glossary: Glossary | None = None) -> None:
    """Load the stemmer and the glossary ahead of time (e.g. in a worker when the
    Kelompokkan step opens), so the first suggestion costs what later ones do."""
    g = glossary or default_glossary()
    _features("modal usaha kurang, pemasaran susah", g)
