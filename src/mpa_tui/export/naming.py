"""File and folder names that are safe on FAT32/exFAT (and Windows, macOS, Linux).

FAT and exFAT are case-insensitive, refuse ``<>:"/\\|?*`` and control characters, strip
trailing dots and spaces, and Windows reserves device names such as CON or NUL even
with an extension ("con.txt"). An export never overwrites an earlier one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the session model costs 0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

EXPORT_ROOT = "MPA"
MAX_COMPONENT = 40
"""Longest part (group, village) of a folder name, in characters."""
MAX_NAME = 120
"""Longest folder name; FAT's limit is 255 UTF-16 units, paths on Windows stay short."""

SUMS_FILE = "SHA256SUMS"

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_SPACES = re.compile(r"[\s_]+")


def is_reserved(name: str) -> bool:
    """Whether Windows treats ``name`` (with or without extension) as a device."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return stem in _RESERVED


def safe_component(text: str, *, max_len: int = MAX_COMPONENT, fallback: str = "x") -> str:
    """Turn any text into one safe name part.

    Forbidden and invisible characters go, runs of spaces become ``-``, trailing dots and
    spaces are cut, reserved device names get a ``_`` suffix, and the result is never
    empty (``fallback``) and at most ``max_len`` characters.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    text = _FORBIDDEN.sub("", text)
    text = _SPACES.sub("-", text.strip()).strip("-")
    text = text[:max_len].rstrip(". -")
    text = text.lstrip(".")  # no hidden files (and no "." / "..")
    if not text:
        text = fallback
    if is_reserved(text):
        stem, dot, rest = text.partition(".")
        text = f"{stem.rstrip()}_{dot}{rest}"
    return text


WITH_NAMES_SUFFIX = {"id": "_DENGAN-NAMA", "en": "_WITH-NAMES"}
"""Ends the folder of an export that holds participants' names (personal data)."""


def identity_prefix(session: Session, *, today: date | None = None) -> str:
    """``<YYYY-MM-DD>_<group>_<village>``: whose an export (folder or file) is."""
    day = (session.start_date or today or date.today()).isoformat()
    group = safe_component(session.group_name, fallback="kelompok")
    village = safe_component(session.location.village, fallback="desa")
    return f"{day}_{group}_{village}"


def folder_name(session: Session, *, today: date | None = None, with_names: bool = False,
                lang: str = "id") -> str:
    """``<YYYY-MM-DD>_<group>_<village>_<short-id>``: the export folder of a session.

    An export with names ends in ``_DENGAN-NAMA`` (``_WITH-NAMES`` in English), so
    nobody mistakes it for one that may go to the office.
    """
    short = safe_component(session.id.replace("-", "")[:8], max_len=8, fallback="sesi")
    suffix = WITH_NAMES_SUFFIX.get(lang, WITH_NAMES_SUFFIX["id"]) if with_names else ""
    return f"{identity_prefix(session, today=today)}_{short}"[:MAX_NAME - len(suffix)] + suffix


def file_name(prefix: str, kind: str) -> str:
    """``<prefix>_<kind>`` (``2023-06-08_Mentari_Nagrak_laporan.docx``); the kind is kept whole.

    A copied-out file still says whose it is; ``SHA256SUMS`` keeps its name so
    ``sha256sum -c`` finds it.
    """
    if not prefix or kind == SUMS_FILE:
        return kind
    return f"{prefix[:MAX_NAME - len(kind) - 1]}_{kind}"


def unique_name(wanted: str, existing: Iterable[str]) -> str:
    """``wanted``, or ``wanted_2``, ``wanted_3`` ... not taken case-insensitively.

    Names of unfinished exports (``.<name>.partial``) count as taken too.
    """
    taken = set()
    for name in existing:
        folded = name.casefold()
        taken.add(folded)
        if folded.startswith(".") and folded.endswith(".partial"):
            taken.add(folded[1:-len(".partial")])
    candidate, n = wanted, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{wanted}_{n}"
    return candidate


def unique_folder(parent: Path, wanted: str) -> str:
    """A folder name under ``parent`` that no earlier export uses."""
    try:
        existing = [p.name for p in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        existing = []
    return unique_name(wanted, existing)
