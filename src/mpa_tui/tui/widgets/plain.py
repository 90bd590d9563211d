"""User text on screen: never markup (one widget, one notification helper) and shortened
by one rule (:func:`one_line`).

Textual parses ``[...]`` in a ``Static``, a ``Label`` or a notification as markup unless
told not to, so a participant's "[red]" or "[/]" would change the screen or raise. Every
such call in ``tui/`` passes ``markup=False`` or goes through this module
(``tests/tui/test_markup_rule.py`` reads the code and fails otherwise).
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Static


def one_line(text: str, width: int = 0) -> str:
    """User text on one line (line breaks and runs of spaces become one space), cut to
    ``width`` characters with an ellipsis when ``width`` is given. The one shortening rule
    of the TUI."""
    flat = " ".join(text.split())
    if width and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


class PlainStatic(Static):
    """A ``Static`` whose text is always shown as typed (markup is off, whatever is passed)."""

    def __init__(self, content: Any = "", **kw: Any) -> None:
        kw["markup"] = False
        super().__init__(content, **kw)


def notify_plain(target: Widget, message: str, **kw: Any) -> None:
    """``target.notify(message)`` with markup off: the message is shown as typed."""
    kw["markup"] = False
    target.notify(message, **kw)
