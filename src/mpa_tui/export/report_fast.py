"""The report's fast paths: reading a thousand sessions and writing the long tables.

``mpa report`` over 1,000 sessions spent most of its time in three places (see
docs/BENCHMARKS.md): Python's cyclic garbage collector walking the freshly validated
sessions again and again while more were being built (about half the load time), parsing
every file into dicts before pydantic validated them a second time, and per-cell Python
work when writing the CSV and XLSX tables. Each helper here gives exactly the output of
the plain code path it replaces (the tests compare them).
"""

from __future__ import annotations

import csv as _csv
import gc
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from mpa_tui.export.model import Table
from mpa_tui.export.report_sql import REPORT_FLAT
from mpa_tui.export.safe import FORMULA_STARTS, neutralise_cell, strip_xml_invalid
from mpa_tui.export.tables_schema import COLUMNS, Rows

if TYPE_CHECKING:
    from mpa_tui.domain.session import Session

BOM = "\ufeff"
"""As :data:`mpa_tui.export.csv.BOM` (a test compares the two writers); defined here so
that a report from the cache does not import the per-session exports."""
_XLSX_MAX = 32767  # longest text an Excel cell holds


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocation, then restore it.

    Validated sessions and report rows are long-lived and hold no reference cycles, so
    the collector's repeated full passes over them are pure cost; reference counting
    still frees everything as usual. The previous state is restored (nesting is safe).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                # Everything allocated during the pause sits in the youngest generation:
                # the first collection after it would walk all of it at once. Freezing
                # then unfreezing moves it to the oldest generation without that walk
                # (it is still collected there, at the next full collection).
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def session_frame() -> tuple[bytes, bytes]:
    """The bytes a current-schema session file has before and after the session JSON."""
    from mpa_tui.store.layout import encode_session_document
    from mpa_tui.store.repository import app_schema_version

    head, _, tail = encode_session_document(b"\0", app_schema_version()).partition(b"\0")
    return head, tail


def load_fast(repo: Any, session_id: str, frame: tuple[bytes, bytes]) -> Session | None:
    """The session read straight from its file's bytes, or None to take the normal path.

    Only a file laid out exactly as the store writes it, at the app's schema version, is
    taken here: pydantic then parses and validates the session's JSON in one pass (no
    intermediate dicts). Anything else (older or newer schema, another layout, a damaged
    or invalid file, a wrong id) returns None so that ``repo.load`` migrates it, marks it
    read-only or reports the damage, as it always does. The bytes between the fixed head
    and tail must form one JSON value, so a file is accepted here only when the whole
    file is the valid document ``repo.load`` would have read.
    """
    try:
        raw = repo.path_of(session_id).read_bytes()
    except Exception:  # noqa: BLE001 - any trouble: the normal path reports it properly
        return None
    return session_from_bytes(raw, session_id, frame)


def session_from_bytes(raw: bytes, session_id: str, frame: tuple[bytes, bytes]
                       ) -> Session | None:
    """:func:`load_fast` on a file's bytes already read (None: take the normal path)."""
    from pydantic import ValidationError

    from mpa_tui.domain.session import Session

    head, tail = frame
    raw = raw.rstrip()
    if not (raw.startswith(head) and raw.endswith(tail)) or len(raw) <= len(head) + len(tail):
        return None
    try:
        session = Session.model_validate_json(raw[len(head):len(raw) - len(tail)])
    except (ValidationError, ValueError):
        return None
    return session if session.id == session_id else None


def sessions_from_repo(repo: Any) -> tuple[list[Session], list[str]]:
    """Every listed session (trash left out) and the ids that could not be read."""
    from mpa_tui.store import StoreError

    frame = session_frame()
    out: list[Session] = []
    bad: list[str] = []
    with gc_paused():
        for row in repo.list():
            session = load_fast(repo, row.id, frame)
            if session is None:
                try:
                    session = repo.load(row.id)
                except StoreError:
                    bad.append(row.id)
                    continue
            out.append(session)
    return out, bad


def _csv_writer(buf: io.StringIO) -> Any:
    return _csv.writer(buf, delimiter=";", lineterminator="\r\n")


def _write_rows(writer: Any, rows: Any) -> None:
    """The rows as :func:`mpa_tui.export.csv.table_csv` writes them; the per-cell work is
    inlined (a plain string only needs the formula-start test)."""
    starts = FORMULA_STARTS
    writer.writerows(
        [(("'" + v if v.startswith(starts) else v) if v.__class__ is str
          else v if isinstance(v, int | float) else neutralise_cell(str(v)))
         for v in row]
        for row in rows)


def _head(headers: Iterable[Any]) -> str:
    buf = io.StringIO()
    _csv_writer(buf).writerow([neutralise_cell(str(h)) for h in headers])
    return BOM + buf.getvalue()


def csv_bytes(table: Table) -> bytes:
    """Exactly :func:`mpa_tui.export.csv.table_csv` (``;``, CRLF, BOM), in fewer steps."""
    buf = io.StringIO()
    _write_rows(_csv_writer(buf), table.rows)
    return (_head(table.headers) + buf.getvalue()).encode("utf-8")


def _getter(pick: list[int]) -> Callable[[Any], list[Any]]:
    return lambda r: [r[i] for i in pick]


@cache
def _csv_plan() -> list[tuple[str, Callable[[Any], Any], list[int], list[int], list[int]]]:
    """Per report CSV file: its table, a getter of the columns it shows, the order of a
    session's rows (indexes into the flat table), and which shown columns are text and
    which are DOUBLE (indexes into the shown columns)."""
    plan = []
    for name, (cols, within) in REPORT_FLAT.items():
        names = [c for c, _ in COLUMNS[name]]
        types = dict(COLUMNS[name])
        plan.append((name, _getter([names.index(c) for c in cols]),
                     [names.index(c) for c in within],
                     [j for j, c in enumerate(cols) if types[c] == "VARCHAR"],
                     [j for j, c in enumerate(cols) if types[c] == "DOUBLE"]))
    return plan


def report_csv_row(rows: Rows) -> list[str] | None:
    """One session's lines of every report CSV file, in the report's order within a
    session (None for a session without rows: trashed).

    Kept in the cache next to the session's rows, so that a report writes its long CSV
    files by joining the chosen sessions' lines in order, without rendering a cell. Each
    value is written as DuckDB gives it back for its column (:func:`csv_bytes` of the
    SQL's rows): text guarded against formulas, DOUBLE as a float, NULL empty (as the
    csv module writes None).
    """
    if not rows["sessions"]:
        return None
    out: list[str] = [rows["sessions"][0][0]]
    starts = FORMULA_STARTS
    for name, pick, within, text, double in _csv_plan():
        got = rows[name]
        if within:
            got = sorted(got, key=lambda r: [r[i] for i in within])
        cells = [pick(r) for r in got]
        for row in cells:
            for j in text:
                v = row[j]
                if v.__class__ is not str:
                    v = row[j] = "" if v is None else str(v)
                if v.startswith(starts):
                    row[j] = "'" + v
            for j in double:
                if row[j] is not None:
                    row[j] = float(row[j])
        buf = io.StringIO()
        _csv_writer(buf).writerows(cells)
        out.append(buf.getvalue())
    return out


REPORT_CSV_COLUMNS = (("session_id", "VARCHAR"), *((name, "BLOB") for name in REPORT_FLAT))
"""The cache's ``report_csv`` table: one row per session, one column per report CSV file
(UTF-8 bytes: joined and written as they are, never decoded)."""


def report_csv_files(con: Any) -> dict[str, bytes]:
    """The report's per-session CSV files for the chosen sessions (``ord_``): each one's
    header, then every session's lines in the report's order.

    Exactly :func:`csv_bytes` of the rows :func:`~mpa_tui.export.report_sql.flat_query`
    gives (a test compares them).
    """
    names = list(REPORT_FLAT)
    cols = ", ".join(f'c."{n}"' for n in names)
    got = con.execute(f"SELECT o.n, {cols} FROM cache.report_csv c JOIN ord_ o "
                      "ON o.session_id = c.session_id").fetchall()
    got.sort(key=lambda r: r[0])  # cheaper here than moving every line through a sort
    return {name: _head(REPORT_FLAT[name][0]).encode("utf-8") + b"".join([r[i] for r in got])
            for i, name in enumerate(names, start=1)}


def write_sheet(wb: Any, name: str, table: Table, fmts: dict[str, Any]) -> Any:
    """Exactly :func:`mpa_tui.export.xlsx.write_table`, without a call per plain cell.

    Integers, floats and plain strings are written directly; anything else (bools,
    dates, None) goes through :func:`~mpa_tui.export.xlsx.write_cell` as before.
    """
    from mpa_tui.export.xlsx import write_cell

    ws = wb.add_worksheet(name)
    rows = table.rows
    for col, head in enumerate(table.headers):
        ws.write_string(0, col, strip_xml_invalid(head), fmts["head"])
        longest = max([len(str(head))] + [len(str(r[col])) for r in rows if col < len(r)])
        ws.set_column(col, col, min(max(8, longest + 2), 60))
    write_number, write_string = ws.write_number, ws.write_string
    fmt_text, fmt_quoted = fmts["text"], fmts["quoted"]
    starts = FORMULA_STARTS
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            cls = value.__class__
            if cls is int or cls is float:
                write_number(r, col, value)
            elif cls is str:
                text = strip_xml_invalid(cast(str, value))[:_XLSX_MAX]
                write_string(r, col, text, fmt_quoted if text.startswith(starts) else fmt_text)
            else:
                write_cell(ws, r, col, value, fmt_text, fmt_quoted)
    ws.freeze_panes(1, 0)
    return ws
