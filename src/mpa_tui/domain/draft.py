"""Step 2's draft (the card being typed, the turn, the writing time left) kept with the
session, and the one edit that turns the draft into a card."""

from __future__ import annotations

from mpa_tui.domain import ops
from mpa_tui.domain.enums import CardColour, CardKind
from mpa_tui.domain.session import CaptureDraft, Card, Session


def keep_draft(session: Session, draft: CaptureDraft) -> bool:
    """Store ``draft`` as the session's step 2 draft; False (nothing to save) if unchanged."""
    if session.capture == draft:
        return False
    session.capture = draft
    return True


def write_card(session: Session, text: str, kind: CardKind, colour: CardColour,
               author_id: str | None) -> Card:
    """Add the typed card and empty the draft's text in the same edit (one save)."""
    card = ops.add_card(session, text, kind, colour, author_id)
    session.capture = session.capture.model_copy(update={"text": ""})
    return card


def carry_draft(restored: Session, current: Session) -> None:
    """Undo and redo restore the cards, not what is being typed: keep ``current``'s draft."""
    restored.capture = current.capture
