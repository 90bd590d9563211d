"""Writing an export to a USB stick (or any folder) so that nothing half-written is left.

Everything is rendered in memory first, so the size is known before the drive is
touched. The files go into a hidden staging folder ``MPA/.<name>.partial``: each one to
a temp name, fsync, rename, fsync the folder; then ``SHA256SUMS``; every file is read
back and checked; only then the staging folder is renamed to its final name and
``os.sync()`` flushes the drive. On any error the staging folder is removed (as far as
the drive still allows): no incomplete file ever carries a final name.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpa_tui.export.model import Table
from mpa_tui.export.naming import EXPORT_ROOT, folder_name, unique_folder, unique_name
from mpa_tui.export.render import SUMS_NAME, BadFormatError, parse_formats, render_format
from mpa_tui.i18n import t

if TYPE_CHECKING:  # the session model costs 0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``: called from the worker thread as the export advances."""

SPACE_MARGIN = 1 << 20
"""Spare bytes asked for on top of twice the export's size (FAT clusters, directory entries)."""

_ERRNO_KEYS = {
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.ENOENT: "drive_removed",
    errno.ENODEV: "drive_removed",
    errno.ENXIO: "drive_removed",
    errno.EIO: "io_error",
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_KEYS[errno.EDQUOT] = "disk_full"


class ExportError(Exception):
    """An export failed; ``key`` names the message ``export.error.<key>``."""

    def __init__(self, key: str, *, errno_: int | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.errno = errno_

    def message(self, lang: str | None = None) -> str:
        """The translated, one-line message."""
        return t(f"export.error.{self.key}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


@dataclass
class ExportResult:
    """What an export wrote."""

    folder: Path
    files: list[str]
    """File names in the folder, SHA256SUMS last."""
    sha256: dict[str, str] = field(default_factory=dict)
    size: int = 0
    seconds: float = 0.0


def error_from_oserror(exc: OSError, target: Path) -> ExportError:
    """Map an OSError from the drive to an :class:`ExportError` with a clear key."""
    key = _ERRNO_KEYS.get(exc.errno or 0, "other")
    params: dict[str, Any] = {"target": str(target)}
    if key == "other":
        params["detail"] = exc.strerror or exc.__class__.__name__
    return ExportError(key, errno_=exc.errno, **params)


def human_size(n: int) -> str:
    """A byte count for people: 512 B, 12.3 KB, 4.5 MB."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (renames) to disk; a no-op where folders cannot be opened."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems cannot fsync a directory; that is not a failed write.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def write_durable(folder: Path, name: str, data: bytes) -> None:
    """Write ``data`` to ``folder/name`` via a temp file, fsync and rename."""
    tmp = folder / f".{name}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, folder / name)
    fsync_dir(folder)


def sync_drive(path: Path) -> None:
    """Flush everything cached for the drive holding ``path`` (then it is safe to pull).

    On Linux only that file system is flushed (``syncfs``), so a busy laptop disk does
    not make the export wait; elsewhere ``os.sync()`` (where it exists) flushes all.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open(path, os.O_RDONLY)
            try:
                if libc.syncfs(fd) == 0:
                    return
            finally:
                os.close(fd)
        except (OSError, AttributeError):
            pass
    if hasattr(os, "sync"):
        os.sync()


def sums_text(sums: dict[str, str]) -> bytes:
    """``SHA256SUMS`` in the ``sha256sum -c`` format."""
    return "".join(f"{digest}  {name}\n" for name, digest in sums.items()).encode("utf-8")


def render_all(session: Session, formats: list[str], *, lang: str, with_names: bool,
               step: Callable[[str], None]) -> dict[str, bytes]:
    """Render every asked-for format into memory, in write order."""
    from mpa_tui.export.summary import build_view, cards_table

    view = build_view(session, lang=lang, with_names=with_names)
    cache: list[Table] = []

    def cards() -> Table:
        if not cache:
            cache.append(cards_table(session, lang=lang, with_names=with_names))
        return cache[0]

    files: dict[str, bytes] = {}
    for fmt in formats:
        step(t("export.progress.render", lang, name=fmt))
        files.update(render_format(fmt, session, view, cards))
    return files


def export_session(
    session: Session,
    target_root: Path,
    *,
    formats: set[str] | list[str] | str | None = None,
    with_names: bool = False,
    lang: str = "id",
    progress: Progress | None = None,
) -> ExportResult:
    """Export a session into ``target_root/MPA/<folder>/`` safely.

    Args:
        session: The session; never changed.
        target_root: The drive root or the folder chosen with ``--to``.
        formats: Formats to write (see ``render.FORMATS``); None means all.
        with_names: Participants' names instead of codes (and authorship).
        lang: Export language ("id" or "en").
        progress: Optional ``(done, total, label)`` callback.

    Returns:
        Where the export went and what it holds.

    Raises:
        ExportError: on a bad format, too little space or a drive error; nothing
            incomplete is left under a final name.
    """
    started = time.perf_counter()
    try:
        fmts = parse_formats(formats)
    except BadFormatError as exc:
        raise ExportError("bad_format", name=exc.name) from None
    n_files = sum(2 if f == "csv" else 1 for f in fmts) + 1
    total = len(fmts) + n_files + 2
    done = 0

    def step(label: str) -> None:
        nonlocal done
        if progress is not None:
            progress(done, total, label)
        done += 1

    if not with_names:  # one coded copy for every format, the folder name included
        from mpa_tui.domain.privacy import code_names

        session = code_names(session)
    files = render_all(session, fmts, lang=lang, with_names=with_names, step=step)
    sums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    files[SUMS_NAME] = sums_text(sums)
    size = sum(len(d) for d in files.values())

    final = write_folder(Path(target_root), EXPORT_ROOT,
                         folder_name(session, with_names=with_names, lang=lang), files,
                         step=step, lang=lang)
    if progress is not None:
        progress(total, total, t("export.safe_to_remove", lang))
    all_sums = dict(sums)
    all_sums[SUMS_NAME] = hashlib.sha256(files[SUMS_NAME]).hexdigest()
    return ExportResult(folder=final, files=list(files), sha256=all_sums, size=size,
                        seconds=time.perf_counter() - started)


def write_folder(target_root: Path, subdir: str, wanted: str, files: dict[str, bytes], *,
                 step: Callable[[str], None] | None = None, lang: str | None = None) -> Path:
    """Write ``files`` into a new folder ``target_root/subdir/<wanted or wanted_N>``.

    Free space is checked first; files are written durably into a hidden staging folder,
    read back, and the folder gets its final name only when all of it is good.

    Raises:
        ExportError: nothing incomplete is left under a final name.
    """
    size = sum(len(d) for d in files.values())
    _check_target(target_root, size)
    staging: Path | None = None
    tell = step or (lambda label: None)
    try:
        parent = target_root / subdir
        parent.mkdir(exist_ok=True)
        name = unique_folder(parent, wanted)
        staging = parent / f".{name}.partial"
        staging.mkdir()
        for fname, data in files.items():
            tell(t("export.progress.write", lang, name=fname))
            write_durable(staging, fname, data)
        tell(t("export.progress.verify", lang))
        _verify(staging, files)
        tell(t("export.progress.sync", lang))
        # Someone may have written the same name meanwhile (two exports at once).
        others = [p.name for p in parent.iterdir() if p.name != staging.name]
        final = parent / unique_name(name, others)
        os.replace(staging, final)
        staging = None
        fsync_dir(parent)
        sync_drive(parent)
    except OSError as exc:
        raise error_from_oserror(exc, target_root) from exc
    finally:
        if staging is not None:
            _discard(staging)
    return final


def _check_target(target_root: Path, size: int) -> None:
    try:
        if not target_root.exists():
            raise ExportError("drive_removed", target=str(target_root))
        if not target_root.is_dir():
            raise ExportError("not_a_folder", target=str(target_root))
        free = shutil.disk_usage(target_root).free
    except OSError as exc:
        raise error_from_oserror(exc, target_root) from exc
    need = size * 2 + SPACE_MARGIN
    if free < need:
        raise ExportError("not_enough_space", target=str(target_root), need=human_size(need),
                          free=human_size(free))


def _verify(folder: Path, files: dict[str, bytes]) -> None:
    """Read every file back and compare with what was meant to be written."""
    for fname, data in files.items():
        with open(folder / fname, "rb") as fh:
            back = fh.read()
        if back != data:  # a byte compare: hashing both costs 0.2 s on a 100 MB report
            raise ExportError("verify_failed", name=fname)


def _discard(staging: Path) -> None:
    """Remove an unfinished export; a pulled drive may refuse, the name stays hidden."""
    shutil.rmtree(staging, ignore_errors=True)


def verify_sums(folder: Path) -> dict[str, bool]:
    """Check a finished export against its ``SHA256SUMS`` (like ``sha256sum -c``)."""
    out: dict[str, bool] = {}
    for line in (folder / SUMS_NAME).read_text(encoding="utf-8").splitlines():
        digest, _, fname = line.partition("  ")
        try:
            actual = hashlib.sha256((folder / fname).read_bytes()).hexdigest()
        except OSError:
            out[fname] = False
            continue
        out[fname] = actual == digest
    return out
