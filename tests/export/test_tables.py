"""`mpa tables` and the report's SQL: what a district hands on, and that it adds up.

The documented SQL (docs/TABLES.md) is run on DuckDB over what `mpa tables` wrote and must
give the report's own figures; examples, trash and names stay out; re-runs flatten only
what changed.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import duckdb
import pytest
from export_fixtures import make_session

from mpa_tui.domain import ops
from mpa_tui.domain.session import Location, Session
from mpa_tui.export import commands
from mpa_tui.export.report import build_report
from mpa_tui.export.report_fast import csv_bytes
from mpa_tui.export.report_run import ReportFilters, make_report
from mpa_tui.export.report_sql import QUERIES
from mpa_tui.export.tables_cache import CACHE_DIR, CACHE_FILE, store_tables
from mpa_tui.store import Store

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "TABLES.md"
HIVE = "hive_partitioning = true, hive_types = {'province_code': VARCHAR, 'regency_code': VARCHAR}"


def _session(group: str, village: str, code: str, titles: list[str], day: int) -> Session:
    from datetime import date

    s = Session(group_name=group, location=Location(village=village, region_code=code),
                start_date=date(2024, 3, day))
    ops.add_participant(s, "Siti Aminah")
    for title in titles:
        cat = ops.new_category(s, title)
        cards = [ops.add_card(s, f"{title} kata Siti Aminah {k}") for k in range(2)]
        ops.move_cards(s, [c.id for c in cards], cat.id)
    return s


def _sessions() -> list[Session]:
    return [
        _session("Mentari", "Nagrak", "32.14.06.2015", ["Modal", "Pemasaran"], 1),
        _session("Melati", "Ds. Nagrak", "32.14.06.2015", ["modal!", "Perizinan"], 2),
        _session("Mawar", "Nagrak", "32.01.02.2009", ["Pemasaran", "Modal"], 3),
        _session("Anggrek", "Sukamaju", "", ["Akses pasar", "Modal"], 4),
        _session("Kenanga", "Cibeber", "99.99.99.9999", ["Pemasaran"], 5),
    ]


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        for s in _sessions():
            store.repo.create(s)
        example = _session("Contoh", "Nagrak", "32.14.06.2015", ["Modal"], 6)
        example.is_example = True
        store.repo.create(example)
        trashed = _session("Dibuang", "Nagrak", "32.14.06.2015", ["Modal"], 7)
        store.repo.create(trashed)
        store.repo.trash(trashed.id)
    return folder


def _args(data: Path, to: Path, fmt: str) -> object:
    import argparse

    return argparse.Namespace(data_dir=data, lang="en", to=to, table_format=fmt)


def _documented() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- query: (\w+) -->\n```sql\n(.*?)\n```", text, re.S))


def test_documented_sql_is_the_sql_mpa_runs() -> None:
    assert _documented() == {k: v.strip() for k, v in QUERIES.items()}


def test_documented_sql_on_the_parquet_tables_gives_the_report(data: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert commands.run_tables(_args(data, out, "parquet")) == 0
    folder = next((out / "MPA").iterdir())
    assert (folder / "sessions" / "province_code=32" / "regency_code=32.14").is_dir()
    assert (folder / "sessions" / "province_code=none" / "regency_code=none").is_dir()
    con = duckdb.connect()
    for name in ("sessions", "ranking", "cards", "categories", "participants", "actions",
                 "capacity", "stages"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet("
                    f"'{folder}/{name}/**/*.parquet', {HIVE})")
    with Store.open(data, lock=False) as store:
        report = make_report(store, ReportFilters(), lang="en").report
    docs = _documented()
    rec = con.execute(docs["recurring"]).fetchall()
    assert [[t, n, v, round(a, 2)] for t, _, n, v, a in rec] == report.recurring.rows
    assert rec[0][:4] == ("Modal", "modal", 4, 3)  # two Nagraks by code + the uncoded one
    vil = con.execute(docs["villages"]).fetchall()
    assert [list(r[:7]) for r in vil] == [r[:7] for r in report.villages.rows]
    assert report.subdistricts is not None and report.uncoded is not None
    sub = con.execute(docs["subdistricts"]).fetchall()
    assert [[r[0], r[1], r[3], r[4], r[5]] for r in sub] == \
        [[r[0], r[1], r[3], r[4], r[5]] for r in report.subdistricts.rows]
    unc = con.execute(docs["uncoded"]).fetchall()
    assert [r[2] for r in unc] == [r[2] for r in report.uncoded.rows] == ["Sukamaju", "Cibeber"]
    assert [r[5] for r in unc] == ["no_code", "not_listed"]
    # Five sessions: the example and the trashed one are not in the tables.
    assert con.execute("SELECT count(*) FROM sessions").fetchone() == (5,)
    assert con.execute("SELECT count(DISTINCT group_key) FROM sessions").fetchone() == (5,)
    schema = json.loads((folder / "_schema.json").read_text())
    assert schema["schema_version"] == 1
    assert "is_example" not in schema["tables"]["sessions"]


def test_tables_hold_no_names_and_are_private(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("parquet", "csv"):
        assert commands.run_tables(_args(data, out, fmt)) == 0
    files = [p for p in (out / "MPA").rglob("*") if p.is_file()]
    assert any(p.suffix == ".csv" for p in files) and any(p.suffix == ".parquet" for p in files)
    for p in files:
        assert b"Siti" not in p.read_bytes() and b"Aminah" not in p.read_bytes(), p
    cards = (next(p for p in files if p.name == "cards.csv")).read_text(encoding="utf-8")
    assert "kata P01" in cards  # the name typed into a card is her code
    if os.name == "posix":
        for p in (out / "MPA").rglob("*"):
            mode = stat.S_IMODE(p.stat().st_mode)
            assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
        cache = data / CACHE_DIR
        assert stat.S_IMODE(cache.stat().st_mode) == 0o700
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cache.iterdir())


def test_no_session_left_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(tmp_path / "data") as store:
        example = _session("Contoh", "Nagrak", "32.14.06.2015", ["Modal"], 6)
        example.is_example = True
        store.repo.create(example)
    assert commands.run_tables(_args(tmp_path / "data", tmp_path, "csv")) == 1
    assert "example sessions are left out" in capsys.readouterr().err
    assert not (tmp_path / "MPA").exists()


def test_rerun_flattens_only_what_changed(data: Path) -> None:
    def sync() -> tuple[int, int, int]:
        with Store.open(data) as store, store_tables(store) as (con, synced):
            (n,) = con.execute("SELECT count(*) FROM cache.sessions").fetchone()
            return synced.flattened, synced.removed, n

    assert sync() == (6, 0, 6)  # five sessions and the example (trash is not listed)
    assert sync() == (0, 0, 6)
    with Store.open(data) as store:
        s = next(x for x in map(store.repo.load, [r.id for r in store.repo.list()])
                 if not x.is_example)
        path = store.repo.path_of(s.id)
        before = path.read_bytes()
        os.utime(path)  # touched, same bytes: hashed, not flattened
    assert sync() == (0, 0, 6)
    with Store.open(data) as store:
        ops.new_category(s, "Baru")
        store.repo.save(s)
        assert path.read_bytes() != before
    assert sync() == (1, 0, 6)
    with Store.open(data) as store:
        report = make_report(store, ReportFilters(), lang="en").report
        n = len(report.flat["categories"].rows)
        assert b";Baru;" in report.csv["categories"]  # the CSV lines kept follow the edit
        store.repo.trash(s.id)
    assert sync() == (0, 1, 5)
    with Store.open(data) as store:
        report = make_report(store, ReportFilters(), lang="en").report
        assert len(report.flat["categories"].rows) < n
        assert s.id.encode() not in report.csv["categories"]
        assert report.csv["categories"] == csv_bytes(report.flat["categories"])
    (data / CACHE_DIR / CACHE_FILE).write_bytes(b"not a database")  # damaged: rebuilt
    assert sync() == (5, 0, 5)


def test_report_csv_from_kept_lines_is_the_csv_writer_s(tmp_path: Path) -> None:
    """The CSV files joined from each session's kept lines are the CSV writer's output of
    the SQL's rows, in the SQL's order: formula-like and hostile text, empty cells, quotes
    and line breaks, backslashes and non-ASCII text, byte for byte."""
    odd = make_session()
    ops.add_card(odd, "C:\\x41\\n \\u00e9 \u00e9 \U0001f600")  # a backslash is no escape
    report = build_report([make_session(hostile=True), odd, *_sessions()])
    assert set(report.csv) == {"sessions", "participants", "cards", "categories", "ranking",
                               "actions", "capacity"}
    for name, data in report.csv.items():
        assert data == csv_bytes(report.flat[name]), name
    assert b"'=" in report.csv["cards"]  # a card typed as a formula stays text
    assert "C:\\x41\\n \\u00e9 \u00e9 \U0001f600".encode() in report.csv["cards"]


def test_cache_is_rebuilt_when_what_it_depends_on_changes(data: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from mpa_tui.export import tables_cache

    with Store.open(data) as store, store_tables(store) as (_, synced):
        assert synced.flattened == 6
    monkeypatch.setattr(tables_cache, "cache_version", lambda: "another places list")
    with Store.open(data) as store, store_tables(store) as (_, synced):
        assert synced.flattened == 6 and synced.kept == 0


def test_a_cache_held_by_another_mpa_is_not_waited_for(data: Path) -> None:
    import subprocess
    import sys

    with Store.open(data) as store, store_tables(store):
        pass  # the cache file exists
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.read()", str(data / CACHE_DIR / CACHE_FILE)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with Store.open(data, lock=False) as store:
            with store_tables(store) as (_, synced):
                assert not synced.cached and synced.flattened == 6  # in memory this time
            run = make_report(store, ReportFilters(), lang="en")
        assert len(run.report.session_ids) == 5
    finally:
        holder.communicate("", timeout=30)


def test_a_run_stopped_half_way_leaves_no_half_cache(data: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from mpa_tui.export import tables_cache

    real = tables_cache.bulk_load

    def stop_at_the_hashes(con: object, target: str, *args: object, **kw: object) -> None:
        if target == "cache.files":
            raise KeyboardInterrupt  # the rows are in, their hashes not yet
        real(con, target, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(tables_cache, "bulk_load", stop_at_the_hashes)
    with pytest.raises(KeyboardInterrupt), Store.open(data) as store, store_tables(store):
        pass
    monkeypatch.setattr(tables_cache, "bulk_load", real)
    with Store.open(data) as store, store_tables(store) as (con, synced):
        assert synced.flattened == 6
        assert con.execute("SELECT count(*) FROM cache.sessions").fetchone() == (6,)
        assert con.execute("SELECT count(*) FROM cache.report_csv").fetchone() == (6,)


def _modules_after(code: str) -> set[str]:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_duckdb_is_loaded_only_when_a_report_runs(data: Path) -> None:
    assert "duckdb" not in _modules_after("import mpa_tui.tui.app, mpa_tui.export.report_run")
    with Store.open(data) as store, store_tables(store):
        pass  # the cache is full
    mods = _modules_after(
        "from mpa_tui.store import Store\n"
        "from mpa_tui.export.report_run import ReportFilters, make_report\n"
        f"with Store.open({str(data)!r}, lock=False) as store:\n"
        "    assert make_report(store, ReportFilters(), lang='en').report.session_ids\n")
    assert "duckdb" in mods
    # Served from the cache: the session model (0.1-0.2 s to import) is not needed.
    assert "mpa_tui.domain.session" not in mods and "pydantic" not in mods


def test_a_target_that_is_not_a_folder_gives_one_line(data: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a file"
    target.write_text("x")
    assert commands.run_tables(_args(data, target, "parquet")) == 1
    err = capsys.readouterr().err
    assert err.startswith("mpa: ") and err.count("\n") == 1 and "Traceback" not in err


def test_duckdb_io_errors_become_the_drive_messages() -> None:
    import errno

    from mpa_tui.export.tables_out import as_oserror

    full = as_oserror('IO Error: Could not write file "x": No space left on device', Path("x"))
    assert full.errno == errno.ENOSPC
    assert as_oserror("IO Error: Read-only file system", Path("x")).errno == errno.EROFS
    assert as_oserror("IO Error: something else", Path("x")).errno == errno.EIO


def test_duckdb_never_fetches_an_extension() -> None:
    """No network, ever: a query that would need a missing extension fails at once,
    DuckDB does not download it."""
    from mpa_tui.export.tables_cache import connect

    con = connect()
    try:
        with pytest.raises(duckdb.Error, match="httpfs"):
            con.execute("SELECT * FROM read_csv('https://example.invalid/x.csv')")
        assert con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                           "current_setting('autoload_known_extensions')").fetchone() == (
                               False, False)
    finally:
        con.close()


def test_many_files_are_flattened_in_worker_processes_with_the_same_result(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run over many files shares them out to processes: the same rows, lines
    and hashes as one process; a file laid out otherwise still goes through the store."""
    import shutil

    import orjson

    from mpa_tui.export import tables_work

    with Store.open(data) as store:
        path = store.repo.path_of(store.repo.list()[0].id)
    path.write_bytes(orjson.dumps(orjson.loads(path.read_bytes()), option=orjson.OPT_INDENT_2))
    other = tmp_path / "other"
    shutil.copytree(data, other)

    def made(folder: Path) -> tuple[Any, ...]:
        with Store.open(folder) as store:
            run = make_report(store, ReportFilters(), lang="en")
            with store_tables(store) as (con, _):
                files = con.execute("SELECT * FROM cache.files ORDER BY session_id").fetchall()
        return run.report.csv, {k: t.rows for k, t in run.report.flat.items()}, files

    alone = made(data)
    used: list[int] = []
    real = tables_work._in_processes

    def counted(chunks: list[Any], workers: int) -> Any:
        used.append(workers)
        return real(chunks, workers)

    monkeypatch.setattr(tables_work, "PARALLEL_MIN", 1)
    monkeypatch.setattr(tables_work, "_CHUNK", 2)
    monkeypatch.setattr(tables_work.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(tables_work, "_in_processes", counted)
    shared = made(other)
    assert used == [2]
    assert shared[0] == alone[0] and shared[1] == alone[1]
    assert [f[3] for f in shared[2]] == [f[3] for f in alone[2]]  # the same hashes


def test_sessions_added_to_known_villages_do_not_read_the_list_again(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The names of region codes seen before come from the cache (reading the Kemendagri
    village list costs more than flattening a few sessions), and are the list's names."""
    from mpa_tui.domain import places
    from mpa_tui.export import tables_flat

    with Store.open(data) as store:
        before = make_report(store, ReportFilters(), lang="en").report.villages.rows

    def unread(name: str) -> dict[str, str]:
        raise AssertionError(f"the list was read: {name}")

    monkeypatch.setattr(tables_flat, "KNOWN_PLACES", {})  # as in a new process
    monkeypatch.setattr(places, "_cache", {})
    monkeypatch.setattr(places, "_read", unread)
    with Store.open(data) as store:
        store.repo.create(_session("Seroja", "Nagrak", "32.14.06.2015", ["Modal"], 9))
        run = make_report(store, ReportFilters(), lang="en")
    after = {r[0]: r for r in run.report.villages.rows}
    for row in before:
        if row[0] in after and row[-1] == "32.14.06.2015":  # one more session there
            assert after[row[0]][1] == row[1] + 1 and after[row[0]][5:] == row[5:]
    assert any(r[-1] == "32.14.06.2015" for r in before)


def test_a_same_size_change_within_the_timestamp_s_tick_is_seen(data: Path) -> None:
    # A save of the same size, in the same tick of the file's clock as the last report
    # (FAT keeps 2 s), leaves size and timestamp as they were: the content decides.
    with Store.open(data) as store, store_tables(store) as (con, _):
        assert con.execute("SELECT count(*) FROM cache.categories WHERE title = 'Modak'"
                           ).fetchone() == (0,)
        sid = next(r.id for r in store.repo.list() if r.group_name == "Mentari")
        path = store.repo.path_of(sid)
    st = path.stat()
    raw = path.read_bytes()
    assert raw.count(b'"Modal"') == 1
    path.write_bytes(raw.replace(b'"Modal"', b'"Modak"'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    with Store.open(data) as store, store_tables(store) as (con, synced):
        assert con.execute("SELECT count(*) FROM cache.categories WHERE title = 'Modak'"
                           ).fetchone() == (1,)
        assert synced.flattened == 1
