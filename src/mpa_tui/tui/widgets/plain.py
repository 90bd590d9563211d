"""User text on screen, never markup: one widget and one notification helper.

Textual parses ``[...]`` in a ``Static``, a ``Label`` or a notification as markup unless
told not to, so a participant's "[red]" or "[/]" would change the screen or raise. Every
such call in ``tui/`` passes ``markup=False`` or goes through this module
(``tests/tui/test_markup_rule.py`` reads the code and fails otherwise).
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Static


class PlainStatic(Static):
    """A ``Static`` whose text is always shown as typed (markup is off, whatever is passed)."""

    def __init__(self, content: Any = "", **kw: Any) -> None:
        kw["markup"] = False
        super().__init__(content, **kw)


def notify_plain(target: Widget, message: str, **kw: Any) -> None:
    """``target.notify(message)`` with markup off: the message is shown as typed."""
    kw["markup"] = False
    target.notify(message, **kw)
