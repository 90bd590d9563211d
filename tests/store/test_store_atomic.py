"""Atomic writes: the order of system calls, injected OS errors, the TinyDB storage."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from mpa_tui.domain import Card, Session
from mpa_tui.store import AtomicJSONStorage, SaveError, Store
from mpa_tui.store.atomic import atomic_write, is_temp_name
from mpa_tui.store.layout import BadFile


class Recorder:
    """Wraps os functions and records what was called on which file, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str]] = []
        self.fd_names: dict[int, str] = {}
        real_open, real_write, real_fsync = os.open, os.write, os.fsync
        real_replace, real_link = os.replace, os.link

        def _open(path, flags, mode=0o777, *a, **k):  # type: ignore[no-untyped-def]
            fd = real_open(path, flags, mode, *a, **k)
            self.fd_names[fd] = Path(path).name
            self.calls.append(("open", Path(path).name))
            return fd

        def _write(fd, data):  # type: ignore[no-untyped-def]
            self.calls.append(("write", self.fd_names.get(fd, "?")))
            return real_write(fd, data)

        def _fsync(fd):  # type: ignore[no-untyped-def]
            self.calls.append(("fsync", self.fd_names.get(fd, "?")))
            return real_fsync(fd)

        def _replace(src, dst):  # type: ignore[no-untyped-def]
            self.calls.append(("replace", f"{Path(src).name}->{Path(dst).name}"))
            return real_replace(src, dst)

        def _link(src, dst):  # type: ignore[no-untyped-def]
            self.calls.append(("link", f"{Path(src).name}->{Path(dst).name}"))
            return real_link(src, dst)

        for name, fn in (("open", _open), ("write", _write), ("fsync", _fsync),
                         ("replace", _replace), ("link", _link)):
            monkeypatch.setattr(os, name, fn)


def test_call_order_temp_fsync_replace_dir_fsync(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "s.json"
    target.write_bytes(b"old")
    rec = Recorder(monkeypatch)
    atomic_write(target, b"new content")
    kinds = [k for k, _ in rec.calls]
    names = [n for _, n in rec.calls]
    tmp = names[0]
    assert kinds[0] == "open" and is_temp_name(tmp) and tmp.startswith(".s.json.tmp-")
    # temp written and fsynced before anything touches the real name
    assert kinds[1:3] == ["write", "fsync"] and names[1:3] == [tmp, tmp]
    # the old version becomes the backup (atomically), then the temp replaces the file
    assert ("link", f"s.json->{names[kinds.index('link')].split('->')[1]}") in rec.calls
    final = kinds.index("replace", kinds.index("link") + 2)
    assert rec.calls[final] == ("replace", f"{tmp}->s.json")
    # and the folder is fsynced last, making the rename durable
    assert rec.calls[-1] == ("fsync", tmp_path.name)
    assert rec.calls[-2][0] == "open" and rec.calls[-2][1] == tmp_path.name
    assert target.read_bytes() == b"new content"
    assert (tmp_path / "s.json.bak").read_bytes() == b"old"
    assert not [p for p in tmp_path.iterdir() if is_temp_name(p.name)]


def test_session_save_is_one_file_write_and_fsync(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(tmp_path / "d") as store:
        session = Session(group_name="G", cards=[Card(text=f"k{i}") for i in range(300)])
        rec = Recorder(monkeypatch)
        store.repo.save(session)
    session_file = f"{session.id}.json"
    fsynced = [n for k, n in rec.calls if k == "fsync"]
    # one fsync of the session temp + one of the sessions folder; the index is a cache
    # checked at open, replaced atomically without fsync
    assert len([n for n in fsynced if n.startswith(f".{session_file}.tmp-")]) == 1
    assert fsynced.count("sessions") == 1
    assert ("replace", f"{[n for n in fsynced if n.startswith('.')][0]}->{session_file}") \
        in rec.calls


@pytest.mark.parametrize(("code", "key"), [
    (errno.ENOSPC, "disk_full"), (errno.EROFS, "read_only"), (errno.EACCES, "read_only"),
    (errno.EPERM, "read_only"), (errno.EIO, "io_error"), (errno.EBADF, "other"),
])
@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_failed_save_keeps_the_old_file_and_can_be_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, key: str, where: str,
) -> None:
    with Store.open(tmp_path / "d") as store:
        session = Session(group_name="G", cards=[Card(text="satu")])
        store.repo.save(session)
        path = store.data_dir / "sessions" / f"{session.id}.json"
        before = path.read_bytes()
        session.cards.append(Card(text="dua"))
        real = getattr(os, where)

        def boom(*a, **k):  # type: ignore[no-untyped-def]
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, where, boom)
        with pytest.raises(SaveError) as err:
            store.repo.save(session)
        assert err.value.key == key and err.value.errno == code
        monkeypatch.setattr(os, where, real)
        assert path.read_bytes() == before
        assert not [p for p in path.parent.iterdir() if is_temp_name(p.name)]
        assert [c.text for c in store.repo.load(session.id).cards] == ["satu"]
        store.repo.save(session)  # retry works
        assert [c.text for c in store.repo.load(session.id).cards] == ["satu", "dua"]


def test_real_read_only_folder(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    with Store.open(tmp_path / "d") as store:
        session = Session(group_name="G")
        store.repo.save(session)
        folder = store.data_dir / "sessions"
        folder.chmod(0o500)
        try:
            with pytest.raises(SaveError) as err:
                store.repo.save(session)
            assert err.value.key == "read_only"
        finally:
            folder.chmod(0o700)


def test_tinydb_storage_round_trip_and_memory_reads(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("cards").insert({"text": "modal"})
    db.table("meta").insert({"schema_version": 1})
    assert path.exists() and (tmp_path / "db.json.bak").exists()
    path.unlink()  # reads are served from memory once read/written
    assert db.table("cards").all() == [{"text": "modal"}]
    db.close()
    fresh = TinyDB(path, storage=AtomicJSONStorage)
    assert fresh.tables() == set()  # no file: empty, and nothing created by reading
    assert not path.exists()


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"), (b"  \n", "empty"), (b'{"_default": {"1": {"a"', "unparsable"),
    (b"[1, 2]", "wrong_shape"),
])
def test_tinydb_storage_never_reads_a_broken_file_as_empty(tmp_path: Path, content: bytes,
                                                           reason: str) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    db = TinyDB(path, storage=AtomicJSONStorage)
    with pytest.raises(BadFile) as err:
        db.table("x").all()
    assert err.value.reason == reason
    with pytest.raises(BadFile):
        db.table("x").insert({"a": 1})
    assert path.read_bytes() == content


def test_session_file_is_a_tinydb_document(tmp_path: Path) -> None:
    import orjson

    from mpa_tui.store.layout import encode_session_document, session_document

    session = Session(group_name="G", cards=[Card(text="modal")])
    with Store.open(tmp_path / "d") as store:
        store.repo.save(session)
    path = tmp_path / "d" / "sessions" / f"{session.id}.json"
    db = TinyDB(path, storage=AtomicJSONStorage, read_only=True)
    assert db.tables() == {"meta", "session"}
    assert db.table("meta").get(doc_id=1)["schema_version"] == session.schema_version
    assert Session.model_validate(db.table("session").get(doc_id=1)) == session
    body = orjson.loads(session.model_dump_json())
    assert orjson.loads(encode_session_document(session.model_dump_json().encode(), 1)) == \
        session_document(body, 1)


def test_backup_without_hard_links_is_a_copy(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src, dst):  # type: ignore[no-untyped-def]  # FAT32 on a USB stick
        raise OSError(errno.EPERM, "links not supported")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "s.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert (tmp_path / "s.json.bak").read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json", "s.json.bak"]
