"""The workshop's eight steps, alone in a module: the home screen and the step bar need
them at start-up, the other vocabularies (``enums.py``) only once a session is open."""

from __future__ import annotations

from enum import IntEnum


class Step(IntEnum):
    """The eight workshop steps, in the paper's order (STEPS.md)."""

    CIRCLE = 1  # Duduk melingkar
    WRITE = 2  # Tulis kartu
    STICK = 3  # Tempel di plano
    GROUP = 4  # Kelompokkan
    TITLE = 5  # Beri judul
    COUNT = 6  # Hitung
    RANK = 7  # Peringkat
    ORDER = 8  # Urutkan
