"""The field's glossary of themes and synonyms, and matching cards against it.

The glossary ships as ``data/glossary/themes.json`` (package ``mpa_tui.data``) and can be
extended with the user's own files of the same shape: a theme with a known id gets the
extra terms, a new id adds a theme, ``synonyms`` add spelling fixes. Shape::

    {"synonyms": {"duit": "uang"},
     "other": {"id": "Lain-lain / belum jelas", "en": "Other / unclear"},
     "themes": [{"id": "modal", "title": {"id": "Modal usaha", "en": "Capital"},
                 "terms": ["modal", "uang usaha", "=jalan"], "weak": ["bank"]}]}

A term is matched after the same normalisation as the cards (so "catatan keuangan"
also matches "mencatat keuangan"); a term starting with "=" matches only the written
word, not its stem; "weak" terms count half. Where a card's word matches one theme as
written and another only by its stem ("keuangan": bookkeeping as written, capital by
its stem "uang"), the written match wins; phrases are matched before single words and
use up their words ("simpan pinjam" is the cooperative, not a loan).

Words that match nothing are compared with the glossary's words by spelling, so typos
("modl", "pemasarn") still find their theme.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path
from typing import Any

from mpa_tui.domain.errors import DomainError
from mpa_tui.domain.normalise import Token, fold, stem_en, stem_id, tokens

WEAK = 0.5
"""Weight of a theme's "weak" terms (words that also occur in other contexts)."""

OTHER_TITLE = {"id": "Lain-lain / belum jelas", "en": "Other / unclear"}
"""Title of the cards that fit no group, unless a glossary file gives its own ("other")."""

TYPO_RATIO = 0.8
"""Least difflib ratio for an unknown word to be read as a glossary word (~1 typo in 5 letters)."""


@dataclass(frozen=True)
class Theme:
    """One theme of the glossary."""

    id: str
    title: dict[str, str]

    def title_in(self, lang: str) -> str:
        """The theme's title in ``lang``, falling back to Indonesian, then the id."""
        return self.title.get(lang) or self.title.get("id") or self.id


@dataclass
class Glossary:
    """Themes and synonyms, indexed for matching tokens (see the module docstring)."""

    themes: list[Theme] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)
    surface: dict[str, dict[int, float]] = field(default_factory=dict)
    stems: dict[str, dict[int, float]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], int, float]]] = field(default_factory=dict)
    _bigrams: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _typo_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    card_cache: dict[str, Any] = field(default_factory=dict, repr=False)
    """Per-text card features computed with this glossary (see ``suggest._features``)."""
    other: dict[str, str] = field(default_factory=lambda: dict(OTHER_TITLE))
    """Title of the proposal of cards that fit no group, per language."""

    def other_title(self, lang: str) -> str:
        """The "Lain-lain / belum jelas" title in ``lang``, falling back to Indonesian."""
        return self.other.get(lang) or self.other.get("id") or OTHER_TITLE["id"]

    def theme_index(self, theme_id: str) -> int | None:
        """Position of the theme with this id, or None."""
        return next((i for i, t in enumerate(self.themes) if t.id == theme_id), None)

    def add_term(self, theme: int, term: str, weight: float) -> None:
        """Index one term of a theme (a word or phrase, "=" for written form only)."""
        exact = term.startswith("=")
        toks = tokens(term.lstrip("="), self.synonyms)
        if not toks:
            return
        if len(toks) == 1:
            w = toks[0].word
            _put(self.surface, w, theme, weight)
            if not exact:
                for st in {stem_id(w), stem_en(w)}:
                    _put(self.stems, st, theme, weight)
            for gram in _grams(w):
                self._bigrams.setdefault(gram, set()).add(w)
            return
        for stemmer in (stem_id, stem_en):
            seq = tuple(stemmer(t.word) for t in toks)
            entries = self.phrases.setdefault(seq[0], [])
            if not any(s == seq and th == theme for s, th, _ in entries):
                entries.append((seq, theme, weight))
                entries.sort(key=lambda e: -len(e[0]))  # longest phrase first

    def correct(self, word: str) -> str | None:
        """The glossary word that ``word`` is probably a typo of, or None."""
        if word in self._typo_cache:
            return self._typo_cache[word]
        best: str | None = None
        if len(word) >= 4:
            grams = _grams(word)
            counts: dict[str, int] = {}
            for g in grams:
                for cand in self._bigrams.get(g, ()):
                    counts[cand] = counts.get(cand, 0) + 1
            best_ratio = TYPO_RATIO
            for cand, shared in counts.items():
                # Bigram filter first: difflib is ~100x slower than a dict look-up.
                # A short word allows one letter more or less ("modl"), not two ("food"
                # is not "gofood").
                slack = 2 if len(word) >= 6 else 1
                if shared * 2 < len(grams) or abs(len(cand) - len(word)) > slack or len(cand) < 4:
                    continue
                ratio = SequenceMatcher(None, word, cand).ratio()
                if ratio >= best_ratio and (ratio > best_ratio or best is None):
                    best, best_ratio = cand, ratio
        self._typo_cache[word] = best
        return best

    def known(self, tok: Token) -> bool:
        """Whether a token matches some theme (as written, by stem or starting a phrase)."""
        return tok.word in self.surface or tok.stem in self.stems or tok.stem in self.phrases

    def match(self, toks: list[Token]) -> dict[int, float]:
        """Theme weights of a card's tokens: phrases first, then written forms, then stems."""
        out: dict[int, float] = {}
        used = [False] * len(toks)
        for i, tok in enumerate(toks):
            for seq, theme, weight in self.phrases.get(tok.stem, ()):
                n = len(seq)
                if i + n <= len(toks) and all(toks[i + k].stem == seq[k] for k in range(n)):
                    out[theme] = out.get(theme, 0.0) + weight
                    for k in range(n):
                        used[i + k] = True
        for i, tok in enumerate(toks):
            if used[i]:
                continue
            hits = self.surface.get(tok.word) or self.stems.get(tok.stem)
            if hits:
                for theme, weight in hits.items():
                    out[theme] = out.get(theme, 0.0) + weight
        return out


def _put(index: dict[str, dict[int, float]], key: str, theme: int, weight: float) -> None:
    slot = index.setdefault(key, {})
    slot[theme] = max(slot.get(theme, 0.0), weight)


def _grams(word: str) -> set[str]:
    w = f"^{word}$"
    return {w[i : i + 2] for i in range(len(w) - 1)}


def _read(source: Path | str | Any) -> dict[str, Any]:
    name = str(getattr(source, "name", source))
    try:
        data = json.loads(Path(source).read_text("utf-8") if isinstance(source, str | Path)
                          else source.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError("glossary_invalid", file=name, reason=str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("themes", []), list):
        raise DomainError("glossary_invalid", file=name, reason="themes")
    return data


def build_glossary(docs: Iterable[Mapping[str, Any]], names: Sequence[str] = ()) -> Glossary:
    """Build a glossary from parsed glossary documents, later ones extending earlier ones.

    Args:
        docs: Parsed JSON documents (see the module docstring).
        names: The documents' file names, for error messages.

    Raises:
        DomainError: ``glossary_invalid`` when a theme lacks an id or its terms are not
            lists of strings.
    """
    docs = list(docs)
    g = Glossary()
    if not all(isinstance(d, Mapping) for d in docs):
        raise DomainError("glossary_invalid", file="", reason="not an object")
    for n, doc in enumerate(docs):
        syn = doc.get("synonyms") or {}
        if not isinstance(syn, Mapping):
            raise DomainError("glossary_invalid", file=names[n] if n < len(names) else "",
                              reason="synonyms")
        for k, v in syn.items():
            if isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip():
                g.synonyms[fold(k.strip())] = fold(v.strip())
    for doc in docs:
        other = doc.get("other")
        if isinstance(other, Mapping):
            g.other.update({str(k): str(v) for k, v in other.items() if str(v).strip()})
    pending: list[tuple[int, str, float]] = []
    for n, doc in enumerate(docs):
        name = names[n] if n < len(names) else ""
        for raw in doc.get("themes", []):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
                raise DomainError("glossary_invalid", file=name, reason="theme id")
            idx = g.theme_index(raw["id"])
            raw_title = raw.get("title")
            title = {str(k): str(v) for k, v in raw_title.items()} if isinstance(
                raw_title, dict) else {}
            if idx is None:
                g.themes.append(Theme(raw["id"], title))
                idx = len(g.themes) - 1
            else:
                g.themes[idx].title.update(title)
            for key, weight in (("terms", 1.0), ("weak", WEAK)):
                terms = raw.get(key, [])
                if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                    raise DomainError("glossary_invalid", file=name, reason=f"{raw['id']}.{key}")
                pending.extend((idx, t, weight) for t in terms if t.strip())
    for idx, term, weight in pending:
        g.add_term(idx, term, weight)
    return g


_DEFAULT: Glossary | None = None


def default_glossary() -> Glossary:
    """The shipped glossary (built once, then cached)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_glossary()
    return _DEFAULT


def load_glossary(extra: Iterable[Path | str] = ()) -> Glossary:
    """The shipped glossary extended by the user's glossary files.

    Args:
        extra: Paths of JSON files shaped like the shipped one (see the module docstring),
            e.g. ``*.json`` files found in the user's data folder.

    Raises:
        DomainError: ``glossary_invalid`` (params ``file``, ``reason``) for a file that
            cannot be read or is not a glossary.
    """
    shipped = resources.files("mpa_tui.data") / "glossary" / "themes.json"
    extra = list(extra)
    docs = [_read(shipped)] + [_read(p) for p in extra]
    return build_glossary(docs, ["themes.json"] + [Path(p).name for p in extra])


def load_user_glossary(extra: Iterable[Path | str]) -> tuple[Glossary, list[DomainError]]:
    """Like :func:`load_glossary`, but a bad file is skipped and reported, not fatal.

    Returns:
        The glossary built from the shipped file and every readable extra file, and one
        ``glossary_invalid`` error per file left out (to show the user).
    """
    shipped = resources.files("mpa_tui.data") / "glossary" / "themes.json"
    docs, names, errors = [_read(shipped)], ["themes.json"], []
    for p in extra:
        try:
            doc = _read(p)
            build_glossary([doc], [Path(p).name])  # validate this file on its own
        except DomainError as exc:
            errors.append(exc)
            continue
        docs.append(doc)
        names.append(Path(p).name)
    return build_glossary(docs, names), errors


GLOSSARY_DIR = "glossary"
"""Folder, inside the data folder, of the facilitator's or district's own glossary files."""

_USER_GLOSSARIES: dict[str, tuple[object, Glossary, list[DomainError]]] = {}


def user_glossary(data_dir: Path | None) -> tuple[Glossary, list[DomainError]]:
    """The shipped glossary extended by ``<data folder>/glossary/*.json``, and the files
    that could not be used (to tell the facilitator). Read again only when they change."""
    if data_dir is None:
        return default_glossary(), []
    folder = Path(data_dir) / GLOSSARY_DIR
    try:
        files = sorted(p for p in folder.glob("*.json") if p.is_file())
        key: object = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    except OSError:
        files, key = [], ()
    if not files:
        return default_glossary(), []
    cached = _USER_GLOSSARIES.get(str(folder))
    if cached is None or cached[0] != key:
        cached = _USER_GLOSSARIES[str(folder)] = (key, *load_user_glossary(files))
    return cached[1], cached[2]
