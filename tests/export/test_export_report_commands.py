"""The report across sessions, and the export/import/report commands end to end."""

from __future__ import annotations

import argparse
import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from export_fixtures import make_session

from mpa_tui.domain import ops
from mpa_tui.domain.session import Location, Session
from mpa_tui.export import commands
from mpa_tui.export.naming import identity_prefix
from mpa_tui.export.report import build_report, render_report_files
from mpa_tui.store import Store

TITLES = ["Modal", "modal ", "MODAL!", "Perizinan", "Pemasaran", "Pemasaran.", "Akses pasar",
          "Keterampilan", "Sertifikat halal"]
VILLAGES = ["Nagrak", "Sukamaju", "Cibeber", "Darangdan", "Kutamaya"]


def generated(n: int, seed: int = 7) -> list[Session]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        s = Session(group_name=f"Kelompok {i % 40}",
                    location=Location(village=VILLAGES[i % len(VILLAGES)]),
                    start_date=date(2023, 1, 1) + timedelta(days=i))
        ops.add_participant(s, f"Peserta {i}")
        used: set[str] = set()
        for title in rng.sample(TITLES, 4):
            key = title.strip(" .!").lower()
            if key in used:
                continue
            used.add(key)
            cat = ops.new_category(s, title)
            cards = [ops.add_card(s, f"kartu {title} {k}") for k in range(rng.randint(1, 5))]
            ops.move_cards(s, [c.id for c in cards], cat.id)
        out.append(s)
    return out


def test_report_over_many_sessions() -> None:
    sessions = generated(200)
    report = build_report(sessions, lang="en")
    rows = {r[0].lower().strip(" .!"): r for r in report.recurring.rows}
    modal = rows["modal"]
    # "Modal", "modal " and "MODAL!" are one recurring problem
    n_modal = sum(1 for s in sessions if any(c.title.strip(" .!").lower() == "modal"
                                             for c in s.categories))
    assert modal[1] == n_modal and modal[2] == len(VILLAGES)
    assert 1 <= modal[3] <= 4
    assert len(report.villages.rows) == len(VILLAGES)
    assert sum(r[1] for r in report.villages.rows) == 200
    assert len(report.flat["sessions"].rows) == 200
    # counts per attribute, never a row per person
    assert {r[1] for r in report.flat["participants"].rows} == {"role", "present", "sex",
                                                                 "age_band"}
    files = render_report_files(report, lang="en")
    assert {"laporan.html", "laporan.xlsx", "sessions.csv", "participants.csv", "cards.csv",
            "categories.csv", "ranking.csv", "actions.csv", "recurring.csv"} <= set(files)
    assert b"Peserta 0" not in files["participants.csv"]
    rows_csv = list(csv.DictReader(io.StringIO(files["categories.csv"].decode("utf-8-sig")),
                                   delimiter=";"))
    assert set(rows_csv[0]) == {"session_id", "category_id", "title", "title_key", "cards",
                                "votes", "score"}
    wb = openpyxl.load_workbook(io.BytesIO(files["laporan.xlsx"]), read_only=True)
    assert "Sessions" in wb.sheetnames and "Ranking" in wb.sheetnames


def test_report_filters() -> None:
    sessions = generated(20)

    def counted(**kw: object) -> int:
        return len(build_report(sessions, lang="en", **kw).session_ids)  # type: ignore[arg-type]

    assert counted(village="nagrak ") == 4
    assert counted(group="kelompok 3") == 1
    assert counted(since=date(2023, 1, 11)) == 10
    sessions[0].deleted_at = sessions[0].updated_at
    assert counted() == 19


def _args(data: Path, **kw: object) -> argparse.Namespace:
    base: dict[str, object] = {"data_dir": data, "lang": "en", "to": None, "formats": None,
                               "with_names": False, "group": None, "village": None,
                               "since": None}
    base.update(kw)
    return argparse.Namespace(**base)


@pytest.fixture
def data_dir(tmp_path: Path) -> tuple[Path, Session]:
    s = make_session()
    with Store.open(tmp_path / "data") as store:
        store.repo.create(s)
    return tmp_path / "data", s


def test_export_command(data_dir: tuple[Path, Session], tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    data, s = data_dir
    out = tmp_path / "stick"
    out.mkdir()
    assert commands.run_export(_args(data, session=s.id[:6], to=out, formats=["md"])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "Safe to remove."
    folder = next((out / "MPA").iterdir())
    assert {p.name for p in folder.iterdir()} == {
        "SHA256SUMS", f"{identity_prefix(s)}_ringkasan.md"}
    assert commands.run_export(_args(data, session="nope", to=out)) == 1
    assert "nope" in capsys.readouterr().err


def test_export_without_to_needs_exactly_one_drive(
    data_dir: tuple[Path, Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mpa_tui.export import drives

    data, s = data_dir
    monkeypatch.setattr(drives, "find_drives", lambda *a, **k: [])
    assert commands.run_export(_args(data, session="latest")) == 1
    assert "No USB drive" in capsys.readouterr().err
    two = [drives.Drive("/media/a", "vfat", "/dev/sdb1", "a"),
           drives.Drive("/media/b", "vfat", "/dev/sdc1", "b")]
    monkeypatch.setattr(drives, "find_drives", lambda *a, **k: two)
    assert commands.run_export(_args(data, session="latest")) == 1
    assert "/media/a, /media/b" in capsys.readouterr().err
    stick = tmp_path / "stick"
    stick.mkdir()
    one = [drives.Drive(str(stick), "vfat", "/dev/sdb1", "stick")]
    monkeypatch.setattr(drives, "find_drives", lambda *a, **k: one)
    assert commands.run_export(_args(data, session="latest", formats=["json"])) == 0
    assert list((stick / "MPA").glob("*/*_sesi.mpa.json"))


def test_import_and_report_commands(data_dir: tuple[Path, Session], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    data, s = data_dir
    stick = tmp_path / "stick"
    stick.mkdir()
    assert commands.run_export(_args(data, session="latest", to=stick, formats=["json"])) == 0
    other = tmp_path / "other"
    assert commands.run_import(_args(other, paths=[stick])) == 0
    assert "1 new sessions" in capsys.readouterr().out
    assert commands.run_import(_args(other, paths=[stick])) == 0
    assert "1 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.mpa.json"
    bad.write_text("{")
    assert commands.run_import(_args(other, paths=[bad])) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert commands.run_report(_args(other, to=tmp_path / "no" / "such")) == 1
    assert "removed or cannot be found" in capsys.readouterr().err
    assert commands.run_report(_args(other, to=tmp_path / "rep")) == 0  # folder created
    assert list((tmp_path / "rep" / "MPA").glob("laporan_*/recurring.csv"))
    assert commands.run_report(_args(other, to=tmp_path / "rep", village="Elsewhere")) == 1
    assert "No session matches" in capsys.readouterr().err


def test_report_names_its_filters_in_the_report_language_and_warns_of_skipped_sessions(
        data_dir: tuple[Path, Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from mpa_tui.export import tables_cache

    data, s = data_dir
    real = tables_cache._sync

    def two_lost(con: object, repo: object, synced: tables_cache.Synced) -> None:
        real(con, repo, synced)  # as if two listed files had been damaged since
        synced.unreadable += ["rusak-1", "rusak-2"]

    monkeypatch.setattr(tables_cache, "_sync", two_lost)
    since = date(2000, 1, 2)
    village = s.location.village
    assert village  # the fixture's session has one
    assert commands.run_report(_args(data, to=tmp_path / "rep", lang="id", village=village,
                                     since=since)) == 0
    err = capsys.readouterr().err
    assert "2 sesi tidak bisa dibaca dan dilewati." in err  # never a silent gap
    html = next((tmp_path / "rep" / "MPA").glob("laporan_*/laporan.html")).read_text()
    assert "sejak 2000-01-02" in html and "since=" not in html and "village=" not in html
    assert f"Desa: {village}" in html
