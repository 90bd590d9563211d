"""Tell the facilitator, as she types, that a participant's name will be coded in exports.

A name in a card, an action or a note is personal data; exports without names replace
it by her code (:mod:`mpa_tui.domain.privacy`). Saying so when it is typed avoids both
surprises: a name she expected in the summary, or one she thought was hidden. Said once
per participant and session, so typing goes on undisturbed.
"""

from __future__ import annotations

from typing import Any

from mpa_tui.domain.privacy import NameCoder
from mpa_tui.i18n import t

NAME_FIELDS = frozenset({"circle-name", "speaker-filter"})
"""Inputs where a name belongs (the circle's; the notes' speaker search), never warned about."""
NAME_SCREENS = frozenset({"CircleScreen", "ReportScreen", "ImportScreen", "ExportScreen"})
"""Screens whose inputs are names, filters or paths, not free text about the workshop."""


class NameWarning:
    """Finds participants' names in typed text and warns once per name and session."""

    def __init__(self) -> None:
        self._coder: NameCoder | None = None
        self._key: tuple[Any, ...] = ()
        self._warned: set[tuple[str, str]] = set()

    def coder(self, session: Any) -> NameCoder:
        """The session's name coder, rebuilt only when its participants change."""
        key = (session.id, *((p.id, p.name) for p in session.participants))
        if self._coder is None or key != self._key:
            self._coder, self._key = NameCoder(session), key
        return self._coder

    def message(self, session: Any, text: str) -> str | None:
        """The warning for ``text`` typed in ``session`` (None: nothing new to say)."""
        coder = self.coder(session)
        for found in coder.find(text):
            code = coder.code(found)
            if (session.id, code) in self._warned:
                continue
            self._warned.add((session.id, code))
            return t("privacy.name_typed", name=found, code=code)
        return None

    def check(self, app: Any, widget: Any, text: str) -> None:
        """Warn (a notification) when ``widget``'s new ``text`` holds a participant's name."""
        controller = getattr(app, "controller", None)
        if controller is None or not text or widget.id in NAME_FIELDS \
                or widget.has_class("target-path"):
            return
        base = next((s for s in reversed(app.screen_stack) if not s.is_modal), None)
        if base is None or type(base).__name__ in NAME_SCREENS:
            return
        warning = self.message(controller.session, text)
        if warning is not None:
            app.notify(warning, severity="warning", timeout=6, markup=False)
