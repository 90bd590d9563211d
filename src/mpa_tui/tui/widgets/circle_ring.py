"""The circle of step 1 drawn as text: seat numbers and names placed round an ellipse.

The drawing is a pure function (:func:`ring_lines`) so it can be tested without a
terminal; :class:`CircleRing` is the widget that redraws it at its current size. Names are
user text: they are placed as plain characters in a :class:`rich.text.Text`, never parsed
as markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

MAX_LABEL = 12
"""Widest label ("12 Name…") even on a wide terminal: the ring should stay readable."""


@dataclass(frozen=True)
class Seat:
    """One place in the ring.

    Attributes:
        number: Seat (turn) number, from 1.
        name: The participant's name or code (user text).
        present: Absent participants are drawn dim and in brackets.
        selected: Highlighted (the roster's selected row).
    """

    number: int
    name: str
    present: bool = True
    selected: bool = False


def _label(seat: Seat, width: int) -> str:
    num = str(seat.number)
    if width <= len(num):
        return num
    room = width - len(num) - 1
    name = " ".join(seat.name.split())  # one line, whatever was typed
    if not seat.present:
        room -= 2
    if room < 3:  # a name cut to one letter says nothing: the number alone
        return num
    if len(name) > room:
        name = name[: room - 1] + "…"
    return f"{num} ({name})" if not seat.present else f"{num} {name}"


def ring_layout(seats: list[Seat], width: int, height: int) -> list[tuple[int, int, str, Seat]]:
    """Where each label goes: ``(row, column, label, seat)``, seat 1 at the top, clockwise.

    The widest labels (up to :data:`MAX_LABEL`) that still fit round the ellipse are used;
    a label that would overlap one already placed is pushed a row further from the middle,
    so every seat number stays visible.
    """
    n = len(seats)
    if n == 0 or width < 4 or height < 1:
        return []
    fallback: list[tuple[int, int, str, Seat]] = []
    narrowest = len(str(n))
    for lw in range(min(MAX_LABEL, width - 2), narrowest - 1, -1):
        if lw > narrowest and n * (lw + 1) > width * height:
            continue  # cannot fit cleanly: trying would cost seconds with 200 seats
        placed, clean = _place(seats, [_label(s, lw) for s in seats], width, height)
        if clean:
            return placed
        fallback = placed
    return fallback


def _place(seats: list[Seat], labels: list[str], width: int,
           height: int) -> tuple[list[tuple[int, int, str, Seat]], bool]:
    """Place labels round the ellipse; ``clean`` is False when one had to move far."""
    n = len(seats)
    widest = max(len(lab) for lab in labels)
    cx, cy = (width - 1) / 2, (height - 1) / 2
    rx, ry = max((width - widest) / 2, 0), max(cy, 0)
    taken: list[list[tuple[int, int]]] = [[] for _ in range(height)]

    def free(row: int, col: int, size: int) -> bool:
        return all(col + size + 1 <= a or b + 1 <= col for a, b in taken[row])

    placed = []
    clean = True
    for i, (seat, lab) in enumerate(zip(seats, labels, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        row = round(cy + ry * math.sin(angle))
        col = round(cx + rx * math.cos(angle) - len(lab) / 2)
        col = min(max(col, 0), max(width - len(lab), 0))
        step = 1 if math.sin(angle) > 0.05 else -1 if math.sin(angle) < -0.05 else 1
        tries = [row + k * step for k in range(2)] + [row - step]
        spot = next(((r, col) for r in tries if 0 <= r < height and free(r, col, len(lab))),
                    None)
        if spot is None:  # crowded: the first gap anywhere, but this width is not clean
            clean = False
            spot = next(((r, c) for r in range(height) for c in range(width - len(lab) + 1)
                         if free(r, c, len(lab))), None)
        if spot is None:
            continue  # nowhere left; the roster still lists her
        r, c = spot
        taken[r].append((c, c + len(lab)))
        placed.append((r, c, lab, seat))
    return placed, clean


def ring_text(seats: list[Seat], width: int, height: int) -> Text:
    """The ring as a Rich ``Text`` of ``height`` lines (names literal, never markup)."""
    rows: list[list[tuple[int, str, Seat]]] = [[] for _ in range(height)]
    for r, c, lab, seat in ring_layout(seats, width, height):
        rows[r].append((c, lab, seat))
    out = Text(no_wrap=True, overflow="crop", end="")
    for r, items in enumerate(rows):
        pos = 0
        for c, lab, seat in sorted(items, key=lambda x: x[0]):
            out.append(" " * (c - pos))
            style = "reverse bold" if seat.selected else ("dim" if not seat.present else "")
            if seat.number == 1 and not seat.selected:
                style = "bold"
            out.append(lab, style=style)
            pos = c + len(lab)
        if r < height - 1:
            out.append("\n")
    return out


class CircleRing(Widget):
    """A widget drawing the seats round an ellipse at its own size."""

    DEFAULT_CSS = """
    CircleRing { width: 1fr; height: 1fr; }
    """

    def __init__(self, empty_text: str = "", **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self._seats: list[Seat] = []
        self.empty_text = empty_text
        """Shown (plain text) while there are no seats."""

    @property
    def seats(self) -> list[Seat]:
        """The seats currently drawn."""
        return list(self._seats)

    def set_seats(self, seats: list[Seat]) -> None:
        """Draw these seats (in turn order)."""
        self._seats = list(seats)
        self.refresh()

    def render(self) -> Text:
        """The ring at the widget's current size."""
        if not self._seats:
            return Text(self.empty_text, style="dim")
        return ring_text(self._seats, self.size.width, self.size.height)
