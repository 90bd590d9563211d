"""Textual's own texts in the UI language: the command palette's "no matches" line and the
descriptions of Textual's built-in keys that the key bar shows."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from mpa_tui.i18n import t

TEXTUAL_TEXTS = {
    "Dismiss menu": "tui.textual.dismiss_menu",
    "Exit the command palette": "tui.textual.exit_palette",
    "Show menu": "tui.textual.show_menu",
}
"""Descriptions of Textual's built-in bindings -> our i18n keys."""


def textual_text(description: str) -> str:
    """``description`` translated when it is one of Textual's own, else unchanged."""
    key = TEXTUAL_TEXTS.get(description)
    return t(key) if key else description


class MpaPalette(CommandPalette):
    """The command palette, with its "no matches" line in the UI language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # Empty search: discover mode, where "no matches" makes no sense (as Textual).
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("tui.palette.no_matches"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
