"""Reading and checking one bundle (``*.mpa.json``) from an untrusted drive.

A bundle is refused with a clear message when it is too large, nested too deeply, not
JSON, not a bundle, from a newer format, fails its checksum, holds unsafe or duplicate
ids, or does not validate as a session. Nothing here touches the store: merging what
passes is :mod:`mpa_tui.export.importer`'s work.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from mpa_tui.domain.base import SCHEMA_VERSION
from mpa_tui.domain.ids import SESSION_ID
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import FORMAT, FORMAT_VERSION, session_checksum
from mpa_tui.export.merge import COLLECTIONS
from mpa_tui.i18n import t

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
"""A real bundle is about 7 levels deep; anything far deeper is hostile."""


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
