"""The screens of the TUI and the registry of step screens.

Each step module (``circle.py`` ... ``order.py``) defines a :class:`StepScreen` subclass
and names it ``SCREEN``; ``summary.py`` does the same for the summary. Modules that do not
exist yet are replaced by a placeholder so the app always runs. The registry is filled
lazily (on first use) so step modules can import ``screens.base`` without a cycle.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from mpa_tui.domain.step import Step

STEP_MODULES: dict[Step, str] = {
    Step.CIRCLE: "circle",
    Step.WRITE: "capture",
    Step.STICK: "board",
    Step.GROUP: "grouping",
    Step.TITLE: "titles",
    Step.COUNT: "count",
    Step.RANK: "ranking",
    Step.ORDER: "order",
}
SUMMARY_MODULE = "summary"


def _load(module: str) -> Any | None:
    """``SCREEN`` of ``screens.<module>``, or None when that module does not exist."""
    full = f"{__name__}.{module}"
    try:
        mod = importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name == full:
            return None
        raise  # a missing dependency inside an existing module is a real bug
    return getattr(mod, "SCREEN", None)


@cache
def step_screens() -> dict[Step, type]:
    """``{Step: StepScreen subclass}`` for all eight steps (placeholders for missing ones)."""
    from mpa_tui.tui.screens.base import placeholder_for

    out: dict[Step, type] = {}
    for step, module in STEP_MODULES.items():
        out[step] = _load(module) or placeholder_for(step)
    return out


@cache
def summary_screen() -> type:
    """The summary screen class (a placeholder until ``summary.py`` exists)."""
    from mpa_tui.tui.screens.base import SessionScreen

    found = _load(SUMMARY_MODULE)
    if found is not None:
        return found  # type: ignore[no-any-return]
    return _placeholder_summary(SessionScreen)


def _placeholder_summary(base: type) -> type:
    from textual.widgets import Static

    from mpa_tui.i18n import t

    def compose_body(self: Any) -> Any:
        yield Static(t("tui.placeholder"), markup=False, classes="placeholder")

    return type("PlaceholderSummaryScreen", (base,),
                {"compose_body": compose_body, "HELP_TOPIC": "summary"})


def __getattr__(name: str) -> Any:
    # STEP_SCREENS as a module attribute, filled on first access (PEP 562).
    if name == "STEP_SCREENS":
        return step_screens()
    raise AttributeError(name)
