"""Dates and numbers as a reader in each language writes them (Babel/CLDR)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from mpa_tui.i18n.formats import (
    cldr_catalog,
    format_day,
    format_day_range,
    format_moment,
    format_number,
    parse_day,
)

D = dt.date


def test_indonesian_dates() -> None:
    assert format_day(D(2023, 6, 8), "id") == "8 Juni 2023"
    assert format_day(D(2023, 6, 8), "id", weekday=True) == "Kamis, 8 Juni 2023"
    assert format_day_range(D(2023, 6, 8), D(2023, 6, 9), "id") == "8–9 Juni 2023"
    assert format_day_range(D(2023, 6, 30), D(2023, 7, 2), "id") == "30 Juni–2 Juli 2023"
    assert (format_day_range(D(2023, 12, 30), D(2024, 1, 2), "id")
            == "30 Desember 2023–2 Januari 2024")
    assert format_day_range(D(2023, 6, 8), D(2023, 6, 8), "id") == "8 Juni 2023"
    assert format_day(None, "id") == ""


def test_english_dates() -> None:
    assert format_day(D(2023, 6, 8), "en") == "8 June 2023"
    assert format_day(D(2023, 6, 8), "en", weekday=True) == "Thursday, 8 June 2023"
    assert format_day_range(D(2023, 6, 8), D(2023, 6, 9), "en") == "8–9 June 2023"


def test_numbers_in_each_language() -> None:
    assert format_number(1.75, "id") == "1,75"
    assert format_number(1234, "id") == "1.234"
    assert format_number(1234.5, "id") == "1.234,5"
    assert format_number(2.0, "id") == "2"
    assert format_number(1.75, "en") == "1.75"
    assert format_number(1234, "en") == "1,234"


def test_numbers_are_written_as_babel_writes_them() -> None:
    """The quick path for plain numbers gives Babel's text exactly (rounding included)."""
    import random

    from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

    from mpa_tui.i18n.formats import NUMBER_SYMBOLS, _locale

    rnd = random.Random(7)
    values: list[float] = [0, 7, 999, 1000, 12345, 1234567, 10**12 + 5, -1234, 0.0, -0.0,
                           1.005, 2.675, 0.125, 0.135, 1.5, 2.5, 1234.5, 999.995, 0.001,
                           1e-7, 12.0, 1e14 + 0.25, 3e15, -2.5, float("inf")]
    values += [rnd.uniform(0, 10) for _ in range(300)]
    values += [round(rnd.uniform(0, 5), 3) for _ in range(300)]
    for lang in ("id", "en"):
        loc = _locale(lang)
        assert NUMBER_SYMBOLS[lang] == (get_group_symbol(loc), get_decimal_symbol(loc))
        for decimals in (0, 1, 2):
            pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
            for v in values:
                assert format_number(v, lang, decimals=decimals) == format_decimal(
                    v, pattern, locale=loc), (v, lang, decimals)


def test_moment_uses_the_language_clock() -> None:
    when = dt.datetime(2023, 6, 8, 14, 5)
    assert format_moment(when, "id") == "8 Juni 2023 14.05"
    assert format_moment(when, "en") == "8 June 2023 14:05"


def test_parse_either_language_month_names() -> None:
    assert parse_day("8 Juni 2023") == D(2023, 6, 8)
    assert parse_day("8 June 2023", "en") == D(2023, 6, 8)
    assert parse_day("31 Februari 2023") is None
    assert parse_day("2023-06-08") is None


def test_importing_formats_does_not_load_babel() -> None:
    code = "import sys, mpa_tui.i18n.formats; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_month_catalog_is_cldr_as_babel_holds_it() -> None:
    import json
    from pathlib import Path

    import mpa_tui.i18n as i18n

    path = Path(i18n.__file__).with_name("catalogs") / "cldr.json"
    assert json.loads(path.read_text(encoding="utf-8")) == cldr_catalog(), (
        "regenerate catalogs/cldr.json from formats.cldr_catalog()")


def test_home_dates_load_no_babel() -> None:
    code = ("import sys, datetime; from mpa_tui.i18n.formats import format_day; "
            "print(format_day(datetime.date(2023, 6, 8), 'id'), 'babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "8 Juni 2023 False"


def test_forms_show_the_one_date_form_and_read_it_back() -> None:
    from mpa_tui.i18n import set_language
    from mpa_tui.tui.dialogs.form import date_text, parse_date

    try:
        for lang in ("id", "en"):
            set_language(lang)
            for month in range(1, 13):
                day = D(2023, month, 28)
                assert parse_date(date_text(day)) == day
        set_language("id")
        assert date_text(D(2023, 6, 8)) == "8 Juni 2023"
        assert parse_date("2023-06-08") == D(2023, 6, 8)  # typing ISO still works
        assert parse_date("8 Jni 2023") == "8 Jni 2023"  # the model refuses it, in words
    finally:
        set_language("id")
