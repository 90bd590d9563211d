"""``mpa tables``: the store's flat tables as Parquet (Hive-style folders) or CSV files.

A district office hands these to whoever works at the next level: the province drops the
folders of all its districts side by side and queries them together, because every
Parquet table sits in ``<table>/province_code=../regency_code=../`` folders and every row
has the session's id. Examples are left out, as are trashed sessions and items; names
never appear (codes only, see :mod:`.tables_flat`). ``_schema.json`` says which version
of the tables this is and their columns (docs/TABLES.md).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mpa_tui.export import report_sql
from mpa_tui.export.naming import unique_folder, unique_name
from mpa_tui.export.tables_cache import store_tables
from mpa_tui.export.tables_schema import COLUMNS, TABLES_SCHEMA_VERSION
from mpa_tui.export.writer import fsync_dir

FORMATS = ("parquet", "csv")
PARTITIONS = ("province_code", "regency_code")
INTERNAL = frozenset({"is_example", "village_norm", "group_name_key"})
"""Columns the report filters on; not part of the published tables."""


def published(name: str) -> list[tuple[str, str]]:
    """The columns of a table as ``mpa tables`` writes them, with their SQL types."""
    return [(c, typ) for c, typ in COLUMNS[name] if c not in INTERNAL]


@dataclass
class TablesRun:
    """What ``mpa tables`` wrote."""

    folder: Path | None
    sessions: int
    unreadable: int


def write_tables(store: Any, target: Path, *, fmt: str = "parquet") -> TablesRun:
    """Write the store's flat tables into a new folder ``target/MPA/tabel_<date>``.

    Nothing is written when no session is left once examples are set aside (folder None).

    Raises:
        OSError: the drive refused; nothing is left under a final name.
    """
    import duckdb

    if fmt not in FORMATS:
        raise ValueError(fmt)
    with store_tables(store) as (con, synced):
        report_sql.choose(con, include_examples=False)
        (count,) = con.execute("SELECT count(*) FROM sessions").fetchone()
        if not count:
            return TablesRun(None, 0, len(synced.unreadable))
        parent = target / "MPA"
        parent.mkdir(exist_ok=True)
        name = unique_folder(parent, f"tabel_{date.today().isoformat()}")
        staging = parent / f".{name}.partial"
        staging.mkdir(mode=0o700)
        try:
            for table in COLUMNS:
                try:
                    _copy(con, table, staging, fmt)
                except duckdb.IOException as exc:  # the drive refused DuckDB's write
                    raise as_oserror(str(exc), staging) from exc
            schema = {"schema_version": TABLES_SCHEMA_VERSION, "format": fmt,
                      "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
                      "partitioned_by": list(PARTITIONS) if fmt == "parquet" else [],
                      "tables": {t: dict(published(t)) for t in COLUMNS}}
            (staging / "_schema.json").write_text(json.dumps(schema, indent=2) + "\n",
                                                  encoding="utf-8")
            _private_and_durable(staging)
            final = parent / unique_name(name, [p.name for p in parent.iterdir()
                                                if p != staging])
            os.replace(staging, final)
            fsync_dir(parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return TablesRun(final, int(count), len(synced.unreadable))


def _copy(con: Any, table: str, staging: Path, fmt: str) -> None:
    cols = published(table)
    pick = ", ".join(f'"{c}"' for c, _ in cols)
    # Stable keys first: a re-run over the same store writes the same rows in the same order.
    order = ", ".join(f'"{c}"' for c, _ in cols if c.endswith("_id") or c in (
        "seq", "attribute", "value", "rater", "competency", "phase"))
    select = f'SELECT {pick} FROM "{table}" ORDER BY {order}'
    if fmt == "csv":
        con.execute(f"COPY ({select}) TO {_lit(staging / f'{table}.csv')} (FORMAT csv, HEADER)")
        return
    folder = staging / table
    (empty,) = con.execute(f'SELECT count(*) = 0 FROM "{table}"').fetchone()
    if empty:
        # Engines find a table by its folder: an empty table still gets one (typed) file.
        rest = ", ".join(f'"{c}"' for c, _ in cols if c not in PARTITIONS)
        where = folder / "province_code=none" / "regency_code=none"
        where.mkdir(parents=True)
        con.execute(f'COPY (SELECT {rest} FROM "{table}") TO {_lit(where / "data_0.parquet")} '
                    "(FORMAT parquet)")
        return
    con.execute(f"COPY ({select}) TO {_lit(folder)} (FORMAT parquet, PARTITION_BY "
                f"({', '.join(PARTITIONS)}))")


def as_oserror(message: str, where: Path) -> OSError:
    """DuckDB's I/O error as the OSError the writers' messages know (by its text: DuckDB
    gives no errno)."""
    lowered = message.lower()
    for words, code in (("no space", errno.ENOSPC), ("read-only", errno.EROFS),
                        ("permission", errno.EACCES)):
        if words in lowered:
            return OSError(code, os.strerror(code), str(where))
    return OSError(errno.EIO, os.strerror(errno.EIO), str(where))


def _lit(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def _private_and_durable(folder: Path) -> None:
    """Folders 0700, files 0600 (the tables are about people, even coded), every file and
    folder flushed to the drive before the folder gets its final name (a stick is pulled)."""
    for root, dirs, files in os.walk(folder, topdown=False):
        for f in files:
            path = Path(root) / f
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows: fsync needs write
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for d in dirs:
            with contextlib.suppress(OSError):
                os.chmod(Path(root) / d, 0o700)
        fsync_dir(Path(root))
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
