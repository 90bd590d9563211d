"""Promise 3: a damaged file is never overwritten or read as empty; it is set aside, the
last good copy (``.bak``) is restored where there is one, and the user is told (id/en).

Covers: a session file truncated at every offset (``make reliability``; a sample in
``make test``), empty, random bytes, valid JSON of the wrong shape, a newer
schema_version, a damaged index, a stale temp file; the home screen's notice (Pilot); and
``mpa doctor`` / ``mpa doctor --repair`` headless (exit codes, files untouched by doctor).
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import orjson
import pytest
from rel_util import FULL, child_env, mpa_cmd, tree

from mpa_tui.domain import Card, Session
from mpa_tui.store import SessionReadOnlyError, Store
from mpa_tui.store.atomic import backup_path, is_temp_name

pytestmark = pytest.mark.reliability

DAMAGE_REASONS = {"empty", "unparsable", "wrong_shape"}


def two_versions(data: Path) -> tuple[Session, Path]:
    """A session saved twice: the file holds 3 cards, its backup 2."""
    session = Session(group_name="Mentari", cards=[Card(text="modal"), Card(text="izin")])
    with Store.open(data) as store:
        store.repo.create(session)
        session.cards.append(Card(text="pemasaran"))
        store.repo.save(session)
        return session, store.repo.path_of(session.id)


def _aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".damaged-*"))


def _check_restored(data: Path, session: Session, path: Path, bad: bytes) -> str | None:
    """Open the store on a damaged file; None if all promises held, else what broke."""
    with Store.open(data) as store:
        reports = [r for r in store.damage_reports if r.path == path]
        if len(reports) != 1:
            return f"{len(reports)} reports"
        rep = reports[0]
        if rep.reason not in DAMAGE_REASONS:
            return f"reason {rep.reason}"
        if rep.moved_to is None or rep.moved_to.read_bytes() != bad:
            return "damaged bytes not kept aside"
        if not rep.restored_from_backup:
            return "backup not restored"
        texts = [c.text for c in store.repo.load(session.id).cards]
    if texts != ["modal", "izin"]:
        return f"restored {texts}"
    return None


def test_truncated_at_every_offset(tmp_path: Path) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    good = path.read_bytes()
    bak = backup_path(path).read_bytes()
    offsets = list(range(len(good)))
    if not FULL:
        offsets = sorted({0, 1, len(good) - 1, *random.Random(3).sample(offsets, 40)})
    failures: list[str] = []
    for off in offsets:
        for p in _aside(path):
            p.unlink()
        path.write_bytes(good[:off])
        backup_path(path).write_bytes(bak)
        problem = _check_restored(data, session, path, good[:off])
        if problem:
            failures.append(f"offset {off}: {problem}")
    print(f"\ntruncation: {len(offsets)} offsets of {len(good)}, {len(failures)} failures")
    assert not failures, failures[:5]


@pytest.mark.parametrize("kind", ["empty", "random", "json_list", "json_wrong_shape",
                                  "json_other_id", "whitespace", "nul"])
def test_damaged_file_set_aside_and_backup_restored(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    doc = orjson.loads(path.read_bytes())
    bad = {
        "empty": b"",
        "random": random.Random(1).randbytes(700),
        "json_list": b"[1, 2, 3]",
        "json_wrong_shape": orjson.dumps({"session": {"1": {"id": session.id}}}),
        "json_other_id": orjson.dumps(
            {**doc, "session": {"1": {**doc["session"]["1"], "id": "someone-else"}}}),
        "whitespace": b"  \n\t ",
        "nul": b"\x00" * 512,
    }[kind]
    path.write_bytes(bad)
    assert _check_restored(data, session, path, bad) is None


def test_damaged_file_without_backup_is_set_aside_not_emptied(tmp_path: Path) -> None:
    data = tmp_path / "d"
    session = Session(group_name="Mentari", cards=[Card(text="modal")])
    with Store.open(data) as store:
        store.repo.create(session)
        path = store.repo.path_of(session.id)
    assert not backup_path(path).exists()
    path.write_bytes(b'{"meta": {"1": {"format": "mpa-tui-sess')
    with Store.open(data) as store:
        [rep] = store.damage_reports
        assert rep.moved_to is not None and not rep.restored_from_backup
        assert rep.moved_to.read_bytes().startswith(b'{"meta"')
        assert not path.exists()  # never recreated as an empty session
        assert store.repo.list() == []


def test_newer_schema_left_in_place_and_read_only(tmp_path: Path) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["1"]["schema_version"] = 99
    doc["session"]["1"]["schema_version"] = 99
    doc["session"]["1"]["field_from_the_future"] = {"x": 1}
    newer = orjson.dumps(doc)
    path.write_bytes(newer)
    with Store.open(data) as store:
        assert [r.reason for r in store.damage_reports] == ["newer_schema"]
        assert store.repo.is_read_only(session.id)
        with pytest.raises(SessionReadOnlyError):
            store.repo.save(session)
    assert path.read_bytes() == newer and not _aside(path)
    res = subprocess.run(mpa_cmd(data, "doctor"), capture_output=True, text=True,
                         env=child_env())
    assert res.returncode == 0, res.stdout + res.stderr
    assert path.read_bytes() == newer


@pytest.mark.parametrize("index", [b"", b"{not json", b'{"format": "other"}', b"[]"])
def test_damaged_index_is_rebuilt(tmp_path: Path, index: bytes) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    (data / "index.json").write_bytes(index)
    with Store.open(data) as store:
        assert [s.id for s in store.repo.list()] == [session.id]
        assert store.repo.summary(session.id).card_count == 3
    with Store.open(data) as store:
        assert store.damage_reports == []
    assert orjson.loads((data / "index.json").read_bytes())["sessions"]


def test_stale_temp_file_removed_real_file_untouched(tmp_path: Path) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    good = path.read_bytes()
    stale = path.with_name(f".{path.name}.tmp-999999-deadbeef")
    stale.write_bytes(good[:40])
    with Store.open(data) as store:
        assert store.damage_reports == []
        assert len(store.repo.load(session.id).cards) == 3
    assert not stale.exists() and path.read_bytes() == good


@pytest.mark.parametrize("lang", ["id", "en"])
async def test_home_screen_tells_the_user(tmp_path: Path, lang: str) -> None:
    from textual.widgets import Static

    from mpa_tui.i18n import t
    from mpa_tui.tui.app import make_app

    data = tmp_path / "d"
    session, path = two_versions(data)
    path.write_bytes(b"\x00garbage")
    store = Store.open(data)
    try:
        app = make_app(store=store, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            notice = str(app.screen.query_one("#home-notice", Static).render())
            assert t("home.damage.title", lang) in notice
            assert path.name in notice
            expected = {"id": "dipindahkan", "en": "moved"}[lang]
            assert expected in notice, notice
            # The restored session is in the list.
            assert app.screen.selected_id() == session.id
    finally:
        store.close()


def test_doctor_reports_then_repair_fixes(tmp_path: Path) -> None:
    data = tmp_path / "d"
    session, path = two_versions(data)
    path.write_bytes(path.read_bytes()[:100])
    stale = path.with_name(f".{path.name}.tmp-1-abcdef01")
    stale.write_bytes(b"half")
    before = tree(data)
    for lang, word in (("id", "rusak"), ("en", "damaged"))[: 2 if FULL else 1]:
        res = subprocess.run(mpa_cmd(data, "--lang", lang, "doctor"), capture_output=True,
                             text=True, env=child_env())
        assert res.returncode == 1, res.stdout + res.stderr
        assert path.name in res.stdout and "Traceback" not in res.stderr
        assert word in (res.stdout + res.stderr).lower(), res.stdout
        assert tree(data) == before, "doctor without --repair changed files"
    res = subprocess.run(mpa_cmd(data, "doctor", "--repair"), capture_output=True, text=True,
                         env=child_env())
    assert res.returncode == 0, res.stdout + res.stderr
    assert _aside(path) and not stale.exists()
    assert _aside(path)[0].read_bytes() == before[f"sessions/{path.name}"]
    res = subprocess.run(mpa_cmd(data, "doctor"), capture_output=True, text=True,
                         env=child_env())
    assert res.returncode == 0, res.stdout + res.stderr
    with Store.open(data, lock=False) as store:
        assert [c.text for c in store.repo.load(session.id).cards] == ["modal", "izin"]
    assert not [p for p in data.rglob("*") if is_temp_name(p.name)]
    print("\ndoctor: damaged -> exit 1 (files untouched); --repair -> exit 0")


async def test_newer_schema_session_in_the_tui_is_read_only(tmp_path: Path) -> None:
    """The home screen says the file is from a newer version; edits are refused and the
    file is never rewritten."""
    from textual.widgets import Static

    from mpa_tui.domain import Step
    from mpa_tui.i18n import t
    from mpa_tui.tui.app import make_app

    data = tmp_path / "d"
    session, path = two_versions(data)
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["1"]["schema_version"] = 99
    doc["session"]["1"]["schema_version"] = 99
    doc["session"]["1"]["current_step"] = int(Step.WRITE)
    newer = orjson.dumps(doc)
    path.write_bytes(newer)
    store = Store.open(data)
    try:
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            notice = str(app.screen.query_one("#home-notice", Static).render())
            assert t("store.damage.newer_schema") in notice, notice
            assert app.open_session(session.id)
            await pilot.pause()
            assert app.controller is not None and app.controller.read_only
            await pilot.press(*"baru", "enter")
            await pilot.pause()
            assert app.is_running
            assert len(app.controller.session.cards) == 3
    finally:
        store.close()
    assert path.read_bytes() == newer
