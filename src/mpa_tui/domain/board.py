"""What belongs on the plano and in the ranking, and what is a resource.

The workshop (steps 3-8) works on problems and needs: they are stuck on the plano,
grouped, titled, counted and ranked. Potentials and resources (potensi, sumber) are the
other half of the assessment: they are listed on the resources screen and feed the action
plan, never the board or the ranking, wherever they were typed (step 2 or the resources
screen).
"""

from __future__ import annotations

from mpa_tui.domain.enums import CardKind
from mpa_tui.domain.session import Card, Session
from mpa_tui.domain.step import Step

BOARD_KINDS = frozenset({CardKind.PROBLEM, CardKind.NEED})
"""Card kinds stuck on the plano, grouped and ranked."""
RESOURCE_KINDS = frozenset({CardKind.POTENTIAL, CardKind.RESOURCE})
"""Card kinds of the resources screen (potensi & sistem sumber)."""


def on_board(card: Card) -> bool:
    """True if ``card`` (not in the trash) belongs on the plano and in the ranking."""
    return card.deleted_at is None and card.kind in BOARD_KINDS


def board_cards(session: Session) -> list[Card]:
    """The problem and need cards not in the trash, in creation order."""
    return [c for c in session.cards if on_board(c)]


def unsorted_cards(session: Session) -> list[Card]:
    """Board cards in no category yet (step 4's open work)."""
    return [c for c in board_cards(session) if c.category_id is None]


def resource_cards(session: Session) -> list[Card]:
    """The potential and resource cards not in the trash, in creation order."""
    return [c for c in session.cards if c.deleted_at is None and c.kind in RESOURCE_KINDS]


def steps_reopened_by(session: Session, card: Card) -> list[Step]:
    """Steps marked complete that ``card``, just written, gives open work again.

    A new problem or need is not on the plano yet (step 3) nor in a category (step 4);
    the caller says so rather than let a completed step silently gain work.
    """
    if not on_board(card):
        return []
    open_in = []
    if not card.posted:
        open_in.append(Step.STICK)
    if card.category_id is None:
        open_in.append(Step.GROUP)
    return [s for s in open_in if s in session.completed_steps]
