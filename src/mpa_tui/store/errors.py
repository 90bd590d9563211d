"""Errors raised by the store. Each carries a stable ``key`` for ``store.error.<key>``."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base of every store error.

    Attributes:
        key: Stable i18n key suffix; the UI shows ``t(f"store.error.{key}", **params)``.
        params: Values for the message template.
    """

    key = "other"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        if key is not None:
            self.key = key
        self.params: dict[str, Any] = params
        super().__init__(self.key, params) if params else super().__init__(self.key)


class StoreLockedError(StoreError):
    """Another process (another mpa window) holds the data folder."""

    key = "locked"


class SessionNotFoundError(StoreError):
    """No session with this id (or prefix)."""

    key = "not_found"


class SessionDamagedError(StoreError):
    """The session file cannot be read as a valid session."""

    key = "damaged"


class SessionReadOnlyError(StoreError):
    """The session was written by a newer app version and must not be rewritten."""

    key = "read_only_session"


# The shared errno map's keys that the store has its own message for (store.error.*);
# "no permission" reads as "cannot be written" there.
_STORE_KEYS = {"disk_full": "disk_full", "read_only": "read_only",
               "no_permission": "read_only", "io_error": "io_error",
               "drive_removed": "drive_removed"}


class SaveError(StoreError):
    """A save failed; the previous file is intact and the caller may retry.

    Attributes:
        errno: The OS error number, when known.
    """

    def __init__(self, err: OSError | None = None, *, path: str = "") -> None:
        self.errno: int | None = err.errno if err is not None else None
        key = save_error_key(err) if err is not None else "other"
        super().__init__(key, path=path, detail=save_error_detail(err))
        self.__cause__ = err


def save_error_key(err: OSError) -> str:
    """The stable key for an ``OSError`` raised while saving."""
    from mpa_tui.i18n.oserror import os_error_key

    return _STORE_KEYS.get(os_error_key(err), "other")


def save_error_detail(err: OSError | None) -> str:
    """The OS error in the user's language (never the OS's English text)."""
    if err is None:
        return ""
    from mpa_tui.i18n.oserror import os_error_text

    return os_error_text(err)
