"""Where the facilitator can go in an open session: the F12 chooser and palette entries."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mpa_tui.i18n import t
from mpa_tui.tui.commands import PaletteEntry
from mpa_tui.tui.widgets import step_name


def goto_items() -> list[tuple[str, str]]:
    """(label, value) for the F12 chooser: the steps, the summary, the cycle screens, export.

    Values are ``step:<n>``, ``summary``, ``cycle:<key>`` or ``export``; the order is
    the order of :data:`mpa_tui.tui.screens.SCREENS`.
    """
    from mpa_tui.tui.screens import SCREENS, ScreenKind

    items: list[tuple[str, str]] = []
    for info in SCREENS:
        if info.step is not None:
            step = info.step
            items.append((t("tui.palette.step", n=int(step), name=step_name(step)),
                          f"step:{int(step)}"))
        elif info.kind is ScreenKind.SUMMARY:
            items.append((t(info.label_key), "summary"))
        else:
            items.append((t(info.label_key), f"cycle:{info.key}"))
    items.append((t("tui.goto.export"), "export"))
    return items


def cycle_palette_entries(open_cycle: Callable[[str], None]) -> list[PaletteEntry]:
    """Palette entries for the screens around the workshop."""
    from mpa_tui.tui.screens import CYCLE_SCREENS

    return [PaletteEntry(t(info.label_key), t("tui.palette.cycle.tip"),
                         partial(open_cycle, info.key)) for info in CYCLE_SCREENS]
