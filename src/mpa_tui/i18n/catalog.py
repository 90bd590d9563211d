"""The message catalogs and the one translation function, on the standard library only.

``mpa_tui.i18n`` (the current language, error messages) and the CLI's ``--help`` (which
must not load the app) both translate through :func:`translate`; this module and the
package's ``__init__`` load nothing but the standard library and orjson.
Catalogs are JSON files in ``i18n/catalogs/``, one per area, each
``{"id": {...}, "en": {...}}``; keys are unique across files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import orjson

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
UNTITLED = "app.untitled"
"""The one key for a category without a title yet, wherever it is shown."""


@cache
def catalogs() -> dict[str, dict[str, str]]:
    """All catalogs merged: ``{"id": {key: text}, "en": {key: text}}``."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    # A plain folder in the package (pip installs packages unzipped); importlib.resources
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


def translate(key: str, lang: str, **params: Any) -> str:
    """Translate ``key`` into ``lang``, filling ``{params}``.

    A key missing from the chosen language falls back to Indonesian, then to the key
    itself, so a gap shows up on screen instead of crashing (a test keeps catalogs full).
    """
    cats = catalogs()
    text = cats.get(lang, {}).get(key) or cats[DEFAULT_LANGUAGE].get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
