"""Promise 7: personal data stays private.

* POSIX permissions: the data folder and its subfolders 0700, every file 0600 -- after
  create, save, backup, index, repair, and ``mpa demo`` -- even with a permissive umask.
* Exports leave participants' names out by default: no name appears in the bytes of any
  exported file (zip members of DOCX/XLSX included); with ``with_names`` they do (so the
  check can fail).
* No network: a full workflow (TUI via Pilot, CLI demo/list/doctor, export, import,
  report) runs with every socket connection and name lookup replaced by a recorder that
  raises; the test fails if anything was attempted.
"""

from __future__ import annotations

import io
import os
import socket
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rel_util import FULL, child_env, mpa_cmd

from mpa_tui.domain import (
    ActionItem,
    AssessmentPhase,
    CapacityRating,
    Competency,
    Contact,
    Quote,
    Resource,
    Session,
    StageKind,
    StageRecord,
    Step,
    ops,
)
from mpa_tui.store import Store

pytestmark = pytest.mark.reliability

NAMES = ("Siti Aminah Rahayu", "Dewi Kartikasari", "Nur Halimah Zubaedah")


def _modes(folder: Path) -> tuple[list[str], list[str]]:
    """(folders not 0700, files not 0600) under ``folder`` (itself included)."""
    bad_dirs, bad_files = [], []
    for p in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        if p.is_dir() and mode != 0o700:
            bad_dirs.append(f"{p.relative_to(folder.parent)} {mode:o}")
        elif p.is_file() and mode != 0o600:
            bad_files.append(f"{p.relative_to(folder.parent)} {mode:o}")
    return bad_dirs, bad_files


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o002)
    yield
    os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions_after_every_kind_of_write(data_dir: Path, open_umask: None) -> None:
    session = Session(group_name="Mentari")
    with Store.open(data_dir) as store:  # create
        store.repo.create(session)
        assert _modes(data_dir) == ([], [])
        for i in range(3):  # save, backup (.bak), index
            ops.add_card(session, f"kartu {i}")
            store.repo.save(session)
        store.repo.trash(session.id)
        store.repo.restore(session.id)
        store.repo.write_index()
        assert (data_dir / "index.json").exists()
        assert list(data_dir.glob("sessions/*.bak"))
        assert _modes(data_dir) == ([], [])
    # A repair: damaged file set aside, backup restored, index rebuilt.
    path = data_dir / "sessions" / f"{session.id}.json"
    path.write_bytes(path.read_bytes()[:50])
    os.chmod(path, 0o600)
    (data_dir / "index.json").unlink()
    with Store.open(data_dir) as store:
        assert store.damage_reports
    assert _modes(data_dir) == ([], [])
    # The CLI, in its own process, with an open umask.
    res = subprocess.run(mpa_cmd(data_dir, "demo"), capture_output=True, text=True,
                         env=child_env(), preexec_fn=lambda: os.umask(0o000))
    assert res.returncode == 0, res.stderr
    fresh = data_dir.parent / "fresh" / "nested"
    res = subprocess.run(mpa_cmd(fresh, "demo"), capture_output=True, text=True,
                         env=child_env(), preexec_fn=lambda: os.umask(0o000))
    assert res.returncode == 0, res.stderr
    dirs, files = _modes(data_dir)
    dirs2, files2 = _modes(fresh)
    assert (dirs + dirs2, files + files2) == ([], [])
    n = sum(1 for _ in data_dir.rglob("*")) + sum(1 for _ in fresh.rglob("*"))
    print(f"\npermissions: {n} paths checked, all folders 0700 and files 0600")


def private_session() -> Session:
    """A session whose participants' names sit in every structured place."""
    s = Session(group_name="Mentari", start_date=date(2023, 6, 8))
    s.settings.record_authorship = True
    people = [ops.add_participant(s, n) for n in NAMES]
    cards = [ops.add_card(s, f"Modal kurang {i}", author_id=people[i % 3].id)
             for i in range(6)]
    cat = ops.new_category(s, "Modal")
    ops.move_cards(s, [c.id for c in cards], cat.id)
    ops.confirm_order(s, [cat.id])
    s.action_items.append(ActionItem(action="Pelatihan koperasi", responsible=NAMES[0],
                                     category_id=cat.id))
    s.resources.append(Resource(name="Dinas Koperasi", contact=NAMES[1]))
    s.stages.append(StageRecord(stage=StageKind.COORDINATION,
                                contacts=[Contact(name=NAMES[2])]))
    s.evaluation.quotes.append(Quote(text="Kami jadi berani bicara", speaker_code=NAMES[0],
                                     participant_id=people[0].id))
    s.capacity.append(CapacityRating(competency=list(Competency)[0],
                                     phase=list(AssessmentPhase)[0], score=3,
                                     participant_id=people[1].id))
    return Session.model_validate(s.model_dump())


def _all_bytes(folder: Path) -> dict[str, bytes]:
    """Every exported file's bytes, plus each member of zip files (DOCX/XLSX)."""
    out: dict[str, bytes] = {}
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        data = p.read_bytes()
        out[p.name] = data
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for member in z.namelist():
                    out[f"{p.name}:{member}"] = z.read(member)
    return out


def _names_found(files: dict[str, bytes]) -> list[str]:
    hits = []
    for fname, data in files.items():
        for name in NAMES:
            for part in (name, name.split()[0] + " " + name.split()[1]):
                for enc in ("utf-8", "utf-16-le"):
                    if part.encode(enc) in data:
                        hits.append(f"{name} in {fname}")
    return sorted(set(hits))


def test_exports_leave_names_out_by_default(tmp_path: Path) -> None:
    from mpa_tui.export.writer import export_session

    session = private_session()
    usb = tmp_path / "usb"
    usb.mkdir()
    result = export_session(session, usb)  # every format, defaults
    files = _all_bytes(result.folder)
    assert len(files) >= 7
    assert _names_found(files) == []
    # The district report (many sessions) leaves them out too.
    from mpa_tui.export.report import build_report, render_report_files

    report = render_report_files(build_report([session, private_session()]))
    report_files: dict[str, bytes] = {}
    for name, data in report.items():
        report_files[name] = data
        if data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                report_files.update({f"{name}:{m}": z.read(m) for m in z.namelist()})
    assert _names_found(report_files) == []
    # The check can fail: asked for, the names are there.
    named = export_session(session, usb, with_names=True)
    assert _names_found(_all_bytes(named.folder))
    print(f"\nprivacy: {len(files)} exported files/members, 0 participant names by default")


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Replace every way out with a recorder that raises; yields the attempts."""
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def fn(*args: Any, **kw: Any) -> Any:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkAttempt(what)
        return fn

    for name in ("connect", "connect_ex", "sendto"):
        original = getattr(socket.socket, name)

        def guarded(self: socket.socket, *args: Any, _o: Any = original, _n: str = name
                    ) -> Any:
            if self.family == getattr(socket, "AF_UNIX", None):
                return _o(self, *args)  # local IPC (asyncio's self-pipe), not network
            attempts.append(f"socket.{_n}{args}")
            raise NetworkAttempt(_n)

        monkeypatch.setattr(socket.socket, name, guarded)
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield attempts


async def test_full_workflow_makes_no_network_connection(tmp_path: Path,
                                                         no_network: list[str]) -> None:
    from mpa_tui.cli import main
    from mpa_tui.export.importer import import_paths
    from mpa_tui.export.writer import export_session
    from mpa_tui.tui.app import make_app

    data = tmp_path / "data"
    usb = tmp_path / "usb"
    usb.mkdir()
    # CLI, in-process (the same code `mpa` runs).
    assert main(["--data-dir", str(data), "demo"]) == 0
    assert main(["--data-dir", str(data), "list", "--json"]) == 0
    assert main(["--data-dir", str(data), "doctor"]) == 0
    # TUI: home, the example, every step, a card, the summary, its export, back home.
    store = Store.open(data)
    try:
        app = make_app(store=store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("e")  # the example session
            await pilot.pause()
            assert app.controller is not None
            for step in Step if FULL else (Step.CIRCLE, Step.STICK, Step.RANK):
                app.open_step(step)
                await pilot.pause()
            app.open_step(Step.WRITE)
            await pilot.pause()
            await pilot.press(*"Modal", "enter")
            await pilot.pause()
            app.open_summary()
            await pilot.pause()
            # The TUI's own export (its worker thread, the real writer), to a folder.
            from mpa_tui.tui.screens.export import ExportScreen

            export_screen = ExportScreen(app.controller, find_drives=lambda: [])
            app.push_screen(export_screen)
            await pilot.pause()
            export_screen.start(usb)
            for _ in range(200):
                await pilot.pause(0.05)
                if export_screen.result is not None or export_screen.error:
                    break
            assert export_screen.result is not None, export_screen.error
            app.pop_screen()
            await pilot.pause()
            await pilot.press("f9")
            await pilot.pause()
        session = store.repo.load(store.repo.resolve("latest"))
    finally:
        store.close()
    # Export, import into another store, the district report.
    result = export_session(session, usb)
    with Store.open(tmp_path / "office") as office:
        imported = import_paths(office, [result.folder])
        assert not imported.failed
    assert main(["--data-dir", str(tmp_path / "office"), "report", "--to", str(usb),
                 "--include-examples"]) == 0
    assert main(["--data-dir", str(data), "export", "latest", "--to", str(usb)]) == 0
    assert main(["--data-dir", str(tmp_path / "office"), "import", str(usb)]) == 0
    print(f"\nnetwork: {len(no_network)} connection attempts in a full workflow")
    assert no_network == []


def test_no_network_guard_catches_attempts(no_network: list[str]) -> None:
    """The guard itself works (so the test above can fail)."""
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAttempt):
            s.connect(("192.0.2.1", 80))
    finally:
        s.close()
    assert len(no_network) == 2
    assert sys.modules["socket"].getaddrinfo is not None
