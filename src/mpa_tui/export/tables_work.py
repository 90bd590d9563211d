"""Flattening session files for the cache (:mod:`.tables_cache`), on every core when many.

The first report after an import validates and flattens every file (about 3 ms each, all
of it Python: pydantic's validation, the session's rules, the CSV lines); that work is
independent per file, so past :data:`PARALLEL_MIN` files it is shared out to worker
processes. Workers are started fresh (``spawn``: nothing of the parent, such as an open
DuckDB, is copied into them), read the file themselves and send back its hash and rows.
Whatever a worker cannot take (a file the fast path does not accept) goes back to the
parent, which loads it through the store as always; if the processes cannot be started
at all, everything is done here, one file after the other.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from functools import cache

from mpa_tui.export.tables_schema import Rows

PARALLEL_MIN = 300
"""Fewer files than this are flattened in the calling process: starting a worker
(importing the session model) costs about 0.3 s."""
_MAX_WORKERS = 4
_CHUNK = 25

Flat = tuple[str, str, Rows | None, list[str] | None]
"""(session id, hash of the bytes read, rows, report CSV lines); rows None: not taken."""


def file_hash(raw: bytes) -> str:
    """The hash the cache keeps for a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@cache
def _frame() -> tuple[bytes, bytes]:
    from mpa_tui.export.report_fast import session_frame

    return session_frame()


def flatten_file(job: tuple[str, str]) -> Flat:
    """Read, hash, validate and flatten one session file (``(session id, path)``).

    Rows are None when the file is not a current-schema session file with that id
    (the caller then loads it through the store, which migrates or reports it).
    """
    from mpa_tui.export.report_fast import report_csv_row, session_from_bytes
    from mpa_tui.export.tables_flat import flatten

    sid, path = job
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        raw = b""
    session = session_from_bytes(raw, sid, _frame())
    if session is None:
        return sid, file_hash(raw), None, None
    rows = flatten(session)
    return sid, file_hash(raw), rows, report_csv_row(rows)


def _chunk(jobs: list[tuple[str, str]]) -> list[Flat]:
    from mpa_tui.export.report_fast import gc_paused

    with gc_paused():
        return [flatten_file(job) for job in jobs]


def flatten_files(jobs: list[tuple[str, str]]) -> Iterator[Flat]:
    """:func:`flatten_file` of every job, in worker processes when there are many."""
    workers = min(os.cpu_count() or 1, _MAX_WORKERS)
    if len(jobs) < PARALLEL_MIN or workers < 2:
        yield from map(flatten_file, jobs)
        return
    chunks = [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
    try:
        results = _in_processes(chunks, workers)
    except (OSError, RuntimeError, ImportError):  # no processes here (sandbox, limits)
        results = None
    if results is None:
        yield from map(flatten_file, jobs)
        return
    for got in results:
        yield from got


def _in_processes(chunks: list[list[tuple[str, str]]], workers: int) -> list[list[Flat]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers,
                                 mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(_chunk, chunks))
    except BrokenProcessPool as exc:  # a worker died (memory): the caller does it here
        raise RuntimeError(str(exc)) from exc
