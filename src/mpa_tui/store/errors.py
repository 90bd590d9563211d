"""Errors raised by the store. Each carries a stable ``key`` for ``store.error.<key>``."""

from __future__ import annotations

import errno as _errno
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


# errno -> stable key, so the user reads "disk full" instead of "[Errno 28]".
_ERRNO_KEYS = {
    _errno.ENOSPC: "disk_full",
    _errno.EDQUOT: "disk_full",
    _errno.EROFS: "read_only",
    _errno.EACCES: "read_only",
    _errno.EPERM: "read_only",
    _errno.EIO: "io_error",
}


class SaveError(StoreError):
    """A save failed; the previous file is intact and the caller may retry.

    Attributes:
        errno: The OS error number, when known.
    """

    def __init__(self, err: OSError | None = None, *, path: str = "") -> None:
        self.errno: int | None = err.errno if err is not None else None
        key = save_error_key(err) if err is not None else "other"
        super().__init__(key, path=path, detail=str(err.strerror or err) if err else "")
        self.__cause__ = err


def save_error_key(err: OSError) -> str:
    """The stable key for an ``OSError`` raised while saving."""
    return _ERRNO_KEYS.get(err.errno or -1, "other")
