"""The bundle: schema, checksum, round trip through a real store, and hostile bundles."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from export_fixtures import make_session

from mpa_tui.domain import ops
from mpa_tui.domain.privacy import participant_codes
from mpa_tui.domain.rules import rank_categories
from mpa_tui.domain.session import Session
from mpa_tui.export.bundle import (
    build_bundle,
    generate_schema,
    render_bundle,
    session_checksum,
    shipped_schema,
)
from mpa_tui.export.importer import MAX_BYTES, BundleError, import_paths, read_bundle
from mpa_tui.export.merge import content
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store


def test_shipped_schema_is_the_generated_one() -> None:
    assert shipped_schema() == json.loads(json.dumps(generate_schema())), (
        "the models changed: run `python -m mpa_tui.export.bundle` to regenerate "
        "src/mpa_tui/export/bundle.schema.json")


def test_bundle_validates_against_the_schema(session: Session) -> None:
    bundle = json.loads(render_bundle(session))
    jsonschema.Draft202012Validator(shipped_schema()).validate(
        json.loads(render_bundle(session, with_names=True)))
    jsonschema.Draft202012Validator(shipped_schema()).validate(bundle)
    assert bundle["format"] == "mpa-session" and bundle["format_version"] == 1
    assert bundle["sha256"] == session_checksum(bundle["session"])
    bad = dict(bundle, format="other")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(shipped_schema()).validate(bad)


def test_export_then_import_into_empty_store_is_the_same_session(tmp_path: Path) -> None:
    s = make_session(hostile=True)
    (tmp_path / "stick").mkdir()
    result = export_session(s, tmp_path / "stick", formats="json", with_names=True)
    with Store.open(tmp_path / "data") as store:
        out = import_paths(store, [tmp_path / "stick"])  # a whole drive
        assert [i.status for i in out.items] == ["added"]
        loaded = store.repo.load(s.id)
    assert loaded == s
    assert read_bundle(next(result.folder.glob("*_sesi.mpa.json"))) == s


def test_bundle_without_names_by_default(tmp_path: Path, session: Session) -> None:
    (tmp_path / "stick").mkdir()
    result = export_session(session, tmp_path / "stick", formats="json")
    raw = next(result.folder.glob("*_sesi.mpa.json")).read_text(encoding="utf-8")
    for p in session.participants:
        assert p.name not in raw
    assert json.loads(raw)["names"] is False
    with Store.open(tmp_path / "office") as store:  # the district office: codes only
        import_paths(store, [result.folder])
        office = store.repo.load(session.id)
    assert [p.name for p in office.circle()] == ["P01", "P02", "P03"]
    assert all(c.author_id is None for c in office.cards)
    codes = participant_codes(session)
    siti = next(p for p in session.participants if p.name == "Siti Aminah")
    assert office.action_items[0].responsible == codes[siti.id]
    # the cards are the same; votes travel as totals per category, ranking unchanged
    assert office.cards == [c.model_copy(update={"author_id": None}) for c in session.cards]
    assert office.votes == [] and rank_categories(office) == rank_categories(session)


def test_codes_never_replace_names_on_import(tmp_path: Path, session: Session) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.repo.create(session)
    other = session.model_copy(deep=True)
    ops.add_card(other, "Kartu baru dari laptop kedua")
    (tmp_path / "stick").mkdir()
    result = export_session(other, tmp_path / "stick", formats="json")  # codes, no authors
    with Store.open(data) as store:
        out = import_paths(store, [result.folder])
        merged = store.repo.load(session.id)
    assert [i.status for i in out.items] == ["merged"]
    assert [p.name for p in merged.participants] == [p.name for p in session.participants]
    assert merged.cards[0].author_id == session.cards[0].author_id is not None
    assert merged.action_items[0].responsible == "Siti Aminah"
    assert len(merged.cards) == len(session.cards) + 1


def test_importing_twice_changes_nothing(tmp_path: Path, session: Session) -> None:
    (tmp_path / "stick").mkdir()
    export_session(session, tmp_path / "stick", formats="json")
    data = tmp_path / "data"
    with Store.open(data) as store:
        import_paths(store, [tmp_path / "stick"])
    file = next((data / "sessions").glob("*.json"))
    before = (file.read_bytes(), file.stat().st_mtime_ns)
    with Store.open(data) as store:
        out = import_paths(store, [tmp_path / "stick" / "MPA"])
    assert [i.status for i in out.items] == ["unchanged"]
    assert (file.read_bytes(), file.stat().st_mtime_ns) == before


def test_import_merges_changes_from_another_laptop(tmp_path: Path, session: Session) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.repo.create(session)
    other = session.model_copy(deep=True)  # the second laptop's copy
    card = ops.add_card(other, "Kartu dari laptop kedua")
    ops.update(other, "cards", other.cards[0].id, text="Modal usaha sangat kurang")
    ops.soft_delete(other, "cards", other.cards[1].id)
    (tmp_path / "stick").mkdir()
    export = export_session(other, tmp_path / "stick", formats="json", with_names=True)
    with Store.open(data) as store:
        out = import_paths(store, [export.folder])
        merged = store.repo.load(session.id)
    assert [i.status for i in out.items] == ["merged"]
    assert merged.card(card.id) is not None
    assert merged.cards[0].text == "Modal usaha sangat kurang"
    assert merged.cards[1].deleted_at is not None  # soft: still there, in the trash
    assert len(merged.cards) == len(session.cards) + 1
    assert content(merged) == content(other)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _bundle_dict(session: Session) -> dict:
    return json.loads(render_bundle(session, with_names=True))


def _resign(doc: dict) -> bytes:
    doc["sha256"] = session_checksum(doc["session"])
    return json.dumps(doc).encode()


@pytest.mark.parametrize("case, key", [
    ("huge", "too_large"),
    ("deep", "too_deep"),
    ("deep_small", "too_deep"),
    ("not_json", "not_json"),
    ("nan", "not_json"),
    ("list", "not_bundle"),
    ("wrong_format", "not_bundle"),
    ("newer_format", "newer_format"),
    ("newer_schema", "newer_format"),
    ("checksum", "checksum"),
    ("wrong_type", "invalid"),
    ("duplicate_ids", "duplicate_id"),
    ("path_id", "bad_id"),
    ("path_entity_id", "bad_id"),
    ("missing_id", "bad_id"),
    ("control_text", "invalid"),
])
def test_hostile_bundles_are_refused_and_change_nothing(
    tmp_path: Path, session: Session, case: str, key: str
) -> None:
    f = tmp_path / "sesi.mpa.json"
    doc = _bundle_dict(session)
    if case == "huge":
        with open(f, "wb") as fh:
            fh.truncate(MAX_BYTES + 1)  # sparse: checked by size before reading
    elif case == "deep":
        _write(f, b"[" * 100_000 + b"]" * 100_000)
    elif case == "deep_small":
        doc["session"]["guiding_question"] = json.loads("[" * 40 + "]" * 40)
        _write(f, _resign(doc))
    elif case == "not_json":
        _write(f, b"\xff\xfe{not json")
    elif case == "nan":
        _write(f, b'{"format": NaN}')
    elif case == "list":
        _write(f, b"[1, 2]")
    elif case == "wrong_format":
        doc["format"] = "something"
        _write(f, _resign(doc))
    elif case == "newer_format":
        doc["format_version"] = 2
        _write(f, _resign(doc))
    elif case == "newer_schema":
        doc["session"]["schema_version"] = 99
        _write(f, _resign(doc))
    elif case == "checksum":
        doc["session"]["group_name"] = "Diubah"
        _write(f, json.dumps(doc).encode())
    elif case == "wrong_type":
        doc["session"]["cards"] = "not a list"
        _write(f, _resign(doc))
    elif case == "duplicate_ids":
        doc["session"]["cards"].append(dict(doc["session"]["cards"][0]))
        _write(f, _resign(doc))
    elif case == "path_id":
        doc["session"]["id"] = "../../etc/passwd"
        _write(f, _resign(doc))
    elif case == "path_entity_id":
        doc["session"]["cards"][0]["id"] = "a/b"
        _write(f, _resign(doc))
    elif case == "missing_id":
        del doc["session"]["participants"][0]["id"]
        _write(f, _resign(doc))
    elif case == "control_text":
        doc["session"]["cards"][0]["text"] = "\x1b]0;pwned\x07"
        _write(f, _resign(doc))
    with pytest.raises(BundleError) as err:
        read_bundle(f)
    assert err.value.key == key
    assert f.name in err.value.message("en")
    data = tmp_path / "data"
    with Store.open(data) as store:
        out = import_paths(store, [f])
        assert [i.status for i in out.items] == ["failed"]
        assert out.items[0].error_key == key and out.items[0].error
        assert store.repo.list(include_trashed=True) == []
    assert list((data / "sessions").iterdir()) == []


def test_nothing_found_is_reported(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data") as store:
        out = import_paths(store, [tmp_path / "empty"])
    assert out.items[0].error_key == "nothing_found"


def test_unfinished_exports_are_not_imported(tmp_path: Path, session: Session) -> None:
    hidden = tmp_path / "MPA" / ".x.partial"
    hidden.mkdir(parents=True)
    (hidden / "sesi.mpa.json").write_bytes(render_bundle(session))
    with Store.open(tmp_path / "data") as store:
        out = import_paths(store, [tmp_path])
    assert out.items[0].error_key == "nothing_found"


def test_bundle_checksum_ignores_formatting(session: Session) -> None:
    doc = build_bundle(session, with_names=True)
    compact = json.dumps(doc, separators=(",", ":")).encode()
    assert read_bundle_bytes(compact) == session


def read_bundle_bytes(data: bytes) -> Session:
    from mpa_tui.export.importer import parse_bundle

    return parse_bundle(data)


def _as_schema_1(node: object) -> object:
    """A session's JSON as mpa-tui 0.1.0 wrote it: no edit counters, place code or draft."""
    if isinstance(node, dict):
        return {k: _as_schema_1(v) for k, v in node.items()
                if k not in ("version", "region_code", "capture")}
    if isinstance(node, list):
        return [_as_schema_1(v) for v in node]
    return node


def test_a_bundle_from_the_previous_version_imports_and_is_stored_upgraded(
        tmp_path: Path, session: Session) -> None:
    from mpa_tui.domain.version import SCHEMA_VERSION

    doc = json.loads(render_bundle(session, with_names=True))
    body = _as_schema_1(doc["session"])
    assert isinstance(body, dict)
    body["schema_version"] = 1
    doc["session"], doc["sha256"] = body, session_checksum(body)
    path = tmp_path / "lama.mpa.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert SCHEMA_VERSION > 1
    with Store.open(tmp_path / "data") as store:
        out = import_paths(store, [path])
        assert [i.status for i in out.items] == ["added"], out.items[0].error
        back = store.repo.load(session.id)
    assert back.schema_version == SCHEMA_VERSION
    stored = json.loads(next((tmp_path / "data" / "sessions").glob("*.json")).read_text())
    assert stored["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [c.text for c in back.cards] == [c.text for c in session.cards]
