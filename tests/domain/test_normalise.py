"""Normalising cards as facilitators type them: case, punctuation, informal spelling,
reduplication, stop words, stemming, English."""

from __future__ import annotations

import pytest

from mpa_tui.domain.normalise import (
    Token,
    detect_language,
    fold,
    in_dictionary,
    stem_en,
    stem_id,
    tokens,
    words,
)


def stems(text: str) -> list[str]:
    return [t.stem for t in tokens(text)]


def test_case_and_punctuation_are_ignored() -> None:
    assert stems("MODAL!!! (usaha)...") == stems("modal usaha")
    assert fold("ＭＯＤＡＬ") == "modal"  # full-width letters from some phones


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("modal2", ["modal"]),
        ("usaha-usaha", ["usaha"]),
        ("usaha-usahanya", ["usahanya"]),
        ("anak2nya", ["anaknya"]),
        ("modal-nya", ["modalnya"]),
        ("sayur-mayur", ["sayur", "mayur"]),
        ("P-IRT", ["pirt"]),
    ],
)
def test_reduplication(typed: str, expected: list[str]) -> None:
    assert words(typed) == expected


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("gak", "tidak"), ("ga", "tidak"), ("nggak", "tidak"), ("tdk", "tidak"), ("tak", "tidak"),
        ("yg", "yang"), ("blm", "belum"), ("krn", "karena"), ("karna", "karena"),
        ("bikin", "buat"), ("dgn", "dengan"), ("utk", "untuk"), ("sdh", "sudah"),
        ("udh", "sudah"), ("jd", "jadi"), ("bnyk", "banyak"),
    ],
)
def test_informal_spellings(typed: str, standard: str) -> None:
    assert words(typed) == [standard]


def test_glossary_synonyms_extend_the_informal_list() -> None:
    assert words("pinjol", {"pinjol": "pinjaman online"}) == ["pinjaman", "online"]
    assert words("pinjol") == ["pinjol"]


def test_stop_words_and_problem_markers_are_dropped() -> None:
    # "gak ada", "yg", "buat", "kurang", "susah" carry no topic: two cards about capital
    # must not differ because of them.
    assert stems("gak ada modal yg cukup buat usaha") == stems("modal usaha")
    assert stems("kurang modal") == stems("modal susah")
    assert tokens("yang dan di ke tidak") == []


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("permodalan", "modal"), ("pemasaran", "pasar"), ("dipasarkan", "pasar"),
        ("pinjaman", "pinjam"), ("pembukuan", "buku"), ("perizinan", "izin"),
        ("kekompakan", "kompak"), ("anggotanya", "anggota"), ("berjualan", "jual"),
    ],
)
def test_indonesian_affixes_are_stemmed(word: str, stem: str) -> None:
    assert stem_id(word) == stem


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("training", "train"), ("loans", "loan"), ("buyers", "buyer"), ("permits", "permit"),
        ("families", "family"), ("shopping", "shop"), ("selling", "sell"), ("packages", "package"),
        ("needed", "need"), ("glass", "glass"),
    ],
)
def test_naive_english_stemming(word: str, stem: str) -> None:
    assert stem_en(word) == stem


def test_english_cards_are_detected_and_stemmed_as_english() -> None:
    assert detect_language(words("we need more training for the members")) == "en"
    assert detect_language(words("anggota butuh pelatihan")) == "id"
    assert tokens("no permits for selling") == [Token("permits", "permit"),
                                                Token("selling", "sell")]


def test_dictionary_knows_real_words_not_typos() -> None:
    assert in_dictionary("belanja") and in_dictionary("pemasaran")
    assert not in_dictionary("modl") and not in_dictionary("pemasarn")


def test_markup_like_text_is_just_text() -> None:
    # Cards are user text: brackets are punctuation here, never markup.
    assert stems("[red]modal[/] [b [@click=app.quit]") == stems("red modal b click app quit")
