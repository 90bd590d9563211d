"""Fixtures of the reliability suite (helpers live in rel_util.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mpa_tui.i18n import set_language


@pytest.fixture(autouse=True)
def _indonesian() -> Iterator[None]:
    # The language is process-global in mpa_tui.i18n; each test starts in Indonesian.
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty (not yet created) data folder."""
    return tmp_path / "data"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The bundle verdict of issue 16, when this run tried both kinds of bundles."""
    from rel_util import COUNTS

    if COUNTS["hostile_tried"] and COUNTS["generated"]:
        terminalreporter.write_line(
            f"{COUNTS['hostile_tried']} hostile bundles tried, {COUNTS['hostile_refused']} "
            f"refused with a message, {COUNTS['store_changes']} store changes; "
            f"{COUNTS['generated']} generated bundles accepted and opened everywhere")
