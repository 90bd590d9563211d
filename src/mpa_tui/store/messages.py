"""Translated one-line messages for store errors and damage reports (for the UI and CLI)."""

from __future__ import annotations

from mpa_tui.store.errors import StoreError
from mpa_tui.store.layout import DamageReport


def error_message(error: StoreError, lang: str | None = None) -> str:
    """``store.error.<key>`` filled with the error's params."""
    from mpa_tui.i18n import t

    if error.key == "damaged" and error.params.get("reason") == "newer_schema":
        # Not damaged: written by a newer app this one cannot read.
        return t("store.error.newer_version", lang, **error.params)
    return t(f"store.error.{error.key}", lang, **error.params)


def damage_message(report: DamageReport, lang: str | None = None, *,
                   names_only: bool = False) -> str:
    """One line telling the user what was found and what was done about it.

    Args:
        report: What the store found.
        lang: The language (default: the current one).
        names_only: File names instead of full paths (the home screen's narrow notice).
    """
    from mpa_tui.i18n import t

    def shown(path: object) -> str:
        return getattr(path, "name", str(path)) if names_only else str(path)

    reason = t(f"store.damage.{report.reason}", lang)
    params = {"reason": reason, "path": shown(report.path), "moved_to": shown(report.moved_to)}
    restored = report.restored_from_backup
    if report.moved_to is None:
        key = "store.damage.restored_missing" if restored else "store.damage.left"
    else:
        key = "store.damage.restored" if restored else "store.damage.moved"
    return t(key, lang, **params)
