"""Titles of proposed groups: the glossary theme's title, or the group's own words.

A group whose cards mostly share one glossary theme is titled with that theme. Otherwise
the title is the key phrase of the group's most representative card (the one most
similar to the others): its words that other cards of the group also use, in the order
the card has them, as participants wrote them. A group about something the glossary never
heard of ("rumput laut", "gurita") is then named in the group's own words, not with the
nearest wrong theme.

Pure: no I/O, no Textual, no TinyDB, no i18n.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from mpa_tui.domain.normalise import Token
from mpa_tui.domain.suggest_glossary import WEAK, Glossary

DOMINANT_SHARE = 0.5
"""Share of a group's cards whose main theme must agree for the theme to name the group."""

PHRASE_WORDS = 3
"""Most words of a key phrase."""


class CardLike(Protocol):
    """What titling needs of a card's features."""

    text: str
    toks: list[Token]
    themes: dict[int, float]
    stems: set[str]


def main_theme(card: CardLike) -> int | None:
    """The card's clear theme: the heaviest, if it outweighs a single weak word."""
    if not card.themes:
        return None
    theme, weight = max(card.themes.items(), key=lambda kv: (kv[1], -kv[0]))
    return theme if weight > WEAK else None


def medoid(idx: Sequence[int], rows: Sequence[dict[int, float]]) -> int:
    """The group's most representative card: the highest total similarity to the others."""
    return max(idx, key=lambda i: (sum(rows[i].get(j, 0.0) for j in idx), -i))


def group_title(
    idx: Sequence[int], cards: Sequence[CardLike], rows: Sequence[dict[int, float]],
    glossary: Glossary, lang: str,
) -> tuple[str, str | None]:
    """The title of the group of cards ``idx`` and the id of the theme naming it (or None).

    Args:
        idx: The group's card indices.
        cards: Every card's features (indexed like ``rows``).
        rows: Similarity rows (``rows[i][j]``, absent means 0).
        glossary: Gives theme titles.
        lang: Language of a theme title ("id" or "en").
    """
    mains = Counter(t for t in (main_theme(cards[i]) for i in idx) if t is not None)
    if mains:
        # Most cards first, then the most weight over the whole group ("sumur kering" is
        # water and drought alike; next to "air bersih" the group is about water).
        weight: Counter[int] = Counter()
        for i in idx:
            weight.update(cards[i].themes)
        theme, count = max(mains.items(), key=lambda kv: (kv[1], weight[kv[0]], -kv[0]))
        if count >= DOMINANT_SHARE * len(idx):
            th = glossary.themes[theme]
            return th.title_in(lang), th.id
    return key_phrase(idx, cards, rows), None


def key_phrase(
    idx: Sequence[int], cards: Sequence[CardLike], rows: Sequence[dict[int, float]]
) -> str:
    """The most representative card's words that the group shares, as written."""
    on_cards: Counter[str] = Counter()
    for i in idx:
        on_cards.update(cards[i].stems)
    best = cards[medoid(idx, rows)]
    shared: list[str] = []
    seen: set[str] = set()
    for tok in best.toks:
        if tok.stem not in seen and (on_cards[tok.stem] > 1 or len(idx) == 1):
            seen.add(tok.stem)
            shared.append(tok.word)
    words = shared[:PHRASE_WORDS] or [t.word for t in best.toks[:PHRASE_WORDS]]
    text = " ".join(as_written(w, [cards[i] for i in idx]) for w in words)
    return text[:1].upper() + text[1:]


def as_written(word: str, cards: Sequence[CardLike]) -> str:
    """Keep an acronym's capitals as participants wrote them ("BPJS", "PIRT")."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for c in cards:
        found = pattern.search(c.text)
        if found and found.group(0).isupper() and len(word) > 1:
            return found.group(0)
    return word
