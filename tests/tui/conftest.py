"""Fixtures for the TUI tests: a real Store in a temp folder, Indonesian by default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mpa_tui.i18n import set_language
from mpa_tui.store import Store


@pytest.fixture(autouse=True)
def _indonesian() -> Iterator[None]:
    # The language is process-global in mpa_tui.i18n; each test starts in Indonesian.
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A real, locked Store on ``data_dir``."""
    st = Store.open(data_dir)
    yield st
    st.close()
