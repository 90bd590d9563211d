"""Pieces of the capture screen (step 2): the card palette, one recent-card line, the timer.

User text (card text, names) is only ever appended to a :class:`rich.text.Text` as plain
characters, never parsed as markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.text import Text

from mpa_tui.domain import Card, CardColour, CardKind
from mpa_tui.i18n import t
from mpa_tui.tui.widgets.plain import PlainStatic

CARD_COLOURS: dict[CardColour, str] = {
    CardColour.YELLOW: "#F2D13A",
    CardColour.PINK: "#F28DB2",
    CardColour.GREEN: "#6CC77A",
    CardColour.BLUE: "#6FA8F2",
    CardColour.ORANGE: "#F29B38",
    CardColour.WHITE: "#EEEEEE",
}
"""Screen colours of the coloured paper (kertas warna)."""

SWATCH = "██"


def kind_label(kind: CardKind) -> str:
    """The translated name of a card kind (masalah, kebutuhan ...)."""
    return t(f"capture.kind.{kind.value}")


def colour_label(colour: CardColour) -> str:
    """The translated name of a paper colour."""
    return t(f"capture.colour.{colour.value}")


def swatch(colour: CardColour) -> Text:
    """A small block in the paper's colour."""
    return Text(SWATCH, style=CARD_COLOURS[colour])


def card_line(card: Card, author: str | None) -> Text:
    """One card on one line: swatch, kind, author (if any) and the text, literally."""
    out = Text(no_wrap=True, overflow="ellipsis", end="")
    out.append_text(swatch(card.colour))
    out.append(f" {kind_label(card.kind)}", style="bold")
    if author:
        out.append(" · ")
        out.append(" ".join(author.split()), style="italic")
    out.append(": ")
    out.append(" ".join(card.text.split()))
    return out


class CardItem(PlainStatic):
    """One saved card in the recent-cards list (newest at the top)."""

    DEFAULT_CSS = """
    CardItem { height: 1; width: 1fr; padding: 0 1; text-wrap: nowrap;
               text-overflow: ellipsis; }
    """

    def __init__(self, card: Card, author: str | None = None, **kw: object) -> None:
        super().__init__(card_line(card, author), **kw)
        self.card_id = card.id
        self.card_text = card.text

    def show_card(self, card: Card, author: str | None = None) -> None:
        """Redraw after the card was edited."""
        self.card_text = card.text
        self.update(card_line(card, author))


class Countdown:
    """A pausable countdown measured on an injectable monotonic clock.

    The screen ticks it with a Textual interval; tests drive ``clock`` by hand.

    Attributes:
        total: Full duration in seconds (restart and reset go back to it).
        clock: Monotonic time source (seconds).
    """

    def __init__(self, total: float, clock: Callable[[], float]) -> None:
        self.total = total
        self.clock = clock
        self._remaining = total
        self._deadline: float | None = None
        self.finished = False

    @property
    def running(self) -> bool:
        """Counting down now."""
        return self._deadline is not None

    @property
    def remaining(self) -> float:
        """Seconds left (never negative)."""
        if self._deadline is not None:
            return max(self._deadline - self.clock(), 0.0)
        return self._remaining

    def start(self) -> None:
        """Start, or resume after a pause; after the end, start again from the top."""
        if self.finished or self._remaining <= 0:
            self.reset()
        self._deadline = self.clock() + self._remaining

    def pause(self) -> None:
        """Stop counting, keeping the time left."""
        self._remaining = self.remaining
        self._deadline = None

    def pause_at(self, seconds: float) -> None:
        """Stopped with ``seconds`` left (a countdown resumed from a saved session)."""
        self._deadline = None
        self._remaining = max(0.0, min(seconds, self.total))
        self.finished = self._remaining <= 0

    def reset(self, total: float | None = None) -> None:
        """Back to the full duration, stopped."""
        if total is not None:
            self.total = total
        self._remaining = self.total
        self._deadline = None
        self.finished = False

    def check(self) -> bool:
        """Update the state; True exactly once, when the time has just run out."""
        if self._deadline is not None and self.remaining <= 0:
            self._remaining = 0.0
            self._deadline = None
            self.finished = True
            return True
        return False

    def clock_text(self) -> str:
        """MM:SS of the time left, rounded up (so 00:00 means it is over)."""
        secs = math.ceil(self.remaining - 1e-9)
        return f"{secs // 60:02d}:{secs % 60:02d}"
