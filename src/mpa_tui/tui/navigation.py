"""Where the facilitator can go in an open session: the F12 chooser and palette entries."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mpa_tui.domain.step import Step
from mpa_tui.i18n import t
from mpa_tui.tui.commands import PaletteEntry
from mpa_tui.tui.widgets import step_name


def goto_items() -> list[tuple[str, str]]:
    """(label, value) for the F12 chooser: the steps, the summary, the cycle screens, export.

    Values are ``step:<n>``, ``summary``, ``cycle:<key>`` or ``export``.
    """
    from mpa_tui.tui.screens.cycle_registry import CYCLE_SCREENS

    items = [(t("tui.palette.step", n=int(step), name=step_name(step)), f"step:{int(step)}")
             for step in Step]
    items.append((t("tui.goto.summary"), "summary"))
    items.extend((t(label), f"cycle:{key}") for key, label, _module in CYCLE_SCREENS)
    items.append((t("tui.goto.export"), "export"))
    return items


def cycle_palette_entries(open_cycle: Callable[[str], None]) -> list[PaletteEntry]:
    """Palette entries for the screens around the workshop."""
    from mpa_tui.tui.screens.cycle_registry import CYCLE_SCREENS

    return [PaletteEntry(t(label), t("tui.palette.cycle.tip"), partial(open_cycle, key))
            for key, label, _module in CYCLE_SCREENS]
