"""A checkbox whose state reads without colour.

Textual draws ``▐X▌`` both on and off and tells them apart by colour only: on a
washed-out projector, a monochrome laptop screen or the high-contrast theme "names off"
looked like "names on". Here the mark is ``X`` when on and blank when off.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

ON, OFF = "X", " "


class StateCheckbox(Checkbox):
    """A ``Checkbox`` with ``▐X▌`` when checked and ``▐ ▌`` when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = ON if self.value else OFF
        return super()._button
