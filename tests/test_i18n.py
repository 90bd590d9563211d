"""Catalogs stay complete: same keys in id and en, and every key used in code exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from mpa_tui.i18n import LANGUAGES, catalogs, t

SRC = Path(__file__).resolve().parents[1] / "src" / "mpa_tui"
# Literal keys passed to t(...) / problem keys built as "error.<key>" are checked here.
_CALL = re.compile(r"""\bt\(\s*["']([a-z0-9_.\-]+)["']""")


def test_both_languages_have_the_same_keys() -> None:
    cats = catalogs()
    assert set(cats["id"]) == set(cats["en"]), set(cats["id"]) ^ set(cats["en"])


def test_placeholders_match_between_languages() -> None:
    cats = catalogs()
    fmt = string.Formatter()
    for key, text in cats["id"].items():
        ids = {f for _, f, _, _ in fmt.parse(text) if f}
        ens = {f for _, f, _, _ in fmt.parse(cats["en"][key]) if f}
        assert ids == ens, key


def test_every_key_used_in_code_exists() -> None:
    known = set(catalogs()["id"])
    missing = []
    for path in SRC.rglob("*.py"):
        for key in _CALL.findall(path.read_text(encoding="utf-8")):
            if key not in known and not key.endswith("."):
                missing.append(f"{path.relative_to(SRC)}: {key}")
    assert not missing, missing


def test_no_empty_texts() -> None:
    for lang in LANGUAGES:
        assert all(v.strip() for v in catalogs()[lang].values()), lang


def test_fallback_and_params() -> None:
    assert t("error.text_too_long", "en", max_len=7) == "Text is too long (at most 7 characters)."
    assert t("no.such.key") == "no.such.key"
