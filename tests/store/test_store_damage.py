"""Damaged files are never read as empty: set aside, backup restored, reported."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from mpa_tui.domain import Card, Session
from mpa_tui.domain.version import SCHEMA_VERSION
from mpa_tui.store import SessionReadOnlyError, Store
from mpa_tui.store.atomic import is_temp_name


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def two_versions(data: Path) -> tuple[Session, Path]:
    """A session saved twice: the file holds 3 cards, its backup 2."""
    session = Session(group_name="Mentari", cards=[Card(text="modal"), Card(text="izin")])
    with Store.open(data) as store:
        store.repo.save(session)
        session.cards.append(Card(text="pemasaran"))
        store.repo.save(session)
    return session, data / "sessions" / f"{session.id}.json"


def _damaged_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".damaged-*"))


@pytest.mark.parametrize("kind", ["empty", "garbage", "list", "no_tables", "other_id",
                                  "bad_version", "nul_bytes"])
def test_damaged_file_is_set_aside_and_backup_restored(tmp_path: Path, kind: str) -> None:
    session, path = two_versions(tmp_path / "d")
    good = path.read_bytes()
    doc = orjson.loads(good)
    bad = {
        "empty": b"",
        "garbage": b"\x89PNG not json at all",
        "list": b"[]",
        "no_tables": b'{"_default": {}}',
        "other_id": orjson.dumps({**doc, "session": {"1": {**doc["session"]["1"], "id": "x"}}}),
        "bad_version": orjson.dumps({**doc, "meta": {"1": {"format": "mpa-tui-session",
                                                          "schema_version": "2"}}}),
        "nul_bytes": b"\x00" * len(good),
    }[kind]
    path.write_bytes(bad)
    with Store.open(tmp_path / "d") as store:
        [report] = store.damage_reports
        assert report.path == path and report.restored_from_backup
        assert report.reason in {"empty", "unparsable", "wrong_shape"}
        assert report.moved_to is not None and report.moved_to.read_bytes() == bad
        assert report.moved_to.name.startswith(path.name + ".damaged-")
        loaded = store.repo.load(session.id)
    assert [c.text for c in loaded.cards] == ["modal", "izin"]  # the previous good version
    with Store.open(tmp_path / "d") as store:
        assert store.damage_reports == []


def test_truncated_at_many_offsets(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "seed")
    good = path.read_bytes()
    backup = (path.parent / (path.name + ".bak")).read_bytes()
    index = (tmp_path / "seed" / "index.json").read_bytes()
    offsets = sorted({0, 1, 2, len(good) - 1, *range(3, len(good) - 1, max(1, len(good) // 40))})
    assert len(offsets) > 30
    for off in offsets:
        data = tmp_path / f"t{off}"
        (data / "sessions").mkdir(parents=True)
        (data / "index.json").write_bytes(index)
        (data / "sessions" / (path.name + ".bak")).write_bytes(backup)
        target = data / "sessions" / path.name
        target.write_bytes(good[:off])
        with Store.open(data) as store:
            [report] = store.damage_reports
            assert report.reason in {"empty", "unparsable"}, off
            assert report.restored_from_backup
            assert len(store.repo.load(session.id).cards) == 2, off
            assert store.repo.summary(session.id).card_count == 2
        assert _damaged_copies(target)[0].read_bytes() == good[:off]


def test_without_backup_the_file_is_set_aside_not_emptied(tmp_path: Path) -> None:
    session = Session(group_name="Sendiri")
    with Store.open(tmp_path / "d") as store:
        store.repo.save(session)
    path = tmp_path / "d" / "sessions" / f"{session.id}.json"
    path.write_bytes(b'{"meta": {"1": {"format": "mpa-tui-sess')
    with Store.open(tmp_path / "d") as store:
        [report] = store.damage_reports
        assert not report.restored_from_backup and report.reason == "unparsable"
        assert store.repo.list() == []
        assert not store.repo.exists(session.id)
    assert not path.exists()
    assert _damaged_copies(path)[0].read_bytes().startswith(b'{"meta"')


def test_missing_file_with_backup_is_restored(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "d")
    path.unlink()
    with Store.open(tmp_path / "d") as store:
        [report] = store.damage_reports
        assert (report.reason, report.moved_to, report.restored_from_backup) == (
            "missing", None, True)
        assert len(store.repo.load(session.id).cards) == 2


def test_damaged_index_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    session, _ = two_versions(tmp_path / "d")
    index = tmp_path / "d" / "index.json"
    index.write_bytes(b'{"format": "mpa-tui-index", "sess')
    with Store.open(tmp_path / "d") as store:
        assert [r.reason for r in store.damage_reports] == ["index"]
        assert [r.id for r in store.repo.list()] == [session.id]
    assert orjson.loads(index.read_bytes())["sessions"][session.id]["card_count"] == 3


def test_stale_temps_are_removed_on_open(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "d")
    stale = path.parent / f".{path.name}.tmp-99999-deadbeef"
    stale.write_bytes(b'{"half": ')
    stale_index = tmp_path / "d" / ".index.json.tmp-99999-cafe"
    stale_index.write_bytes(b"")
    with Store.open(tmp_path / "d") as store:
        assert store.damage_reports == []
        assert len(store.repo.load(session.id).cards) == 3
    assert not stale.exists() and not stale_index.exists()


def test_newer_schema_opens_read_only_and_is_never_rewritten(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "d")
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["1"]["schema_version"] = 99
    doc["session"]["1"]["schema_version"] = 99
    newer = orjson.dumps(doc)
    path.write_bytes(newer)
    with Store.open(tmp_path / "d") as store:
        assert [(r.reason, r.moved_to) for r in store.damage_reports] == [("newer_schema", None)]
        assert store.repo.is_read_only(session.id)
        loaded = store.repo.load(session.id)
        assert len(loaded.cards) == 3
        loaded.cards.append(Card(text="tidak boleh"))
        with pytest.raises(SessionReadOnlyError):
            store.repo.save(loaded)
        with pytest.raises(SessionReadOnlyError):
            store.repo.trash(session.id)
    assert path.read_bytes() == newer
    assert not _damaged_copies(path)


def test_newer_schema_with_unknown_fields(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "d")
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    doc["session"]["1"]["future_field"] = {"x": 1}
    path.write_bytes(orjson.dumps(doc))
    with Store.open(tmp_path / "d") as store:
        assert store.repo.is_read_only(session.id)
        assert [r.id for r in store.repo.list()] == [session.id]
        with pytest.raises(SessionReadOnlyError):
            store.repo.save(session)


def test_check_changes_nothing_and_finds_everything(tmp_path: Path) -> None:
    session, path = two_versions(tmp_path / "d")
    data = tmp_path / "d"
    other = Session(group_name="Valid shape, invalid model")
    with Store.open(data) as store:
        store.repo.save(other)
    path.write_bytes(path.read_bytes()[:50])
    # the index vouches for this file, but its content breaks a model rule
    other_path = data / "sessions" / f"{other.id}.json"
    doc = orjson.loads(other_path.read_bytes())
    doc["session"]["1"]["group_name"] = ""
    other_path.write_bytes(orjson.dumps(doc))
    (path.parent / f".{path.name}.tmp-1-ab").write_bytes(b"x")
    before = _tree(data)
    result = Store.check(data)
    assert _tree(data) == before
    assert sorted(f.reason for f in result.findings) == ["invalid", "unparsable"]
    assert len(result.stale_temps) == 1 and result.damaged
    # open(repair=False) holds the lock but changes nothing either
    with Store.open(data, repair=False) as store:
        assert store.damage_reports == []
    assert _tree(data) == before
    with Store.open(data, deep=True) as store:
        assert sorted(r.reason for r in store.damage_reports) == ["invalid", "unparsable"]
    after = Store.check(data)
    assert not after.damaged and not after.findings
    assert not [p for p in path.parent.iterdir() if is_temp_name(p.name)]


def test_damaged_backup_is_found_by_check(tmp_path: Path) -> None:
    _, path = two_versions(tmp_path / "d")
    bak = path.parent / (path.name + ".bak")
    os.truncate(bak, 10)
    result = Store.check(tmp_path / "d")
    assert [(f.reason, f.path) for f in result.findings] == [("backup", bak)]


def test_unrepaired_damaged_file_is_never_overwritten(tmp_path: Path) -> None:
    from mpa_tui.store import SessionDamagedError

    session, path = two_versions(tmp_path / "d")
    path.write_bytes(b"{")
    with Store.open(tmp_path / "d", repair=False) as store:
        assert not store.repo.exists(session.id)
        with pytest.raises(SessionDamagedError):
            store.repo.save(session)
    assert path.read_bytes() == b"{"
    assert len(orjson.loads((path.parent / (path.name + ".bak")).read_bytes())
               ["session"]["1"]["cards"]) == 2


def test_damage_message_full_paths_for_the_cli_names_for_the_home_screen(
        tmp_path: Path) -> None:
    from mpa_tui.store.layout import DamageReport
    from mpa_tui.store.messages import damage_message

    report = DamageReport(path=tmp_path / "sessions" / "a.json",
                          moved_to=tmp_path / "sessions" / "a.json.damaged-1",
                          restored_from_backup=True, reason="unparsable")
    full = damage_message(report, "en")
    short = damage_message(report, "en", names_only=True)
    assert str(tmp_path) in full and str(tmp_path) not in short
    assert "a.json" in short and "a.json.damaged-1" in short
