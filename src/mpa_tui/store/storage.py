"""The TinyDB storage of a session file, built on :mod:`mpa_tui.store.atomic`.

Its own module so that opening the store and listing sessions (the home screen, ``mpa
list``) does not import TinyDB: the repository imports it when a session is loaded or saved.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from mpa_tui.store.atomic import atomic_write, dumps
from mpa_tui.store.layout import BadFile


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes with :func:`atomic_write` and reads from memory.

    Unlike TinyDB's ``JSONStorage`` it never writes in place, never creates a file on
    read, and raises instead of treating an empty or broken file as an empty database.
    """

    def __init__(self, path: str | Path, *, backup: bool = True, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.backup = backup
        self.read_only = read_only
        self._cache: dict[str, Any] | None = None
        self._raw: bytes | None = None  # last bytes written, parsed only if read again

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole document, from memory after the first read (None if no file).

        Raises:
            BadFile: The file is empty, unparsable or not a JSON object.
        """
        if self._cache is None:
            raw = self._raw
            if raw is None:
                try:
                    raw = self.path.read_bytes()
                except FileNotFoundError:
                    return None
            self._raw = None
            if not raw.strip():
                raise BadFile("empty")
            try:
                data = orjson.loads(raw)
            except orjson.JSONDecodeError:
                raise BadFile("unparsable") from None
            if not isinstance(data, dict):
                raise BadFile("wrong_shape")
            self._cache = data
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write the whole document atomically, then serve it from memory."""
        if self.read_only:
            raise PermissionError("read-only storage")
        try:
            atomic_write(self.path, dumps(data), backup=self.backup)
        except BaseException:
            # TinyDB edits the dict read() returned in place: after a failed write the
            # memory copy is ahead of the disk, so forget it and re-read next time.
            self._cache = None
            raise
        self._cache = data

    def write_encoded(self, data: bytes) -> os.stat_result:
        """Write an already serialised document atomically (the fast path for sessions).

        The bytes are kept and parsed only if the document is read again.

        Returns:
            The stat of the new file.
        """
        if self.read_only:
            raise PermissionError("read-only storage")
        self._cache = None
        self._raw = None
        st = atomic_write(self.path, data, backup=self.backup)
        self._raw = data
        return st

    def close(self) -> None:
        """Drop the in-memory copy."""
        self._cache = None
        self._raw = None
