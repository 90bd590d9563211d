"""Participants' codes, and finding their names in free text (UU PDP: exports are coded).

A participant is shown outside the laptop as a code (P01, P02, ...). Codes are handed
out in an order drawn from the ids (a hash), never by seat or role: in a group of
fifteen everyone knows who sits first and who chairs. A name is found in free text
in its usual short forms: any case, any spacing, a part of it ("Siti" for "Siti
Aminah", also inside "Bu Siti"). Honorifics alone are never taken for a name.
"""

from __future__ import annotations

import hashlib
import re
from enum import Enum
from typing import Any

from pydantic import BaseModel

from mpa_tui.domain.session import Session

CODE = re.compile(r"^P\d{2,}$")
"""What a participant's code looks like."""

HONORIFICS = frozenset({
    "bu", "ibu", "bunda", "mak", "emak", "ema", "ceu", "teh", "teteh", "nyi", "nyai",
    "mbak", "mba", "neng", "hj", "hajjah", "haji", "hjh", "bpk", "pak", "bapak", "sdri",
    "dra", "dr", "ir", "amd", "spd", "binti", "bin",
})
"""Titles that are never taken for a name, so "Bu Siti" becomes "Bu P03", not "P03 P03"."""
_WORD = re.compile(r"\w+")
_SEP = r"[\s._\-']*"
_ASCII_WORD = re.compile(r"[0-9a-z_]+")
"""A word (``\\w+``) of lower-case ASCII text."""
_ID_FIELDS = frozenset({"id", "category_a", "category_b", "priority_order", "language",
                        "region_code"})


def participant_codes(session: Session) -> dict[str, str]:
    """Every participant's code (trashed ones too), in an order that follows no seat or role.

    The order is a hash of the session's and each participant's ids: stable across
    exports of the same session, unrelated to who sits where or who is pengurus.
    """
    def key(pid: str) -> str:
        return hashlib.sha256(f"{session.id}:{pid}".encode()).hexdigest()

    ordered = sorted((p.id for p in session.participants), key=key)
    return {pid: f"P{i:02d}" for i, pid in enumerate(ordered, start=1)}


def _forms(name: str) -> list[tuple[str, ...]]:
    """The word sequences that stand for ``name``: the whole, and its parts in order."""
    words = tuple(w.casefold() for w in _WORD.findall(name))
    words = tuple(w for w in words if w not in HONORIFICS) or words
    out: list[tuple[str, ...]] = []
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            part = words[start:start + size]
            if size < len(words) and len(part[0]) < 2:
                continue  # an initial ("S. Aminah") is not enough to be her
            out.append(part)
    return out


class NameCoder:
    """Finds participants' names in text and replaces them by their codes.

    Args:
        session: Whose participants (trashed ones too: their names must not leak either).
        codes: Participant id -> code to use instead of this session's own numbering
            (a received bundle's); participants it does not list are not coded.
    """

    def __init__(self, session: Session, codes: dict[str, str] | None = None) -> None:
        self.codes = participant_codes(session) if codes is None else codes
        by_form: dict[tuple[str, ...], list[str]] = {}
        for p in session.participants:
            if p.id not in self.codes:
                continue
            for form in _forms(p.name):
                owners = by_form.setdefault(form, [])
                if self.codes[p.id] not in owners:
                    owners.append(self.codes[p.id])
        # A part two women share stands for both: "P03/P07" hides which one was meant.
        self._code_of = {" ".join(f): "/".join(sorted(c)) for f, c in by_form.items()}
        forms = sorted(by_form, key=lambda f: (-len(f), -sum(map(len, f))))
        self._pattern: re.Pattern[str] | None = None
        if forms:
            alts = "|".join(_SEP.join(re.escape(w) for w in f) for f in forms)
            self._pattern = re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)
        firsts = {f[0] for f in forms}
        # The pattern above tries every form at every word: ~0.5 s for 2 MB of notes. Most
        # texts hold no name, which a look at their words tells at once (see _surely_none).
        self._firsts = firsts if all(w.isascii() for w in firsts) else None
        self._lengths = sorted({len(w) for w in firsts})

    def _code(self, match: re.Match[str]) -> str:
        key = " ".join(w.casefold() for w in _WORD.findall(match.group(0)))
        return self._code_of.get(key, match.group(0))

    def find(self, text: str) -> list[str]:
        """The names (as written) found in ``text``, in order."""
        if self._pattern is None or not text:
            return []
        return [m.group(0) for m in self._pattern.finditer(text)]

    def code(self, text: str) -> str:
        """``text`` with every participant's name replaced by her code."""
        if self._pattern is None or not text or self._surely_none(text):
            return text
        return self._pattern.sub(self._code, text)

    def _surely_none(self, text: str) -> bool:
        """Whether ``text`` certainly holds no name (False: it may; the pattern decides).

        Exact for ASCII text and names: a match starts a word (no ``\\w`` before it) with
        a form's first word, in any case; in ASCII that is a word of ``text.lower()``
        beginning with it (it may go on: forms' words may be joined without a space).
        """
        if self._firsts is None or not text.isascii():
            return False
        words = set(_ASCII_WORD.findall(text.lower()))
        return not any(w[:k] in self._firsts for w in words for k in self._lengths)


def names_in(session: Session, text: str) -> list[tuple[str, str]]:
    """(name as written, code) for each participant's name found in ``text``."""
    coder = NameCoder(session)
    return [(found, coder.code(found)) for found in coder.find(text)]


def _walk(model: BaseModel, fix: Any) -> None:
    """Apply ``fix`` to every free-text string of ``model`` and the models inside it."""
    for name in type(model).model_fields:
        if name in _ID_FIELDS or name.endswith(("_id", "_ids", "_at")):
            continue
        value = getattr(model, name)
        if isinstance(value, Enum):
            continue
        if isinstance(value, str):
            new = fix(value)
            if new != value:
                # No re-validation: a code is as short as most names, and the copy
                # is only read (a longer text still exports as it is).
                object.__setattr__(model, name, new)
        elif isinstance(value, BaseModel):
            _walk(value, fix)
        elif isinstance(value, list):
            _walk_list(value, fix)


def _walk_list(items: list[Any], fix: Any) -> None:
    for i, item in enumerate(items):
        if isinstance(item, BaseModel):
            _walk(item, fix)
        elif isinstance(item, str) and not isinstance(item, Enum):
            items[i] = fix(item)


def code_names(session: Session) -> Session:
    """A copy of ``session`` in which no participant's name appears, only her code.

    Participants are named by their codes, and every free-text field (cards, titles,
    actions, resources, network notes, stages, evaluation items and quotes, the
    group's own name) has her name, in any of its usual forms, replaced by her code.
    Ids, choices and numbers are left as they are. Applying it twice changes nothing.
    """
    copy = session.model_copy(deep=True)
    coder = NameCoder(session)
    _walk(copy, coder.code)
    # After the walk: a name that is itself a code must not be coded a second time.
    for p in copy.participants:
        object.__setattr__(p, "name", coder.codes[p.id])
    return copy
