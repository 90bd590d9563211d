"""The name coder's quick test of a text's words never lets a name through: on every
text, coding gives what the full pattern alone gives (the quick test only saves time)."""

from __future__ import annotations

import random

import pytest

from mpa_tui.domain import ops
from mpa_tui.domain.privacy import NameCoder
from mpa_tui.domain.session import Session

NAMES = ("Siti Aminah", "Dewi", "Euis Nurjanah", "Ai", "Nur_Laila", "Ibu Peserta 007",
         "O'Neil")
"""ASCII names: the quick test is used (a name like "Çiçek" turns it off)."""
PIECES = ("siti", "SITI", "Siti", "aminah", "AMINAH", "sitiaminah", "siti_aminah",
          "Siti.Aminah", "bu siti", "dewi", "Dewi-Kartika", "xdewi", "dewix", "ai", "Air",
          "AI", "nur_laila", "nur laila", "laila", "007", "peserta 007", "1007", "euis",
          "nurjanah", "çiçek", "ÇİÇEK", "cicek", "o'neil", "O'NEIL", "neil", "ſiti", "K",
          "“Siti”", "—", "modal", "usaha", " ", " ", "\n", ".", ",", "_", "'", "-", "(", ")")


def _session(*more: str) -> Session:
    s = Session(group_name="Mentari")
    for name in (*NAMES, *more):
        ops.add_participant(s, name)
    return s


@pytest.mark.parametrize("more", [(), ("Çiçek",)])
def test_coding_equals_the_full_pattern_on_many_texts(more: tuple[str, ...]) -> None:
    coder = NameCoder(_session(*more))
    assert (coder._firsts is None) == bool(more)
    rng = random.Random(19)
    pattern = coder._pattern
    assert pattern is not None
    texts = [a + b for a in PIECES for b in ("", *PIECES)]  # every piece, every pair
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randint(3, 12)))
              for _ in range(3000)]
    for text in texts:
        assert coder.code(text) == pattern.sub(coder._code, text), text


def test_texts_without_names_stay_as_they_are_and_names_are_still_coded() -> None:
    session = _session()
    coder = NameCoder(session)
    assert coder.code("Kelompok membahas modal usaha") == "Kelompok membahas modal usaha"
    coded = coder.code("Bu SITI bilang ke dewi: " + "modal " * 400 + "euis")
    assert "SITI" not in coded and "dewi" not in coded and "euis" not in coded
    assert coded.startswith("Bu P") and coded.count("P0") == 3
