"""Reading bundles (sesi.mpa.json) from untrusted drives and merging them into the store.

A bundle is refused with a clear message, and the store left as it was, when it is too
large, nested too deeply, not JSON, not a bundle, from a newer format, fails its
checksum, holds unsafe or duplicate ids, or does not validate as a session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from mpa_tui.domain.base import SCHEMA_VERSION
from mpa_tui.domain.ids import SESSION_ID
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import FORMAT, FORMAT_VERSION, session_checksum
from mpa_tui.export.merge import COLLECTIONS, Conflict, merge_sessions
from mpa_tui.export.private import restore_private
from mpa_tui.i18n import t

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
"""A real bundle is about 7 levels deep; anything far deeper is hostile."""
BUNDLE_GLOBS = ("*.mpa.json", "*/*.mpa.json", "MPA/*/*.mpa.json", "mpa/*/*.mpa.json")


class BundleError(Exception):
    """A bundle was refused; ``key`` names ``export.import_error.<key>``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str | None = None) -> str:
        """The translated, one-line message."""
        return t(f"export.import_error.{self.key}", lang, **self.params)

    def __str__(self) -> str:
        return self.message()


def _loads(data: bytes, name: str) -> Any:
    """Parse with the store's own codec (orjson), so what is checked is what is stored.

    Python's json keeps integers of any size exactly while orjson turns those past 64
    bits into floats: a bundle parsed one way and stored the other could pass every
    check here and then fail to load.
    """
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM from Notepad
        data = data[3:]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        reason = str(exc)
        if "depth limit" in reason:
            raise BundleError("too_deep", name=name) from None
        # A lone surrogate escape ("\ud800") is not text: say so rather than "not JSON".
        lone = "surrogate" in reason and "UTF-8" not in reason
        raise BundleError("bad_text" if lone else "not_json", name=name) from None
    except RecursionError:
        raise BundleError("too_deep", name=name) from None


def _walk_check(data: Any, limit: int, name: str) -> None:
    """Refuse deep nesting, and any non-integer number (no field of a session holds one;
    an integer too large for 64 bits arrives here as a float)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            raise BundleError("too_deep", name=name)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, float):
            raise BundleError("bad_number", name=name)


def _entity_dicts(session: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in COLLECTIONS:
        items = session.get(name, [])
        if isinstance(items, list):
            out.extend(items)
    ev = session.get("evaluation")
    if isinstance(ev, dict):
        out.append(ev)
        quotes = ev.get("quotes", [])
        if isinstance(quotes, list):
            out.extend(quotes)
    return out


def _collections(session: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    out = [(n, session.get(n)) for n in COLLECTIONS]
    ev = session.get("evaluation")
    if isinstance(ev, dict):
        out.append(("quotes", ev.get("quotes")))
    return [(n, items) for n, items in out if isinstance(items, list)]


def _check_ids(session: dict[str, Any], name: str) -> None:
    """Every id must be present, safe and unique in its list (ids become file names and
    merge keys); every entity must carry its own times (the merge compares them, and a
    time invented here would win every later conflict)."""
    for item in [session, *_entity_dicts(session)]:
        if not isinstance(item, dict):
            continue  # pydantic reports the wrong type
        ident = item.get("id")
        # fullmatch: with match, "$" also accepts an id ending in a newline.
        if not isinstance(ident, str) or not SESSION_ID.fullmatch(ident):
            raise BundleError("bad_id", name=name)
        for stamp in ("created_at", "updated_at"):
            if not isinstance(item.get(stamp), str):
                raise BundleError("no_time", name=name, id=ident, field=stamp)
    for collection, items in _collections(session):
        seen: set[str] = set()
        for item in items:
            ident = item.get("id") if isinstance(item, dict) else None
            if ident in seen:
                raise BundleError("duplicate_id", name=name, id=ident, collection=collection)
            if isinstance(ident, str):
                seen.add(ident)


def parse_bundle(data: bytes, name: str = "sesi.mpa.json") -> Session:
    """Check and parse a bundle's bytes.

    Raises:
        BundleError: with a key saying what is wrong.
    """
    if len(data) > MAX_BYTES:
        raise BundleError("too_large", name=name, max_mb=MAX_BYTES // (1024 * 1024))
    doc = _loads(data, name)
    _walk_check(doc, MAX_DEPTH, name)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BundleError("not_bundle", name=name)
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BundleError("not_bundle", name=name)
    if version > FORMAT_VERSION:
        raise BundleError("newer_format", name=name)
    body = doc.get("session")
    if not isinstance(body, dict) or not isinstance(doc.get("sha256"), str):
        raise BundleError("not_bundle", name=name)
    if session_checksum(body) != doc["sha256"].lower():
        raise BundleError("checksum", name=name)
    sv = body.get("schema_version", SCHEMA_VERSION)
    if isinstance(sv, int) and not isinstance(sv, bool) and sv > SCHEMA_VERSION:
        raise BundleError("newer_format", name=name)
    _check_ids(body, name)
    from pydantic import ValidationError

    from mpa_tui.i18n import error_text

    if isinstance(sv, int) and not isinstance(sv, bool) and sv < SCHEMA_VERSION:
        # A bundle from an older mpa-tui: upgraded as the store upgrades its own files.
        from mpa_tui.store.errors import StoreError
        from mpa_tui.store.repository import upgrade_body

        try:
            body = upgrade_body(dict(body), sv)
        except StoreError:
            raise BundleError("invalid", name=name, detail=str(sv)) from None
    try:
        return Session.model_validate(body)
    except ValidationError as exc:
        raise BundleError("invalid", name=name, detail=error_text(exc)) from None


def read_bundle(path: str | Path) -> Session:
    """Read and check a bundle file (its size is checked before it is read).

    Raises:
        BundleError: the file is refused; nothing else happened.
    """
    path = Path(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise BundleError("too_large", name=path.name, max_mb=MAX_BYTES // (1024 * 1024))
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        raise BundleError("unreadable", name=path.name) from None
    return parse_bundle(data, path.name)


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
