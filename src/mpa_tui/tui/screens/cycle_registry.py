"""The screens around the workshop (not among the eight steps), for the app to open.

``CYCLE_SCREENS`` lists (key, i18n label key, module name); each module under
``mpa_tui.tui.screens`` defines ``SCREEN`` (a ``SessionScreen`` subclass built as
``SCREEN(controller)``). The key is also the screen's help topic
(``tui/help/<lang>/<key>.md``).
"""

from __future__ import annotations

import importlib
from typing import Any

CYCLE_SCREENS: list[tuple[str, str, str]] = [
    ("resources", "cycle.screen.resources", "resources"),
    ("network", "cycle.screen.network", "network"),
    ("actions", "cycle.screen.actions", "actions"),
    ("stages", "cycle.screen.stages", "stages"),
    ("evaluation", "cycle.screen.evaluation", "evaluation"),
    ("capacity", "cycle.screen.capacity", "capacity"),
]


def cycle_screen(key: str) -> Any:
    """The screen class for ``key`` (KeyError for an unknown key)."""
    for k, _label, module in CYCLE_SCREENS:
        if k == key:
            return importlib.import_module(f"mpa_tui.tui.screens.{module}").SCREEN
    raise KeyError(key)
