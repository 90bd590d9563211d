"""Issue 16, D8: broken data folders are named (rc 1), stale staging folders go away,
export folders are private, "safe to remove" only after a flush that reported success,
a newer-schema session says so."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest
from export_fixtures import make_session

from mpa_tui.cli import main
from mpa_tui.export import writer
from mpa_tui.export.writer import export_session
from mpa_tui.store import Store


@pytest.mark.parametrize("command", ["list", "doctor"])
def test_a_data_folder_that_is_a_file_is_an_error(tmp_path: Path, command: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "data"
    bogus.write_text("not a folder")
    assert main(["--data-dir", str(bogus), "--lang", "en", command]) == 1
    err = capsys.readouterr().err
    assert "not a folder" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["list", "doctor"])
def test_a_sessions_file_is_an_error(tmp_path: Path, command: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions").write_text("")
    assert main(["--data-dir", str(data), "--lang", "id", command]) == 1
    assert "sessions bukan folder" in capsys.readouterr().err


def test_an_empty_data_folder_is_still_fine(tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "list"]) == 0
    assert main(["--data-dir", str(tmp_path / "none"), "doctor"]) == 0


def test_stale_partial_folders_are_removed_at_the_next_export(tmp_path: Path) -> None:
    mpa = tmp_path / "MPA"
    stale = mpa / ".Mentari_2023.partial"
    stale.mkdir(parents=True)
    (stale / "ringkasan.md").write_text("half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = mpa / ".running_now.partial"  # another export may be writing it right now
    fresh.mkdir()
    export_session(make_session(), tmp_path, formats="md")
    assert not stale.exists() and fresh.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="no POSIX modes")
def test_export_folders_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = export_session(make_session(), tmp_path, formats="md")
    finally:
        os.umask(old)
    assert stat.S_IMODE(result.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "MPA").stat().st_mode) == 0o700


def test_safe_to_remove_only_after_a_flush_that_succeeded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    labels: list[str] = []
    monkeypatch.setattr(writer, "sync_drive", lambda path: False)
    result = export_session(make_session(), tmp_path, formats="md",
                            progress=lambda d, n, label: labels.append(label))
    assert result.synced is False
    assert "Aman dicabut." not in labels and "lampu flashdisk" in labels[-1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs is Linux's")
def test_sync_drive_reports_a_failed_syncfs(tmp_path: Path) -> None:
    assert writer.sync_drive(tmp_path) is True
    assert writer.sync_drive(tmp_path / "missing") is False  # cannot even open it


def test_a_newer_schema_session_says_newer_version(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import orjson

    data = tmp_path / "data"
    s = make_session()
    with Store.open(data) as store:
        store.repo.create(s)
    path = data / "sessions" / f"{s.id}.json"
    doc = orjson.loads(path.read_bytes())
    doc["_meta"] = doc.get("_meta", {})
    for table in doc.values():
        for row in table.values():
            if "schema_version" in row:
                row["schema_version"] = 999
            if "group_name" in row:
                row["a_field_from_the_future"] = 1
    path.write_bytes(orjson.dumps(doc))
    code = main(["--data-dir", str(data), "--lang", "en", "export", s.id[:8],
                 "--to", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "newer version" in err and "damaged" not in err, err
