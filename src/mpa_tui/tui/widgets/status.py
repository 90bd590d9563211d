"""The status line ("Tersimpan HH:MM:SS") and the red banner shown while a save fails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpa_tui.i18n import get_language, t
from mpa_tui.tui.widgets.plain import PlainStatic

if TYPE_CHECKING:
    from mpa_tui.tui.controller import SessionController


def save_error_text(controller: SessionController) -> str:
    """The translated reason of the last failed save."""
    err = controller.last_error
    if err is None:
        return ""
    key = f"store.error.{err.key}"
    reason = t(key, **err.params)
    if reason == key:  # the store's catalog has no text for this key
        reason = t("tui.save.error_unknown")
    return reason


class StatusLine(PlainStatic):
    """Bottom line: when the session was last saved, read-only and language flags."""

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; padding: 0 1; }
    """

    def __init__(self, **kw: object) -> None:
        super().__init__("", **kw)

    def show(self, controller: SessionController | None) -> None:
        """Refresh from the controller's state."""
        parts: list[str] = []
        if controller is not None:
            if controller.read_only:
                parts.append(t("tui.status.read_only"))
            elif controller.pending:
                parts.append(t("tui.status.not_saved"))
            elif controller.saved_at is not None:
                parts.append(t("tui.status.saved", time=controller.saved_at.strftime("%H:%M:%S")))
        parts.append(get_language().upper())
        self.update("  ·  ".join(parts))


class SaveBanner(PlainStatic):
    """Red banner that stays while the session is not on disk; hidden otherwise."""

    DEFAULT_CSS = """
    SaveBanner { display: none; height: auto; width: 1fr; padding: 0 1;
                 background: $error; color: $text; text-style: bold; }
    SaveBanner.-visible { display: block; }
    """

    def __init__(self, **kw: object) -> None:
        super().__init__("", **kw)

    def show(self, controller: SessionController | None) -> None:
        """Show the banner while a save is pending, hide it once saved."""
        failing = controller is not None and controller.pending
        self.set_class(failing, "-visible")
        if failing and controller is not None:
            self.update(t("tui.save.failed", reason=save_error_text(controller)))
