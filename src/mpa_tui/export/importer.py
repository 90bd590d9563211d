"""Reading bundles (sesi.mpa.json) from untrusted drives and merging them into the store.

A bundle is refused with a clear message, and the store left as it was, when it is too
large, nested too deeply, not JSON, not a bundle, from a newer format, fails its
checksum, holds unsafe or duplicate ids, or does not validate as a session.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN / Infinity are not JSON


def _too_deep(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


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


def _check_ids(session: dict[str, Any], name: str) -> None:
    """Every id must be present and safe: ids become file names and merge keys."""
    for item in [session, *_entity_dicts(session)]:
        if not isinstance(item, dict):
            continue  # pydantic reports the wrong type
        ident = item.get("id")
        # fullmatch: with match, "$" also accepts an id ending in a newline.
        if not isinstance(ident, str) or not SESSION_ID.fullmatch(ident):
            raise BundleError("bad_id", name=name)


def parse_bundle(data: bytes, name: str = "sesi.mpa.json") -> Session:
    """Check and parse a bundle's bytes.

    Raises:
        BundleError: with a key saying what is wrong.
    """
    if len(data) > MAX_BYTES:
        raise BundleError("too_large", name=name, max_mb=MAX_BYTES // (1024 * 1024))
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except RecursionError:
        raise BundleError("too_deep", name=name) from None
    except (UnicodeDecodeError, ValueError):
        raise BundleError("not_json", name=name) from None
    if _too_deep(doc, MAX_DEPTH):
        raise BundleError("too_deep", name=name)
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
    written at all. A refused file changes nothing.

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
            try:
                incoming = read_bundle(path)
            except BundleError as exc:
                result.items.append(ImportItem(path, "failed", error=exc.message(lang),
                                               error_key=exc.key))
                continue
            try:
                result.items.append(_import_one(store, path, incoming))
            except StoreError as exc:
                from mpa_tui.store.messages import error_message

                msg = t("export.import_error.save_failed", lang, name=path.name,
                        detail=error_message(exc, lang))
                result.items.append(ImportItem(path, "failed", incoming.id, error=msg,
                                               error_key="save_failed"))
    return result


def _import_one(store: Any, path: Path, incoming: Session) -> ImportItem:
    repo = store.repo
    if not repo.exists(incoming.id):
        repo.create(incoming)
        return ImportItem(path, "added", incoming.id)
    local = repo.load(incoming.id)
    # A bundle exported without names carries codes: they never replace real names here.
    merged = merge_sessions(local, restore_private(local, incoming))
    if not merged.changed:
        return ImportItem(path, "unchanged", incoming.id)
    repo.save(merged.session)
    return ImportItem(path, "merged", incoming.id, conflicts=merged.conflicts)
