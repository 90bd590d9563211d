"""Writing an export to a USB stick (or any folder) so that nothing half-written is left.

Everything is rendered in memory first, so the size is known before the drive is
touched. The files go into a hidden staging folder ``MPA/.<name>.partial``: each one
written and fsynced; then ``SHA256SUMS``; every file is read back and checked; the
staging folder is fsynced once, and only then renamed to its final name, its parent
fsynced and the drive flushed (``syncfs``/``os.sync()``). On any error the staging
folder is removed (as far as the drive still allows): no incomplete file ever carries a
final name.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpa_tui.export.model import Table
from mpa_tui.export.naming import (
    EXPORT_ROOT,
    file_name,
    folder_name,
    identity_prefix,
    unique_folder,
    unique_name,
)
from mpa_tui.export.render import SUMS_NAME, BadFormatError, parse_formats, render_format
from mpa_tui.i18n import t
from mpa_tui.store import atomic

if TYPE_CHECKING:  # the session model costs 0.2 s to import: the report needs none
    from mpa_tui.domain.session import Session

Progress = Callable[[int, int, str], None]
"""``progress(done, total, label)``: called from the worker thread as the export advances."""

SPACE_MARGIN = 1 << 20
"""Spare bytes asked for on top of twice the export's size (FAT clusters, directory entries)."""

_EXPORT_KEYS = {"disk_full", "read_only", "no_permission", "drive_removed", "io_error"}
"""OS errors with a message of their own in ``export.error.*``; the rest say what the
shared map (:mod:`mpa_tui.i18n.oserror`) calls them."""


class ExportError(Exception):
    """An export failed; ``key`` names the message ``export.error.<key>``."""

    def __init__(self, key: str, *, errno_: int | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.errno = errno_

    def message(self, lang: str | None = None) -> str:
        """The translated, one-line message."""
        params = self.params
        if self.key == "other" and self.errno is not None:
            from mpa_tui.i18n.oserror import os_error_text

            params = {**params, "detail": os_error_text(self.errno, lang)}
        return t(f"export.error.{self.key}", lang, **params)

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
    synced: bool = True
    """Whether the drive reported its flush done (else: wait for the stick's light)."""


def error_from_oserror(exc: OSError, target: Path) -> ExportError:
    """Map an OSError from the drive to an :class:`ExportError` with a clear key."""
    from mpa_tui.i18n.oserror import os_error_key

    key = os_error_key(exc)
    if key == "not_found":  # the target was there when the export began
        key = "drive_removed"
    if key not in _EXPORT_KEYS:
        key = "other"
    params: dict[str, Any] = {"target": str(target)}
    if key == "other":
        params["detail"] = exc.__class__.__name__  # replaced by the errno's text when known
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
    """Flush a folder's entries (renames) to disk: the store's own durable-write step."""
    atomic.fsync_dir(path)


def write_durable(folder: Path, name: str, data: bytes) -> None:
    """Write a new file ``folder/name`` (0600) and fsync it: the folder is a staging folder
    that gets its final name only once every file in it is complete and fsynced, so one
    fsync per file is enough (no temp name and rename per file)."""
    atomic.write_new(folder / name, data)


def sync_drive(path: Path) -> bool:
    """Flush everything cached for the drive holding ``path`` (then it is safe to pull).

    On Linux only that file system is flushed (``syncfs``), so a busy laptop disk does
    not make the export wait; elsewhere ``os.sync()`` (where it exists) flushes all.

    Returns:
        Whether the flush is known to have succeeded. On Linux that is ``syncfs``
        answering 0; when it fails ``os.sync()`` is still tried, but it cannot report an
        error, so the user is asked to wait for the stick's light instead of being told
        it is safe. Elsewhere every file was already fsynced (FlushFileBuffers on
        Windows, whose sticks use quick removal) and ``os.sync()`` is the usual flush.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            fd = os.open(path, os.O_RDONLY)
            try:
                if libc.syncfs(fd) == 0:
                    return True
            finally:
                os.close(fd)
        except (OSError, AttributeError):
            pass
        if hasattr(os, "sync"):
            os.sync()
        return False
    if hasattr(os, "sync"):
        os.sync()
    return True


def sums_text(sums: dict[str, str]) -> bytes:
    """``SHA256SUMS`` in the ``sha256sum -c`` format."""
    return "".join(f"{digest}  {name}\n" for name, digest in sums.items()).encode("utf-8")


def add_sums(files: dict[str, bytes]) -> dict[str, str]:
    """Add ``SHA256SUMS`` (last) for every file in ``files``; return the files' digests."""
    sums = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    files[SUMS_NAME] = sums_text(sums)
    return sums


def render_all(session: Session, formats: list[str], *, lang: str, with_names: bool,
               step: Callable[[str], None], coded: bool = False) -> dict[str, bytes]:
    """Render every asked-for format into memory, in write order.

    Every file is named ``<date>_<group>_<village>_<kind>`` so it says whose it is.
    ``coded``: ``session`` is already :func:`~mpa_tui.domain.privacy.code_names`' copy
    (names left out): no format codes it again.
    """
    from mpa_tui.export.summary import build_view, cards_table

    view = build_view(session, lang=lang, with_names=with_names,
                      exported_at=datetime.now().astimezone(), coded=coded)
    cache: list[Table] = []

    def cards() -> Table:
        if not cache:
            cache.append(cards_table(session, lang=lang, with_names=with_names, coded=coded))
        return cache[0]

    prefix = identity_prefix(session)
    files: dict[str, bytes] = {}
    for fmt in formats:
        step(t("export.progress.render", lang, name=fmt))
        rendered = render_format(fmt, session, view, cards, coded=coded)
        files.update((file_name(prefix, kind), data) for kind, data in rendered.items())
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
    files = render_all(session, fmts, lang=lang, with_names=with_names, step=step,
                       coded=not with_names)
    sums = add_sums(files)
    size = sum(len(d) for d in files.values())

    final, synced = _write_folder(Path(target_root), EXPORT_ROOT,
                                  folder_name(session, with_names=with_names, lang=lang), files,
                                  step=step, lang=lang)
    if progress is not None:
        progress(total, total, t(removal_key(synced), lang))
    all_sums = dict(sums)
    all_sums[SUMS_NAME] = hashlib.sha256(files[SUMS_NAME]).hexdigest()
    return ExportResult(folder=final, files=list(files), sha256=all_sums, size=size,
                        seconds=time.perf_counter() - started, synced=synced)


def removal_key(synced: bool) -> str:
    """What to say once an export is written: safe to pull, or wait for the stick's light."""
    return "export.safe_to_remove" if synced else "export.wait_for_light"


STALE_PARTIAL_SECONDS = 120.0
"""A staging folder older than this is left from an export that never finished."""


def _remove_stale_partials(parent: Path) -> None:
    """Remove staging folders of earlier exports cut short (a pulled stick, a crash).

    They are hidden on Linux but not on Windows, and would stay on the stick forever.
    A recent one may belong to an export running right now elsewhere: it is left.
    """
    now = time.time()
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".partial")):
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_PARTIAL_SECONDS
            if old and entry.is_dir(follow_symlinks=False):
                _discard(Path(entry.path))
        except OSError:
            continue


def write_folder(target_root: Path, subdir: str, wanted: str, files: dict[str, bytes], *,
                 step: Callable[[str], None] | None = None, lang: str | None = None) -> Path:
    """Write ``files`` into a new folder ``target_root/subdir/<wanted or wanted_N>``.

    Free space is checked first; files are written durably into a hidden staging folder,
    read back, and the folder gets its final name only when all of it is good.

    Raises:
        ExportError: nothing incomplete is left under a final name.
    """
    return _write_folder(target_root, subdir, wanted, files, step=step, lang=lang)[0]


def _write_folder(target_root: Path, subdir: str, wanted: str, files: dict[str, bytes], *,
                  step: Callable[[str], None] | None = None, lang: str | None = None
                  ) -> tuple[Path, bool]:
    size = sum(len(d) for d in files.values())
    _check_target(target_root, size)
    staging: Path | None = None
    tell = step or (lambda label: None)
    try:
        parent = target_root / subdir
        parent.mkdir(mode=0o700, exist_ok=True)  # personal data: 0700 where modes exist
        _remove_stale_partials(parent)
        name = unique_folder(parent, wanted)
        staging = parent / f".{name}.partial"
        staging.mkdir(mode=0o700)
        for fname, data in files.items():
            tell(t("export.progress.write", lang, name=fname))
            write_durable(staging, fname, data)
        tell(t("export.progress.verify", lang))
        _verify(staging, files)
        tell(t("export.progress.sync", lang))
        fsync_dir(staging)  # its entries, once, before it takes its final name
        # Someone may have written the same name meanwhile (two exports at once).
        others = [p.name for p in parent.iterdir() if p.name != staging.name]
        final = parent / unique_name(name, others)
        os.replace(staging, final)
        staging = None
        fsync_dir(parent)
        synced = sync_drive(parent)
    except OSError as exc:
        raise error_from_oserror(exc, target_root) from exc
    finally:
        if staging is not None:
            _discard(staging)
    return final, synced


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
