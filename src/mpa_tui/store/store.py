"""Store: one data folder, its lock, and the repository over it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from mpa_tui.store.atomic import DIR_MODE, FILE_MODE
from mpa_tui.store.check import ScanResult, scan
from mpa_tui.store.check import repair as repair_scan
from mpa_tui.store.errors import StoreError, StoreLockedError
from mpa_tui.store.layout import DamageReport
from mpa_tui.store.repository import SESSIONS_DIR, SessionRepository

LOCK_NAME = ".lock"


def resolve_data_dir(cli_value: str | Path | None) -> Path:
    """The data folder: ``--data-dir`` > ``MPA_DATA_DIR`` > the platform's user data dir.

    The folder is not created here.
    """
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("MPA_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("mpa-tui", appauthor=False))


def _make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with mode 0700 for the folders we create."""
    if path.is_dir():
        return
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    # mkdir's mode is filtered by the umask; set it explicitly.
    os.chmod(path, DIR_MODE)


class _OSLock:
    """An exclusive OS lock on ``<data_dir>/.lock`` (flock on POSIX, msvcrt on Windows).

    These locks belong to the open file: the kernel drops them when the process dies,
    so a lock left by a killed ``mpa`` never blocks the next start. (A lock *file*
    that merely exists would.)
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self.create = create
        self._fd: int | None = None

    def acquire(self) -> None:
        flags = os.O_RDWR | (os.O_CREAT if self.create else 0)
        fd = os.open(self.path, flags, FILE_MODE)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            # POSIX says EWOULDBLOCK; Windows says EACCES/EDEADLOCK (a PermissionError
            # or plain OSError there, hence the second clause below).
            os.close(fd)
            raise StoreLockedError() from None
        except OSError:
            os.close(fd)
            if sys.platform == "win32":  # pragma: no cover - Windows only
                raise StoreLockedError() from None
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
        os.close(fd)


def lock_held_elsewhere(data_dir: str | Path) -> bool:
    """Whether another process holds the folder's lock (creates nothing; for ``doctor``)."""
    path = Path(data_dir) / LOCK_NAME
    if not path.exists():
        return False
    probe = _OSLock(path, create=False)
    try:
        probe.acquire()
    except StoreLockedError:
        return True
    except OSError:
        return False
    probe.release()
    return False


class Store:
    """An opened data folder.

    Attributes:
        data_dir: The folder.
        repo: The session repository.
        damage_reports: Files found damaged (and set aside) or read-only at open.
        locked: Whether this Store holds the write lock.
    """

    def __init__(self, data_dir: Path, repo: SessionRepository,
                 damage_reports: list[DamageReport], lock: _OSLock | None) -> None:
        self.data_dir = data_dir
        self.repo = repo
        self.damage_reports = damage_reports
        self._lock = lock
        self.last_scan: ScanResult | None = None

    @property
    def locked(self) -> bool:
        """Whether this Store holds the write lock (and may save)."""
        return self._lock is not None

    @classmethod
    def open(cls, data_dir: str | Path, *, lock: bool = True, repair: bool | None = None,
             deep: bool = False) -> Store:
        """Open a data folder.

        Args:
            data_dir: The folder (created 0700 with ``sessions/`` when writing).
            lock: Take the OS lock (needed to save). Without it the Store is read-only
                and never creates, deletes or moves anything.
            repair: Remove stale temps, set damaged files aside, restore backups and
                rebuild the index. Defaults to ``lock``; requires the lock.
            deep: Check every file fully (see :func:`mpa_tui.store.check.scan`).

        Raises:
            StoreLockedError: Another process holds the folder.
            StoreError: ``repair_needs_lock`` when repairing without the lock.
            OSError: The folder cannot be created or read.
        """
        data_dir = Path(data_dir)
        do_repair = lock if repair is None else repair
        if do_repair and not lock:
            raise StoreError("repair_needs_lock")
        os_lock: _OSLock | None = None
        if lock:
            _make_private_dir(data_dir)
            _make_private_dir(data_dir / SESSIONS_DIR)
            os_lock = _OSLock(data_dir / LOCK_NAME)
            os_lock.acquire()
        try:
            result = scan(data_dir, deep=deep)
            reports: list[DamageReport] = []
            if do_repair:
                reports = repair_scan(result)
            reports += [DamageReport(p, None, False, "newer_schema") for p in result.newer_schema]
            repo = SessionRepository(data_dir, result.summaries, result.stats,
                                     result.read_only_ids, writable=lock)
            if do_repair and not result.index_ok:
                repo.write_index()
        except BaseException:
            if os_lock is not None:
                os_lock.release()
            raise
        store = cls(data_dir, repo, reports, os_lock)
        store.last_scan = result
        return store

    @staticmethod
    def folder_problem(data_dir: str | Path) -> str | None:
        """What makes a data folder unusable, or None (missing is not a problem: empty).

        Returns:
            ``not_a_folder`` (the path is a file), ``sessions_not_a_folder`` (its
            ``sessions`` is a file) or ``unreadable`` (no permission, I/O error).
        """
        data_dir = Path(data_dir)
        try:
            if not data_dir.exists():
                return None
            if not data_dir.is_dir():
                return "not_a_folder"
            next(os.scandir(data_dir), None)
            sessions = data_dir / SESSIONS_DIR
            if sessions.exists() and not sessions.is_dir():
                return "sessions_not_a_folder"
            if sessions.is_dir():
                next(os.scandir(sessions), None)
        except OSError:
            return "unreadable"
        return None

    @staticmethod
    def check(data_dir: str | Path) -> ScanResult:
        """Check every file of a data folder fully, changing nothing (``mpa doctor``)."""
        return scan(Path(data_dir), deep=True)

    def close(self) -> None:
        """Release the lock (safe to call twice)."""
        self.repo.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
