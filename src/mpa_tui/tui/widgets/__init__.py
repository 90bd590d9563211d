"""Reusable widgets of the TUI."""

from mpa_tui.tui.widgets.keybar import KeyBar
from mpa_tui.tui.widgets.status import SaveBanner, StatusLine, save_error_text
from mpa_tui.tui.widgets.stepbar import StepBar, step_name, step_short

__all__ = [
    "KeyBar", "SaveBanner", "StatusLine", "StepBar", "save_error_text", "step_name", "step_short",
]
