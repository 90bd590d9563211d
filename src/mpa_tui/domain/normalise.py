"""Normalising card text as facilitators type it, for grouping suggestions.

Cards are typed live: lower and upper case mixed, punctuation, informal spellings and
abbreviations ("gak", "yg", "krn"), reduplication written "modal2" or "usaha-usaha",
and sometimes English. :func:`tokens` turns a card into content tokens, each with the
word as written (after spelling fixes) and its stem, with stop words removed.

Indonesian words are stemmed with PySastrawi (it ships its own dictionary, so nothing is
downloaded); it is imported lazily and every word's stem is memoised, because one call
costs tens of microseconds and the same words recur on every card. English cards (told
apart by their function words) get a naive suffix-stripping stemmer.

Pure: no I/O, no Textual, no TinyDB.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

# Informal spellings and abbreviations -> standard words (values may be several words).
INFORMAL: dict[str, str] = {
    # negation
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak",
    "enggak": "tidak", "engga": "tidak", "kagak": "tidak", "ndak": "tidak", "nda": "tidak",
    "tdk": "tidak", "tak": "tidak", "g": "tidak", "blm": "belum", "blum": "belum", "lom": "belum",
    # function words
    "yg": "yang", "krn": "karena", "karna": "karena", "krna": "karena", "dgn": "dengan",
    "dg": "dengan", "dng": "dengan", "utk": "untuk", "untk": "untuk", "sdh": "sudah",
    "udh": "sudah", "udah": "sudah", "dah": "sudah", "sudh": "sudah", "jd": "jadi", "jdi": "jadi",
    "bnyk": "banyak", "byk": "banyak", "tp": "tapi", "tpi": "tapi", "sy": "saya", "aku": "saya",
    "kmi": "kami", "org": "orang", "bgt": "banget", "ttg": "tentang", "sm": "sama",
    "aja": "saja", "ajah": "saja", "klo": "kalau", "kalo": "kalau", "kl": "kalau", "dr": "dari",
    "pd": "pada", "lg": "lagi", "msh": "masih", "masi": "masih", "bs": "bisa", "bsa": "bisa",
    "hrs": "harus", "krg": "kurang", "kpd": "kepada", "sbg": "sebagai", "spt": "seperti",
    "skrg": "sekarang", "smua": "semua", "emg": "memang", "gimana": "bagaimana",
    "gmn": "bagaimana", "knp": "kenapa", "thd": "terhadap", "cuma": "hanya", "cuman": "hanya",
    "dll": "dan lain lain", "dsb": "dan sebagainya", "wkt": "waktu", "tmpt": "tempat",
    # verbs and content words
    "bikin": "buat", "bkin": "buat", "pake": "pakai", "kepake": "terpakai", "ngurus": "urus",
    "nyari": "cari", "ngatur": "atur", "dapet": "dapat", "tau": "tahu", "ngerti": "mengerti",
    "pinter": "pintar", "bener": "benar", "pengen": "ingin", "pingin": "ingin", "mo": "mau",
    "ngajuin": "mengajukan", "nambah": "tambah", "ush": "usaha", "usha": "usaha", "mdl": "modal",
    "agt": "anggota", "angg": "anggota", "ortu": "orang tua", "bku": "baku", "kue2": "kue",
    "ibu2": "ibu", "capek": "capek", "kecapekan": "capek",
    "trs": "terus", "skali": "sekali", "sampe": "sampai", "dipake": "dipakai",
    "gede": "besar", "abis": "habis", "dikit": "sedikit", "bnr": "benar", "gampang": "mudah",
    "ribet": "rumit", "ngasih": "kasih",
}

def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_ID: frozenset[str] = _wordset("""
yang dan di ke dari untuk dengan pada dalam ini itu ada tidak belum sudah akan juga karena
jadi tapi atau saya kami kita mereka dia ia ibu bu bapak kak sangat banget sekali lagi masih
bisa dapat harus mau ingin perlu butuh kurang susah sulit banyak sedikit sering selalu jarang
sama saja hanya kalau bila jika oleh sebagai seperti adalah yaitu ya nya pun lah kah masalah
kendala soal hal punya buat sendiri semua para tentang bagaimana cara kenapa mengapa apa
terlalu cukup agak makin semakin terus tetap baru lama mana sini situ sana begitu begini
lain sebagainya sekitar antar oleh kepada terhadap sekarang memang benar belum pernah
masing setiap tiap hari minggu bulan tahun biasa biasanya cuma tanpa tambah terbatas minim
rendah tinggi besar kecil lebih paling mahal murah baik bagus jelek
""")
"""Function words, plus problem markers ("kurang", "susah", "mahal") that every card has,
so they would join unrelated cards."""

STOP_EN: frozenset[str] = _wordset("""
a an the of to in for and or is are was were be been being it its this that these those
we our us they their them i my me you your he she his her no not nor lack lacking too very
with without on at by from have has had do does did don't cannot can't can could would
should will shall many much more most little less few enough hard difficult problem problems
need needs there here because so but if than then also only just there's is not isn't
aren't rarely often always never some any all of because
""")

# Words that mark a card as English (beyond the stop list) when counting languages.
_EN_HINT = STOP_EN - {"a", "i", "no", "to", "in", "on", "at"}

_REDUP_DIGIT = re.compile(r"\b([^\W\d_]{2,})2(?=[^\W\d_]*\b)")
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_CLITICS = ("nya", "ku", "mu", "lah", "kah", "pun")


class Token(NamedTuple):
    """One content word of a card: as written (spelling fixed) and its stem."""

    word: str
    stem: str


def fold(text: str) -> str:
    """Unicode-normalise and case-fold ``text``."""
    return unicodedata.normalize("NFKC", text).casefold()


def _hyphen(match: re.Match[str]) -> str:
    a, b = match.group(1), match.group(2)
    if a == b:
        return a  # usaha-usaha
    if b in _CLITICS:
        return a + b  # modal-nya
    if b.startswith(a):
        return b  # usaha-usahanya
    if a == "p" and b == "irt":
        return "pirt"  # P-IRT, the home-industry food permit
    return f"{a} {b}"  # sayur-mayur, bolak-balik


def words(text: str, synonyms: Mapping[str, str] | None = None) -> list[str]:
    """Split ``text`` into words with case, reduplication and informal spellings fixed.

    Args:
        text: A card as typed.
        synonyms: Extra spelling fixes (e.g. from the glossary) applied after the
            built-in :data:`INFORMAL` ones.

    Returns:
        Lower-case words, stop words still included.
    """
    s = fold(text)
    s = _HYPHENATED.sub(_hyphen, s)
    s = _REDUP_DIGIT.sub(r"\1", s)  # modal2 -> modal, anak2nya -> anaknya
    out: list[str] = []
    for w in _WORD.findall(s):
        w = w.replace("'", "")
        fixed = INFORMAL.get(w, w)
        if synonyms:
            fixed = synonyms.get(fixed, fixed)
        out.extend(fixed.split())
    return out


def detect_language(ws: list[str]) -> str:
    """Guess "en" or "id" for a card's words from the function words it uses."""
    en = sum(1 for w in ws if w in _EN_HINT)
    idn = sum(1 for w in ws if w in STOP_ID)
    return "en" if en > idn else "id"


@lru_cache(maxsize=1)
def _sastrawi() -> Any:
    # Lazy: the import and the dictionary load cost ~40 ms; only suggestions need them.
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    # The factory wraps it in an unbounded cache; stem_id has its own bounded one.
    return getattr(stemmer, "delegatedStemmer", stemmer)


_ID_PREFIXES = ("me", "pe", "be", "di", "ke", "te", "se")
_ID_SUFFIXES = ("kan", "an", "i", "nya", "lah", "kah", "ku", "mu", "pun")


@lru_cache(maxsize=50_000)
def stem_id(word: str) -> str:
    """Stem one Indonesian word (me-, ber-, di-, pe-, ke-, -kan, -an, -i, -nya ...)."""
    # Fast path: a word with no affix is its own stem. Sastrawi would return it too, but
    # only after ~1 ms of trying; that adds up on the first call with unseen words.
    if len(word) <= 3 or not (word.startswith(_ID_PREFIXES) or word.endswith(_ID_SUFFIXES)):
        return word
    out = _sastrawi().stem(word)
    return out or word


_EN_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


@lru_cache(maxsize=50_000)
def stem_en(word: str) -> str:
    """Naive English stemmer: strips a common inflection (training -> train)."""
    if len(word) <= 3 or word.endswith("ss"):
        return word
    for suf in _EN_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            base = word[: -len(suf)]
            if suf == "ies":
                return base + "y"
            if suf == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]  # packages -> package
            doubled = len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz"
            if suf in ("ing", "ed", "ings", "edly") and doubled:
                base = base[:-1]  # shopping -> shop, but selling -> sell
            return base
    return word


@lru_cache(maxsize=50_000)
def in_dictionary(word: str) -> bool:
    """Whether ``word`` (or its stem) is in the stemmer's Indonesian dictionary.

    Used to leave real words alone when looking for typos ("belanja" is not a typo of
    "belajar").
    """
    words_ = _sastrawi().dictionary
    return bool(words_.contains(word) or words_.contains(stem_id(word)))


# Spoken-Indonesian verb forms: a nasal prefix for the root's first letter (nyewa = sewa,
# nutup = tutup, ngabisin = habisin) and the Jakarta suffix -in for -kan/-i (benerin).
_NASAL = (("ng", ("", "k", "h")), ("ny", ("s", "c")), ("n", ("t",)), ("m", ("p",)))


@lru_cache(maxsize=50_000)
def informal_root(word: str) -> str:
    """The dictionary word behind a spoken form ("nyewa" -> "sewa", "benerin" -> "benar").

    Words already in the stemmer's dictionary, and words with no dictionary reading,
    come back unchanged.
    """
    if len(word) < 4 or in_dictionary(word):
        return word
    bases = [word]
    if word.endswith("in") and len(word) > 5:
        bases.append(word[:-2])
    for base in bases:
        base = INFORMAL.get(base, base)
        candidates = [base]
        for prefix, firsts in _NASAL:
            if base.startswith(prefix) and len(base) > len(prefix) + 2:
                rest = base[len(prefix):]
                candidates += [f + rest for f in firsts]
        for cand in candidates[1:] if base == word else candidates:
            cand = INFORMAL.get(cand, cand)
            if _sastrawi().dictionary.contains(cand):
                return cand
    return word


def stem(word: str, lang: str = "id") -> str:
    """Stem ``word`` as Indonesian ("id") or English ("en")."""
    return stem_en(word) if lang == "en" else stem_id(word)


def tokens(text: str, synonyms: Mapping[str, str] | None = None) -> list[Token]:
    """Content tokens of a card: words minus stop words, each with its stem.

    Args:
        text: A card as typed.
        synonyms: Extra spelling fixes (see :func:`words`).

    Returns:
        The tokens in text order; words of one letter and stop words are dropped.
    """
    ws = words(text, synonyms)
    lang = detect_language(ws)
    out: list[Token] = []
    for w in ws:
        if len(w) < 2 or w in STOP_ID or w in STOP_EN:
            continue
        if lang == "id":
            w = informal_root(w)
        st = stem(w, lang)
        if st in STOP_ID or len(st) < 2:
            continue
        out.append(Token(w, st))
    return out


def warm_up() -> None:
    """Load the stemmer now (e.g. in a worker) so the first suggestion is fast."""
    stem_id("permodalan")
