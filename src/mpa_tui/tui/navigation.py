"""Where the facilitator can go: the app-wide commands, the F12 chooser and the palette."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from mpa_tui.domain.step import Step
from mpa_tui.i18n import t
from mpa_tui.tui.commands import Command, PaletteEntry, palette_entries
from mpa_tui.tui.widgets import step_name

APP_ACTIONS: tuple[Command, ...] = (
    Command("app.help", "f1", "help", "tui.cmd.help", "tui.cmd.help.tip", key_display="F1"),
    Command("app.language", "f2", "switch_language", "tui.cmd.language",
            "tui.cmd.language.tip", show=False),
    Command("app.goto", "f12,alt+g", "goto", "tui.cmd.goto", "tui.cmd.goto.tip", show=False,
            key_display="F12"),
    Command("app.contrast", "f8", "toggle_contrast", "tui.cmd.contrast",
            "tui.cmd.contrast.tip", show=False),
    Command("app.quit", "ctrl+q", "quit", "tui.cmd.quit", "tui.cmd.quit.tip", show=False,
            priority=True),
    Command("app.palette", "ctrl+p", "command_palette", "tui.cmd.palette",
            "tui.cmd.palette.tip", show=False, priority=True, palette=False),
    Command("app.help_quit", "ctrl+c", "help_quit", "tui.cmd.quit", show=False,
            palette=False),
)


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


def app_palette_entries(app: Any) -> list[PaletteEntry]:
    """Steps, cycle screens and export (when a session is open), import, report and the
    app-wide commands, for the command palette of ``app`` (:class:`MpaApp`)."""
    out: list[PaletteEntry] = []
    if app.controller is not None:
        for step in Step:
            label = t("tui.palette.step", n=int(step), name=step_name(step))
            out.append(PaletteEntry(label, t("tui.palette.step.tip"),
                                    partial(app.open_step, step)))
        out.extend(cycle_palette_entries(app.open_cycle))
        out.append(PaletteEntry(t("transfer.open.export"), t("transfer.open.export.tip"),
                                app.open_export))
    for key, opener in (("import", app.open_import), ("report", app.open_report)):
        out.append(PaletteEntry(t(f"transfer.open.{key}"), t(f"transfer.open.{key}.tip"),
                                opener))
    out.extend(palette_entries(app, APP_ACTIONS))
    return out
