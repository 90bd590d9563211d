"""Where the facilitator is in the method: the current step and the steps marked done."""

from __future__ import annotations

from mpa_tui.domain.base import utcnow
from mpa_tui.domain.enums import Step
from mpa_tui.domain.session import Session


def set_current_step(session: Session, step: Step) -> None:
    """Remember the step the session is at (it reopens there)."""
    if session.current_step != step:
        session.current_step = step
        session.updated_at = utcnow()


def toggle_step_complete(session: Session, step: Step) -> bool:
    """Mark ``step`` complete, or not complete again when it was.

    Returns:
        Whether the step is complete now.
    """
    done = step not in session.completed_steps
    session.completed_steps = ([*session.completed_steps, step] if done
                               else [x for x in session.completed_steps if x != step])
    session.updated_at = utcnow()
    return done
