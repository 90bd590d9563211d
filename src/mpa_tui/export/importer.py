"""Importing bundles (sesi.mpa.json) from untrusted drives: each file judged alone, merged
into the store, read back and compared before it counts as imported.

Reading and checking one bundle is :mod:`mpa_tui.export.bundle_read`; a refused bundle
leaves the store as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mpa_tui.domain.session import Session
from mpa_tui.export.bundle_read import MAX_BYTES, BundleError, parse_bundle, read_bundle
from mpa_tui.export.merge import Conflict, merge_sessions
from mpa_tui.export.private import restore_private
from mpa_tui.i18n import t

BUNDLE_GLOBS = ("*.mpa.json", "*/*.mpa.json", "MPA/*/*.mpa.json", "mpa/*/*.mpa.json")


def find_bundles(path: str | Path) -> list[Path]:
    """Bundle files at ``path``: the file itself, or in an export folder, ``MPA/*/`` or a drive."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    found: dict[str, Path] = {}
    for pattern in BUNDLE_GLOBS:
        try:
            hits = sorted(path.glob(pattern))
        except OSError:
            continue
        for hit in hits:
            # Unfinished exports (.<name>.partial) and other hidden folders are skipped.
            if any(part.startswith(".") for part in hit.relative_to(path).parts[:-1]):
                continue
            if hit.is_file():
                found.setdefault(_same_file_key(hit), hit)
    return list(found.values())


def _same_file_key(path: Path) -> str:
    """One key per file, however it is reached: a FAT/exFAT stick is case-insensitive, so
    ``MPA/x`` and ``mpa/x`` are one file under two names (same device and inode)."""
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is not None and st.st_ino:
        return f"{st.st_dev}:{st.st_ino}"
    return os.path.normcase(str(path.resolve()))


@dataclass
class ImportItem:
    """What happened to one bundle file."""

    path: Path
    status: str
    """"added", "merged", "unchanged" or "failed"."""
    session_id: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    error: str = ""
    """The translated message when ``status`` is "failed"."""
    error_key: str = ""
    warnings: list[str] = field(default_factory=list)
    """Translated notes on an accepted file (e.g. its clock is ahead)."""


@dataclass
class ImportResult:
    """The outcome of an import, per file."""

    items: list[ImportItem] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many files ended with this status."""
        return sum(1 for i in self.items if i.status == status)

    @property
    def failed(self) -> list[ImportItem]:
        """The refused files."""
        return [i for i in self.items if i.status == "failed"]


def import_paths(store: Any, paths: list[str | Path], *, lang: str | None = None
                 ) -> ImportResult:
    """Import bundles from files, export folders or whole drives into the store.

    An unknown session is added; a known one is merged entity by entity (the newest
    version wins, conflicts are listed); a session already holding everything is not
    written at all. Each file is judged alone: a refused file changes nothing and is
    named with its reason, and the files beside it still go in.

    Args:
        store: An open, locked :class:`mpa_tui.store.Store`.
        paths: Bundle files, export folders or drive roots.
        lang: Language of the error messages.
    """
    from mpa_tui.store import StoreError

    result = ImportResult()
    for raw in paths:
        found = find_bundles(raw)
        if not found:
            result.items.append(ImportItem(
                Path(raw), "failed", error_key="nothing_found",
                error=t("export.import_error.nothing_found", lang, path=str(raw))))
            continue
        for path in found:
            incoming: Session | None = None
            try:
                incoming = read_bundle(path)
                result.items.append(_import_one(store, path, incoming, lang))
            except BundleError as exc:
                result.items.append(ImportItem(path, "failed", error=exc.message(lang),
                                               error_key=exc.key))
            except StoreError as exc:
                from mpa_tui.store.messages import error_message

                msg = t("export.import_error.save_failed", lang, name=path.name,
                        detail=error_message(exc, lang))
                result.items.append(ImportItem(path, "failed",
                                               incoming.id if incoming else None,
                                               error=msg, error_key="save_failed"))
            except (ValueError, TypeError, OverflowError) as exc:
                # A merge or model check this file trips that no rule above names: it is
                # still this file's failure alone, never the whole batch's.
                from mpa_tui.i18n import error_text

                err = BundleError("invalid", name=path.name, detail=error_text(exc, lang))
                result.items.append(ImportItem(path, "failed", error=err.message(lang),
                                               error_key="invalid"))
    return result


def _stored_form(session: Session, name: str) -> Session:
    """The session as the store would read it back: encoded and parsed with its codec.

    Raises:
        BundleError: ``not_storable`` when it would not come back the same.
    """
    from pydantic import ValidationError

    from mpa_tui.export.merge import content
    from mpa_tui.store.layout import (
        BadFile,
        encode_session_document,
        parse_session_bytes,
        session_json,
    )

    try:
        _, body = parse_session_bytes(
            encode_session_document(session_json(session), session.schema_version))
        back = Session.model_validate(body)
    except (BadFile, ValidationError, ValueError, TypeError):
        raise BundleError("not_storable", name=name) from None
    if content(back) != content(session):
        raise BundleError("not_storable", name=name)
    return back


def _same_group(local: Session, incoming: Session) -> bool:
    """The group's name matches (:func:`mpa_tui.domain.identity.name_key`), as typed here or
    as a bundle without names carries it (participants' names in it coded)."""
    from mpa_tui.domain.identity import name_key
    from mpa_tui.domain.privacy import NameCoder
    from mpa_tui.export.private import incoming_codes

    theirs = name_key(incoming.group_name)
    coder = NameCoder(local, codes=incoming_codes(incoming))
    return theirs in (name_key(local.group_name), name_key(coder.code(local.group_name)))


FUTURE_SLACK = timedelta(days=1)
"""A bundle stamped further ahead than this comes from a laptop with a wrong clock."""


def latest_stamp(session: Session) -> datetime:
    """The latest ``updated_at`` in a session (its own or any entity's)."""
    from mpa_tui.export.merge import COLLECTIONS

    stamps = [session.updated_at, session.evaluation.updated_at]
    for name in COLLECTIONS:
        stamps.extend(e.updated_at for e in getattr(session, name))
    stamps.extend(q.updated_at for q in session.evaluation.quotes)
    return max(stamps)


def _import_one(store: Any, path: Path, incoming: Session, lang: str | None = None
                ) -> ImportItem:
    item = _import_checked(store, path, incoming)
    ahead = latest_stamp(incoming) - datetime.now(UTC)
    if ahead > FUTURE_SLACK:
        # Merges count edits, so a wrong clock cannot win them; still, the user should
        # know that laptop's date is wrong (its exports and reports carry it).
        item.warnings.append(t("export.import.future", lang, name=path.name,
                               days=ahead.days))
    return item


def _import_checked(store: Any, path: Path, incoming: Session) -> ImportItem:
    from mpa_tui.export.merge import content

    repo = store.repo
    if not repo.exists(incoming.id):
        to_write = incoming
        status = "added"
        conflicts: list[Conflict] = []
    else:
        local = repo.load(incoming.id)
        if not _same_group(local, incoming):
            # Same id, another group: merging would silently rename the user's session.
            raise BundleError("other_group", name=path.name, group=incoming.group_name,
                              local=local.group_name)
        # A bundle exported without names carries codes: they never replace real names.
        merged = merge_sessions(local, restore_private(local, incoming))
        if not merged.changed:
            return ImportItem(path, "unchanged", incoming.id)
        to_write, status, conflicts = merged.session, "merged", merged.conflicts
    _stored_form(to_write, path.name)  # refused before anything is written
    if status == "added":
        repo.create(to_write)
    else:
        repo.save(to_write)
    back = repo.load(to_write.id)
    if content(back) | {"schema_version": 0} != content(to_write) | {"schema_version": 0}:
        raise BundleError("not_storable", name=path.name)
    return ImportItem(path, status, incoming.id, conflicts=conflicts)


__all__ = [  # reading one bundle lives in bundle_read; callers import it from here too
    "BUNDLE_GLOBS", "MAX_BYTES", "BundleError", "ImportItem", "ImportResult", "find_bundles",
    "import_paths", "latest_stamp", "parse_bundle", "read_bundle",
]
