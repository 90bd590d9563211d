"""Repository behaviour: round-trip, index, resolve, trash, permissions, migrations."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpa_tui.domain import Card, Category, Location, Participant, Session, utcnow
from mpa_tui.store import (
    SessionNotFoundError,
    Store,
    StoreError,
    resolve_data_dir,
)
from mpa_tui.store import repository as repository_mod


def make_session(n_cards: int = 5, **kw: object) -> Session:
    cards = [Card(text=f"Kartu [red]{i}[/] modal usaha") for i in range(n_cards)]
    cat = Category(title="Modal", card_ids=[c.id for c in cards[:2]])
    kw.setdefault("group_name", "Kelompok Mentari")
    return Session(
        location=Location(village="Nagrak", regency="Purwakarta"),
        start_date=date(2023, 3, 23),
        participants=[Participant(name="P01"), Participant(name="Siti")],
        cards=cards, categories=[cat], **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "data") as s:
        yield s


def test_round_trip_is_exact(store: Store) -> None:
    session = make_session()
    store.repo.save(session)
    assert store.repo.load(session.id) == session
    # And from disk, in a fresh Store (nothing served from memory).
    store.close()
    with Store.open(store.data_dir) as again:
        loaded = again.repo.load(session.id)
    assert loaded == session
    assert loaded.card(session.cards[0].id).category_id == session.categories[0].id


def test_loaded_session_is_independent_of_later_edits(store: Store) -> None:
    session = make_session()
    store.repo.save(session)
    first = store.repo.load(session.id)
    first.cards.append(Card(text="not saved"))
    assert len(store.repo.load(session.id).cards) == len(session.cards)


def test_list_is_newest_first_and_hides_trash(store: Store) -> None:
    old = make_session(group_name="Lama")
    new = make_session(group_name="Baru")
    old.updated_at = utcnow() - timedelta(days=1)
    store.repo.save(old)
    store.repo.save(new)
    assert [s.group_name for s in store.repo.list()] == ["Baru", "Lama"]
    row = store.repo.list()[0]
    assert (row.village, row.start_date, row.card_count, row.current_step) == (
        "Nagrak", date(2023, 3, 23), 5, 1)
    store.repo.trash(new.id)
    assert [s.group_name for s in store.repo.list()] == ["Lama"]
    assert len(store.repo.list(include_trashed=True)) == 2
    assert store.repo.load(new.id).deleted_at is not None
    store.repo.restore(new.id)
    assert store.repo.load(new.id).deleted_at is None
    assert len(store.repo.list()) == 2


def test_card_count_ignores_trashed_cards(store: Store) -> None:
    session = make_session(n_cards=3)
    session.cards[0].deleted_at = utcnow()
    store.repo.save(session)
    assert store.repo.summary(session.id).card_count == 2


def test_resolve(store: Store) -> None:
    a = make_session(id="aaaa1111")
    b = make_session(id="aaaa2222")
    a.updated_at = b.updated_at - timedelta(seconds=1)
    store.repo.save(a)
    store.repo.save(b)
    assert store.repo.resolve("aaaa1") == a.id
    assert store.repo.resolve("aaaa2222") == b.id
    assert store.repo.resolve("latest") == b.id
    with pytest.raises(StoreError) as err:
        store.repo.resolve("aaaa")
    assert err.value.key == "ambiguous"
    with pytest.raises(SessionNotFoundError):
        store.repo.resolve("zzz")
    with pytest.raises(SessionNotFoundError):
        store.repo.load("../../etc/passwd")


def test_create_refuses_a_duplicate(store: Store) -> None:
    session = make_session()
    store.repo.create(session)
    assert store.repo.exists(session.id)
    with pytest.raises(StoreError) as err:
        store.repo.create(session)
    assert err.value.key == "exists"


def test_files_are_private(store: Store) -> None:
    session = make_session()
    store.repo.save(session)
    store.repo.save(session)  # creates the backup too
    d = store.data_dir
    for folder in (d, d / "sessions"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for name in (f"{session.id}.json", f"{session.id}.json.bak"):
        assert stat.S_IMODE((d / "sessions" / name).stat().st_mode) == 0o600
    assert stat.S_IMODE((d / "index.json").stat().st_mode) == 0o600


def test_save_never_rereads_other_sessions(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(20):
        store.repo.save(make_session(n_cards=1, group_name=f"G{i}"))
    reads: list[str] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    store.repo.save(make_session())
    assert reads == []
    index = orjson.loads(real(store.data_dir / "index.json"))
    assert len(index["sessions"]) == 21


def test_index_is_rebuilt_when_missing_or_stale(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = make_session()
    with Store.open(data) as s:
        s.repo.save(session)
    (data / "index.json").unlink()
    with Store.open(data) as s:
        assert [r.id for r in s.repo.list()] == [session.id]
        assert s.damage_reports == []  # a missing index is not damage, just rebuilt
    assert (data / "index.json").exists()
    # A session saved but whose index update was lost (crash in between): the index is
    # checked against the file's size and mtime and refreshed.
    stale = (data / "index.json").read_bytes()
    with Store.open(data) as s:
        session.cards.append(Card(text="baru"))
        s.repo.save(session)
    (data / "index.json").write_bytes(stale)
    with Store.open(data) as s:
        assert s.repo.summary(session.id).card_count == 6


def test_read_only_store_never_writes(tmp_path: Path) -> None:
    missing = tmp_path / "nothing"
    with Store.open(missing, lock=False) as s:
        assert s.repo.list() == []
        with pytest.raises(StoreError) as err:
            s.repo.save(make_session())
        assert err.value.key == "not_locked"
    assert not missing.exists()
    with pytest.raises(StoreError):
        Store.open(missing, lock=False, repair=True)


def test_migration_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    session = make_session(place="Balai desa")
    with Store.open(data) as s:
        s.repo.save(session)
    # Pretend the app moved on to the next schema, which renamed "place" to "venue" and back.
    from mpa_tui.domain.version import SCHEMA_VERSION
    from mpa_tui.store import check

    nxt = SCHEMA_VERSION + 1
    monkeypatch.setattr(repository_mod, "app_schema_version", lambda: nxt)
    monkeypatch.setattr(check, "app_schema_version", lambda: nxt)
    calls: list[int] = []

    def to_next(body: dict) -> dict:
        calls.append(body["schema_version"])
        body["place"] = body["place"].upper()
        return body

    monkeypatch.setitem(repository_mod.MIGRATIONS, SCHEMA_VERSION, to_next)
    with Store.open(data) as s:
        loaded = s.repo.load(session.id)
        assert not s.repo.is_read_only(session.id)
    assert calls == [SCHEMA_VERSION]
    assert loaded.place == "BALAI DESA" and loaded.schema_version == nxt
    monkeypatch.delitem(repository_mod.MIGRATIONS, SCHEMA_VERSION)
    with Store.open(data) as s, pytest.raises(StoreError) as err:
        s.repo.load(session.id)
    assert err.value.params["reason"] == "no_migration"


def test_resolve_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPA_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "cli") == tmp_path / "cli"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("MPA_DATA_DIR")
    assert "mpa-tui" in str(resolve_data_dir(None))
    assert not (tmp_path / "env").exists()


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    from mpa_tui.store import StoreLockedError

    data = tmp_path / "data"
    first = Store.open(data)
    with pytest.raises(StoreLockedError):
        Store.open(data)
    # Reading needs no lock.
    with Store.open(data, lock=False) as reader:
        assert reader.repo.list() == []
    first.close()
    first.close()  # twice is harmless
    with Store.open(data):
        pass
    assert os.path.exists(data / ".lock")


def test_index_writes_are_batched_but_never_stale_for_readers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    index = data / "index.json"
    session = make_session(n_cards=1)
    with Store.open(data) as store:
        store.repo.index_delay = 3600  # a burst of typing
        store.repo.save(session)  # a new session is indexed at once
        assert orjson.loads(index.read_bytes())["sessions"][session.id]["card_count"] == 1
        session.cards.append(Card(text="dua"))
        store.repo.save(session)
        assert store.repo.summary(session.id).card_count == 2
        assert orjson.loads(index.read_bytes())["sessions"][session.id]["card_count"] == 1
        # A reader (mpa list) while the app runs checks sizes and mtimes: never stale.
        with Store.open(data, lock=False) as reader:
            assert reader.repo.summary(session.id).card_count == 2
    # Closing writes what the burst left behind.
    assert orjson.loads(index.read_bytes())["sessions"][session.id]["card_count"] == 2


def test_stale_index_is_caught_even_with_same_size_and_mtime(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = make_session(group_name="Mentari")
    with Store.open(data) as store:
        store.repo.save(session)
    path = data / "sessions" / f"{session.id}.json"
    old_index = (data / "index.json").read_bytes()
    old = path.stat()
    with Store.open(data) as store:
        session.group_name = "Mentaro"  # same length: same file size
        store.repo.save(session)
    assert path.stat().st_size == old.st_size
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # same coarse timestamp tick
    (data / "index.json").write_bytes(old_index)  # as if killed before the index write
    with Store.open(data) as store:
        assert store.repo.summary(session.id).group_name == "Mentaro"


_card_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028"),
    min_size=1, max_size=60,
).filter(lambda s: s.strip() != "")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_card_text, max_size=8), group=_card_text)
def test_round_trip_property(tmp_path: Path, texts: list[str], group: str) -> None:
    session = Session(group_name=group.strip()[:200] or "x",
                      cards=[Card(text=t) for t in texts])
    folder = tmp_path / f"d{abs(hash((group, tuple(texts))))}"
    with Store.open(folder) as store:
        store.repo.save(session)
    with Store.open(folder) as store:
        assert store.repo.load(session.id) == session
        assert store.repo.summary(session.id).group_name == session.group_name


def test_summary_from_file_equals_summary_from_model() -> None:
    from mpa_tui.store.layout import summary_from_json
    from mpa_tui.store.repository import summary_of

    session = make_session(n_cards=4, is_example=True)
    session.cards[1].deleted_at = utcnow()
    session.deleted_at = utcnow()
    assert summary_from_json(orjson.loads(session.model_dump_json())) == summary_of(session)
