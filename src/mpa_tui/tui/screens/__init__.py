"""The screens of the TUI and the one table of the screens a session can open.

:data:`SCREENS` lists them: the eight steps, the summary and the screens around the
workshop. Each entry names its module under ``mpa_tui.tui.screens`` (which defines
``SCREEN``, built as ``SCREEN(controller)``), its label and its help topic
(``tui/help/<lang>/<module>.md``). Navigation (F12, the palette), the app and F1 read it.
Classes load lazily (on first use) so step modules can import ``screens.base`` without a
cycle.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

from mpa_tui.domain.step import Step

if TYPE_CHECKING:
    from mpa_tui.domain.note import NoteTopic


class ScreenKind(Enum):
    """Where a screen sits in the session: a step, the summary, or around the workshop."""

    STEP = "step"
    SUMMARY = "summary"
    CYCLE = "cycle"


@dataclass(frozen=True)
class ScreenInfo:
    """One screen the facilitator can open in a session.

    Attributes:
        kind: step, summary or a screen around the workshop.
        module: the module under ``mpa_tui.tui.screens`` that defines ``SCREEN``; also the
            key the app opens it by and its help topic.
        label_key: i18n key of its name in the F12 chooser and the palette.
        step: the step, for step screens.
    """

    kind: ScreenKind
    module: str
    label_key: str
    step: Step | None = None

    @property
    def key(self) -> str:
        """What ``MpaApp.open_cycle`` takes (the module name)."""
        return self.module

    @property
    def help_topic(self) -> str:
        """The F1 text: ``tui/help/<lang>/<help_topic>.md``."""
        return self.module

    def screen_class(self) -> Any:
        """The screen class (imports its module)."""
        return _load(self.module)


def _step(step: Step, module: str) -> ScreenInfo:
    return ScreenInfo(ScreenKind.STEP, module, f"tui.step.{int(step)}", step)


def _cycle(module: str) -> ScreenInfo:
    return ScreenInfo(ScreenKind.CYCLE, module, f"cycle.screen.{module}")


SCREENS: tuple[ScreenInfo, ...] = (
    _step(Step.CIRCLE, "circle"),
    _step(Step.WRITE, "capture"),
    _step(Step.STICK, "board"),
    _step(Step.GROUP, "grouping"),
    _step(Step.TITLE, "titles"),
    _step(Step.COUNT, "count"),
    _step(Step.RANK, "ranking"),
    _step(Step.ORDER, "order"),
    ScreenInfo(ScreenKind.SUMMARY, "summary", "tui.goto.summary"),
    _cycle("resources"),
    _cycle("network"),
    _cycle("actions"),
    _cycle("stages"),
    _cycle("evaluation"),
    _cycle("capacity"),
)
STEPS: dict[Step, ScreenInfo] = {s.step: s for s in SCREENS if s.step is not None}
SUMMARY: ScreenInfo = next(s for s in SCREENS if s.kind is ScreenKind.SUMMARY)
CYCLE_SCREENS: tuple[ScreenInfo, ...] = tuple(s for s in SCREENS if s.kind is ScreenKind.CYCLE)


NOTES_AROUND: dict[str, str] = {"details": "details.title.edit"} | {
    info.module: info.label_key for info in CYCLE_SCREENS}
"""Screens around the workshop that take process notes (module -> i18n key of its name);
each module's name is its ``NoteTopic`` member's (``resources`` -> ``RESOURCES``)."""


def notes_place(module: str) -> tuple[NoteTopic, str] | None:
    """Where notes taken on screen ``module`` go: (topic, translated screen name).

    The one mapping of screens to note topics: a step's topic is the domain's
    (:func:`mpa_tui.domain.notes.topic_of_step`); the summary takes none (None).
    """
    # Imported here: the table loads at start-up, the models with the first session.
    from mpa_tui.domain.note import NoteTopic
    from mpa_tui.domain.notes import topic_of_step
    from mpa_tui.i18n import t

    info = next((s for s in SCREENS if s.module == module), None)
    if info is not None and info.step is not None:
        return topic_of_step(info.step), t("tui.palette.step", n=int(info.step),
                                           name=t(info.label_key))
    if module in NOTES_AROUND:
        return NoteTopic[module.upper()], t(NOTES_AROUND[module])
    return None


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

    return {step: info.screen_class() or placeholder_for(step) for step, info in STEPS.items()}


@cache
def summary_screen() -> type:
    """The summary screen class."""
    return SUMMARY.screen_class()  # type: ignore[no-any-return]


def cycle_screen(key: str) -> Any:
    """The screen class for a screen around the workshop (KeyError for an unknown key)."""
    for info in CYCLE_SCREENS:
        if info.key == key:
            return info.screen_class()
    raise KeyError(key)


def __getattr__(name: str) -> Any:
    # STEP_SCREENS as a module attribute, filled on first access (PEP 562).
    if name == "STEP_SCREENS":
        return step_screens()
    raise AttributeError(name)
