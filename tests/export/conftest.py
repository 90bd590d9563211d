"""Fixtures for the export tests."""

from __future__ import annotations

import pytest
from export_fixtures import make_session

from mpa_tui.domain.session import Session


@pytest.fixture
def session() -> Session:
    return make_session()


@pytest.fixture
def hostile_session() -> Session:
    return make_session(hostile=True)
