"""Promise 6: an untrusted bundle (sesi.mpa.json from someone's flashdisk) is refused with
a clear message and leaves the store exactly as it was (every file compared byte for byte).

Cases: huge files, deep nesting, wrong types, duplicate ids, checksum mismatch, ids with
path separators, not JSON / not UTF-8 / NaN, a newer format; each both as a new session
and as an update of a session the store already holds (the merge path).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rel_util import COUNTS, tree

from mpa_tui.domain import Session, ops
from mpa_tui.store import Store

pytestmark = pytest.mark.reliability

Doc = dict[str, Any]


def _resign(doc: Doc) -> Doc:
    from mpa_tui.export.bundle import session_checksum

    doc["sha256"] = session_checksum(doc["session"])
    return doc


def _nest(depth: int) -> Any:
    node: Any = "x"
    for _ in range(depth):
        node = {"a": node}
    return node


_QUOTE = {"id": "q1", "text": "kata", "created_at": "2025-01-01T00:00:00Z",
          "updated_at": "2025-01-01T00:00:00Z"}


def _card(doc: Doc, **changes: Any) -> Doc:
    doc["session"]["cards"][0].update(changes)
    return _resign(doc)


# name -> (edit of a good bundle's JSON, or raw bytes builder); all are signed again
# unless the point is the checksum.
CASES: dict[str, Callable[[Doc], Doc | bytes]] = {
    "huge_file": lambda d: b"",  # replaced by a sparse 25 MB file below
    "huge_text": lambda d: _card(d, text="x" * 5_000_000),
    "deep_json": lambda d: b"[" * 200_000 + b"]" * 200_000,
    "deep_field": lambda d: _resign({**d, "session": {**d["session"], "note": _nest(60)}}),
    "wrong_type_cards": lambda d: _resign({**d, "session": {**d["session"], "cards": "abc"}}),
    "wrong_type_text": lambda d: _card(d, text=12345),
    "wrong_type_item": lambda d: _resign({**d, "session": {**d["session"], "cards": [7]}}),
    "wrong_type_version": lambda d: _resign({**d, "format_version": "1"}),
    "session_is_list": lambda d: {**d, "session": []},
    "duplicate_card_ids": lambda d: _resign({**d, "session": {
        **d["session"], "cards": d["session"]["cards"] + d["session"]["cards"][:1]}}),
    "checksum_mismatch": lambda d: {**d, "session": {**d["session"], "group_name": "Lain"}},
    "checksum_missing": lambda d: {k: v for k, v in d.items() if k != "sha256"},
    "session_id_traversal": lambda d: _resign({**d, "session": {**d["session"],
                                                                "id": "../../evil"}}),
    "session_id_backslash": lambda d: _resign({**d, "session": {**d["session"],
                                                                "id": "..\\..\\evil"}}),
    "session_id_absolute": lambda d: _resign({**d, "session": {**d["session"],
                                                               "id": "/etc/passwd"}}),
    "card_id_slash": lambda d: _card(d, id="a/b"),
    "card_id_empty": lambda d: _card(d, id=""),
    "card_id_nul": lambda d: _card(d, id="a\x00b"),
    "card_id_newline": lambda d: _card(d, id="abc\n"),
    "session_id_newline": lambda d: _resign({**d, "session": {**d["session"], "id": "abc\n"}}),
    "not_json": lambda d: b"{not json",
    "not_utf8": lambda d: b'{"format": "mpa-session", "x": "\xff\xfe"}',
    "nan": lambda d: json.dumps({**d, "format_version": float("nan")}).encode(),
    "newer_format": lambda d: _resign({**d, "format_version": 99}),
    "newer_schema": lambda d: _resign({**d, "session": {**d["session"],
                                                         "schema_version": 99}}),
    "not_a_bundle": lambda d: {"format": "something-else"},
    "control_chars": lambda d: _card(d, text="\x1b]0;judul\x07"),
    # Issue 16: each of these was accepted once and broke the store or the screens.
    "seat_2_64": lambda d: _resign({**d, "session": {**d["session"], "participants": [
        {**d["session"]["participants"][0], "seat": 2**64}]}}),
    "seat_huge": lambda d: _resign({**d, "session": {**d["session"], "participants": [
        {**d["session"]["participants"][0], "seat": 2**63 - 1}]}}),
    "number_float": lambda d: _resign({**d, "session": {**d["session"], "participants": [
        {**d["session"]["participants"][0], "seat": 1.5}]}}),
    "year_9999": lambda d: _resign({**d, "session": {
        **d["session"], "priority_confirmed_at": "9999-12-31T23:59:59Z"}}),
    "date_1900": lambda d: _resign({**d, "session": {**d["session"], "start_date": "1900-01-01"}}),
    "lone_surrogate": lambda d: json.dumps(_card(d, text="\ud800")).encode(),
    "no_created_at": lambda d: _card(d, created_at=None),
    "reference_huge": lambda d: _card(d, category_id="x" * 100_000),
    "duplicate_quote_ids": lambda d: _resign({**d, "session": {**d["session"], "evaluation": {
        **d["session"]["evaluation"], "quotes": [_QUOTE, _QUOTE]}}}),
    "too_many_cards": lambda d: _resign({**d, "session": {**d["session"], "cards": [
        {**d["session"]["cards"][0], "id": f"c{i}"} for i in range(3001)]}}),
}


def _good_session() -> Session:
    s = Session(group_name="Harapan")
    ops.add_participant(s, "Siti")
    for text in ("Modal kurang", "Izin usaha"):
        ops.add_card(s, text)
    return s


@pytest.fixture
def office(data_dir: Path) -> Session:
    """A store holding one session (so a bundle can try to update it)."""
    existing = _good_session()
    with Store.open(data_dir) as store:
        store.repo.create(existing)
    return existing


def _write(tmp: Path, name: str, payload: Doc | bytes) -> Path:
    path = tmp / "usb" / name / "sesi.mpa.json"
    path.parent.mkdir(parents=True)
    if name == "huge_file":
        with open(path, "wb") as fh:
            fh.truncate(25 * 1024 * 1024)  # sparse: costs no disk
        return path
    path.write_bytes(payload if isinstance(payload, bytes)
                     else json.dumps(payload, ensure_ascii=False).encode())
    return path


@pytest.mark.parametrize("target", ["new", "existing"])
def test_untrusted_bundles_refused_store_unchanged(tmp_path: Path, data_dir: Path,
                                                   office: Session, target: str) -> None:
    from mpa_tui.export.bundle import build_bundle
    from mpa_tui.export.importer import import_paths

    source = office.model_copy(deep=True) if target == "existing" else _good_session()
    if target == "existing":
        ops.add_card(source, "Kartu baru dari laptop lain")
    good = build_bundle(source)
    before = tree(data_dir)
    refused: dict[str, str] = {}
    for name, make in CASES.items():
        path = _write(tmp_path / target, name, make(copy.deepcopy(good)))
        with Store.open(data_dir) as store:
            result = import_paths(store, [path], lang="en")
        assert [i.status for i in result.items] == ["failed"], name
        item = result.items[0]
        assert item.error and "Traceback" not in item.error, name
        assert "sesi.mpa.json" in item.error, (name, item.error)
        assert item.error_key and not item.error.startswith("export."), (name, item.error)
        assert tree(data_dir) == before, f"{name}: the store changed"
        refused[name] = item.error_key
    # The good bundle itself is accepted (so the refusals are not a blanket "no").
    path = _write(tmp_path / target, "good", good)
    with Store.open(data_dir) as store:
        result = import_paths(store, [path])
    assert [i.status for i in result.items] == ["added" if target == "new" else "merged"]
    print(f"\nbundles ({target} session): {len(refused)} hostile bundles refused, store "
          f"unchanged byte for byte; keys {sorted(set(refused.values()))}")
    COUNTS["hostile_tried"] += len(CASES)
    COUNTS["hostile_refused"] += len(refused)


def test_cli_import_refuses_in_both_languages(tmp_path: Path, data_dir: Path,
                                              office: Session,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from mpa_tui.cli import main
    from mpa_tui.export.bundle import build_bundle

    bad = build_bundle(_good_session())
    bad["session"]["group_name"] = "diubah"
    path = _write(tmp_path, "checksum", bad)
    before = tree(data_dir)
    for lang, word in (("id", "checksum tidak cocok"), ("en", "checksum mismatch")):
        assert main(["--data-dir", str(data_dir), "--lang", lang, "import", str(path)]) == 1
        err = capsys.readouterr().err
        assert word in err and "Traceback" not in err, err
    assert tree(data_dir) == before


@pytest.mark.parametrize("bad", ["abc\n", "abc\r", "../x", "a/b", "a\\b", "", ".", "x" * 65,
                                 "-x", "a b"])
def test_store_refuses_ids_that_are_not_plain_file_names(data_dir: Path, bad: str) -> None:
    """Session ids become file names: the store refuses anything but a plain name
    (Python's ``$`` also matches before a final newline, so ``abc\n`` needs care)."""
    from mpa_tui.store import SessionNotFoundError

    with Store.open(data_dir) as store, pytest.raises(SessionNotFoundError):
        store.repo.path_of(bad)
