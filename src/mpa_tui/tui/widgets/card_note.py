"""A card drawn as a coloured paper note (step 3 board) and the card colour palette.

The note shows a header (stuck or not, author, merge mark) and the card's text wrapped
into a few lines. Notes are drawn as plain segments: the text is never parsed as markup.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import set_cell_size
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip

from mpa_tui.domain import Card, CardColour

PAPER: dict[CardColour, str] = {
    CardColour.YELLOW: "#fff176",
    CardColour.PINK: "#f8bbd0",
    CardColour.GREEN: "#a5d6a7",
    CardColour.BLUE: "#90caf9",
    CardColour.ORANGE: "#ffcc80",
    CardColour.WHITE: "#fafafa",
}
"""Background of each paper colour. All are light, so the note text is black: legible in
every theme, the high-contrast one included."""

NOTE_WIDTH = 18
NOTE_HEIGHT = 4
TEXT_WIDTH = NOTE_WIDTH - 2
TEXT_LINES = NOTE_HEIGHT - 1


def swatch(colour: CardColour) -> Content:
    """A small block in the paper's colour, for lists of cards."""
    return Content.styled("■", PAPER.get(colour, "#ffffff"))


def note_lines(text: str, width: int = TEXT_WIDTH, lines: int = TEXT_LINES) -> list[Content]:
    """The card text wrapped to ``width`` cells, at most ``lines`` lines, "…" when cut.

    Line breaks in the card become spaces: a note has no room for blank lines.
    """
    flat = " ".join(text.split())
    wrapped = Content(flat).wrap(width, overflow="fold")
    if len(wrapped) > lines:
        last = Content.assemble(wrapped[lines - 1], " ", wrapped[lines])
        wrapped = [*wrapped[: lines - 1], last.truncate(width, ellipsis=True)]
    return wrapped


class NoteState(NamedTuple):
    """Everything a note shows; a note is redrawn only when this changes."""

    text: str
    colour: CardColour
    posted: bool
    author: str
    marked: bool
    turn: bool


def render_note(state: NoteState, *, cursor: bool, loose: Style) -> list[Strip]:
    """The note as ``NOTE_HEIGHT`` strips of ``NOTE_WIDTH`` cells.

    A stuck note is solid paper with black text; a loose one (still in hand) has the
    theme's ``loose`` colours and a strip of its paper colour on the left, so the two never
    look alike, in any theme. The cursor is drawn reversed; chosen notes are underlined.
    """
    paper = Color.parse(PAPER.get(state.colour, "#ffffff"))
    if state.posted:
        body = Style(color=Color.parse("#000000"), bgcolor=paper)
        edge = Segment(" ", body)
    else:
        body = Style(color=loose.color, bgcolor=loose.bgcolor)
        edge = Segment("▌", Style(color=paper, bgcolor=loose.bgcolor))
    if state.marked:
        body += Style(underline=True)
    if cursor:
        body += Style(reverse=True, bold=True)
        edge = Segment(edge.text, body)
    mark = "✓" if state.posted else "○"
    if state.turn:
        mark = "▶" + mark
    if state.marked:
        mark = "◆" + mark
    head = f"{mark} {state.author}" if state.author else mark
    rows = [Content(head).truncate(TEXT_WIDTH, ellipsis=True).plain]
    rows += [line.plain for line in note_lines(state.text)]
    rows += [""] * (NOTE_HEIGHT - len(rows))
    strips = []
    for i, row in enumerate(rows):
        style = body + Style(bold=True) if i == 0 else body
        strips.append(Strip([edge, Segment(set_cell_size(row, TEXT_WIDTH), style),
                             Segment(" ", body)], NOTE_WIDTH))
    return strips


def note_state(card: Card, author: str, marked: bool, turn: bool) -> NoteState:
    """The state a note shows for ``card``."""
    return NoteState(card.text, card.colour, card.posted, author, marked, turn)

