"""Crash-safe file writes (the TinyDB storage built on them is in ``storage.py``).

A write goes: temp file in the same folder (``.<name>.tmp-<pid>-<rand>``, opened 0600) ->
write -> flush -> fsync -> keep the old file as ``<name>.bak`` -> ``os.replace`` -> fsync
the folder. After a crash at any point the file is either the old or the new version,
never a mix, and stale temps are recognisable by name and removed at the next open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import orjson

FILE_MODE = 0o600
DIR_MODE = 0o700
TMP_MARK = ".tmp-"
BAK_SUFFIX = ".bak"

# Windows may refuse os.replace for a moment while an antivirus or indexer holds the file.
_REPLACE_TRIES = 5
_REPLACE_PAUSE = 0.05


def _temp_str(path: str) -> str:
    """A unique temp file name next to ``path``, recognisable as ours when stale."""
    # Plain strings: pathlib's parsing was a measurable part of a ~1 ms save.
    head, name = os.path.split(path)
    return os.path.join(head, f".{name}{TMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def is_temp_name(name: str) -> bool:
    """Whether a file name is one of our temp files."""
    return name.startswith(".") and TMP_MARK in name


def backup_path(path: Path) -> Path:
    """Where the previous good version of ``path`` is kept."""
    return path.with_name(path.name + BAK_SUFFIX)


def fsync_dir(folder: Path | str) -> None:
    """Make a rename inside ``folder`` durable (no-op where folders cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a directory
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        _full_fsync(fd)
    except OSError as exc:
        # Some file systems (a FAT stick through some drivers, FUSE) cannot fsync a
        # folder; that is not a failed write.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _full_fsync(fd: int) -> None:
    """fsync, with F_FULLFSYNC on macOS where plain fsync does not reach the platter."""
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        import fcntl

        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, full)
                return
    os.fsync(fd)


def replace(src: Path | str, dst: Path | str) -> None:
    """``os.replace`` that retries briefly on Windows' transient PermissionError."""
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == _REPLACE_TRIES - 1:
                raise
            time.sleep(_REPLACE_PAUSE * (attempt + 1))


def _write_temp(path: str, data: bytes, *, sync: bool) -> tuple[str, os.stat_result]:
    """Write ``data`` (durably unless ``sync`` is False) to a new temp file next to ``path``;
    returns the temp file's path and its stat."""
    tmp = _temp_str(path)
    return tmp, write_new(tmp, data, sync=sync)


def write_new(path: str | Path, data: bytes, *, sync: bool = True) -> os.stat_result:
    """Create ``path`` (it must not exist), 0600, write ``data`` and fsync it.

    Not atomic by itself: for a temp file, or a file inside a folder that gets its final
    name only once complete (an export's staging folder). Returns the file's stat.

    Raises:
        OSError: The write failed; the partial file is removed.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        if sync:
            _full_fsync(fd)
        # A rename keeps inode, size and mtime: this is the stat of the file to be.
        st = os.fstat(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)
    return st


def keep_backup(path: Path | str) -> None:
    """Keep the current ``path`` as ``<name>.bak`` (atomically replacing the old backup).

    A hard link costs no copy; filesystems without links (FAT32) get a durable copy.
    """
    path = os.fspath(path)
    bak = path + BAK_SUFFIX
    tmp = _temp_str(bak)
    try:
        os.link(path, tmp)
    except FileNotFoundError:
        return
    except OSError:
        try:
            shutil.copyfile(path, tmp)
            os.chmod(tmp, FILE_MODE)
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if isinstance(exc, FileNotFoundError) and not os.path.exists(path):
                return  # nothing to back up yet
            raise
    try:
        replace(tmp, bak)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write(
    path: Path | str, data: bytes, *, backup: bool = True, sync: bool = True
) -> os.stat_result:
    """Replace ``path`` with ``data`` so a crash leaves the old or the new file, whole.

    Args:
        path: The file to write.
        data: Its new content.
        backup: Keep the replaced version as ``<name>.bak``.
        sync: fsync the file and its folder (durable on return). Only caches that are
            checked and rebuilt at open (``index.json``) may pass False.

    Returns:
        The stat of the new file (taken before the rename, which keeps it).

    Raises:
        OSError: The write failed; ``path`` is untouched and no temp file is left.
    """
    path = os.fspath(path)
    tmp, st = _write_temp(path, data, sync=sync)
    try:
        if backup:
            keep_backup(path)
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync:
        fsync_dir(os.path.dirname(path) or ".")
    return st


def dumps(obj: Any) -> bytes:
    """Serialise a JSON document the way every store file is written."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)
