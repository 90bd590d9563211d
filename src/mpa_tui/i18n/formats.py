"""Dates and numbers in the reader's language (CLDR data via Babel).

Indonesian: "8 Juni 2023", "8–9 Juni 2023", "Kamis, 8 Juni 2023", "1,75", "1.234".
English (British forms, day before month as in Indonesia): "8 June 2023", "1.75", "1,234".
Babel is imported inside the functions: loading it (and its locale data) costs
start-up time the TUI's first screen should not pay, so plain dates take CLDR's month
names from ``catalogs/cldr.json`` (generated from Babel, checked by a test). Machine
formats (CSV, the JSON bundle) do not use this module: they keep ISO dates and dot
decimals.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

_LOCALES = {"id": "id", "en": "en_GB"}


def _lang(lang: str | None) -> str:
    if lang is None:
        from mpa_tui.i18n import get_language

        lang = get_language()
    return lang if lang in _LOCALES else "id"


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(_LOCALES[lang])


def format_day(value: dt.date | None, lang: str | None = None, *, weekday: bool = False) -> str:
    """A date as people write it: "8 Juni 2023" (weekday: "Kamis, 8 Juni 2023"); "" for None.

    CLDR's ``d MMMM y``, built from the locale's month names: the one date form a
    person reads, in the TUI and in every readable export.
    """
    if value is None:
        return ""
    code = _lang(lang)
    plain = f"{value.day} {_months(code)[value.month]} {value.year}"
    if not weekday:
        return plain
    days = _locale(code).days["format"]["wide"]
    return f"{days[value.weekday()]}, {plain}"


@cache
def _months(lang: str) -> dict[int, str]:
    """CLDR's month names, from ``catalogs/cldr.json``.

    That file is CLDR's data as Babel holds it (:func:`cldr_catalog` writes it; a test
    keeps it equal): the home screen shows a date on every row, and importing Babel
    there cost ~30 ms of a ~0.5 s start-up.
    """
    from mpa_tui.i18n import t

    return {m: t(f"cldr.month.{m}", lang) for m in range(1, 13)}


def cldr_catalog() -> dict[str, dict[str, str]]:
    """Both languages' month names straight from Babel (CLDR), as ``cldr.json`` holds them.

    Dump it as JSON into ``catalogs/cldr.json`` to regenerate the file.
    """
    return {lang: {f"cldr.month.{k}": str(v) for k, v in
                   sorted(_locale(lang).months["format"]["wide"].items())}
            for lang in _LOCALES}


def format_day_range(start: dt.date | None, end: dt.date | None, lang: str | None = None,
                     *, weekday: bool = False) -> str:
    """ "8–9 Juni 2023", "30 Juni–2 Juli 2023", "30 Des 2023–2 Jan 2024" in full; one day alone.

    The shared month and year are written once, as CLDR's interval forms do; an en dash
    joins the two ends.
    """
    if start is None:
        return format_day(end, lang, weekday=weekday)
    if end is None or end == start:
        return format_day(start, lang, weekday=weekday)
    if weekday:
        return f"{format_day(start, lang, weekday=True)}–{format_day(end, lang, weekday=True)}"
    if (start.year, start.month) == (end.year, end.month):
        head = str(start.day)
    elif start.year == end.year:
        head = f"{start.day} {_months(_lang(lang))[start.month]}"
    else:
        head = format_day(start, lang)
    return f"{head}–{format_day(end, lang)}"


def format_moment(value: dt.datetime | None, lang: str | None = None) -> str:
    """A date and local time: "8 Juni 2023 14.05" (Indonesian time uses a dot)."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return f"{format_day(local.date(), lang)} {format_clock(local, lang)}"


def format_clock(value: dt.datetime, lang: str | None = None) -> str:
    """The local time of day alone: "14.05" in Indonesian, "14:05" in English."""
    from babel.dates import format_time

    local = value.astimezone() if value.tzinfo else value
    clock = str(format_time(local, "HH:mm", locale=_locale(_lang(lang))))
    return clock.replace(":", ".") if _lang(lang) == "id" else clock


def format_number(value: float | int | None, lang: str | None = None, *,
                  decimals: int = 2) -> str:
    """A number for reading: "1,75" and "1.234" in Indonesian; at most ``decimals`` places."""
    if value is None:
        return ""
    code = _lang(lang)
    plain = _plain_number(value, code, decimals)
    if plain is not None:
        return plain
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return str(format_decimal(value, pattern, locale=_locale(code)))


NUMBER_SYMBOLS = {"id": (".", ","), "en": (",", ".")}
"""Each language's CLDR thousands and decimal separators (a test keeps them equal to Babel's)."""


def _plain_number(value: float | int, lang: str, decimals: int) -> str | None:
    """What Babel writes for a plain non-negative number (pattern ``#,##0.##``), without
    loading Babel and its locale data: a report shows thousands of numbers, ~40 us each
    through Babel. None: let Babel do it (negative, huge, not finite, not int/float)."""
    from decimal import Decimal

    group, point = NUMBER_SYMBOLS[lang]
    if value.__class__ is int:
        return f"{value:,}".replace(",", group) if value >= 0 else None
    if value.__class__ is not float or not 0 <= value < 1e15:
        return None
    text = str(value)
    if text[0] == "-":  # -0.0
        return None
    # As Babel: the float's shortest text as a Decimal, rounded half-even.
    rounded = Decimal(text).normalize().quantize(Decimal(10) ** -max(decimals, 0))
    whole, _, frac = f"{rounded:f}".partition(".")
    frac = frac.rstrip("0")
    return f"{int(whole):,}".replace(",", group) + (point + frac if frac else "")


def parse_day(text: str, lang: str | None = None) -> dt.date | None:
    """The date in "8 Juni 2023" or "8 June 2023" (either language's month names), else None."""
    parts = text.replace(",", " ").split()
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    wanted = parts[1].casefold().rstrip(".")
    for code in (_lang(lang), *_LOCALES):
        for width in ("wide", "abbreviated"):
            names = _locale(code).months["format"][width]
            for month, name in names.items():
                if str(name).casefold().rstrip(".") == wanted:
                    try:
                        return dt.date(int(parts[2]), int(month), int(parts[0]))
                    except ValueError:
                        return None
    return None
