"""Message catalogs (Bahasa Indonesia first, English second) and ``t(key, **kw)``.

Catalogs are JSON files in ``catalogs/``, one per area of the app (so separate parts
can grow without editing one shared file), each ``{"id": {...}, "en": {...}}``. Keys are
unique across files. Every user-visible string comes from here; the lookup itself is
:func:`mpa_tui.i18n.catalog.translate`, shared with the CLI's ``--help``: importing
this package loads no domain model (the error helpers import it when called).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from mpa_tui.i18n.catalog import DEFAULT_LANGUAGE, LANGUAGES, UNTITLED, catalogs, translate

if TYPE_CHECKING:
    from mpa_tui.domain.errors import Problem

_current = DEFAULT_LANGUAGE


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
    """Translate ``key`` into the current (or given) language, filling ``{params}``
    (:func:`mpa_tui.i18n.catalog.translate`)."""
    return translate(key, lang or _current, **params)


def problem_text(problem: Problem, lang: str | None = None) -> str:
    """The message for a domain :class:`Problem` (``error.<key>``)."""
    key = f"error.{problem.key}"
    if key not in catalogs()[DEFAULT_LANGUAGE]:
        key = "error.invalid"
    return t(key, lang, **problem.params)


def error_text(error: Exception, lang: str | None = None) -> str:
    """A one-line, translated message for an error from the domain or pydantic."""
    from pydantic import ValidationError

    from mpa_tui.domain.errors import DomainError, Problem, problems_from

    if isinstance(error, DomainError):
        return problem_text(Problem("", error.key, error.params), lang)
    if isinstance(error, ValidationError):
        probs = problems_from(error)
        return "; ".join(dict.fromkeys(problem_text(p, lang) for p in probs))
    return t("error.invalid", lang)


__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "UNTITLED", "catalogs", "error_text", "get_language",
    "problem_text", "resolve_language", "set_language", "t",
]
