"""Message catalogs (Bahasa Indonesia first, English second) and ``t(key, **kw)``.

Catalogs are JSON files in ``catalogs/``, one per area of the app (so separate parts
can grow without editing one shared file), each ``{"id": {...}, "en": {...}}``. Keys are
unique across files. Every user-visible string comes from here.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from mpa_tui.domain.errors import DomainError, Problem

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current = DEFAULT_LANGUAGE


@cache
def catalogs() -> dict[str, dict[str, str]]:
    """All catalogs merged: ``{"id": {key: text}, "en": {key: text}}``."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    # A plain folder next to this file (pip installs packages unzipped); importlib.resources
    # and json cost start-up time for nothing here.
    folder = Path(__file__).with_name("catalogs")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = orjson.loads(entry.read_bytes())
        for lang in LANGUAGES:
            for key, text in data.get(lang, {}).items():
                if key in merged[lang]:
                    raise RuntimeError(f"duplicate i18n key {key!r} in {entry.name}")
                merged[lang][key] = text
    return merged


def resolve_language(explicit: str | None = None) -> str:
    """The language to use: explicit choice > ``MPA_LANG`` > Indonesian."""
    for candidate in (explicit, os.environ.get("MPA_LANG")):
        if candidate and candidate.lower()[:2] in LANGUAGES:
            return candidate.lower()[:2]
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Switch the language of all later ``t()`` calls."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def get_language() -> str:
    """The current language code."""
    return _current


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """Translate ``key`` into the current (or given) language, filling ``{params}``.

    A key missing from the chosen language falls back to Indonesian, then to the key
    itself, so a gap shows up on screen instead of crashing (a test keeps catalogs full).
    """
    cats = catalogs()
    text = cats[lang or _current].get(key) or cats[DEFAULT_LANGUAGE].get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def problem_text(problem: Problem, lang: str | None = None) -> str:
    """The message for a domain :class:`Problem` (``error.<key>``)."""
    key = f"error.{problem.key}"
    if key not in catalogs()[DEFAULT_LANGUAGE]:
        key = "error.invalid"
    return t(key, lang, **problem.params)


def error_text(error: Exception, lang: str | None = None) -> str:
    """A one-line, translated message for an error from the domain or pydantic."""
    from pydantic import ValidationError

    from mpa_tui.domain.errors import problems_from

    if isinstance(error, DomainError):
        return problem_text(Problem("", error.key, error.params), lang)
    if isinstance(error, ValidationError):
        probs = problems_from(error)
        return "; ".join(dict.fromkeys(problem_text(p, lang) for p in probs))
    return t("error.invalid", lang)
