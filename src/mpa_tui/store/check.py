"""Checking a data folder (``scan``) and setting damaged files aside (``repair``).

``scan`` never changes anything (``mpa doctor`` without ``--repair``); ``repair`` acts
on a scan's findings and must only run while holding the store's lock.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mpa_tui.store.atomic import BAK_SUFFIX, atomic_write, backup_path, fsync_dir, is_temp_name
from mpa_tui.store.layout import (
    BadFile,
    DamageReport,
    SessionSummary,
    file_stamp,
    parse_index_bytes,
    parse_session_bytes,
    summary_from_json,
)
from mpa_tui.store.repository import INDEX_NAME, SESSIONS_DIR, app_schema_version


@dataclass
class Finding:
    """One damaged file found by :func:`scan`.

    Attributes:
        path: The damaged file.
        reason: DamageReport reason (``empty``, ``unparsable``, ``wrong_shape``, ``invalid``,
            ``missing``, ``index``).
        backup_ok: Whether a valid ``.bak`` exists to restore.
        session_id: The session the file belongs to ("" for the index).
    """

    path: Path
    reason: str
    backup_ok: bool = False
    session_id: str = ""


@dataclass
class ScanResult:
    """Everything :func:`scan` learnt about a data folder."""

    data_dir: Path
    stale_temps: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    newer_schema: list[Path] = field(default_factory=list)
    summaries: dict[str, SessionSummary] = field(default_factory=dict)
    stats: dict[str, list[int]] = field(default_factory=dict)
    read_only_ids: set[str] = field(default_factory=set)
    index_ok: bool = True
    """False when index.json is missing, damaged or out of date (it is then rebuilt)."""
    removed_temps: list[Path] = field(default_factory=list)
    """Stale temps :func:`repair` deleted."""
    set_aside: list[Path] = field(default_factory=list)
    """``*.damaged-*`` files left by earlier repairs (informational)."""

    @property
    def damaged(self) -> bool:
        """Whether anything needs ``--repair`` (stale temps and index staleness count)."""
        return bool(self.findings or self.stale_temps)


def _check_session_bytes(raw: bytes, expected_id: str) -> tuple[int, dict]:
    version, body = parse_session_bytes(raw)
    if body.get("id") != expected_id:
        raise BadFile("wrong_shape")
    return version, body


def _backup_ok(path: Path, session_id: str) -> bool:
    try:
        _check_session_bytes(backup_path(path).read_bytes(), session_id)
    except (OSError, BadFile):
        return False
    return True


def _deep_valid(body: dict) -> bool:
    from pydantic import ValidationError

    from mpa_tui.domain.session import Session

    try:
        Session.model_validate(body)
    except ValidationError:
        return False
    return True


def scan(data_dir: Path, *, deep: bool = False) -> ScanResult:
    """Check every file of a data folder without changing anything.

    Args:
        data_dir: The folder.
        deep: Also parse files the index vouches for, validate every session against the
            model and check every backup (``mpa doctor``); otherwise trust files whose
            size and mtime match the index (fast open).
    """
    res = ScanResult(data_dir=data_dir)
    sessions_dir = data_dir / SESSIONS_DIR
    index_path = data_dir / INDEX_NAME
    current = app_schema_version()

    idx_summaries: dict[str, SessionSummary] = {}
    idx_stats: dict[str, list[int]] = {}
    try:
        idx_summaries, idx_stats = parse_index_bytes(index_path.read_bytes())
    except FileNotFoundError:
        res.index_ok = False
    except (OSError, BadFile):
        res.index_ok = False
        if index_path.exists():
            res.findings.append(Finding(index_path, "index"))

    # One directory listing per folder, plain strings: with 1,000 sessions this loop is
    # most of the start-up's extra time (docs/BENCHMARKS.md).
    names: set[str] = set()
    for folder in (data_dir, sessions_dir):
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            for name in os.listdir(folder):
                if is_temp_name(name):
                    res.stale_temps.append(folder / name)
                    continue
                if ".damaged-" in name:
                    res.set_aside.append(folder / name)
                if folder is sessions_dir:
                    names.add(name)
    folder_str = os.fspath(sessions_dir)
    for name in sorted(names):
        if name.endswith(".json" + BAK_SUFFIX):
            main = name[: -len(BAK_SUFFIX)]
            sid = main[: -len(".json")]
            if main not in names and _backup_ok(sessions_dir / main, sid):
                res.findings.append(Finding(sessions_dir / main, "missing", True, sid))
            elif deep and not _backup_ok(sessions_dir / main, sid):
                res.findings.append(Finding(sessions_dir / name, "backup", False, sid))
            continue
        if not name.endswith(".json"):
            continue
        sid = name[: -len(".json")]
        try:
            st = os.stat(os.path.join(folder_str, name))
        except OSError:
            continue
        stat = file_stamp(st)
        if not deep and sid in idx_summaries and idx_stats.get(sid) == stat:
            res.summaries[sid] = idx_summaries[sid]
            res.stats[sid] = stat
            continue
        path = sessions_dir / name
        try:
            version, body = _check_session_bytes(path.read_bytes(), sid)
        except BadFile as bad:
            res.findings.append(Finding(path, bad.reason, _backup_ok(path, sid), sid))
            continue
        except OSError:
            res.findings.append(Finding(path, "unreadable", False, sid))
            continue
        if version > current:
            res.newer_schema.append(path)
            res.read_only_ids.add(sid)
        try:
            summary = summary_from_json(body)
        except BadFile:
            if version > current:
                summary = _placeholder_summary(sid, st.st_mtime)
            else:
                res.findings.append(Finding(path, "wrong_shape", _backup_ok(path, sid), sid))
                continue
        if deep and version <= current and not _deep_valid(body):
            res.findings.append(Finding(path, "invalid", _backup_ok(path, sid), sid))
            continue
        res.summaries[sid] = summary
        res.stats[sid] = stat
        if idx_summaries.get(sid) != summary or idx_stats.get(sid) != stat:
            res.index_ok = False
    if set(idx_summaries) != set(res.summaries):
        res.index_ok = False
    return res


def _placeholder_summary(sid: str, mtime: float) -> SessionSummary:
    from datetime import UTC

    return SessionSummary(
        id=sid, group_name="", village="", start_date=None, current_step=1, card_count=0,
        updated_at=datetime.fromtimestamp(mtime, UTC), deleted_at=None, is_example=False,
    )


def _aside_name(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    return target


def repair(res: ScanResult) -> list[DamageReport]:
    """Fix what :func:`scan` found: remove stale temps, set damaged files aside, restore
    backups, and update ``res.summaries`` accordingly. Caller holds the lock.

    Returns:
        One report per damaged file (the index is rebuilt by the caller when
        ``res.index_ok`` is False).
    """
    reports: list[DamageReport] = []
    for tmp in res.stale_temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            res.removed_temps.append(tmp)
    res.stale_temps.clear()
    for f in res.findings:
        moved: Path | None = None
        if f.reason != "missing":
            moved = _aside_name(f.path)
            os.replace(f.path, moved)
        restored = False
        if f.session_id and f.reason != "backup" and f.backup_ok:
            bak = backup_path(f.path)
            raw = bak.read_bytes()
            version, body = _check_session_bytes(raw, f.session_id)
            atomic_write(f.path, raw, backup=False)
            restored = True
            st = f.path.stat()
            res.stats[f.session_id] = file_stamp(st)
            try:
                res.summaries[f.session_id] = summary_from_json(body)
            except BadFile:
                res.summaries[f.session_id] = _placeholder_summary(f.session_id, st.st_mtime)
            if version > app_schema_version():
                res.read_only_ids.add(f.session_id)
        if f.reason != "missing":
            fsync_dir(f.path.parent)
        reports.append(DamageReport(f.path, moved, restored, f.reason))
        res.index_ok = False
    res.findings.clear()
    return reports
